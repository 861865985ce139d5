"""Ranges set on tab stops (LaTeX `r@{ .. }l`, realdev R21's "0 .. 19"): the low end, the sign and the high end
line up as three columns of their own, but they are one cell under one head. A column of dashes with a head of
its own (values not available) stays a column. Generated with two to five rows and three range signs."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

SIGNS = ["..", "-", "to"]


def _page(seed: int, dashes_column: bool = False) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    sign = SIGNS[seed % len(SIGNS)]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((116, 66), f"Table {seed + 1}: Distribution of tablet servers per cluster.", fontsize=9)
    page.draw_line((114, 74), (400, 74), width=0.5)
    heads = ["# of tablet servers", "# of clusters"] + (["Share"] if dashes_column else [])
    page.insert_text((116, 84), heads[0], fontsize=9)
    page.insert_text((260, 84), heads[1], fontsize=9)
    if dashes_column:
        page.insert_text((350, 84), heads[2], fontsize=9)
    page.draw_line((114, 88), (400, 88), width=0.3)
    grid, low, y = [heads], 0, 100.0
    for _ in range(rng.randint(2, 5)):
        high = low + rng.randint(9, 400)
        low_text, high_text = str(low), str(high)
        page.insert_text((140 - pymupdf.get_text_length(low_text, fontsize=9), y), low_text, fontsize=9)
        page.insert_text((150, y), sign, fontsize=9)
        page.insert_text((175, y), high_text, fontsize=9)
        count = str(rng.randint(1, 300))
        page.insert_text((300 - pymupdf.get_text_length(count, fontsize=9), y), count, fontsize=9)
        row = [f"{low_text} {sign} {high_text}", count]
        if dashes_column:
            page.insert_text((360, y), "-", fontsize=9)
            row.append("-")
        grid.append(row)
        low, y = high + 1, y + 11
    page.draw_line((114, y - 6), (400, y - 6), width=0.5)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(6))
def test_a_range_on_tab_stops_is_one_cell(seed: int) -> None:
    pdf, grid = _page(seed)
    [table] = extract_document(pdf).tables
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert [[cells.get((r, c), "") for c in range(table.n_cols)] for r in range(table.n_rows)] == grid


@pytest.mark.parametrize("seed", range(3))
def test_a_column_of_dashes_under_its_own_head_stays(seed: int) -> None:
    pdf, grid = _page(seed, dashes_column=True)
    [table] = extract_document(pdf).tables
    assert table.n_cols == 3
    assert [c.text for c in table.cells if c.col == 2 and c.row > 0] == ["-"] * (len(grid) - 1)
