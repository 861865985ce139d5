"""Table lines drawn as one-pixel images stretched into hairlines (realdev R13's CoNLL paper: 106 such images
and no vector rule on the page) are read as rules, so the grid they draw is a drawn grid."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.pdf_reader import read_page
from extractors.pipeline import extract_document

BLACK_PIXEL = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 1, 1), 0)


def _page(n_rows: int, n_cols: int) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    x0, x1, top, row, size = 80.0, 520.0, 80.0, 14.0, 9.0
    col = (x1 - x0) / n_cols
    for r in range(n_rows + 1):
        page.insert_image(pymupdf.Rect(x0, top + row * r - 0.24, x1, top + row * r + 0.24), pixmap=BLACK_PIXEL,
                          keep_proportion=False)
    for c in range(n_cols + 1):
        page.insert_image(pymupdf.Rect(x0 + col * c - 0.24, top, x0 + col * c + 0.24, top + row * n_rows),
                          pixmap=BLACK_PIXEL, keep_proportion=False)
    for r in range(n_rows):
        for c in range(n_cols):
            text = f"Feature {c + 1}" if r == 0 else f"h-pos, d-pos {r}.{c}"
            page.insert_text((x0 + col * c + 4, top + row * r + 10), text, fontsize=size)
    page.insert_text((220, top + row * n_rows + 24), "Table 2: Selected features.", fontsize=10)
    return doc.tobytes()


def test_stretched_pixels_are_rules_not_pictures() -> None:
    page = read_page(pymupdf.open(stream=_page(4, 3))[0])
    assert page.images == ()
    assert sum(r.horizontal for r in page.rules) == 5 and sum(not r.horizontal for r in page.rules) == 4


@pytest.mark.parametrize("n_rows,n_cols", [(4, 3), (7, 2), (10, 4)])
def test_a_grid_of_stretched_pixels_reads_as_a_ruled_table(n_rows: int, n_cols: int) -> None:
    result = extract_document(_page(n_rows, n_cols))
    assert [(t.label, t.n_rows, t.n_cols) for t in result.tables] == [("Table 2", n_rows, n_cols)]
    assert dict(result.tables[0].evidence)["rules"] == 1.0
    assert result.figures == ()
