"""Chart layouts the chart corpus missed (issue 18): axes drawn apart from the data, bar groups beside a lone
value axis, data under a legend box, a legend marker at its own size and a row of panels wider than its
caption. Each chart is drawn here with PyMuPDF the way the tool draws it and read through find_figures."""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.figures import find_figures
from extractors.model import FigureItem
from extractors.pdf_reader import read_page

BLACK = (0.0, 0.0, 0.0)
RED = (0.85, 0.1, 0.1)
BLUE = (0.1, 0.2, 0.8)


class Plot:
    """A plot area on the page (page y grows downwards) mapping data x 0..10 and y 0..100 onto it."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1

    def px(self, x: float) -> float:
        return self.x0 + (self.x1 - self.x0) * x / 10

    def py(self, y: float) -> float:
        return self.y1 - (self.y1 - self.y0) * y / 100


def _figures(draw: Callable[[pymupdf.Page], None]) -> list[FigureItem]:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    draw(page)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    return find_figures(content, find_captions(content))


def _axes(page: pymupdf.Page, p: Plot, box: bool, x_axis: bool = True) -> None:
    """Axis lines at the plot area's left and bottom edges (or a full box) with outward ticks and labels."""
    if box:
        page.draw_rect(pymupdf.Rect(p.x0, p.y0, p.x1, p.y1), color=BLACK, width=0.8)
    else:
        page.draw_line((p.x0, p.y0), (p.x0, p.y1), color=BLACK, width=0.8)
        if x_axis:
            page.draw_line((p.x0, p.y1), (p.x1, p.y1), color=BLACK, width=0.8)
    for y in (0, 20, 40, 60, 80, 100):
        page.draw_line((p.x0 - 4, p.py(y)), (p.x0, p.py(y)), color=BLACK, width=0.6)
        page.insert_text((p.x0 - 6 - 4.5 * len(str(y)), p.py(y) + 3), str(y), fontsize=8)
    if x_axis:
        for x in (0, 2, 4, 6, 8, 10):
            page.draw_line((p.px(x), p.y1), (p.px(x), p.y1 + 4), color=BLACK, width=0.6)
            page.insert_text((p.px(x) - 3, p.y1 + 14), str(x), fontsize=8)


def _caption(page: pymupdf.Page, y: float, text: str = "Figure 1: Response of the system over time.") -> None:
    page.insert_text((72, y), text, fontsize=9)


def _points(figure: FigureItem, series: str | None = None) -> list[tuple[float, float]]:
    return [(p.x, p.y) for p in figure.series if series is None or p.series == series]


def _recovered(truth: list[tuple[float, float]], got: list[tuple[float, float]], x_tol: float = 0.1,
               y_tol: float = 1.0) -> int:
    """Truth points with a recovered point within 1 % of the axis ranges (the bench rule)."""
    return sum(1 for x, y in truth if any(abs(a - x) <= x_tol and abs(b - y) <= y_tol for a, b in got))


# --- axes drawn apart from the data (gnuplot's open border with offsets) ------------------------------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_axes_drawn_apart_from_the_data_are_the_charts(seed: int) -> None:
    rng = random.Random(seed)
    xs = [1.0 + 8.0 * k / 7 for k in range(8)]  # data kept 10 % off both ends of the axes
    ys = [round(rng.uniform(25, 75), 1) for _ in xs]
    p = Plot(160, 80, 460, 280)

    def draw(page: pymupdf.Page) -> None:
        _axes(page, p, box=False)
        pts = [pymupdf.Point(p.px(x), p.py(y)) for x, y in zip(xs, ys)]
        page.draw_polyline(pts, color=BLUE, width=1.0)
        page.insert_text((290, p.y1 + 30), "Step", fontsize=9)
        _caption(page, p.y1 + 56)

    figures = _figures(draw)
    assert len(figures) == 1
    fig = figures[0]
    assert fig.kind == "chart" and fig.label is not None
    assert fig.bbox[0] <= p.x0 - 6 and fig.bbox[3] >= p.y1 + 10  # the axes and their labels are the figure's
    assert _recovered(list(zip(xs, ys)), _points(fig)) == len(xs)


# --- bar groups beside a lone value axis (R's barplot without box()) ----------------------------------------

def test_bar_groups_beside_a_lone_value_axis_are_one_chart() -> None:
    values = [(30.0, 55.0), (70.0, 45.0), (20.0, 85.0), (60.0, 40.0)]
    p = Plot(200, 90, 480, 250)
    width = 22.0

    def draw(page: pymupdf.Page) -> None:
        _axes(page, p, box=False, x_axis=False)
        for g, pair in enumerate(values):  # groups a bar's width apart: wider than the clustering gap
            left = p.x0 + 12 + g * 3 * width
            for k, v in enumerate(pair):
                rect = pymupdf.Rect(left + k * width, p.py(v), left + (k + 1) * width, p.y1)
                page.draw_rect(rect, color=BLACK, fill=(RED, BLUE)[k], width=0.5)
            page.insert_text((left + 6, p.y1 + 14), f"G{g + 1}", fontsize=9)
        _caption(page, p.y1 + 40, "Figure 1: Mean value per group.")

    figures = _figures(draw)
    assert len(figures) == 1
    fig = figures[0]
    assert fig.kind == "chart"  # not one panel per group of bars
    got = _points(fig)
    truth = [(float(g), v) for g, pair in enumerate(values) for v in pair]
    assert _recovered(truth, got) == len(truth)


# --- data drawn under an opaque legend box (pgfplots, matplotlib) --------------------------------------------

def _scatter_under_legend(page: pymupdf.Page, p: Plot, xs: list[float], ys: list[float]) -> None:
    _axes(page, p, box=True)
    for x, y in zip(xs, ys):
        page.draw_rect(pymupdf.Rect(p.px(x) - 2, p.py(y) - 2, p.px(x) + 2, p.py(y) + 2), color=None, fill=RED)
    frame = pymupdf.Rect(p.x1 - 90, p.y0 + 5, p.x1 - 5, p.y0 + 25)  # drawn over the data, white inside
    page.draw_rect(frame, color=BLACK, fill=(1, 1, 1), width=0.5)
    page.draw_rect(pymupdf.Rect(frame.x0 + 3, frame.y0 + 8, frame.x0 + 7, frame.y0 + 12), color=None, fill=RED)
    page.insert_text((frame.x0 + 11, frame.y0 + 13.5), "Sample", fontsize=8)
    _caption(page, p.y1 + 36)


@pytest.mark.parametrize("hidden", [
    [(9.0, 93.0), (8.0, 88.0)],  # wholly under the legend box
    [(6.9833, 92.5)],  # under its left edge, just left of the sample: no part of the sample, nor its frame's
])
def test_points_under_the_legend_box_are_data(hidden: list[tuple[float, float]]) -> None:
    p = Plot(160, 80, 460, 280)
    truth = [(1.0, 20.0), (2.5, 40.0), (4.0, 30.0), (5.5, 60.0), *hidden]
    xs, ys = [x for x, _ in truth], [y for _, y in truth]

    figures = _figures(lambda page: _scatter_under_legend(page, p, xs, ys))
    fig = figures[0]
    got = _points(fig, "Sample")
    assert _recovered(truth, got) == len(truth)
    assert len(got) == len(truth)  # the legend's own sample, drawn after its box, is no data point


# --- a legend marker drawn at another size than the data's (R's legend) --------------------------------------

def test_legend_marker_at_its_own_size_names_the_markers() -> None:
    p = Plot(160, 80, 460, 280)
    xs = [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    ys = [20.0, 45.0, 30.0, 70.0, 55.0, 85.0]

    def draw(page: pymupdf.Page) -> None:
        _axes(page, p, box=True)
        pts = [(p.px(x), p.py(y)) for x, y in zip(xs, ys)]
        for (ax, ay), (bx, by) in itertools.pairwise(pts):  # type="b": line pieces stopping short of a marker
            f0, f1 = 0.3, 0.7
            page.draw_line((ax + f0 * (bx - ax), ay + f0 * (by - ay)), (ax + f1 * (bx - ax), ay + f1 * (by - ay)),
                           color=BLUE, width=1.0)
        for x, y in pts:
            page.draw_rect(pymupdf.Rect(x - 2.5, y - 2.5, x + 2.5, y + 2.5), color=None, fill=BLUE)
        page.draw_rect(pymupdf.Rect(p.x0 + 8, p.y0 + 8, p.x0 + 12, p.y0 + 12), color=None, fill=BLUE)  # smaller
        page.insert_text((p.x0 + 16, p.y0 + 13), "Train", fontsize=8)
        _caption(page, p.y1 + 36)

    fig = _figures(draw)[0]
    assert _recovered(list(zip(xs, ys)), _points(fig, "Train")) == len(xs)


# --- a row of panels wider than its caption -------------------------------------------------------------------

def _panel(page: pymupdf.Page, p: Plot, ys: list[float], colour: tuple[float, float, float]) -> None:
    _axes(page, p, box=True)
    page.draw_polyline([pymupdf.Point(p.px(2.0 * k), p.py(y)) for k, y in enumerate(ys)], color=colour, width=1.0)


def test_a_panel_beyond_a_short_caption_is_part_of_its_figure() -> None:
    left, right = Plot(110, 80, 290, 200), Plot(350, 80, 530, 200)
    ys_left, ys_right = [20.0, 50.0, 40.0, 80.0, 60.0, 30.0], [70.0, 30.0, 50.0, 20.0, 90.0, 60.0]

    def draw(page: pymupdf.Page) -> None:
        _panel(page, left, ys_left, BLUE)
        _panel(page, right, ys_right, RED)
        _caption(page, 240, "Figure 1: Two panels.")  # flush left, ends well before the right panel

    figures = _figures(draw)
    assert len(figures) == 1
    fig = figures[0]
    assert fig.kind == "multi" and fig.label is not None
    assert fig.bbox[2] >= right.x1
    truth = [(2.0 * k, y) for k, y in enumerate(ys_right)]
    assert _recovered(truth, _points(fig)) == len(truth)


def test_a_panel_with_its_own_caption_stays_its_own_figure() -> None:
    left, right = Plot(110, 80, 290, 200), Plot(350, 80, 530, 200)

    def draw(page: pymupdf.Page) -> None:
        _panel(page, left, [20.0, 50.0, 40.0, 80.0, 60.0, 30.0], BLUE)
        _panel(page, right, [70.0, 30.0, 50.0, 20.0, 90.0, 60.0], RED)
        _caption(page, 240, "Figure 1: Left.")
        page.insert_text((340, 240), "Figure 2: Right.", fontsize=9)

    figures = _figures(draw)
    assert sorted(f.label or "" for f in figures) == ["Figure 1", "Figure 2"]
    assert all(f.kind == "chart" for f in figures)


# --- the lowest y tick label hanging under the x axis (gnuplot, the y range starting at a tick) ------------

def test_the_lowest_y_label_under_the_x_axis_is_no_x_label() -> None:
    p = Plot(160, 80, 460, 280)
    xs = [1.0, 2.5, 4.0, 5.5, 7.0, 8.5]
    ys = [20.0, 45.0, 30.0, 70.0, 55.0, 85.0]

    def draw(page: pymupdf.Page) -> None:
        page.draw_rect(pymupdf.Rect(p.x0, p.y0, p.x1, p.y1), color=BLACK, width=0.8)
        for y in (0, 20, 40, 60, 80, 100):  # centred a little low: "0" hangs under the x axis, left of the plot
            page.draw_line((p.x0, p.py(y)), (p.x0 + 4, p.py(y)), color=BLACK, width=0.6)
            page.insert_text((p.x0 - 4 - 4.5 * len(str(y)), p.py(y) + 6), str(y), fontsize=8)
        for x in (0, 2, 4, 6, 8, 10):  # a row lower than that label's top
            page.draw_line((p.px(x), p.y1), (p.px(x), p.y1 - 4), color=BLACK, width=0.6)
            page.insert_text((p.px(x) - 2, p.y1 + 12), str(x), fontsize=8)
        page.draw_polyline([pymupdf.Point(p.px(x), p.py(y)) for x, y in zip(xs, ys)], color=BLUE, width=1.0)
        _caption(page, p.y1 + 36)

    fig = _figures(draw)[0]
    assert fig.kind == "chart"
    assert _recovered(list(zip(xs, ys)), _points(fig)) == len(xs)
