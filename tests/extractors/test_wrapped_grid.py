"""Tables whose rules close the rows and whose cells wrap over many lines: one row per ruled row, however many
lines a cell holds (DP-Bench 120 and 147: 3 rows read as 15, 4 as 19). A family: drawn grids with cells of 2
to 14 lines and a wrapped label, open tables (no vertical rules) ruled between rows whose label wraps too. Open
tables whose rows all wrap, or run to 8 lines and more, are still read a line per row or split."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.pdf_reader import read_page
from extractors.tables import find_tables

TEXT = ("the initiative supports schools that teach sustainable development and it trains teaching teams to "
        "deploy new practices from kindergarten to high school with local partners").split()


LABEL_LINES = ["https://www.eco", "ecole.org/le", "programme/", "(see annex)", "and partners"]  # a wrapped label


def _wrapped(n_lines: int, offset: int) -> list[str]:
    words = [TEXT[(offset + i) % len(TEXT)] for i in range(4 * n_lines)]
    return [" ".join(words[4 * i:4 * i + 4]) for i in range(n_lines)]


def _table(lines_per_row: list[int], framed: bool) -> pymupdf.Page:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    xs = [72, 170, 220, 400, 540]  # column edges: label, year, description, issues
    top = y = 80.0
    page.draw_line((xs[0], y), (xs[-1], y), width=0.6)
    rows_bottom = []
    header = ["Source", "Year", "Description of the initiative", "Issues addressed"]
    for r, n in enumerate([1, *lines_per_row]):
        cells = [[h] for h in header] if r == 0 else [
            [f"Programme {r}", *LABEL_LINES[:max(0, n // 2 - 1)]], [f"{2000 + r}"], _wrapped(n, 3 * r),
            _wrapped(max(1, n - 1), 5 * r)]
        for c, lines in enumerate(cells):
            for k, text in enumerate(lines):
                page.insert_text((xs[c] + 4, y + 11 + 11 * k), text, fontsize=8.5)
        y += 11 * max(len(lines) for lines in cells) + 6
        page.draw_line((xs[0], y), (xs[-1], y), width=0.6)
        rows_bottom.append(y)
    if framed:
        for x in xs:
            page.draw_line((x, top), (x, y), width=0.6)
    page.insert_text((72, y + 30), "The initiatives above were collected from the partners.", fontsize=10)
    return doc[0]


@pytest.mark.parametrize("lines_per_row, framed", [([3, 2], True), ([8, 5, 3], True), ([14, 9, 12], True),
                                                   ([3, 2], False), ([4, 3, 2], False), ([5, 4, 3], False)])
def test_each_ruled_row_is_one_row_however_many_lines_its_cells_wrap_over(lines_per_row, framed) -> None:
    page = read_page(_table(lines_per_row, framed))
    tables = find_tables(page, [])
    assert [(t.n_rows, t.n_cols) for t in tables] == [(1 + len(lines_per_row), 4)]
    grid = {(c.row, c.col): c.text for c in tables[0].cells}
    for r, n in enumerate(lines_per_row, start=1):
        assert grid[(r, 0)] == " ".join([f"Programme {r}", *LABEL_LINES[:max(0, n // 2 - 1)]])
        assert grid[(r, 1)] == f"{2000 + r}"
        assert grid[(r, 2)] == " ".join(_wrapped(n, 3 * r))
