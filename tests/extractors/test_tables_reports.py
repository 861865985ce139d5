"""Tables as statistical reports print them: no captions, cell-by-cell rules, wrapped labels.

Each PDF is built here with PyMuPDF, the way such reports are drawn, and read back as a reader sees it.
"""
from pathlib import Path

import pymupdf

from extractors.numbers import parse_cell
from extractors.pipeline import extract_document

PROSE = "The survey covered every region and the results below summarise the replies received in 2019."


def _grid(table):
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def _right(page, x_right, y, text, size=9):
    width = pymupdf.get_text_length(text, fontname="helv", fontsize=size)
    page.insert_text((x_right - width, y), text, fontsize=size, fontname="helv")


def _ruled_table(page, top, rows, xs=(80, 250, 350, 450)):
    """Rows of (label, values...) with every row rule drawn cell by cell, values right-aligned."""
    y = top
    for row in rows:
        for a, b in zip(xs, xs[1:] + (xs[-1] + 100,)):
            page.draw_line((a, y), (b - 1, y), width=0.5)  # one piece per cell
        page.insert_text((xs[0] + 3, y + 11), row[0], fontsize=9, fontname="helv")
        for x, value in zip(xs[2:] + (xs[-1] + 100,), row[1:]):
            _right(page, x - 5, y + 11, value)
        y += 15
    for a, b in zip(xs, xs[1:] + (xs[-1] + 100,)):
        page.draw_line((a, y), (b - 1, y), width=0.5)
    return y


def test_uncaptioned_aligned_table_between_paragraphs(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), PROSE, fontsize=9, fontname="helv")
    y = 110
    page.insert_text((80, y), "Region", fontsize=9, fontname="helv")
    for x, head in ((300, "2019"), (400, "2020"), (500, "Change")):
        _right(page, x, y, head)
    data = [("North", "10 000", "12 500", "25.0"), ("South", "8 200", "7 900", "-3.7"),
            ("East", "150 000", "151 000", "0.7"), ("West", "2 750", "3 100", "12.7")]
    for label, *values in data:
        y += 14
        page.insert_text((80, y), label, fontsize=9, fontname="helv")
        for x, value in zip((300, 400, 500), values):
            _right(page, x, y, value)
    page.insert_text((72, y + 40), PROSE, fontsize=9, fontname="helv")
    path = tmp_path / "aligned.pdf"
    doc.save(path)

    (table,) = extract_document(path).tables
    assert table.label is None and table.caption is None
    assert _grid(table) == [["Region", "2019", "2020", "Change"]] + [list(row) for row in data]
    values = {(c.row, c.col): c.value for c in table.cells}
    assert values[(1, 1)] == 10000.0 and values[(3, 1)] == 150000.0


def test_row_ruled_tables_stacked_down_a_page_stay_apart(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((250, 70), "Greenhouse gases", fontsize=11, fontname="hebo")
    end = _ruled_table(page, 80, [("Substance", "to air", "to water"), ("Methane", "100 000", "-"),
                                  ("Carbon dioxide", "100", "-"), ("Nitrous oxide", "10 000", "-")])
    page.insert_text((270, end + 30), "Heavy metals", fontsize=11, fontname="hebo")
    _ruled_table(page, end + 40, [("Substance", "to air", "to water"), ("Arsenic", "20", "5"),
                                  ("Cadmium", "10", "5"), ("Lead", "200", "20"), ("Zinc", "200", "100")])
    path = tmp_path / "stacked.pdf"
    doc.save(path)

    tables = extract_document(path).tables
    assert [t.n_rows for t in tables] == [4, 5]
    assert _grid(tables[0])[0] == ["Substance", "to air", "to water"]
    assert _grid(tables[1])[-1] == ["Zinc", "200", "100"]
    assert all("Heavy metals" not in c.text for t in tables for c in t.cells)


def test_wrapped_header_lines_and_wrapped_labels_are_one_cell(tmp_path: Path):
    doc = pymupdf.open()
    page = doc.new_page()
    heads = [("per capita", "GNP ($000)", "1995"), ("population", "1995 (mn)", ""), ("retail", "outlets", "(000)")]
    for k, lines in enumerate(heads):
        for i, text in enumerate(lines):
            if text:
                _right(page, 260 + 80 * k, 100 + 11 * i, text)
    rows = [("Germany", "27.5", "81.9", "415.3"), ("France", "25.0", "58.1", "343.4")]
    y = 100 + 11 * 3 + 4
    for label, *values in rows:
        page.insert_text((72, y), label, fontsize=9, fontname="helv")
        for k, value in enumerate(values):
            _right(page, 260 + 80 * k, y, value)
        y += 13
    # a label wrapping over two lines, its values on the first line
    page.insert_text((72, y), "United Kingdom and", fontsize=9, fontname="helv")
    for k, value in enumerate(("18.7", "58.6", "289.9")):
        _right(page, 260 + 80 * k, y, value)
    page.insert_text((72, y + 10), "(overseas territories)", fontsize=9, fontname="helv")
    y += 23
    page.insert_text((72, y), "Italy", fontsize=9, fontname="helv")
    for k, value in enumerate(("19.9", "57.2", "930.5")):
        _right(page, 260 + 80 * k, y, value)
    path = tmp_path / "wrapped.pdf"
    doc.save(path)

    (table,) = extract_document(path).tables
    grid = _grid(table)
    assert grid[0] == ["", "per capita GNP ($000) 1995", "population 1995 (mn)", "retail outlets (000)"]
    assert table.n_header_rows == 1
    assert grid[3] == ["United Kingdom and (overseas territories)", "18.7", "58.6", "289.9"]
    assert grid[4][0] == "Italy" and len(grid) == 5


def test_space_grouped_thousands_are_numbers():
    assert parse_cell("10 000").value == 10000.0
    assert parse_cell("1 250 000").value == 1250000.0
    assert parse_cell("1 2").value is None
