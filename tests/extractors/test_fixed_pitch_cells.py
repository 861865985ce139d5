"""Tables set in a fixed-pitch font (Courier, \\texttt): a space is 0.6 em wide, as wide as the gap that
starts a new cell in proportional type, so `12.5 ± 0.3`, `Wet season` and a note's words fell into cells of
their own. A generated family: sizes, column gaps (0.8-2 em), values with inner spaces, a starred note."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

LABELS = ["Wet season", "Site A", "Low dose", "Pt/C", "Day 14", "Control group"]


def _value(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.uniform(1, 99):.1f} ± {rng.uniform(0.1, 5):.1f}"
    if kind == 1:
        return f"{rng.uniform(1, 9):.1f} × 10"
    if kind == 2:
        return f"{rng.uniform(0, 100):.1f} %"
    return f"{rng.uniform(0, 999):.2f}"


def _courier_table(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    size = rng.uniform(7.5, 9.5)
    n_cols = rng.randint(3, 5)
    grid = [["Sample"] + [rng.choice(["Yield", "Flux", "Depth", "Ratio", "Stress"]) for _ in range(n_cols - 1)]]
    for _ in range(rng.randint(3, 6)):
        grid.append([rng.choice(LABELS)] + [_value(rng) for _ in range(n_cols - 1)])
    char = 0.6 * size
    widths = [max(len(row[c]) for row in grid) * char + rng.uniform(0.8, 2.0) * size for c in range(n_cols)]
    left, top, pitch = 60.0, 120.0, 1.5 * size
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((left, top - 2 * size), "Table 2: Yields per sample.", fontsize=9)
    for r, row in enumerate(grid):
        x = left
        for c, text in enumerate(row):
            page.insert_text((x, top + r * pitch), text, fontsize=size, fontname="cour")
            x += widths[c]
    right = left + sum(widths)
    page.draw_line((left, top - 1.2 * size), (right, top - 1.2 * size), width=0.8)
    page.draw_line((left, top + 0.5 * size), (right, top + 0.5 * size), width=0.5)
    bottom = top + (len(grid) - 0.5) * pitch
    page.draw_line((left, bottom), (right, bottom), width=0.8)
    page.insert_text((left, bottom + 1.4 * size), "* p < 0.05 compared with the control.", fontsize=size,
                     fontname="cour")
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(10))
def test_fixed_pitch_cells_keep_their_spaces(seed: int) -> None:
    pdf, grid = _courier_table(seed)
    table = only_table(pdf)
    assert (table.n_rows, table.n_cols) == (len(grid), len(grid[0]))
    read = {(c.row, c.col): c.text for c in table.cells}
    assert [[read.get((r, c)) for c in range(len(grid[0]))] for r in range(len(grid))] == grid
