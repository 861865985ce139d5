"""Side captions (Springer's style, realdev R08): "Table 3 Model output ..." set in a narrow column left of
its table, top-aligned with it, on a two-column page. The caption is read whole (its lines are not the
table's header row) and labels the table beside it, which keeps its first rows level with the caption.
A generated family: caption lines, table size and the page's body text vary by seed.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.pipeline import extract_document

CAPTION_WORDS = ("model output from all models analysing behavioural responses in recognition trials with their "
                 "standard errors estimates and p values").split()
BODY = "The statistical analysis was performed using the software named in the methods section above. " * 14


def _page(seed: int) -> tuple[bytes, str, int, int]:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    x0, top, size, column = 51.0, 58.0, 7.5, 105.0
    words = CAPTION_WORDS[:rng.randint(8, len(CAPTION_WORDS))]
    words[0] = words[0].capitalize()
    lines = [""]
    for word in words:  # ragged right in the caption's narrow column
        trial = f"{lines[-1]} {word}".strip()
        width = pymupdf.get_text_length(("Table 3 " if len(lines) == 1 else "") + trial, fontsize=size)
        if width > column and lines[-1]:
            lines.append(word)
        else:
            lines[-1] = trial
    caption = "Table 3 " + " ".join(lines)
    for k, line in enumerate(lines):
        page.insert_text((x0, top + 7 + 10 * k), ("Table 3 " if k == 0 else "") + line, fontsize=size)
    n_cols, n_rows = rng.randint(3, 5), rng.randint(3, 8)
    left, right = x0 + column + rng.uniform(15, 25), 544.0
    col = (right - left) / n_cols
    page.draw_line((left, top), (right, top), width=0.5)
    heads = ["Model", "Predictor", "Estimate", "Standard error", "p Value"][:n_cols]
    for c, head in enumerate(heads):
        page.insert_text((left + col * c, top + 13), head, fontsize=size)
    page.draw_line((left, top + 18), (right, top + 18), width=0.5)
    for r in range(1, n_rows):
        for c in range(n_cols):
            text = f"Trial {r}" if c == 0 else f"{rng.uniform(-1, 1):.2f}"
            page.insert_text((left + col * c, top + 18 + 12 * r), text, fontsize=size)
    bottom = top + 18 + 12 * (n_rows - 1) + 5
    page.draw_line((left, bottom), (right, bottom), width=0.5)
    page.insert_textbox(pymupdf.Rect(51, bottom + 30, 288, 760), BODY, fontsize=9)
    page.insert_textbox(pymupdf.Rect(306, bottom + 30, 544, 760), BODY, fontsize=9)
    return doc.tobytes(), caption, n_rows, n_cols


@pytest.mark.parametrize("seed", range(8))
def test_a_side_caption_is_read_whole_and_labels_the_table_beside_it(seed: int) -> None:
    pdf, caption, n_rows, n_cols = _page(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    assert [("Table 3 " + c.text) for c in find_captions(page) if c.label == "Table 3"] == [caption]
    tables = extract_document(pdf).tables
    assert [(t.label, t.n_rows, t.n_cols) for t in tables] == [("Table 3", n_rows, n_cols)]
    assert tables[0].bbox[0] > 51 + 105  # the caption's column is not part of the table
