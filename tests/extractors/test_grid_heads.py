"""A drawn grid whose column rules stop under its head row (a shaded head band, DP-Bench 146's "Area |
Competence"): cells end at rules, and in the head row, where there are none, at the column edges the rules
draw below. Generated with two to five columns and heads of one to three words."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

HEADS = ["Area", "Competence", "Learning outcome", "Level of study", "Credits"]


def _grid(seed: int) -> tuple[bytes, list[str], int]:
    rng = random.Random(seed)
    n_cols, n_rows = rng.randint(2, 5), rng.randint(3, 7)
    heads = HEADS[:n_cols]
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((80, 100), "GreenComp consists of twelve competences organised in four areas:", fontsize=10)
    x0, x1, top, head_h, row_h = 80.0, 520.0, 120.0, 20.0, 18.0
    col = (x1 - x0) / n_cols
    page.draw_rect(pymupdf.Rect(x0, top, x1, top + head_h), fill=(0.45, 0.7, 0.3), color=None)
    for c, head in enumerate(heads):
        page.insert_text((x0 + col * c + 5, top + 14), head, fontsize=9, color=(1, 1, 1))
    bottom = top + head_h + row_h * n_rows
    for r in range(n_rows + 1):
        y = top + head_h + row_h * r
        page.draw_line((x0, y), (x1, y), width=0.5)
    page.draw_line((x0, top), (x1, top), width=0.5)
    for c in range(n_cols + 1):  # outer frame from the top, inner column rules only under the head band
        y_start = top if c in (0, n_cols) else top + head_h
        page.draw_line((x0 + col * c, y_start), (x0 + col * c, bottom), width=0.5)
    for r in range(n_rows):
        for c in range(n_cols):
            page.insert_text((x0 + col * c + 5, top + head_h + row_h * r + 13), f"{r + 1}.{c + 1} item", fontsize=9)
    return doc.tobytes(), heads, n_rows + 1


@pytest.mark.parametrize("seed", range(6))
def test_each_head_keeps_its_column_where_the_column_rules_stop_under_the_heads(seed: int) -> None:
    pdf, heads, n_rows = _grid(seed)
    tables = extract_document(pdf).tables
    assert [(t.n_rows, t.n_cols) for t in tables] == [(n_rows, len(heads))]
    first_row = {c.col: c.text for c in tables[0].cells if c.row == 0}
    assert [first_row.get(c) for c in range(len(heads))] == heads
