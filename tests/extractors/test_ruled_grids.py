"""Ruled grids drawn the way slides and papers draw them, each a family of generated cases.

- Slide grids (DP-Bench's product slides): column heads printed above the top rule, column rules from the
  top rule down, rules between the rows, and no rule under the last row; cells wrap over several lines.
- Rules under the column heads drawn group by group (booktabs \\cmidrule pieces under a row of heads, as in
  DP-Bench's training-data table): each head keeps its own column.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

WORDS = ("a solution that recognises characters in an image and extracts the necessary information from "
         "standardised documents such as receipts bills and certificates").split()


def _fitting(rng: random.Random, width: float, size: float) -> str:
    """A line of random words no wider than the cell."""
    words = rng.sample(WORDS, 6)
    while len(words) > 1 and pymupdf.get_text_length(" ".join(words), fontsize=size) > width:
        words.pop()
    return " ".join(words)


def _slide(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    n_cols, n_rows, size = rng.randint(3, 5), rng.randint(2, 4), rng.choice([8.0, 9.0, 10.0])
    doc = pymupdf.open()
    page = doc.new_page(width=960, height=540)
    page.insert_text((60, 60), "Upstage offers AI packs that process unstructured data", fontsize=20)
    x0, x1, top = 30.0, 930.0, 140.0
    stub = 90.0
    col_w = (x1 - x0 - stub) / (n_cols - 1)
    lefts = [x0] + [x0 + stub + col_w * k for k in range(n_cols - 1)]
    heads = [""] + [f"Pack {chr(65 + k)}" for k in range(n_cols - 1)]
    for k in range(1, n_cols):
        page.insert_text((lefts[k] + 10, top - 8), heads[k], fontsize=size + 1)
    page.draw_line((x0, top), (x1, top), width=1.0)
    truth = [heads]
    y = top
    for r in range(n_rows):
        lines = rng.randint(1, 4)
        label = f"Stage {r + 1}"
        row = [label]
        page.insert_text((x0 + 8, y + 12 + lines * size * 0.6), label, fontsize=size)
        for k in range(1, n_cols):
            cell_lines = [_fitting(rng, col_w - 24, size) for _ in range(lines)]
            for i, text in enumerate(cell_lines):
                page.insert_text((lefts[k] + 10, y + 14 + i * size * 1.5), text, fontsize=size)
            row.append(" ".join(cell_lines))
        truth.append(row)
        y += 14 + lines * size * 1.5 + 8
        if r < n_rows - 1:
            page.draw_line((x0, y), (x1, y), width=0.5, color=(0.9, 0.9, 0.9))
    for x in lefts[1:]:
        page.draw_line((x, top), (x, y), width=0.5, color=(0.8, 0.8, 0.8))
    return doc.tobytes(), truth


@pytest.mark.parametrize("seed", range(16))
def test_a_slide_grid_keeps_its_heads_and_last_row(seed: int) -> None:
    pdf, truth = _slide(seed)
    tables = extract_document(pdf).tables
    assert [(t.n_rows, t.n_cols) for t in tables] == [(len(truth), len(truth[0]))]
    grid = {(c.row, c.col): c.text for c in tables[0].cells}
    assert [[grid.get((r, c), "") for c in range(len(truth[0]))] for r in range(len(truth))] == truth


def _group_heads(seed: int) -> tuple[bytes, list[str]]:
    rng = random.Random(seed)
    groups = [rng.randint(2, 3), rng.randint(2, 3)]
    n_cols = 1 + sum(groups)
    heads = ["Property"] + [f"{rng.choice(['Alpaca', 'Orca', 'Synth', 'Ultra'])}-{k}" for k in range(n_cols - 1)]
    doc = pymupdf.open()
    page = doc.new_page(width=600, height=800)
    x0, stub, col = 70.0, 90.0, 60.0
    xs = [x0] + [x0 + stub + col * k for k in range(n_cols - 1)]
    right = xs[-1] + col
    page.draw_line((x0 - 4, 80), (right, 80), width=0.8)
    start = 1
    for g, n in enumerate(groups):
        left, end = xs[start], xs[start + n - 1] + col
        name = ["Instruction", "Alignment"][g]
        page.insert_text(((left + end) / 2 - 18, 94), name, fontsize=7.5)
        page.draw_line((left + 2, 98), (end - 4, 98), width=0.4)
        start += n
    for k, head in enumerate(heads):
        page.insert_text((xs[k] + 2, 108), head, fontsize=7.5)
    start = 1
    page.draw_line((x0 - 4, 112), (xs[1] - 6, 112), width=0.4)  # the rule under the heads, in pieces
    for n in groups:
        page.draw_line((xs[start] + 2, 112), (xs[start + n - 1] + col - 4, 112), width=0.4)
        start += n
    for r in range(4):
        page.insert_text((x0, 124 + 10 * r), f"Row {r + 1}", fontsize=7.5)
        for k in range(1, n_cols):
            page.insert_text((xs[k] + 8, 124 + 10 * r), f"{rng.uniform(1, 99):.1f}K", fontsize=7.5)
    page.draw_line((x0 - 4, 160), (right, 160), width=0.8)
    return doc.tobytes(), heads


@pytest.mark.parametrize("seed", range(6))
def test_heads_over_a_rule_drawn_in_group_pieces_keep_their_own_columns(seed: int) -> None:
    pdf, heads = _group_heads(seed)
    tables = extract_document(pdf).tables
    assert len(tables) == 1 and tables[0].n_cols == len(heads)
    header = {c.col: c.text for c in tables[0].cells if c.is_header and c.text in heads}
    assert header == {k: head for k, head in enumerate(heads)}
