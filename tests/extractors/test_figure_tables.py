"""A spreadsheet grid over a "Figure N" caption that sits between it and the chart it names is a table, not
a chart; a real chart there stays a figure, and so does a grid with nothing past its caption (papers print
tables as figures and call them so: realdev's "Figure 13. Detailed trace recording statistics").

Found on DP-Bench (a textbook's Excel sheet over "Figure 13.3. Graph of projection estimates", the graph
below the caption), and drawn here in the ways spreadsheets export their grids: each cell a stroked box, or
lines across, with shaded row and column heads or without.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.pipeline import extract_document


def _grid_page(cells: str, n_rows: int, n_cols: int, seed: int, shaded: bool = True,
               caption: str = "Figure 3. Graph of the forecast.", chart_past_caption: bool = True) -> bytes:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=700)
    page.insert_textbox(pymupdf.Rect(50, 40, 450, 90), "The forecast below was made with the template. " * 3,
                        fontsize=10)
    x0, y0, w, h = 60.0, 110.0, 380 / n_cols, 18.0
    for r in range(n_rows):
        for c in range(n_cols):
            box = pymupdf.Rect(x0 + w * c, y0 + h * r, x0 + w * (c + 1), y0 + h * (r + 1))
            if shaded and (r == 0 or c == 0):  # a spreadsheet's shaded row and column heads: filled paths, not rules
                page.draw_rect(box, fill=(0.93, 0.93, 0.93), color=None)
            if cells == "boxes":
                page.draw_rect(box, color=(0.6, 0.6, 0.6), width=0.5)
            text = ("time" if c == 0 else f"series {c}") if r == 0 else (
                str(r) if c == 0 else f"{rng.uniform(10, 30):.{rng.choice([1, 2, 8])}f}")
            page.insert_text((box.x0 + 4, box.y1 - 5), text, fontsize=8)
    if cells == "lines":
        for r in range(n_rows + 1):
            page.draw_line((x0, y0 + h * r), (x0 + 380, y0 + h * r), color=(0.6, 0.6, 0.6), width=0.5)
        for c in range(n_cols + 1):
            page.draw_line((x0 + w * c, y0), (x0 + w * c, y0 + h * n_rows), color=(0.6, 0.6, 0.6), width=0.5)
    below = y0 + h * n_rows + 30
    page.insert_text((150, below), caption, fontsize=10)
    if chart_past_caption:  # the chart the caption names, pasted as a picture under it
        source = pymupdf.open()
        drawn = source.new_page(width=380, height=150)
        drawn.draw_line((20, 10), (20, 140), width=1)
        drawn.draw_line((20, 140), (370, 140), width=1)
        drawn.draw_polyline([(20 + 30 * i, 130 - 8 * i - 10 * (i % 2)) for i in range(12)], width=2, color=(1, 0.5, 0))
        page.insert_image(pymupdf.Rect(60, below + 40, 440, below + 190), stream=drawn.get_pixmap(dpi=100).tobytes("png"))
    return doc.tobytes()


def _chart_page() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=700)
    page.draw_line((80, 100), (80, 300), width=0.8)
    page.draw_line((80, 300), (440, 300), width=0.8)
    for k in range(6):
        y, x = 300 - 40 * k, 80 + 72 * k
        page.draw_line((76, y), (80, y), width=0.6)
        page.insert_text((56, y + 3), f"{5 * k}", fontsize=8)
        page.draw_line((x, 300), (x, 304), width=0.6)
        page.insert_text((x - 4, 314), f"{k}", fontsize=8)
    page.draw_polyline([(80 + 36 * i, 280 - 15 * i - 8 * (i % 3)) for i in range(11)], width=1.2, color=(0, 0, 1))
    page.insert_text((150, 340), "Figure 4. Price over time.", fontsize=10)
    return doc.tobytes()


@pytest.mark.parametrize("cells,shaded", [("boxes", False), ("lines", False), ("lines", True)],
                         ids=["boxed-cells", "ruled", "ruled-shaded-heads"])
@pytest.mark.parametrize("n_rows,n_cols,seed", [(8, 4, 1), (14, 5, 2), (6, 3, 3)])
def test_a_grid_of_numbers_under_a_figure_caption_is_a_table(cells: str, shaded: bool, n_rows: int, n_cols: int,
                                                             seed: int) -> None:
    result = extract_document(_grid_page(cells, n_rows, n_cols, seed, shaded))
    assert [(t.n_rows, t.n_cols) for t in result.tables] == [(n_rows, n_cols)]
    table = result.tables[0].bbox
    named = [f.bbox for f in result.figures if f.label == "Figure 3"]
    assert all(box[1] > table[3] for box in named)  # the caption names the chart under it, if any, not the grid


@pytest.mark.parametrize("cells", ["boxes", "lines"])
def test_a_grid_with_nothing_past_its_figure_caption_stays_that_figure(cells: str) -> None:
    result = extract_document(_grid_page(cells, 8, 4, 5, chart_past_caption=False))
    assert result.tables == ()
    assert [f.label for f in result.figures] == ["Figure 3"]


def test_a_chart_under_its_figure_caption_stays_a_figure() -> None:
    result = extract_document(_chart_page())
    assert result.tables == ()
    assert [(f.label, f.kind) for f in result.figures] == [("Figure 4", "chart")]
