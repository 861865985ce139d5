"""Dotted lines typed between a table's rows (". . . . ." set in the text layer, realdev R20) separate rows;
they are not rows of their own. A generated family: rows, columns, dot style and spacing vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

WORDS = "casein lipase lysozyme transferrin globulin receptor protein isoform binding chain".split()


@pytest.mark.parametrize("seed", range(8))
def test_dotted_separator_lines_are_not_rows(seed: int, tmp_path) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    n_rows, n_cols = rng.randint(3, 8), rng.randint(2, 4)
    x = [60 + k * (480 / n_cols) for k in range(n_cols)]
    page.insert_text((60, 80), "Table 1. Proteins identified in the milk samples and their functions.", fontsize=9)
    y = 100.0
    page.draw_line((60, y), (540, y), width=0.6)
    heads = ["protein", "band", "function", "comment"][:n_cols]
    for c, head in enumerate(heads):
        page.insert_text((x[c], y + 12), head, fontsize=8)
    y += 18
    page.draw_line((60, y), (540, y), width=0.4)
    dots = rng.choice([". ", ".", "·  "]) * rng.randint(30, 60)
    grid = []
    for r in range(n_rows):
        row = [f"{rng.choice(WORDS)} {r}"] + [rng.choice(WORDS) for _ in range(n_cols - 1)]
        grid.append(row)
        y += 12
        for c, text in enumerate(row):
            page.insert_text((x[c], y), text, fontsize=8)
        if r < n_rows - 1:
            y += rng.uniform(8, 11)
            page.insert_text((60, y), dots.strip()[:200], fontsize=6)
    page.draw_line((60, y + 5), (540, y + 5), width=0.6)
    path = tmp_path / "dotted.pdf"
    doc.save(path)
    tables = extract_document(path).tables
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (n_rows + 1, n_cols)
    body = {(c.row, c.col): c.text for c in table.cells}
    assert [body[(r + 1, 0)] for r in range(n_rows)] == [row[0] for row in grid]
