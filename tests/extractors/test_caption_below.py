"""A full-width caption under its table, with the text body's two columns right below it: the caption labels
the table above, and the columns of prose are no table (realdev R21, USENIX; the same in ACL papers)."""
from __future__ import annotations

import pymupdf
import pytest

from extractors.pipeline import extract_document

WORDS = ("the replicated store keeps each row sorted by key so that scans over a range stay cheap and "
         "clients read nearby rows together while servers split large tablets when they grow").split()


def _page(rows: int, gap_above: float) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 72.0
    page.draw_line((90, y - 10), (520, y - 10), width=0.6)
    for r in range(rows):
        cells = ["Project", "Size (TB)", "Ratio", "Cells"] if r == 0 else [f"Project {r}", f"{20 * r}", f"{r * 7}%",
                                                                          f"{r * 110}"]
        for c, text in enumerate(cells):
            page.insert_text((96 + 110 * c, y), text, fontsize=9)
        if r == 0:
            page.draw_line((90, y + 3), (520, y + 3), width=0.4)
        y += 12
    page.draw_line((90, y - 8), (520, y - 8), width=0.6)
    y += gap_above
    page.insert_text((200, y), "Table 2: Characteristics of a few tables in production use.", fontsize=9)
    y += 18
    for line in range(14):  # two columns of running text
        for x0, shift in ((72, 0), (324, 7)):
            words = [WORDS[(line * 5 + shift + k) % len(WORDS)] for k in range(9)]
            page.insert_text((x0, y), " ".join(words), fontsize=9.5)
        y += 11.5
    return doc.tobytes()


@pytest.mark.parametrize("rows, gap_above", [(4, 12.0), (6, 16.0), (8, 20.0)])
def test_the_caption_under_a_table_labels_it_not_the_prose_below(rows: int, gap_above: float) -> None:
    tables = extract_document(_page(rows, gap_above)).tables
    labelled = [(t.n_rows, t.n_cols) for t in tables if t.label == "Table 2"]
    assert labelled == [(rows, 4)]
    assert all(t.label == "Table 2" for t in tables)  # the prose is not published as a table
