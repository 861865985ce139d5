"""Spectra with an inset picture, dotted peak markers and a neighbouring panel's labels (realdev R05
Figure 6), one generated family per cause: a small picture in a plot's corner beside a drawn curve is an
inset, not pictured data; a dotted reference line drawn dash by dash is neither a marker series nor a legend
sample; white strokes (a scale bar on the inset) draw nothing; the panel to the left's x label under this
panel's corner is no y tick label, and one word by an axis (a panel letter) is no scale."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.charts.reader import read_charts
from extractors.pdf_reader import read_page
from tests.extractors.test_real_chart_causes import BLACK, Plot, _axes

WHITE = (1.0, 1.0, 1.0)


def _picture(page: pymupdf.Page, rect: pymupdf.Rect, seed: int) -> None:
    """A small noisy grey picture (a micrograph)."""
    rng = random.Random(seed)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 24, 16), False)
    for y in range(16):
        for x in range(24):
            v = rng.randint(40, 200)
            pix.set_pixel(x, y, (v, v, v))
    page.insert_image(rect, pixmap=pix)


def _curve(rng: random.Random, n: int = 40) -> list[tuple[float, float]]:
    return [(k * 10 / (n - 1), round(rng.uniform(15, 55) + 30 * (abs(k - n // 2) < 3), 1)) for k in range(n)]


def _dotted(page: pymupdf.Page, x: float, top: float, bottom: float, vertical: bool = True) -> None:
    y = top
    while y + 0.6 < bottom:
        a, b = ((x, y), (x, y + 0.6)) if vertical else ((y, x), (y + 0.6, x))
        page.draw_line(a, b, color=BLACK, width=0.15)
        y += 1.25


def _read(draw) -> list:  # type: ignore[no-untyped-def]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    draw(page)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    return read_charts(content, (20, 40, 600, 320))


@pytest.mark.parametrize("seed", range(6))
def test_inset_picture_dotted_markers_and_white_scale_bar(seed: int) -> None:
    rng = random.Random(seed)
    p = Plot(80, 80, 80 + rng.uniform(180, 260), 80 + rng.uniform(120, 170))
    curve = _curve(rng)
    corner = rng.choice(("left", "right"))

    def draw(page: pymupdf.Page) -> None:
        _axes(page, p)
        page.draw_polyline([(p.px(x), p.py(y)) for x, y in curve], color=BLACK, width=0.5)
        w, h = (p.x1 - p.x0) * rng.uniform(0.2, 0.35), (p.y1 - p.y0) * rng.uniform(0.25, 0.4)
        left = p.x0 + 2 if corner == "left" else p.x1 - 2 - w
        inset = pymupdf.Rect(left, p.y0 + 2, left + w, p.y0 + 2 + h)
        _picture(page, inset, seed)
        page.draw_line((inset.x1 - 14, inset.y1 - 4), (inset.x1 - 4, inset.y1 - 4), color=WHITE, width=0.3)
        for x in rng.sample([2.5, 4.5, 5.5, 7.5], rng.randint(1, 3)):  # dotted lines at the peaks
            _dotted(page, p.px(x), p.py(95), p.y1)
            page.insert_text((p.px(x) + 2, p.py(95) + 2), f"{1000 + 100 * x:.1f}", fontsize=6)

    (reading,) = _read(draw)
    assert not reading.heatmap
    assert len(reading.series) == 1, [(s.name, len(s.points)) for s in reading.series]
    (series,) = reading.series
    assert series.name == "series 1" and len(series.points) == len(curve)
    assert all(abs(x - tx) < 0.1 and abs(y - ty) < 1.0 for (x, y), (tx, ty) in zip(series.points, curve))


@pytest.mark.parametrize("seed", range(4))
def test_heatmaps_and_picture_marks_are_still_pictured_data(seed: int) -> None:
    """A picture over most of the plot, or many small ones, is the data: no curve read beside it."""
    rng = random.Random(seed)
    p = Plot(80, 80, 300, 220)

    def draw(page: pymupdf.Page) -> None:
        _axes(page, p)
        page.draw_polyline([(p.px(x), p.py(y)) for x, y in _curve(rng)], color=BLACK, width=0.5)
        if seed % 2:
            _picture(page, pymupdf.Rect(p.x0 + 1, p.y0 + 1, p.x1 - 1, p.y1 - 1), seed)
        else:
            for k in range(6):
                x = p.x0 + 10 + 30 * k
                _picture(page, pymupdf.Rect(x, p.y0 + 20, x + 5, p.y0 + 25), seed + k)

    (reading,) = _read(draw)
    assert reading.heatmap and not reading.series


@pytest.mark.parametrize("seed", range(4))
def test_dotted_markers_of_data_points_stay_data(seed: int) -> None:
    """Short strokes scattered over the plot (a `|` marker series) are not one dotted line: they are read."""
    rng = random.Random(seed)
    p = Plot(80, 80, 300, 220)
    points = [(k + 0.5, round(rng.uniform(10, 90), 1)) for k in range(9)]

    def draw(page: pymupdf.Page) -> None:
        _axes(page, p)
        for x, y in points:
            page.draw_line((p.px(x), p.py(y) - 1.2), (p.px(x), p.py(y) + 1.2), color=BLACK, width=0.6)

    (reading,) = _read(draw)
    got = [pt for s in reading.series for pt in s.points]
    assert all(any(abs(x - a) < 0.1 and abs(y - b) < 1.5 for a, b in got) for x, y in points), got


@pytest.mark.parametrize("seed", range(4))
def test_neighbouring_panel_label_and_panel_letter_make_no_y_axis(seed: int) -> None:
    """Two panels side by side, the right one without y tick labels: the left panel's last x label under
    its corner and its panel letter are no scale, so it reads nothing (rather than every y as 0)."""
    rng = random.Random(seed)
    left = Plot(60, 80, 240, 200)
    gap = rng.uniform(8, 14)
    right = Plot(left.x1 + gap, 80, left.x1 + gap + 180, 200)

    def draw(page: pymupdf.Page) -> None:
        _axes(page, left)
        page.draw_polyline([(left.px(x), left.py(y)) for x, y in _curve(rng)], color=BLACK, width=0.5)
        page.insert_text((left.x1 - 8, left.y0 + 9), "a", fontsize=8)
        page.draw_line((right.x0, right.y0), (right.x0, right.y1), color=BLACK, width=0.8)
        page.draw_line((right.x0, right.y1), (right.x1, right.y1), color=BLACK, width=0.8)
        for x in (0, 2, 4, 6, 8, 10):
            page.draw_line((right.px(x), right.y1), (right.px(x), right.y1 + 4), color=BLACK, width=0.6)
            page.insert_text((right.px(x) - 2.5 * len(str(x)), right.y1 + 14), str(x), fontsize=8)
        page.draw_polyline([(right.px(x), right.py(y)) for x, y in _curve(rng)], color=BLACK, width=0.5)

    readings = _read(draw)
    assert [round(r.area[0]) for r in readings] == [round(left.x0)]


@pytest.mark.parametrize("seed", range(4))
def test_a_box_cut_at_the_axes_reads_the_labels_around_them(seed: int) -> None:
    """A panel's graphic may end at its axes (its tick labels run on into the next panel's row and stayed
    out of it): the x labels are looked for in the strip under its ticked x axis."""
    rng = random.Random(seed)
    p = Plot(80, 80, 80 + rng.uniform(150, 250), 80 + rng.uniform(100, 160))
    curve = _curve(rng)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _axes(page, p)
    page.draw_polyline([(p.px(x), p.py(y)) for x, y in curve], color=BLACK, width=0.5)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    (reading,) = read_charts(content, (p.x0 - 1, p.y0 - 1, p.x1 + 1, p.y1 + 1))
    (series,) = reading.series
    assert all(abs(x - tx) < 0.1 and abs(y - ty) < 1.0 for (x, y), (tx, ty) in zip(series.points, curve))
