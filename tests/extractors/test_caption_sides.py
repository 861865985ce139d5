"""Two tables each captioned below, stacked: the caption between them belongs to the table above it, not to
the next one (DP-Bench 190: 'Table 6' took Table 7's rows, which went out twice, and Table 6 went unlabelled).
A family over row counts and gaps."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables


def _table(page: pymupdf.Page, y: float, name: str, n_rows: int, n_cols: int) -> float:
    """A booktabs-like table from height y; returns the height under its bottom rule."""
    xs = [80 + i * (440 / n_cols) for i in range(n_cols)]
    page.draw_line((72, y), (540, y), width=0.6)
    y += 12
    for c in range(n_cols):
        page.insert_text((xs[c], y), "Model" if c == 0 else f"Task {c}", fontsize=8)
    page.draw_line((72, y + 3), (540, y + 3), width=0.4)
    y += 14
    for r in range(n_rows):
        for c in range(n_cols):
            page.insert_text((xs[c], y), f"{name} {r + 1}" if c == 0 else f"{60 + r + c / 10:.2f}", fontsize=8)
        y += 11
    page.draw_line((72, y - 7), (540, y - 7), width=0.6)
    return y - 7


@pytest.mark.parametrize("rows_a, rows_b, gap", [(2, 4, 10.0), (3, 3, 14.0), (5, 2, 18.0)])
def test_each_caption_under_its_table_labels_that_table(rows_a: int, rows_b: int, gap: float) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = _table(page, 72, "Cand.", rows_a, 8)
    page.insert_text((72, y + gap + 6), "Table 6: Performance of the merge candidates.", fontsize=9)
    y = _table(page, y + gap + 14, "Merge", rows_b, 9)  # the next table starts right under the caption
    page.insert_text((72, y + gap + 6), "Table 7: Performance of the merged models.", fontsize=9)
    page.insert_text((72, y + gap + 40), "We merge the two candidates with the methods listed above.", fontsize=10)
    read = read_page(doc[0])
    tables = {t.label: t for t in find_tables(read, find_captions(read))}
    assert set(tables) == {"Table 6", "Table 7"}
    assert (tables["Table 6"].n_rows, tables["Table 6"].n_cols) == (rows_a + 1, 8)
    assert (tables["Table 7"].n_rows, tables["Table 7"].n_cols) == (rows_b + 1, 9)
    assert "Cand. 1" in {c.text for c in tables["Table 6"].cells}
