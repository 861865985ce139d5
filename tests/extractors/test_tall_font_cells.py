"""A ruled table whose cells are set wholly in a font of tall metrics keeps one row per ruled row.

ISO 26262-3's Table 4 (found corpus) sets its values in Cambria, for which MuPDF declares glyph boxes 5.6 em
tall: each `QM` reached over four ruled rows and the twelve body rows became one. A line set wholly in such a
font keeps its boxes (DP-Bench's Word pages are read on them), unless a drawn rule crosses its box outside the
line's own height. A font file cannot be made to declare such boxes here, so each case is a random grid of
MuPDF's raw text records (row pitch, size, box height 4-6 em, columns, which cells are tall) with rules
between the rows, read by the reader's line builder and grouped into rows by the band builder.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.layout import bands_of
from extractors.pdf_reader import _text_lines, read_page



def _char(c: str, x: float, baseline: float, size: float, up: float, down: float) -> dict:
    return {"c": c, "bbox": (x, baseline - up * size, x + 0.6 * size, baseline + down * size), "origin": (x, baseline)}


def _line(text: str, x: float, baseline: float, size: float, up: float, down: float, font: str) -> dict:
    chars = [_char(c, x + 0.6 * size * k, baseline, size, up, down) for k, c in enumerate(text)]
    box = (chars[0]["bbox"][0], chars[0]["bbox"][1], chars[-1]["bbox"][2], chars[0]["bbox"][3])
    span = {"size": size, "flags": 0, "font": font, "chars": chars, "bbox": box}
    return {"bbox": box, "dir": (1.0, 0.0), "spans": [span]}


def _raw_grid(seed: int) -> tuple[dict, list[tuple[float, float, float, float]], int]:
    """MuPDF's rawdict for a ruled grid: stub labels in a sane font, values in a tall one; and the rules."""
    rng = random.Random(seed)
    size = rng.uniform(8.0, 10.5)
    pitch = size * rng.uniform(1.35, 1.7)
    n_rows, n_cols = rng.randint(5, 12), rng.randint(3, 6)
    width, left, top = rng.uniform(50.0, 90.0), 60.0, 150.0
    tall = rng.uniform(4.0, 6.0)  # the box's height in em about the baseline (ISO 26262 Cambria: 3.1 up, 2.5 down)
    lines = []
    for r in range(n_rows):
        baseline = top + r * pitch + (pitch + 0.7 * size) / 2
        lines.append(_line(f"E{r}", left + 3, baseline, size, 0.95, 0.3, "Cambria-Bold"))
        for c in range(1, n_cols):
            if rng.random() < 0.85:
                lines.append(_line(rng.choice(["QM", "A", "B", "C", "D"]), left + c * width + 5, baseline, size,
                                   0.55 * tall, 0.45 * tall, "Cambria"))
    rules = [(left, top + r * pitch, left + n_cols * width, top + r * pitch) for r in range(n_rows + 1)]
    return {"blocks": [{"type": 0, "lines": lines}]}, rules, n_rows


@pytest.mark.parametrize("seed", range(12))
def test_each_ruled_row_of_tall_font_cells_is_a_row(seed: int) -> None:
    raw, rules, n_rows = _raw_grid(seed)
    bands = bands_of(_text_lines(raw, None, (), rules))
    assert [sorted(w.text for ln in band.lines for w in ln.words if w.text.startswith("E"))
            for band in bands] == [[f"E{r}"] for r in range(n_rows)]
    assert all(ln.bbox[3] - ln.bbox[1] < 1.5 * max(w.size for w in ln.words) for band in bands for ln in band.lines)


@pytest.mark.parametrize("seed", range(4))
def test_tall_font_cells_without_rules_across_them_keep_their_boxes(seed: int) -> None:
    """Rules only above and below the table: nothing crosses a box, which stays as the font declares it."""
    raw, rules, n_rows = _raw_grid(seed)
    outer = [rules[0], (rules[0][0], rules[-1][1] + 80.0, rules[0][2], rules[-1][1] + 80.0)]
    lines = list(_text_lines(raw, None, (), outer))
    assert any(ln.bbox[3] - ln.bbox[1] > 3.5 * ln.words[0].size for ln in lines)


def test_tall_font_lines_without_rules_keep_their_boxes() -> None:
    """No rule crosses them: the boxes stay as the font declares them (the reader's rule before this fix)."""
    from pathlib import Path

    import matplotlib
    cmsy = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "cmsy10.ttf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="cmsy", fontfile=str(cmsy))
    page.insert_text((72, 100), "AB", fontsize=10, fontname="cmsy")
    page.draw_line((72, 300), (300, 300), width=0.5)  # a rule far away changes nothing
    line = read_page(pymupdf.open(stream=doc.tobytes())[0]).lines[0]
    assert line.bbox[3] - line.bbox[1] > 1.6 * 10
