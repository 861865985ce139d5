"""A header row filled cell by cell (colortbl's `\\rowcolor`: one rectangle a cell, abutting or a vertical rule's
stroke apart, no rule under it) reads apart from the first row group under it (ULSA Table 3: the green heads and
the five rows of `Baseline 1` up to the first group rule were read as one row). Generated with PyMuPDF: fonts,
sizes, fill colours, column counts, group sizes, vertical rules between the columns or none, the caption above."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

HEADS = ["Model", "Precision", "Recall", "F1 score", "Support", "Accuracy"]
GROUPS = ["Baseline 1", "Baseline 2", "bi-LSTM", "CRF", "BERT"]
SUBS = ["solid-state", "sol-gel", "hydrothermal", "precipitation", "combustion"]
COLOURS = [(0.59, 0.80, 0.44), (0.75, 0.85, 0.95), (0.85, 0.85, 0.85), (0.98, 0.85, 0.6)]


def _page(seed: int) -> tuple[bytes, list[str], list[str]]:
    """The PDF, the header's cells and the body rows' first cells, top to bottom."""
    rng = random.Random(f"filled-header-rows/{seed}")
    size, font = rng.choice([9.0, 10.0, 11.0]), rng.choice(["tiro", "helv"])
    n_cols = rng.choice([3, 4, 5])
    widths = [rng.uniform(80, 100)] + [rng.uniform(45, 65) for _ in range(n_cols - 1)]
    x0 = 140.0
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    pitch = rng.uniform(1.6, 2.0) * size  # rows padded as \\arraystretch sets them
    verticals = rng.random() < 0.6
    colour = rng.choice(COLOURS)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((x0, 90), "Table 3: Precision, recall and F1 score of the models.", fontsize=size, fontname=font)
    top = 100.0
    heads = HEADS[:n_cols]
    gap = 0.4 if verticals else 0.0
    for k in range(n_cols):  # one fill a cell, set between the vertical rules' strokes
        page.draw_rect(pymupdf.Rect(xs[k] + gap, top, xs[k + 1] - gap, top + pitch), color=None, fill=colour, width=0)
    page.draw_line((x0, top), (xs[-1], top), width=0.4)

    def row(y: float, cells: list[str]) -> None:
        base = y + pitch / 2 + 0.35 * size
        page.insert_text((xs[0] + 6, base), cells[0], fontsize=size, fontname=font)
        for k, text in enumerate(cells[1:], start=1):
            mid = (xs[k] + xs[k + 1]) / 2
            page.insert_text((mid - pymupdf.get_text_length(text, font, size) / 2, base), text, fontsize=size,
                             fontname=font)

    row(top, heads)
    y = top + pitch
    stub: list[str] = []
    for g, name in enumerate(rng.sample(GROUPS, rng.choice([2, 3]))):
        if g:
            page.draw_line((x0, y), (xs[-1], y), width=0.4)
        for label in [name] + [f"- {s}" for s in rng.sample(SUBS, rng.choice([2, 3, 4]))]:
            row(y, [label] + [f"{rng.uniform(0.3, 0.99):.2f}" for _ in range(n_cols - 1)])
            stub.append(label)
            y += pitch
    page.draw_line((x0, y), (xs[-1], y), width=0.4)
    if verticals:
        for x in xs:
            page.draw_line((x, top), (x, y), width=0.4)
    return doc.tobytes(), heads, stub


@pytest.mark.parametrize("seed", range(14))
def test_a_header_filled_cell_by_cell_is_its_own_row(seed: int) -> None:
    pdf, heads, stub = _page(seed)
    table = only_table(pdf)
    assert table.n_header_rows == 1
    assert [c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == 0] == heads
    assert [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and c.row >= 1] == stub
