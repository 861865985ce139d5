"""On a two-column page, a short caption set in the left column over a table that runs across both columns
(BMC, Springer: "Table 2 Sample characteristics (Continued)") takes the whole table, not the left column's
share of it; a caption whose rows stay in its column, beside the other column's running text, keeps to its
column. A generated family: rows, columns and the caption's length vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

PROSE = ("The reasons for ineligibility were similar across the recruitment methods and the sites. " * 12)


def _page(seed: int, full_width: bool) -> tuple[pymupdf.Document, int, int]:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    n_rows, n_cols = rng.randint(3, 6), rng.randint(2, 4) if full_width else rng.randint(2, 3)
    right = 539 if full_width else 291
    page.insert_text((57, 96), "Table 2", fontsize=8, fontname="hebo")
    page.insert_text((88, 96), "Sample characteristics" + (" (Continued)" if rng.random() < 0.5 else ""), fontsize=8)
    page.draw_line((57, 101), (right, 101), width=0.5)
    xs = [57 + k * (right - 57) / n_cols for k in range(n_cols)]
    y = 112.0
    for r in range(n_rows):
        for c, x in enumerate(xs):
            page.insert_text((x, y), f"Site {r}" if c == 0 else f"{rng.uniform(1, 99):.1f} ({rng.randint(1, 9)})",
                             fontsize=7)
        y += 14
    page.draw_line((57, y - 8), (right, y - 8), width=0.5)
    top = y + 20 if full_width else 104
    if not full_width:  # the other column's running text, level with the table's rows
        page.insert_textbox(pymupdf.Rect(305, 104, 539, 760), PROSE, fontsize=8)
    page.insert_textbox(pymupdf.Rect(57, max(top, y + 20), 291, 760), PROSE, fontsize=8)
    if full_width:
        page.insert_textbox(pymupdf.Rect(305, top, 539, 760), PROSE, fontsize=8)
    return doc, n_rows, n_cols


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("full_width", [True, False])
def test_a_short_caption_takes_a_table_across_both_columns_and_no_prose(seed: int, full_width: bool,
                                                                          tmp_path) -> None:
    doc, n_rows, n_cols = _page(seed, full_width)
    path = tmp_path / "two_column.pdf"
    doc.save(path)
    tables = [t for t in extract_document(path).tables if t.label == "Table 2"]
    assert len(tables) == 1
    assert (tables[0].n_rows, tables[0].n_cols) == (n_rows, n_cols)
    assert tables[0].bbox[2] < (545 if full_width else 300)
