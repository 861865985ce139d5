"""A caption followed by its legend (IJSEM: "Strains: 1, EX36T ...; +, positive; −, negative") and then the
table's top rule: the legend is no row and no end of the table, the caption labels the table under it, and
the legend is kept with the table's notes. Generated: one to four legend lines, booktabs or a framed grid.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document

LEGEND = ("Strains: 1, EX36T (data from this study); 2, S. linguale DSM 74T; 3, S. rigui KCTC 12531T; 4, S. "
          "panaciterrae DSM 21099T. All strains were positive for catalase and oxidase and negative for the "
          "utilization of gluconate, caprate, adipate and glycerol. +, Positive; -, negative; w, weakly positive.")


def _page(seed: int, framed: bool) -> tuple[bytes, int, int, str]:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((51, 60), "Table 1. Differential characteristics of strain EX36T and related species", fontsize=8.5)
    n_lines = rng.randint(1, 4)
    words = LEGEND.split()
    lines, k = [], 0
    for _ in range(n_lines):
        line = []
        while k < len(words) and pymupdf.get_text_length(" ".join([*line, words[k]]), fontsize=8.5) < 490:
            line.append(words[k])
            k += 1
        lines.append(" ".join(line))
    for i, line in enumerate(lines):
        page.insert_text((51, 78 + 11 * i), line, fontsize=8.5)
    top = 78 + 11 * (n_lines - 1) + 14
    n_cols, n_rows = rng.randint(3, 6), rng.randint(4, 9)
    x0, x1 = 51.0, 544.0
    col = (x1 - x0) / n_cols
    page.draw_line((x0, top), (x1, top), width=0.6)
    for c in range(n_cols):
        page.insert_text((x0 + col * c + 4, top + 11), "Characteristic" if c == 0 else str(c), fontsize=8.5)
    page.draw_line((x0, top + 15), (x1, top + 15), width=0.4)
    for r in range(1, n_rows):
        for c in range(n_cols):
            text = f"Trait {r}" if c == 0 else rng.choice(["+", "-", "w", "ND", f"{rng.uniform(20, 60):.1f}"])
            page.insert_text((x0 + col * c + 4, top + 15 + 12 * r), text, fontsize=8.5)
    bottom = top + 15 + 12 * (n_rows - 1) + 4
    page.draw_line((x0, bottom), (x1, bottom), width=0.6)
    if framed:
        for c in range(n_cols + 1):
            page.draw_line((x0 + col * c, top), (x0 + col * c, bottom), width=0.4)
    page.insert_textbox(pymupdf.Rect(51, bottom + 20, 544, 800), "The new strain differs from its relatives. " * 20,
                        fontsize=10)
    return doc.tobytes(), n_rows, n_cols, lines[0].split()[0]


@pytest.mark.parametrize("framed", [False, True], ids=["booktabs", "framed"])
@pytest.mark.parametrize("seed", range(5))
def test_a_legend_under_the_caption_does_not_hide_the_table(seed: int, framed: bool) -> None:
    pdf, n_rows, n_cols, legend_start = _page(seed, framed)
    tables = extract_document(pdf).tables
    assert [(t.label, t.n_rows, t.n_cols) for t in tables] == [("Table 1", n_rows, n_cols)]
    assert legend_start in (tables[0].footnotes or "")  # the legend is kept with the table
