"""A plot frame drawn as one closed path that starts in the middle of its bottom side (LibreOffice Calc draws
its chart wall so): the bottom side comes as two rules end to end, which the plot-area finder joins. Drawn
here with PyMuPDF at random start points and sizes, with numeric axes and one line series."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.charts.reader import read_charts
from extractors.pdf_reader import read_page

BLACK = (0.0, 0.0, 0.0)


@pytest.mark.parametrize("seed", range(1, 7))
def test_frame_from_the_middle_of_its_bottom(seed: int) -> None:
    rng = random.Random(seed)
    x0, y0 = rng.uniform(100, 160), rng.uniform(80, 120)
    x1, y1 = x0 + rng.uniform(220, 340), y0 + rng.uniform(150, 220)
    cut = rng.uniform(x0 + 40, x1 - 40)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.draw_polyline([(cut, y1), (x0, y1), (x0, y0), (x1, y0), (x1, y1), (cut, y1)], color=BLACK, width=0.8)
    if rng.random() < 0.5:  # Calc's x axis line where y = 0, a little above the bottom
        page.draw_line((x0, y1 - 3), (x1, y1 - 3), color=BLACK, width=0.8)
    for k in range(6):  # x 0..50, y 0..100, ticks outside
        x = x0 + (x1 - x0) * k / 5
        page.draw_line((x, y1), (x, y1 + 4), color=BLACK, width=0.6)
        page.insert_text((x - 5, y1 + 13), str(10 * k), fontsize=8)
        y = y1 - (y1 - y0) * k / 5
        page.draw_line((x0 - 4, y), (x0, y), color=BLACK, width=0.6)
        label = str(20 * k)
        page.insert_text((x0 - 7 - pymupdf.get_text_length(label, fontsize=8), y + 3), label, fontsize=8)
    pts = [(5.0 + 8 * i, round(rng.uniform(10, 90), 1)) for i in range(6)]
    page.draw_polyline([(x0 + (x1 - x0) * x / 50, y1 - (y1 - y0) * y / 100) for x, y in pts], color=(0, 0.3, 0.6),
                       width=1.2)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    readings = read_charts(content, (x0 - 40, y0 - 10, x1 + 10, y1 + 30))
    assert len(readings) == 1
    assert abs(readings[0].area[2] - x1) < 1.0  # the whole frame, not the half left of the cut
    got = [p for s in readings[0].series for p in s.points]
    assert all(any(abs(gx - x) <= 0.5 and abs(gy - y) <= 1.0 for gx, gy in got) for x, y in pts)


@pytest.mark.parametrize("seed", range(6))
def test_a_table_ruled_cell_by_cell_has_no_plot_area(seed: int) -> None:
    """A grid ruled cell by cell (each border drawn once, or twice as a cell's and its neighbour's), numbers
    in its cells: its rules stay pieces, so no two cells' rules make a plot area whose axes the numbers of
    the next row would calibrate (random tables rt1_0096 had become a five-panel 'chart')."""
    rng = random.Random(seed)
    cols = [60.0]
    for _ in range(rng.randint(4, 8)):
        cols.append(cols[-1] + rng.uniform(35, 75))
    rows = [100.0 + 21.3 * k for k in range(rng.randint(6, 14))]
    twice = rng.random() < 0.5
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for _ in range(2 if twice else 1):
        for y in rows:
            for a, b in zip(cols, cols[1:]):
                page.draw_line((a, y), (b, y), color=BLACK, width=0.4)
        for x in cols:
            for a, b in zip(rows, rows[1:]):
                page.draw_line((x, a), (x, b), color=BLACK, width=0.4)
    for a, b in zip(rows, rows[1:]):
        for c, d in zip(cols, cols[1:]):
            page.insert_text((d - 30, b - 7), f"{rng.uniform(0, 900):.1f}", fontsize=8)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    assert read_charts(content, (cols[0] - 5, rows[0] - 5, cols[-1] + 5, rows[-1] + 5)) == []
