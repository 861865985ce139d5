"""Author blocks and front matter are not tables: the content rule, and a first page read whole."""
from __future__ import annotations

import pymupdf

from extractors.model import Cell, TableItem
from extractors.pipeline import ExtractionOptions, extract_document
from extractors.tables.front_matter import is_front_matter


def _table(rows: list[list[str]], label: str | None = None) -> TableItem:
    cells = tuple(Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    return TableItem(page=1, bbox=(0, 0, 100, 100), cells=cells, n_rows=len(rows), n_cols=len(rows[0]),
                     n_header_rows=0, confidence=0.6, method="t/1", label=label)


AUTHORS = [["Lena Andersen¹", "Qing Müller²", "Viktor Novak³"],
           ["Department of Chemistry, Tohoku", "Institute of Physics, ETH", "School of Computing, National"],
           ["lena@tohoku.ac.jp", "qing@phys.ethz.ch", "viktor@comp.nus.edu"]]


def test_names_affiliations_and_emails_are_front_matter_numbers_and_captions_are_not() -> None:
    assert is_front_matter(_table(AUTHORS))
    assert not is_front_matter(_table(AUTHORS, label="Table 1"))  # a captioned table of authors is a table
    study = [["Site", "Lead", "Samples"], ["Department of Chemistry", "Lena Andersen", "120"],
             ["Institute of Physics", "Qing Müller", "85"], ["School of Computing", "Viktor Novak", "42"]]
    assert not is_front_matter(_table(study))  # its numbers make it data
    results = [["Model", "Accuracy"], ["Baseline", "0.81"], ["Ours", "0.93"]]
    assert not is_front_matter(_table(results))


def test_a_first_page_author_block_is_not_published_as_a_table(tmp_path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((140, 60), "Thermal conductivity of porous ceramics", fontsize=16)
    for r, row in enumerate(AUTHORS):
        for c, text in enumerate(row):
            page.insert_text((72 + 170 * c, 100 + 13 * r), text.replace("¹", "1").replace("²", "2").replace("³", "3"),
                             fontsize=9)
    y = 170
    for i in range(20):
        page.insert_text((72, y), f"Line {i} of the abstract, which runs across the whole width of the text block.",
                         fontsize=10)
        y += 13
    path = tmp_path / "authors.pdf"
    doc.save(path)
    assert extract_document(path, ExtractionOptions(layout=False)).tables == ()  # the rule alone, no model


def test_an_affiliation_wrapped_into_one_cell_with_its_email_is_still_an_author_block() -> None:
    """Once a wrapped text cell is read as one cell, an affiliation and its e-mail share a cell: two entries."""
    merged = [["Geochim. Cosmochim. Acta 86 (2017)", "", "1"], ["Long-term monitoring of alpine lakes", "", ""],
              ["Bruno Kim", "Pedro Tanaka2", ""],
              ["Lab of Materials, Tohoku University, Japan bruno@inst.edu",
               "Department of Chemistry, University of Oslo, Norway pedro@inst.edu", ""]]
    assert is_front_matter(_table(merged))


def test_a_first_page_block_cut_into_word_columns_is_front_matter_elsewhere_it_takes_the_shape_rule() -> None:
    words = [["Thermal conductivity of porous ceramics", "", "", "", "", ""],
             ["", "Goran Kim1", "", "", "Olga Tanaka2", ""],
             ["Max Planck", "Institute,", "Mainz,", "Germany", "Centre", "for"],
             ["", "goran@uni.edu", "", "", "Town,", ""]]
    assert is_front_matter(_table(words))
    later = TableItem(page=4, bbox=(0, 0, 100, 100), cells=_table(words).cells, n_rows=4, n_cols=6,
                      n_header_rows=0, confidence=0.6, method="t/1")
    assert not is_front_matter(later)


def test_a_first_pages_article_info_column_beside_the_abstract_is_front_matter() -> None:
    """Elsevier's layout: "Article history" and "Keywords" stacked left of the abstract, which the aligned
    finder reads as a two-column table (realdev R07)."""
    abstract = "Detection of external irritants by head nociceptor neurons has deep evolutionary roots and"
    info = ["Article history:", "Received 19 March 2014", "Accepted 24 September 2014", "Keywords:", "Formalin",
            "Trigeminal ganglion"]
    rows = [[text, abstract] for text in info]
    assert is_front_matter(_table(rows))
    later = TableItem(**{**_table(rows).__dict__, "page": 2})
    assert not is_front_matter(later)  # only a first page's
    measured = [["Received", "12"], ["Accepted", "9"], ["Rejected", "4"]]
    assert not is_front_matter(_table(measured))  # one heading word is no article-info column
