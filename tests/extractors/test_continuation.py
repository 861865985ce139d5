"""A table that runs over a page break is two parts, the second linked to the first."""
from pathlib import Path

import pymupdf

from extractors.pipeline import extract_document


def _rows(page, top, rows):
    page.draw_line((90, top - 12), (520, top - 12), width=0.8)
    for i, row in enumerate(rows):
        for x, text in zip((95, 260, 420), row):
            page.insert_text((x, top + 14 * i), text, fontsize=9, fontname="helv")
        if i == 0:
            page.draw_line((90, top + 4), (520, top + 4), width=0.4)
    page.draw_line((90, top + 14 * len(rows) - 8), (520, top + 14 * len(rows) - 8), width=0.8)


def test_part_on_the_next_page_repeating_the_header_is_linked(tmp_path: Path):
    header = ("Sample", "Mass (g)", "Volume (mL)")
    doc = pymupdf.open()
    first = doc.new_page()
    first.insert_text((90, 600), "Table 2: Masses and volumes of all samples.", fontsize=10, fontname="helv")
    _rows(first, 630, [header] + [(f"S{i}", f"{i}.5", f"{2 * i}.0") for i in range(1, 8)])
    second = doc.new_page()
    _rows(second, 90, [header] + [(f"S{i}", f"{i}.5", f"{2 * i}.0") for i in range(8, 12)])
    second.insert_text((72, 200), "The measurements in the table above were repeated three times by two operators.",
                       fontsize=10, fontname="helv")
    path = tmp_path / "continued.pdf"
    doc.save(path)

    tables = extract_document(path).tables
    assert [t.page for t in tables] == [1, 2]
    assert tables[0].continued_from is None
    assert tables[1].continued_from == 0
    assert tables[1].label == "Table 2"
    assert tables[1].n_rows == 5


def _part(page: int, label: str | None, n_cols: int, top: float, bottom: float):
    from extractors.model import Cell, TableItem

    cells = tuple(Cell(r, c, f"{page}.{r}.{c}") for r in range(3) for c in range(n_cols))
    return TableItem(page=page, bbox=(60, top, 540, bottom), cells=cells, n_rows=3, n_cols=n_cols,
                     n_header_rows=1, confidence=0.9, method="t/1", label=label)


def test_the_same_label_links_parts_whose_column_counts_differ_and_says_so():
    from extractors.continuation import link_continued_tables

    heights = [842.0, 842.0]
    linked = link_continued_tables([_part(1, "Table 3", 6, 500, 800), _part(2, "Table 3", 7, 60, 300)], heights)
    assert linked[1].continued_from == 0
    assert dict(linked[1].evidence)["continued_width_differs"] == 1.0
    unlabelled = link_continued_tables([_part(1, "Table 3", 6, 500, 800), _part(2, None, 7, 60, 300)], heights)
    assert unlabelled[1].continued_from is None  # without the label, a width change is a new table
    other = link_continued_tables([_part(1, "Table 3", 6, 500, 800), _part(2, "Table 4", 7, 60, 300)], heights)
    assert other[1].continued_from is None


def test_a_part_that_does_not_repeat_the_header_starts_with_body_rows(tmp_path: Path):
    """The second part opens with a section row (`Other`) or a first row of values, not the header: its
    rows are all body rows, so the merged table keeps them (they were dropped as the part's header)."""
    header = ("Site", "Mass (g)", "Volume (mL)")
    for first_row in [("Other", "", ""), ("S8", "8.5", "16.0")]:
        doc = pymupdf.open()
        first = doc.new_page()
        first.insert_text((90, 600), "Table 3: Masses and volumes of all sites.", fontsize=10, fontname="helv")
        _rows(first, 630, [header] + [(f"S{i}", f"{i}.5", f"{2 * i}.0") for i in range(1, 8)])
        second = doc.new_page()
        second.insert_text((90, 66), "Table 3 (continued)", fontsize=10, fontname="helv")
        _rows(second, 90, [first_row] + [(f"S{i}", f"{i}.5", f"{2 * i}.0") for i in range(9, 12)])
        path = tmp_path / "continued_without_header.pdf"
        doc.save(path)

        tables = extract_document(path).tables
        assert [t.continued_from for t in tables] == [None, 0]
        assert (tables[0].n_header_rows, tables[1].n_header_rows, tables[1].n_rows) == (1, 0, 4)
        assert not any(cell.is_header for cell in tables[1].cells)
