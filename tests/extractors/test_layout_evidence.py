"""The layout model's second opinion on uncaptioned tables: the pure check, and the real model on a real page."""
from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys

import pymupdf
import pytest

from extractors.model import Cell, LayoutBox, TableItem
from extractors.pipeline import ExtractionOptions, extract_document
from extractors.tables import find_tables
from extractors.tables.layout_evidence import check_uncaptioned, layout_shares, needs_layout


def _table(bbox, label=None) -> TableItem:
    return TableItem(page=1, bbox=bbox, cells=(Cell(0, 0, "a"),), n_rows=2, n_cols=2, n_header_rows=1,
                     confidence=0.6, method="t/1", label=label, evidence=(("caption", 0.0),))


def test_shares_of_a_box_covered_by_each_kind() -> None:
    regions = [LayoutBox((0, 0, 100, 50), "text"), LayoutBox((0, 50, 100, 100), "table"),
               LayoutBox((200, 200, 300, 300), "picture")]
    shares = layout_shares((0, 0, 100, 100), regions)
    assert (shares.table, shares.picture, shares.prose) == (0.5, 0.0, 0.5)
    assert not shares.says_prose  # half of it is a table: kept
    assert layout_shares((0, 0, 100, 40), regions).says_prose
    assert layout_shares((0, 0, 0, 10), regions).prose == 0.0  # a degenerate box is no evidence


def test_uncaptioned_prose_is_dropped_and_the_rest_carry_the_shares() -> None:
    prose = _table((0, 0, 100, 100))
    table = _table((0, 200, 100, 300))
    picture = dataclasses.replace(_table((0, 400, 100, 500)), cells=tuple(  # a grid in a picture, every cell filled
        Cell(r, c, "ab"[c]) for r in range(2) for c in range(2)))
    unseen = _table((300, 0, 400, 100))  # the model put nothing there: no evidence against it
    captioned = _table((0, 0, 100, 100), label="Table 1")  # a caption outweighs the model
    regions = [LayoutBox((0, 0, 100, 100), "text"), LayoutBox((0, 200, 100, 300), "table"),
               LayoutBox((0, 400, 100, 500), "picture")]
    kept = check_uncaptioned([prose, table, picture, unseen, captioned], regions)
    assert [t.bbox for t in kept] == [table.bbox, picture.bbox, unseen.bbox, captioned.bbox]
    evidence = [dict(t.evidence) for t in kept]
    assert [(e.get("layout_table"), e.get("layout_picture"), e.get("layout_prose")) for e in evidence] == [
        (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 0.0), (None, None, None)]
    assert needs_layout([captioned, table]) and not needs_layout([captioned])


def test_an_uncaptioned_block_where_the_model_sees_no_table_is_dropped() -> None:
    """A journal's back cover read as columns (a little prose, no table) and a reaction scheme's atom labels over
    a picture (few cells filled) are dropped; a picture holding a grid with every cell filled stays."""
    cover = _table((0, 0, 100, 100))
    scheme = _table((0, 200, 100, 300))  # one cell of four filled
    flow = dataclasses.replace(_table((0, 400, 100, 500)), cells=tuple(
        Cell(r, c, "ab"[c]) for r in range(2) for c in range(2)))
    regions = [LayoutBox((0, 0, 100, 10), "text"), LayoutBox((0, 200, 100, 300), "picture"),
               LayoutBox((0, 400, 100, 500), "picture")]
    assert [t.bbox for t in check_uncaptioned([cover, scheme, flow], regions)] == [flow.bbox]


def test_an_uncaptioned_table_of_numbers_is_never_taken_for_prose() -> None:
    numbers = dataclasses.replace(_table((0, 0, 100, 100)), cells=(
        Cell(0, 0, "Run", is_header=True), Cell(1, 0, "1", value=1.0), Cell(1, 1, "2.5", value=2.5), Cell(2, 0, "n/a")))
    regions = [LayoutBox((0, 0, 100, 100), "text")]  # the model calls the block prose: a table of numbers stays
    assert not needs_layout([numbers]) and check_uncaptioned([numbers], regions) == [numbers]
    words = dataclasses.replace(numbers, cells=numbers.cells[:2] + (Cell(1, 1, "steel"), Cell(2, 0, "n/a")))
    assert needs_layout([words]) and check_uncaptioned([words], regions) == []


def _paragraph(page, y: float, lines: int,  # type: ignore[no-untyped-def]
               text: str = "an ordinary paragraph of running text that fills the column width.") -> float:
    """Lines of running text from height y, 13 pt apart; returns the height below them."""
    for i in range(lines):
        page.insert_text((72, y), f"This is line {i} of {text}", fontsize=10)
        y += 13
    return y


MATERIALS = ("steel", "copper", "brass")


@pytest.fixture(scope="module")
def uncaptioned_table_pdf(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A paragraph, then a ruled table of words with no caption (a table of numbers is never prose: unchecked)."""
    path = tmp_path_factory.mktemp("layout") / "uncaptioned.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 80
    y = _paragraph(page, y, 12)
    y += 20
    page.draw_line((72, y), (540, y))
    y += 14
    for r in range(8):
        cells = ["Sample", "Material", "Treatment", "Result"] if r == 0 else [f"S{r}", MATERIALS[r % 3], "annealed",
                                                                              "passed" if r % 2 else "failed"]
        for c, text in enumerate(cells):
            page.insert_text((80 + c * 115, y), text, fontsize=10)
        y += 14
        if r == 0:
            page.draw_line((72, y - 10), (540, y - 10))
    page.draw_line((72, y - 8), (540, y - 8))
    doc.save(path)
    return path


def test_the_real_model_sees_the_table_and_the_pipeline_keeps_it(uncaptioned_table_pdf) -> None:
    result = extract_document(uncaptioned_table_pdf)
    assert [(t.label, t.n_rows, t.n_cols) for t in result.tables] == [(None, 8, 4)]
    evidence = dict(result.tables[0].evidence)
    assert evidence["layout_table"] >= 0.5 and evidence["layout_prose"] < 0.5  # its box hugs the words
    assert result.page_paths == ("vector + pymupdf-layout/2.0",)
    off = extract_document(uncaptioned_table_pdf, ExtractionOptions(layout=False))
    assert off.page_paths == ("vector",) and "layout_table" not in dict(off.tables[0].evidence)


def test_loading_the_model_keeps_the_glyph_boxes_and_only_when_asked() -> None:
    code = ("import sys, extractors.pipeline, pymupdf; before = sys.modules.get('pymupdf.layout'); "
            "from extractors.layout_model import layout_model; info = layout_model(); "
            "print(before, info.name, bool(pymupdf.TOOLS.unset_quad_corrections()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["None", "pymupdf-layout", "True"]


# ----------------------------------------------------------------------------- tables the finders missed
def _form_pdf(path, *, caption: str | None = None):  # type: ignore[no-untyped-def]
    """A fill-in form drawn as filled cells with white gaps, no rules, body columns still empty: the
    finders reject it (one column of text), PyMuPDF's layout model calls it a table."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 80
    y = _paragraph(page, y, 8)
    y += 20
    if caption:
        page.insert_text((72, y), caption, fontsize=10)
        y += 14
    rows = [["", "Mitosis", "Meiosis"], ["# chromosomes in parent cells", "", ""], ["# DNA replications", "", ""],
            ["# nuclear divisions", "", ""], ["# daughter cells produced", "", ""], ["purpose", "", ""]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            x = 72 + 180 * c
            shade = (0.85, 0.93, 1.0) if (r == 0 or c == 0) else (0.93, 0.93, 0.93)
            page.draw_rect(pymupdf.Rect(x, y, x + 178, y + 24), color=None, fill=shade)
            page.insert_text((x + 4, y + 15), text, fontsize=10)
        y += 26
    y += 20
    y = _paragraph(page, y, 8, "another paragraph of running text.")
    doc.save(path)
    return path


def test_a_table_of_filled_cells_the_finders_missed_is_read_where_the_model_sees_it(tmp_path) -> None:
    pdf = _form_pdf(tmp_path / "form.pdf")
    without = extract_document(pdf, ExtractionOptions(layout=False))
    assert without.tables == () and [f.kind for f in without.figures] == ["diagram"]
    result = extract_document(pdf)
    assert [(t.n_rows, t.n_cols, t.n_header_rows) for t in result.tables] == [(6, 3, 1)]
    grid = {(c.row, c.col): c.text for c in result.tables[0].cells}
    assert [grid[(r, 0)] for r in range(1, 6)] == ["# chromosomes in parent cells", "# DNA replications",
                                                   "# nuclear divisions", "# daughter cells produced", "purpose"]
    assert (grid[(0, 1)], grid[(0, 2)], grid[(3, 2)]) == ("Mitosis", "Meiosis", "")
    assert dict(result.tables[0].evidence)["layout_anchored"] == 1.0
    assert result.figures == ()  # the cell shading is the table's, not a diagram
    assert result.page_paths == ("vector + pymupdf-layout/2.0",)


def test_an_unclaimed_table_caption_labels_the_table_the_model_found(tmp_path) -> None:
    pdf = _form_pdf(tmp_path / "form.pdf", caption="Table 2. Comparing mitosis and meiosis.")
    result = extract_document(pdf)
    assert [(t.label, t.caption, t.n_cols) for t in result.tables] == [
        ("Table 2", "Comparing mitosis and meiosis.", 3)]


def test_cell_fill_edges_are_the_boundaries_between_filled_cells(tmp_path) -> None:
    from extractors.pdf_reader import read_page
    from extractors.tables.layout_regions import cell_fill_edges

    page = read_page(pymupdf.open(_form_pdf(tmp_path / "form.pdf"))[0])
    edges = cell_fill_edges(page, (70, 200, 620, 370))
    verticals = sorted(round((r.bbox[0] + r.bbox[2]) / 2) for r in edges if not r.horizontal)
    horizontals = sorted(round((r.bbox[1] + r.bbox[3]) / 2) for r in edges if r.horizontal)
    assert verticals == [72, 251, 431, 610]  # outer edges and the two white gaps, each gap one boundary
    assert len(horizontals) == 7 and all(25 <= b - a <= 26 for a, b in itertools.pairwise(horizontals))
    assert cell_fill_edges(page, (70, 60, 620, 190)) == ()  # the paragraph above has no filled cells


def _cut_table_pdf(path):  # type: ignore[no-untyped-def]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 100), "Table 1. Recruitment strategies and their outcomes in the trials.", fontsize=10)
    y = 116
    page.draw_line((72, y - 10), (540, y - 10))
    rows = [("Strategy", "Outcome"), ("Posters in clinics", "12"), ("Letters to practitioners", "40"),
            ("Newspaper advertisement", "7"), ("Radio interviews", "3"), ("Word of mouth", "22")]
    for r, (a, b) in enumerate(rows):
        page.insert_text((76, y), a, fontsize=9)
        page.insert_text((420, y), b, fontsize=9)
        y += 13
        if r == 0:
            page.draw_line((72, y - 9), (540, y - 9))
    doc.save(path)
    return path


def test_a_table_cut_short_is_read_again_over_the_layout_models_extent(tmp_path) -> None:
    from extractors.captions import find_captions
    from extractors.pdf_reader import read_page
    from extractors.tables import extend_to_layout, find_tables_in_boxes
    from extractors.tables.layout_regions import may_be_cut_short

    page = read_page(pymupdf.open(_cut_table_pdf(tmp_path / "cut.pdf"))[0])
    captions = find_captions(page)
    whole = find_tables(page, captions)[0]
    assert (whole.label, whole.n_rows, whole.n_cols) == ("Table 1", 6, 2)
    # the first three rows only, as a collection that stopped at a prose-like row leaves a table
    cut = find_tables_in_boxes(page, [(72, 104, 540, 140)], captions)[0]
    assert (cut.label, cut.n_rows) == ("Table 1", 3)
    assert may_be_cut_short(page, cut, captions) and not may_be_cut_short(page, whole, captions)
    longer = extend_to_layout(page, cut, [(74, 104, 480, 184)], captions)
    assert (longer.label, longer.n_rows, longer.n_cols) == ("Table 1", 6, 2)
    assert [c.text for c in longer.cells if c.row == 5] == ["Word of mouth", "22"]
    assert dict(longer.evidence)["layout_extended"] == 3.0 and "layout_anchored" not in dict(longer.evidence)
    assert extend_to_layout(page, cut, [(300, 600, 400, 700)], captions) is cut  # a box elsewhere changes nothing


def test_the_model_reopened_with_one_thread_finds_the_same_regions(uncaptioned_table_pdf) -> None:
    from extractors.layout_model import page_layout, use_threads

    def regions():  # type: ignore[no-untyped-def]
        with pymupdf.open(uncaptioned_table_pdf) as doc:
            return page_layout(doc[0])

    default = regions()
    assert use_threads(1) >= 2  # at least the layout network and its image features
    assert regions() == default and any(r.kind == "table" for r in default)
    assert use_threads(1) == 0  # already so: nothing re-opened


def test_pieces_inside_a_table_read_over_the_models_extent_go() -> None:
    from extractors.pipeline import _without_swallowed

    whole = dataclasses.replace(_table((50, 100, 540, 680), label="Table 2"),
                                evidence=(("caption", 1.0), ("layout_anchored", 1.0)))
    piece = _table((57, 327, 521, 376))  # rows of Table 2 the vector finders read apart (realdev R06)
    elsewhere = _table((57, 700, 521, 760))
    captioned_inside = _table((60, 400, 500, 450), label="Table 3")
    assert _without_swallowed([whole, piece, elsewhere, captioned_inside]) == [whole, elsewhere, captioned_inside]
    plain = dataclasses.replace(whole, evidence=(("caption", 1.0),))  # found by the finders alone: no say
    assert _without_swallowed([plain, piece]) == [plain, piece]
