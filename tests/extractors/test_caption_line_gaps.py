"""A centred table caption whose lines stand a third of an em apart (Computer Modern's glyph boxes are tight:
12 pt lines of 10 pt type leave 3.2 pt between boxes), its last line in a text block of its own: that line is
the caption's, not the table's first row. A generated family: IEEE-style bare labels or inline labels, two or
three lines, gaps of 0.26-0.38 em between the caption's lines (always wider between caption and table)."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

WORDS = ("comparison of growth rate across cohorts missing entries were not measured or did not converge "
         "within the time limit values are mean of three independent replicates").split()


def _captioned(seed: int) -> tuple[bytes, str]:
    rng = random.Random(seed)
    size = 10.0
    box = 1.38 * size  # the height of a Helvetica line box at this size
    gap = rng.uniform(0.26, 0.38) * size
    centre = 297.0
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 100.0
    texts = []
    ieee = rng.random() < 0.5
    if ieee:
        page.insert_text((centre - pymupdf.get_text_length("TABLE II", fontsize=size) / 2, y), "TABLE II",
                         fontsize=size)
        y += box + gap
    for k in range(rng.randint(2, 3)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 11) if k else 12)]
        text = " ".join(words)
        if k == 0:
            text = ("" if ieee else "Table 2. ") + text.capitalize()
        texts.append(text)
        width = pymupdf.get_text_length(text, fontsize=size)
        page.insert_text((centre - width / 2, y), text, fontsize=size)
        y += box + gap
    y += 1.0 * size  # the caption's skip
    widths = [80, 60, 60, 60]
    left = centre - sum(widths) / 2
    rows = [["Sample", "Count", "Ratio", "Flux"]] + [
        [rng.choice(["Male", "Cohort I", "Ethanol"]), str(rng.randint(1, 999)), f"{rng.uniform(0, 9):.2f}",
         f"{rng.uniform(0, 99):.1f}"] for _ in range(rng.randint(3, 6))]
    for r, row in enumerate(rows):
        x = left
        for c, cell in enumerate(row):
            page.insert_text((x, y + r * 1.5 * 8), cell, fontsize=8)
            x += widths[c]
    page.draw_line((left, y + 3), (left + sum(widths), y + 3), width=0.5)
    return doc.tobytes(), " ".join(texts)


@pytest.mark.parametrize("seed", range(10))
def test_a_centred_caption_keeps_its_last_line(seed: int) -> None:
    pdf, caption = _captioned(seed)
    table = only_table(pdf)
    assert table.caption is not None and table.caption.endswith(caption.split()[-1])
    assert table.caption.replace("Table 2. ", "") == caption.replace("Table 2. ", "")
    assert next(c.text for c in table.cells if c.row == 0) == "Sample"
