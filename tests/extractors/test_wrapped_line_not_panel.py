"""A cell's wrapped line is no panel title. In a narrow table a middle column's second line, longer than the
first lines the columns were measured on, overhangs its column and may sit centred on the whole table: it
looked like `ALL RACES` (a report's panel title, one cell across the table) and took the stub's label of its
row with it (LaTeX seed 2, lt2_0101). A line that starts where a text label of the line above starts is that
label's cell wrapped. A generated family: stub labels, wrapped middle cells centred on the table, a number column.
"""
from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from extractors.pipeline import extract_document

SIZE = 9.0
FIRST = ["Ligand pretrained on", "Observed only in", "Cement and minor", "Measured at the", "Sampled from the"]
SECOND = ["the full corpus then fine", "the presence of excess salt", "clay partly weathered surface",
          "outlet of the second reactor", "upper layer of each core"]
STUBS = ["H2O", "SVM", "Week 6", "Core 2", "Batch 3", "ZnO", "Day 14"]


def _width(text: str) -> float:
    return pymupdf.get_text_length(text, fontname="helv", fontsize=SIZE)


def _page(path: Path, seed: int) -> list[tuple[str, str, str]]:
    """Draw one booktabs-like table whose wrapped middle lines are centred on it; return its body rows."""
    rng = random.Random(seed)
    n = rng.randint(2, 4)
    rows = [(rng.choice(STUBS), FIRST[i % 5], SECOND[(i + seed) % 5], f"{rng.uniform(1, 9):.1f}e-0{rng.randint(2, 8)}")
            for i in range(n)]
    left = 72.0 + rng.uniform(0, 40)
    stub_w, value_w = max(_width(s) for s, *_ in rows), max(_width(v) for *_, v in rows)
    x_mid = left + stub_w + max(14.0 + rng.uniform(0, 6), value_w - stub_w + 12.0)
    longest = max(_width(b) for _, _, b, _ in rows)
    right = 2 * (x_mid + longest / 2) - left  # the longest wrapped line centred on the table, to the point
    x_num = right - value_w  # numbers set flush right
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 100.0
    page.insert_text((left, y), "Table 1: Effect of porosity on the outcome by sample.", fontsize=SIZE, fontname="helv")
    y += 10
    page.draw_line((left, y), (right, y), width=0.8)
    y += 12
    for x, text in ((left, "Method"), (x_mid, "Observation"), (x_num, "SD")):
        page.insert_text((x, y), text, fontsize=SIZE, fontname="helv")
    y += 5
    page.draw_line((left, y), (right, y), width=0.5)
    for stub, first, second, value in rows:
        y += 12
        page.insert_text((left, y), stub, fontsize=SIZE, fontname="helv")
        page.insert_text((x_mid, y), first, fontsize=SIZE, fontname="helv")
        page.insert_text((right - _width(value), y), value, fontsize=SIZE, fontname="helv")
        y += 11
        page.insert_text((x_mid, y), second, fontsize=SIZE, fontname="helv")  # wrapped: starts where the first did
    y += 6
    page.draw_line((left, y), (right, y), width=0.8)
    doc.save(path)
    return [(s, f"{a} {b}", v) for s, a, b, v in rows]


@pytest.mark.parametrize("seed", range(12))
def test_a_wrapped_middle_line_stays_in_its_cell(tmp_path: Path, seed: int) -> None:
    pdf = tmp_path / f"wrapped{seed}.pdf"
    body = _page(pdf, seed)
    (table,) = extract_document(pdf).tables
    assert (table.n_rows, table.n_cols) == (1 + len(body), 3)
    assert not [c for c in table.cells if not c.is_header and c.col_span > 1], "a wrapped line read as a panel"
    stubs = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 0 and not c.is_header]
    assert stubs == [s for s, _, _ in body]
