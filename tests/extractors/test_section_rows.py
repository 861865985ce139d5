"""A captioned table with a sub-header across it ("Grain yield (kg ha-1)") between its header and body: read
as one table (realdev R10 Table 4 stopped there and its body came out apart). The caption's collection goes
on past such a line when a row of short cells follows. A family over body lengths and column counts."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables


def _page(n_body: int, n_cols: int) -> pymupdf.Page:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 70), "Table 4. Grain yield of the treatments at three locations.", fontsize=9)
    xs = [72 + i * (440 / n_cols) for i in range(n_cols)]
    y = 92.0
    page.draw_line((72, y - 9), (540, y - 9), width=0.6)
    for c, head in enumerate(["", "2009/2010", "", "2010/2011"] + [""] * n_cols):
        if c < n_cols and head:
            page.insert_text((xs[c] + 2, y), head, fontsize=8)
    y += 11
    for c in range(n_cols):
        page.insert_text((xs[c] + 2, y), "Treatment" if c == 0 else f"Site {c}", fontsize=8)
    page.draw_line((72, y + 3), (540, y + 3), width=0.4)
    y += 15
    page.insert_text((250, y), "Grain yield (kg ha-1)", fontsize=8)  # a sub-header across the table
    y += 13
    for r in range(n_body):
        for c in range(n_cols):
            page.insert_text((xs[c] + 2, y), f"Treatment {r + 1}" if c == 0 else f"{1000 + 37 * r + 11 * c}", fontsize=8)
        y += 11
    page.draw_line((72, y - 6), (540, y - 6), width=0.6)
    page.insert_text((72, y + 20), "Yields rose with the phosphorus rate at every location in both years.",
                     fontsize=10)
    return doc[0]


@pytest.mark.parametrize("n_body, n_cols", [(4, 4), (8, 5), (12, 6)])
def test_a_sub_header_across_the_table_does_not_end_it(n_body: int, n_cols: int) -> None:
    page = read_page(_page(n_body, n_cols))
    found = find_tables(page, find_captions(page))
    assert [(t.label, t.n_cols) for t in found] == [("Table 4", n_cols)]
    table = found[0]
    assert table.n_rows >= n_body + 2
    texts = {c.text for c in table.cells}
    assert {f"Treatment {r + 1}" for r in range(n_body)} <= texts and any("Site 1" in text for text in texts)
    assert any("Grain yield" in text for text in texts)  # the sub-header kept inside the table
