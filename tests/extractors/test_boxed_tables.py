"""A fully ruled (boxed) table in one column of a two-column page, its caption below it, right under a
paragraph whose last line is short (REVTeX, CoNLL): the paragraph's line above the box is not a row, and a
table set a little wider than its column (its last head reaching into the gutter) keeps its last heads.
Generated with two to four columns, three to six rows, and the box in the left or the right column."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

PROSE = "the fit was performed with the following yield models and independent scaling factors"
HEADS = ["Model", "chi2/DOF", "no capture", "parameters", "Features", "Weight"]


def _page(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    n_cols, n_rows = rng.randint(2, 4), rng.randint(3, 6)
    left = rng.random() < 0.5
    x0 = 54.0 if left else 317.0
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for column_x in (54.0, 317.0):  # two columns of running text, 245 pt wide
        for i in range(30):
            if column_x == x0 and 25 <= i:
                continue
            page.insert_text((column_x, 70 + 11 * i), f"{PROSE} {i}"[:58], fontsize=9)
    page.insert_text((x0, 70 + 11 * 25), "lower width otherwise.", fontsize=9)  # a paragraph's short last line
    width = 245.0 + (14.0 if left else 0.0)  # the left column's table reaches 14 pt into the gutter
    col = width / n_cols
    top, row_h = 70 + 11 * 25 + 6, 13.0
    grid = [HEADS[:n_cols - 1] + [HEADS[n_cols + 1]] if n_cols > 2 else HEADS[:2]]
    grid += [[f"{rng.randint(100, 999)}.{rng.randint(0, 9)}" for _ in range(n_cols)] for _ in range(n_rows)]
    for r in range(len(grid) + 1):
        page.draw_line((x0, top + row_h * r), (x0 + width, top + row_h * r), width=0.4)
    for c in range(n_cols + 1):
        page.draw_line((x0 + col * c, top), (x0 + col * c, top + row_h * len(grid)), width=0.4)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):  # the last column set flush right, up to the box's edge
            x = x0 + col * c + 3 if c < n_cols - 1 else x0 + width - 2 - pymupdf.get_text_length(text, fontsize=8)
            page.insert_text((x, top + row_h * r + 10), text, fontsize=8)
    caption_y = top + row_h * len(grid) + 16
    page.insert_text((x0, caption_y), f"TABLE {seed + 1}. Best-fit values for several yield models.", fontsize=9)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(6))
def test_a_boxed_table_keeps_to_its_box(seed: int) -> None:
    pdf, grid = _page(seed)
    [table] = [t for t in extract_document(pdf).tables if t.label]
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert (table.n_rows, table.n_cols) == (len(grid), len(grid[0]))
    assert [[cells.get((r, c), "") for c in range(table.n_cols)] for r in range(table.n_rows)] == grid
