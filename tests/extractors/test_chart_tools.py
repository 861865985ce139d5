"""Chart reading of the drawing habits of other plotting tools (R, ggplot2, gnuplot), drawn here with PyMuPDF
the way those tools draw them (benchmarks/charts draws the real thing and scores it)."""
from __future__ import annotations

import itertools
from collections.abc import Callable

import pymupdf
import pytest

from extractors.charts.diagnose import why_unread
from extractors.charts.reader import ChartReading, read_charts
from extractors.page_content import PageContent
from extractors.pdf_reader import read_page

# a plot area 100..400 x 100..300 (page y grows downwards); data x 0..10 and y 0..100
X0, Y0, X1, Y1 = 100.0, 100.0, 400.0, 300.0
XS = [1.0, 3.0, 4.5, 6.0, 8.0, 9.5]
YS = [20.0, 45.0, 30.0, 70.0, 55.0, 85.0]


def px(x: float) -> float:
    return X0 + (X1 - X0) * x / 10


def py(y: float) -> float:
    return Y1 - (Y1 - Y0) * y / 100


def _page(draw: Callable[[pymupdf.Page], None]) -> PageContent:
    doc = pymupdf.open()
    page = doc.new_page(width=500, height=420)
    draw(page)
    data = doc.tobytes()
    return read_page(pymupdf.open(stream=data, filetype="pdf")[0])


def _ticks_and_labels(page: pymupdf.Page, rotated_y: bool) -> None:
    """Tick marks outside both axes, x labels under them, y labels left of them (R prints those along the
    axis, reading upwards, unless las=1)."""
    for x in (0, 2, 4, 6, 8, 10):
        page.draw_line((px(x), Y1), (px(x), Y1 + 4), color=(0, 0, 0), width=0.6)
        page.insert_text((px(x) - 3, Y1 + 16), str(x), fontsize=8)
    for y in (0, 20, 40, 60, 80, 100):
        page.draw_line((X0 - 4, py(y)), (X0, py(y)), color=(0, 0, 0), width=0.6)
        if rotated_y:
            page.insert_text((X0 - 8, py(y) + 2.5 * len(str(y))), str(y), fontsize=8, rotate=90)
        else:
            page.insert_text((X0 - 6 - 4.5 * len(str(y)), py(y) + 3), str(y), fontsize=8)


def _near(reading: ChartReading, name: str | None, xs: list[float], ys: list[float]) -> int:
    """How many truth points the named series (the only one when name is None) has within 1 % of the range."""
    ser = reading.series[0] if name is None else next(s for s in reading.series if s.name == name)
    return sum(1 for x, y in zip(xs, ys) if any(abs(a - x) <= 0.1 and abs(b - y) <= 1.0 for a, b in ser.points))


def _r_base(page: pymupdf.Page) -> None:
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.8)  # bty='o'
    _ticks_and_labels(page, rotated_y=True)
    page.draw_polyline([(px(x), py(y)) for x, y in zip(XS, YS)], color=(0.1, 0.6, 0.5), width=1.5)


def test_y_tick_labels_printed_along_the_axis() -> None:
    page = _page(_r_base)
    readings = read_charts(page, (60, 90, 410, 330))
    assert len(readings) == 1 and readings[0].y_axis is not None
    assert readings[0].y_axis.n_labels == 6
    assert _near(readings[0], None, XS, YS) == len(XS)


def test_axes_a_little_outside_the_figure_box() -> None:
    """A figure box grown from the data alone can miss axes drawn a few points off the data."""
    page = _page(_r_base)
    data_box = (X0 + 12, Y0 + 12, X1 - 10, Y1 - 12)  # axes 10-12 pt off: beyond the finder's 8 pt cluster gap
    readings = read_charts(page, data_box)
    assert len(readings) == 1 and _near(readings[0], None, XS, YS) == len(XS)


def _ggplot_panel(page: pymupdf.Page) -> None:
    """ggplot2's theme_gray: a grey panel, white grid lines across it (none on its edges), grey ticks
    outside, no axis lines."""
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), fill=(0.92, 0.92, 0.92), width=0)
    for x in (2, 4, 6, 8):
        page.draw_line((px(x), Y0), (px(x), Y1), color=(1, 1, 1), width=1.0)
        page.draw_line((px(x), Y1), (px(x), Y1 + 3), color=(0.2, 0.2, 0.2), width=1.0)
        page.insert_text((px(x) - 3, Y1 + 14), str(x), fontsize=8)
    for y in (20, 40, 60, 80):
        page.draw_line((X0, py(y)), (X1, py(y)), color=(1, 1, 1), width=1.0)
        page.draw_line((X0 - 3, py(y)), (X0, py(y)), color=(0.2, 0.2, 0.2), width=1.0)
        page.insert_text((X0 - 5 - 4.5 * len(str(y)), py(y) + 3), str(y), fontsize=8)
    page.draw_polyline([(px(x), py(y)) for x, y in zip(XS, YS)], color=(0.97, 0.46, 0.43), width=1.0)


def test_plot_area_from_grid_lines_without_axis_lines() -> None:
    readings = read_charts(_page(_ggplot_panel), (60, 90, 410, 330))
    assert len(readings) == 1
    assert readings[0].area == pytest.approx((X0, Y0, X1, Y1), abs=1.0)
    assert _near(readings[0], None, XS, YS) == len(XS)


def _gnuplot_key(page: pymupdf.Page) -> None:
    """gnuplot's key: each title right-aligned, its line sample drawn after it, inside the plot."""
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.5)
    _ticks_and_labels(page, rotated_y=False)
    colours = {"Alpha": (0.58, 0.0, 0.83), "Beta": (0.0, 0.62, 0.45)}
    for k, (name, colour) in enumerate(colours.items()):
        ys = YS if k == 0 else [v / 3 for v in YS]
        page.draw_polyline([(px(x), py(y)) for x, y in zip(XS, ys)], color=colour, width=1.0)
        row = Y0 + 10 + 9 * k
        width = pymupdf.get_text_length(name, fontsize=8)
        page.insert_text((X1 - 30 - width, row + 3), name, fontsize=8)
        page.draw_line((X1 - 27, row), (X1 - 8, row), color=colour, width=1.0)


def test_legend_sample_right_of_its_text() -> None:
    readings = read_charts(_page(_gnuplot_key), (60, 90, 410, 330))
    assert len(readings) == 1
    names = {s.name for s in readings[0].series}
    assert names == {"Alpha", "Beta"}
    assert _near(readings[0], "Beta", XS, [v / 3 for v in YS]) == len(XS)
    assert all(len(s.points) == len(XS) for s in readings[0].series)  # the samples are no data


ERR = [4.0, 6.0, 5.0, 8.0, 3.0, 6.0]


def _r_error_bars(page: pymupdf.Page) -> None:
    """R: type='b' (segments stopping short of each marker) and arrows(angle=90, code=3), whose caps are
    flat three-point arrow heads."""
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.8)
    _ticks_and_labels(page, rotated_y=False)
    colour = (0.85, 0.37, 0.01)
    pts = [(px(x), py(y)) for x, y in zip(XS, YS)]
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        d = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        gap = 4.0 / d
        page.draw_line((ax + gap * (bx - ax), ay + gap * (by - ay)), (bx - gap * (bx - ax), by - gap * (by - ay)),
                       color=colour, width=1.2)
    for (x, y), e in zip(pts, ERR):
        page.draw_circle((x, y), 2.0, color=colour, fill=colour)
        lo, hi = y + e * 2, y - e * 2  # 2 pt a unit on y
        page.draw_line((x, lo), (x, hi), color=colour, width=0.8)
        for end in (lo, hi):
            page.draw_polyline([(x - 3, end), (x, end), (x + 3, end)], color=colour, width=0.8)


def test_r_error_bars_and_broken_lines() -> None:
    readings = read_charts(_page(_r_error_bars), (60, 90, 410, 330))
    assert len(readings) == 1
    series = readings[0].series
    assert len(series) == 1 and series[0].kind == "scatter"
    assert _near(readings[0], None, XS, YS) == len(XS)
    assert series[0].errors == pytest.approx(ERR, abs=0.3)


def _empty_axes(page: pymupdf.Page) -> None:
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.8)
    _ticks_and_labels(page, rotated_y=False)


def _unlabelled_axes(page: pymupdf.Page) -> None:
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.8)
    page.draw_polyline([(px(x), py(y)) for x, y in zip(XS, YS)], color=(0.2, 0.4, 0.8), width=1.0)


def _raster(page: pymupdf.Page) -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 40), False)
    pix.set_rect(pix.irect, (240, 240, 250))
    page.insert_image(pymupdf.Rect(X0, Y0, X1, Y1), pixmap=pix)


def _blobs(page: pymupdf.Page) -> None:
    for k in range(4):
        page.draw_circle((X0 + 40 + 60 * k, Y0 + 50 + 20 * k), 15, color=(0, 0, 0), fill=(0.3, 0.5, 0.9))


@pytest.mark.parametrize("draw,reason", [
    (_empty_axes, "no data drawn in the plot area"),
    (_unlabelled_axes, "axes not calibrated"),
    (_raster, "raster chart"),
    (_blobs, "no axis found"),
])
def test_why_a_chart_gives_no_series(draw: Callable[[pymupdf.Page], None], reason: str) -> None:
    page = _page(draw)
    box = (60, 90, 410, 330)
    readings = read_charts(page, box)
    assert why_unread(page, box, readings) == reason
    if readings:  # a reading without series carries the reason in its own evidence too
        assert dict(readings[0].evidence)["unread"] == reason


def test_no_reason_when_series_were_read() -> None:
    page = _page(_r_base)
    box = (60, 90, 410, 330)
    readings = read_charts(page, box)
    assert why_unread(page, box, readings) is None
    assert "unread" not in dict(readings[0].evidence)


def _facets(page: pymupdf.Page) -> None:
    """ggplot2 facet_wrap(scales='free') in theme_minimal: two panels of grid lines only, their vertical grid
    lines sharing ends, the left panel's last x label at its right edge, one legend right of both."""
    colour = (0.97, 0.46, 0.43)
    for left, scale in ((60.0, 1.0), (250.0, 2.0)):
        right = left + 150
        for k in range(5):  # x 0..8 at the panel's width; the last one on the edge
            x = left + 150 * k / 4
            page.draw_line((x, Y0), (x, Y1), color=(0.9, 0.9, 0.9), width=0.8)
            page.insert_text((x - 3, Y1 + 12), str(2 * k), fontsize=8)
        for k in range(1, 5):
            y = Y1 - 200 * k / 5
            page.draw_line((left, y), (right, y), color=(0.9, 0.9, 0.9), width=0.8)
            page.insert_text((left - 14, y + 3), str(int(20 * k * scale)), fontsize=8)
        page.draw_polyline([(left + 150 * x / 8, Y1 - 200 * (y * scale) / (100 * scale)) for x, y in
                            zip([1, 3, 4, 6, 7], [30, 50, 40, 70, 60])], color=colour, width=1.0)
    page.draw_line((420, 200), (432, 200), color=colour, width=1.0)
    page.insert_text((436, 203), "Control", fontsize=8)


def test_facets_with_a_shared_legend() -> None:
    page = _page(_facets)
    readings = read_charts(page, (40, 90, 480, 330))
    assert len(readings) == 2
    for r, scale in zip(readings, (1.0, 2.0)):
        assert r.x_axis is not None and r.x_axis.n_labels == 5
        assert [s.name for s in r.series] == ["Control"]
        assert r.series[0].points[0] == pytest.approx((1.0, 30.0 * scale), abs=0.1 * scale)


def test_two_labels_make_a_linear_axis_unless_powers_of_ten() -> None:
    from extractors.charts.ticks import TickLabel, calibrate_axis
    lin = calibrate_axis([TickLabel(200, "50", 50.0), TickLabel(100, "100", 100.0)])
    assert lin is not None and lin.scale == "linear" and lin.to_data(150) == pytest.approx(75.0)
    log = calibrate_axis([TickLabel(200, "10", 10.0), TickLabel(100, "100", 100.0)])
    assert log is not None and log.scale == "log" and log.to_data(150) == pytest.approx(10 ** 1.5)


BARS = [80.0, 15.0, 25.0, 40.0]


def _r_barplot(page: pymupdf.Page) -> None:
    """R's barplot() without box(): the y axis only, from the first tick to the last, bars standing on
    the 0 tick with wide gaps between them, category names under them and no x axis line."""
    page.draw_line((X0, Y0), (X0, Y1), color=(0, 0, 0), width=0.75)
    for y in (0, 20, 40, 60, 80, 100):
        page.draw_line((X0 - 7, py(y)), (X0, py(y)), color=(0, 0, 0), width=0.75)
        page.insert_text((X0 - 10, py(y) + 2.5 * len(str(y))), str(y), fontsize=8, rotate=90)
    for k, (name, v) in enumerate(zip(("Beta", "Cache", "Gamma", "Indexer"), BARS)):
        left = X0 + 12 + 72 * k
        page.draw_rect(pymupdf.Rect(left, py(v), left + 36, Y1), color=(0, 0, 0), fill=(0.1, 0.6, 0.5), width=0.75)
        page.insert_text((left + 4, Y1 + 14), name, fontsize=8)


def test_bars_beside_a_lone_value_axis() -> None:
    readings = read_charts(_page(_r_barplot), (60, 90, 410, 330))
    assert len(readings) == 1
    r = readings[0]
    assert r.x_axis is not None and r.x_axis.categories == ("Beta", "Cache", "Gamma", "Indexer")
    assert [s.kind for s in r.series] == ["bar"]
    assert [x for x, _ in r.series[0].points] == [0.0, 1.0, 2.0, 3.0]
    assert [y for _, y in r.series[0].points] == pytest.approx(BARS, abs=0.5)


def _gnuplot_open_circles(page: pymupdf.Page) -> None:
    """gnuplot's yerrorlines with open circles: each circle two Bézier halves from its top to its bottom
    and back, so its path's vertices line up like a whisker's, at the whisker's own x."""
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.5)
    _ticks_and_labels(page, rotated_y=False)
    colour = (0.0, 0.62, 0.45)
    pts = [(px(x), py(y)) for x, y in zip(XS, YS)]
    page.draw_polyline(pts, color=colour, width=1.0)
    for (x, y), e in zip(pts, ERR):
        shape = page.new_shape()
        shape.draw_bezier((x, y - 2.4), (x + 3.2, y - 2.4), (x + 3.2, y + 2.4), (x, y + 2.4))
        shape.draw_bezier((x, y + 2.4), (x - 3.2, y + 2.4), (x - 3.2, y - 2.4), (x, y - 2.4))
        shape.finish(color=colour, width=0.5)
        shape.commit()
        for a, b in (((x, y - e * 2), (x, y + e * 2)), ((x - 1.3, y - e * 2), (x + 1.3, y - e * 2)),
                     ((x - 1.3, y + e * 2), (x + 1.3, y + e * 2))):
            page.draw_line(a, b, color=colour, width=0.5)


def test_round_markers_on_their_whiskers_stay_markers() -> None:
    readings = read_charts(_page(_gnuplot_open_circles), (60, 90, 410, 330))
    assert len(readings) == 1 and len(readings[0].series) == 1
    assert readings[0].series[0].kind == "scatter"  # the markers, the line through them dropped
    assert len(readings[0].series[0].points) == len(XS) and _near(readings[0], None, XS, YS) == len(XS)
    assert readings[0].series[0].errors == pytest.approx(ERR, abs=0.3)


def test_plot_areas_say_whether_their_ticks_are_drawn() -> None:
    """Drawn tick marks on both axes tell a plot from two crossing rules (a table's corner, a grid)."""
    from extractors.charts.axes import find_plot_areas
    def ruled_table(page: pymupdf.Page) -> None:
        for k in range(4):
            page.draw_line((X0, Y0 + 60 * k), (X1, Y0 + 60 * k), color=(0, 0, 0), width=0.5)
            page.draw_line((X0 + 100 * k, Y0), (X0 + 100 * k, Y0 + 180), color=(0, 0, 0), width=0.5)
            page.insert_text((X0 + 10, Y0 + 30 + 60 * k), f"row {k}", fontsize=8)

    marked = _page(_r_base)
    table = _page(ruled_table)
    assert [a.tick_marks for a in find_plot_areas(marked.rules, (60, 90, 410, 330))] == [True]
    assert [a.tick_marks for a in find_plot_areas(table.rules, (60, 90, 410, 330))] == [False]


def _pgfplots_factor(page: pymupdf.Page) -> None:
    """pgfplots' common factor `·10⁶` printed above the y axis's top, the exponent raised and smaller."""
    _r_base(page)
    page.insert_text((X0 + 2, Y0 - 6), "\u00b710", fontsize=8)
    page.insert_text((X0 + 2 + pymupdf.get_text_length("\u00b710", fontsize=8), Y0 - 9), "6", fontsize=5.6)


def test_pgfplots_axis_factor() -> None:
    readings = read_charts(_page(_pgfplots_factor), (60, 80, 410, 330))
    assert len(readings) == 1
    assert dict(readings[0].evidence)["y_axis_factor"] == pytest.approx(1e6)
    assert [y for _, y in readings[0].series[0].points] == pytest.approx([y * 1e6 for y in YS], rel=0.01)


def _unlabelled_intensity(page: pymupdf.Page, title: str = "Intensity (arb. units)") -> None:
    """A spectrum: x tick labels, y ticks with no labels, and the turned y title close by."""
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=0.8)
    for x in (0, 2, 4, 6, 8, 10):
        page.draw_line((px(x), Y1), (px(x), Y1 + 4), color=(0, 0, 0), width=0.6)
        page.insert_text((px(x) - 3, Y1 + 16), str(x), fontsize=8)
    page.insert_text((X0 - 8, Y1 - 40), title, fontsize=8, rotate=90)
    page.draw_polyline([(px(x), py(y)) for x, y in zip(XS, YS)], color=(0.2, 0.4, 0.8), width=1.0)


def test_a_turned_axis_title_is_no_tick_label() -> None:
    """Without y tick labels and with no arbitrary unit the y axis is not calibrated, so no series is made up
    (all at y = 0); in arbitrary units the heights are read as shares of the plot's, the title no label."""
    page = _page(lambda p: _unlabelled_intensity(p, "Intensity (counts)"))
    box = (60, 90, 410, 330)
    readings = read_charts(page, box)
    assert readings == []
    assert why_unread(page, box, readings) == "axes not calibrated"
    readings = read_charts(_page(_unlabelled_intensity), box)
    assert len(readings) == 1 and dict(readings[0].evidence)["y_relative"] == 1.0
    assert dict(readings[0].evidence)["y_axis_labels"] == 0.0
    shares = [(Y1 - py(y)) / (Y1 - Y0) for y in YS]
    assert [y for _, y in readings[0].series[0].points] == pytest.approx(shares, abs=0.01)


def test_a_chart_with_no_series_says_why_in_its_evidence() -> None:
    """A captioned chart whose data are a raster (a heatmap image drawn on matplotlib axes) gives no series,
    and the figure's evidence says why (`chart_unread`), so the analyst knows to look (issue 18)."""
    import io

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from extractors.pipeline import extract_document

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.imshow([[0, 1, 2], [2, 1, 0]], extent=(0, 10, 0, 5), aspect="auto")
    ax.set_xlabel("Time (s)")
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf")
    plt.close(fig)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.show_pdf_page(pymupdf.Rect(100, 100, 400, 325), pymupdf.open(stream=buf.getvalue()), 0)
    page.insert_text((100, 345), "Figure 1: Signal over time for the three channels.", fontsize=9)
    [figure] = extract_document(doc.tobytes()).figures
    assert (figure.kind, figure.series) == ("chart", ())
    assert dict(figure.evidence)["chart_unread"] == "raster chart"
