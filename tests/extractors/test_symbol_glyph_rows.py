"""A math symbol in a ruled row stays in its row.

TeX's symbol font (cmsy10: ⊕, ±, ∼ ...) declares a descender of 0.97 em, so a glyph box from the font's
metrics reaches into the next ruled row, and two rows of a drawn grid became one. matplotlib ships the same
font file; each case is a random grid (row pitch, size, columns) with the symbol in random cells.
"""
from __future__ import annotations

import random
from pathlib import Path

import matplotlib
import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables

CMSY = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "cmsy10.ttf"
SYMBOL_FONT = pymupdf.Font(fontfile=str(CMSY))
WORDS = ["arg", "path", "lemma", "pos", "dir", "rel", "head", "dep", "len", "cat"]


def _grid_with_symbols(seed: int) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    size = rng.uniform(8.0, 10.0)
    pitch = size * rng.uniform(1.2, 1.3)
    n_rows, n_cols = rng.randint(5, 9), rng.randint(2, 4)
    width = 140.0
    left, top = 72.0, 200.0
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="cmsy", fontfile=str(CMSY))
    page.insert_text((left, top - 1.2 * size), "Table 1: Features with a symbol in each row.", fontsize=size)
    rows = [[f"Group {c + 1}" for c in range(n_cols)]]
    for r in range(1, n_rows):
        baseline = top + r * pitch + 0.8 * size + (pitch - 1.05 * size) / 2
        row = []
        for c in range(n_cols):
            words = rng.sample(WORDS, 4)
            x = left + 4 + c * width
            # as TeX sets `arg, p-lemma $\oplus$dir $\oplus$path-len`: each symbol glued to the word after it
            # (cmsy10 draws ⊕ at "8"; the code does not matter, the font's metrics do)
            symbols = rng.random() < 0.6
            for k, word in enumerate(words):
                text = f"{word}," if k == 0 else word
                if symbols and k >= 2:
                    page.insert_text((x, baseline), "8", fontsize=size, fontname="cmsy")
                    x += SYMBOL_FONT.text_length("8", fontsize=size)
                page.insert_text((x, baseline), text, fontsize=size, fontname="tiro")
                x += pymupdf.get_text_length(text + " ", fontsize=size, fontname="tiro")
            row.append(words[0])
        rows.append(row)
    for c, head in enumerate(rows[0]):
        page.insert_text((left + 4 + c * width, top + 0.8 * size + (pitch - 1.05 * size) / 2), head, fontsize=size)
    bottom = top + n_rows * pitch
    for r in range(n_rows + 1):
        page.draw_line((left, top + r * pitch), (left + n_cols * width, top + r * pitch), width=0.4)
    for c in range(n_cols + 1):
        page.draw_line((left + c * width, top), (left + c * width, bottom), width=0.4)
    return doc.tobytes(), rows


@pytest.mark.parametrize("seed", range(8))
def test_each_ruled_row_with_a_tall_symbol_is_a_row(seed: int) -> None:
    pdf, rows = _grid_with_symbols(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (len(rows), len(rows[0]))
    first_words = [cell.text.split(",")[0] for cell in sorted(table.cells, key=lambda c: c.row) if cell.col == 0]
    assert first_words[1:] == [row[0] for row in rows[1:]]


def test_a_line_set_wholly_in_a_font_of_tall_metrics_keeps_its_boxes() -> None:
    """Word documents set in Cambria declare 5.6 em boxes on every glyph; the table geometry of those pages
    is read on them as they are (DP-Bench fell from 0.905 to 0.887 when they were cut too)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="cmsy", fontfile=str(CMSY))
    page.insert_text((72, 100), "8888", fontsize=10, fontname="cmsy")
    page.insert_text((72, 200), "arg", fontsize=10, fontname="tiro")
    page.insert_text((72 + pymupdf.get_text_length("arg", fontsize=10, fontname="tiro"), 200), "8", fontsize=10,
                     fontname="cmsy")
    lines = read_page(pymupdf.open(stream=doc.tobytes())[0]).lines
    heights = {round(line.bbox[1]): line.bbox[3] - line.bbox[1] for line in lines}
    wholly, mixed = (height for _, height in sorted(heights.items()))
    assert wholly > 1.6 * 10 and mixed < 1.45 * 10
