"""Charts drawn the way LibreOffice Calc exports them (issue 18 item 3), generated here with PyMuPDF at random:
the plot-area frame one path from the middle of its bottom edge (the x axis comes as two halves), each marker
a filled shape with its outline drawn over it as a second shape, square markers whose edges line up by chance,
tick labels set close on a narrow axis (9.76 10.76 …), and the legend beside the plot (right, boxed or not,
or under the x title, too far to be part of the chart's graphic). Each is read through read_charts and
find_figures: one chart, every point within the bench's 1 % rule, series named from the legend."""
from __future__ import annotations

import math
import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.charts.reader import read_charts
from extractors.figures import find_figures
from extractors.pdf_reader import read_page

BLACK = (0.0, 0.0, 0.0)
GREY = (0.7, 0.7, 0.7)
COLOURS = ((0.0, 0.27, 0.53), (1.0, 0.26, 0.05), (0.34, 0.62, 0.11))
NAMES = ("Control", "Treated", "Model A", "Model B", "Sample 1", "Baseline")
MARKERS = ("square", "diamond", "triangle")
X0, Y0, X1, Y1 = 130.0, 100.0, 430.0, 300.0  # the plot area
SIZE = 6.0  # a marker's width


def _wide(text: str, size: float = 8.0) -> float:
    return pymupdf.get_text_length(text, fontsize=size)


def _frame(page: pymupdf.Page, box: tuple[float, float, float, float], mid: bool = True) -> None:
    """A rectangle as one path starting at the middle of its bottom edge, as LibreOffice draws its frames
    (else a plain rectangle)."""
    x0, y0, x1, y1 = box
    if not mid:
        page.draw_rect(pymupdf.Rect(box), color=BLACK, width=0.5)
        return
    mid = (x0 + x1) / 2
    shape = page.new_shape()
    shape.draw_polyline([(mid, y1), (x1, y1), (x1, y0), (x0, y0), (x0, y1), (mid, y1)])
    shape.finish(color=BLACK, width=0.5, closePath=False)
    shape.commit()


def _outline(marker: str, x: float, y: float, size: float = SIZE) -> list[tuple[float, float]]:
    h = size / 2
    if marker == "square":
        return [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h), (x - h, y - h)]
    if marker == "diamond":
        return [(x, y - h), (x + h, y), (x, y + h), (x - h, y), (x, y - h)]
    return [(x, y - h), (x + h, y + h), (x - h, y + h), (x, y - h)]


def _marker(page: pymupdf.Page, marker: str, x: float, y: float, colour: tuple, two_part: bool = True) -> None:
    """A filled symbol, then its outline as a second drawing over it (LibreOffice's markers); else one
    drawing filled and stroked."""
    for fill, stroke in ((colour, None), (None, colour)) if two_part else ((colour, colour),):
        shape = page.new_shape()
        shape.draw_polyline(_outline(marker, x, y))
        shape.finish(color=stroke, fill=fill, width=0 if stroke is None else 0.3, closePath=True)
        shape.commit()


def _ticks(page: pymupdf.Page, lo: float, hi: float, n: int, x_axis: bool, decimals: int,
           label_gap: float = 0.0) -> None:
    """n ticks evenly from lo to hi on one axis, each labelled with its value (Calc's `9.76` style)."""
    for i in range(n):
        v = lo + (hi - lo) * i / (n - 1)
        text = f"{v:.{decimals}f}"
        if x_axis:
            x = X0 + (X1 - X0) * i / (n - 1)
            page.draw_line((x, Y1), (x, Y1 + 4), color=BLACK, width=0.5)
            page.insert_text((x - _wide(text) / 2, Y1 + 13), text, fontsize=8)
        else:
            y = Y1 - (Y1 - Y0) * i / (n - 1)
            page.draw_line((X0 - 4, y), (X0, y), color=BLACK, width=0.5)
            page.draw_line((X0, y), (X1, y), color=GREY, width=0.3)
            page.insert_text((X0 - 7 - _wide(text), y + 3), text, fontsize=8)


def _legend(page: pymupdf.Page, names: list[str], markers: list[str], where: str, boxed: bool,
            two_part: bool) -> None:
    """The legend right of the plot (one entry a row) or under the x title (one row): a line stub with the
    marker on it, then the name."""
    if where == "right":
        x, y = X1 + 18, (Y0 + Y1) / 2 - 14 * len(names) / 2
        spots = [(x, y + 14 * k) for k in range(len(names))]
    else:
        widths = [34 + _wide(n, 9) for n in names]
        x = (X0 + X1) / 2 - sum(widths) / 2
        spots = [(x + sum(widths[:k]), Y1 + 62) for k in range(len(names))]
    if boxed:
        right = max(sx + 30 + _wide(n, 9) for (sx, _), n in zip(spots, names)) + 4
        _frame(page, (spots[0][0] - 4, spots[0][1] - 5, right, spots[-1][1] + 14 - 5))
    for (sx, sy), name, marker, colour in zip(spots, names, markers, COLOURS):
        page.draw_line((sx, sy + 2), (sx + 22, sy + 2), color=colour, width=1.4)
        _marker(page, marker, sx + 11, sy + 2, colour, two_part)
        page.insert_text((sx + 26, sy + 5.5), name, fontsize=9)


def _xy_chart(rng: random.Random, *, legend: str, boxed: bool, errors: bool, lines: bool, aligned: bool,
              mid_frame: bool = False, two_part: bool = False) -> tuple[bytes, dict[str, list[tuple[float, float]]]]:
    """An XY chart of 1-3 series (markers, optionally joined by lines, optionally with capped error bars), its
    x axis 0..10, y axis 0..14; with `aligned` square markers stand one marker height apart in y, so that one
    square's bottom edge lines up with another's top."""
    k = rng.randint(2, 3) if legend != "none" else 1
    names = rng.sample(NAMES, k)
    markers = ["square"] + rng.sample(MARKERS[1:], k - 1)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _ticks(page, 0, 14, 8, False, 0)
    _ticks(page, 0, 10, 6, True, 0)
    _frame(page, (X0, Y0, X1, Y1), mid_frame)
    page.insert_text(((X0 + X1) / 2 - 15, Y1 + 32), "Dose (mg)", fontsize=9)
    truth: dict[str, list[tuple[float, float]]] = {}
    step_y = SIZE * 14 / (Y1 - Y0)  # a marker's height in data units
    for s, (name, marker) in enumerate(zip(names, markers)):
        n = rng.randint(5, 9)
        xs = sorted(rng.sample(range(1, 20), n))
        pts = [(x / 2, round(rng.uniform(1.5, 12.5), 2)) for x in xs]
        if aligned and marker == "square":  # squares edge to edge in y
            base = rng.uniform(3, 9)
            pts = [(x, round(base + step_y * (i % 3), 4)) for i, (x, _) in enumerate(pts)]
        page_pts = [(X0 + (X1 - X0) * x / 10, Y1 - (Y1 - Y0) * y / 14) for x, y in pts]
        if lines:
            page.draw_polyline(page_pts, color=COLOURS[s], width=1.4)
        for px, py in page_pts:
            if errors:
                e = rng.uniform(6, 18)
                page.draw_line((px, py - e), (px, py + e), color=COLOURS[s], width=0.8)
                for cy in (py - e, py + e):
                    page.draw_line((px - 3, cy), (px + 3, cy), color=COLOURS[s], width=0.8)
            _marker(page, marker, px, py, COLOURS[s], two_part)
        truth[name] = pts
    if legend != "none":
        _legend(page, names, markers, legend, boxed, two_part)
    page.insert_text((72, Y1 + 95), "Figure 1: Response over the dose range.", fontsize=9)
    return doc.tobytes(), truth


def _exact(read: list[tuple[float, float]], truth: list[tuple[float, float]]) -> bool:
    """Every truth point has a read point within 1 % of the axis ranges (10 and 14)."""
    return all(any(abs(x - a) <= 0.1 and abs(y - b) <= 0.14 for a, b in read) for x, y in truth)


@pytest.mark.parametrize("seed", range(1, 7))
def test_frame_drawn_from_mid_edge(seed: int) -> None:
    """The plot area spans the whole frame, its bottom edge drawn as two halves: every point read."""
    rng = random.Random(seed)
    pdf, truth = _xy_chart(rng, legend="none", boxed=False, errors=seed % 2 == 1, lines=seed % 3 == 0,
                           aligned=False, mid_frame=True)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    readings = read_charts(content, (X0 - 40, Y0 - 10, X1 + 10, Y1 + 40))
    assert len(readings) == 1
    area = readings[0].area
    assert abs(area[0] - X0) < 1 and abs(area[2] - X1) < 1, area
    (series,) = readings[0].series
    (pts,) = truth.values()
    assert len(series.points) == len(pts) and _exact(list(series.points), pts)


@pytest.mark.parametrize("seed", range(1, 7))
def test_marker_fill_and_outline_are_one_marker(seed: int) -> None:
    """Each marker a fill and an outline drawn over it: each series comes once, not its fills and its
    outlines as two, and the legend's samples (drawn the same way) still name them."""
    rng = random.Random(50 + seed)
    pdf, truth = _xy_chart(rng, legend="right", boxed=False, errors=seed % 2 == 1, lines=seed % 3 == 0,
                           aligned=False, two_part=True)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    (reading,) = read_charts(content, (X0 - 40, Y0 - 10, X1 + 120, Y1 + 40))
    assert sorted(s.name for s in reading.series) == sorted(truth)
    for s in reading.series:
        assert len(s.points) == len(truth[s.name]) and _exact(list(s.points), truth[s.name]), s.name


@pytest.mark.parametrize("seed", range(1, 7))
def test_square_markers_edge_to_edge_are_no_bars(seed: int) -> None:
    """Square markers of one size whose edges line up are a scatter series, not bars on a common edge."""
    rng = random.Random(100 + seed)
    pdf, truth = _xy_chart(rng, legend="right", boxed=False, errors=False, lines=False, aligned=True)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    (reading,) = read_charts(content, (X0 - 40, Y0 - 10, X1 + 120, Y1 + 40))
    assert all(s.kind == "scatter" for s in reading.series)
    assert len(reading.series) == len(truth)
    for pts in truth.values():
        assert any(_exact(list(s.points), pts) for s in reading.series)


@pytest.mark.parametrize("legend,boxed", [("right", True), ("right", False), ("below", True)])
@pytest.mark.parametrize("seed", range(1, 5))
def test_legend_beside_the_plot_names_the_series(seed: int, legend: str, boxed: bool) -> None:
    """A legend right of the plot (a bordered box makes a graphic of its own) or under the x title is the
    chart's: the figure is one chart, not two panels, and its series carry the legend's names."""
    rng = random.Random(200 + seed)
    pdf, truth = _xy_chart(rng, legend=legend, boxed=boxed, errors=seed % 2 == 0, lines=seed % 3 == 0,
                           aligned=False)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    (figure,) = [f for f in find_figures(content, find_captions(content)) if f.label == "Figure 1"]
    assert figure.kind == "chart"
    read: dict[str, list[tuple[float, float]]] = {}
    for p in figure.series:
        read.setdefault(p.series, []).append((p.x, p.y))
    assert set(read) == set(truth)
    for name, pts in truth.items():
        assert _exact(read[name], pts), name


def _two_panels(rng: random.Random) -> tuple[bytes, list[tuple[float, float]], list[tuple[float, float]]]:
    """Two line charts side by side, the right one narrow with eight close-set labels (9.76 10.76 …)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    panels = []
    lo = round(rng.uniform(10, 80), 2)
    labels = [f"{lo + i:.2f}" for i in range(8)]
    gap = rng.uniform(1.0, 2.0)
    width = 7 * (max(_wide(t) for t in labels) + gap)
    for k, (x0, x1, xlo, xhi, n) in enumerate(((80.0, 260.0, 0.0, 10.0, 6),
                                               (300.0, 300.0 + width, lo, lo + 7, 8))):
        ys = [round(rng.uniform(1, 9), 2) for _ in range(n)]
        xs = [xlo + (xhi - xlo) * i / (n - 1) for i in range(n)]
        page.draw_rect(pymupdf.Rect(x0, 100, x1, 220), color=BLACK, width=0.5)
        for i in range(n):
            x = x0 + (x1 - x0) * i / (n - 1)
            text = labels[i] if k else f"{xs[i]:g}"
            page.draw_line((x, 220), (x, 224), color=BLACK, width=0.5)
            page.insert_text((x - _wide(text) / 2, 233), text, fontsize=8)
        for i in range(6):
            y = 220 - 120 * i / 5
            page.draw_line((x0 - 4, y), (x0, y), color=BLACK, width=0.5)
            page.insert_text((x0 - 7 - _wide(str(2 * i)), y + 3), str(2 * i), fontsize=8)
        page.draw_polyline([(x0 + (x1 - x0) * (x - xlo) / (xhi - xlo), 220 - 120 * y / 10) for x, y in zip(xs, ys)],
                           color=COLOURS[k], width=1.2)
        panels.append(list(zip(xs, ys)))
    page.insert_text((80, 262), "Figure 1: Two panels side by side, the signal over the dose range.", fontsize=9)
    return doc.tobytes(), panels[0], panels[1]


@pytest.mark.parametrize("seed", range(1, 7))
def test_close_set_numeric_labels_are_ticks(seed: int) -> None:
    """A narrow panel's eight close-set numbers are its x axis's tick labels (not one label, not prose that
    keeps them out of the panel's graphic): both panels read."""
    rng = random.Random(300 + seed)
    pdf, left, right = _two_panels(rng)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    (figure,) = [f for f in find_figures(content, find_captions(content)) if f.label == "Figure 1"]
    assert figure.kind == "multi"
    read: dict[str, list[tuple[float, float]]] = {}
    for p in figure.series:
        read.setdefault(p.series[:3], []).append((p.x, p.y))
    assert set(read) == {"(a)", "(b)"}
    for panel, truth in (("(a)", left), ("(b)", right)):
        xr = max(x for x, _ in truth) - min(x for x, _ in truth)
        assert all(any(math.isclose(x, a, abs_tol=0.01 * xr) and abs(y - b) <= 0.1 for a, b in read[panel])
                   for x, y in truth), panel


@pytest.mark.parametrize("seed", range(1, 5))
def test_squares_and_diamonds_of_one_colour_stay_apart(seed: int) -> None:
    """Black squares and black diamonds of one size, each a fill and an outline: once folded, the two still
    differ (a square's corners stand upright, a diamond's do not), so two series, each named."""
    rng = random.Random(400 + seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _ticks(page, 0, 14, 8, False, 0)
    _ticks(page, 0, 10, 6, True, 0)
    _frame(page, (X0, Y0, X1, Y1), mid=False)
    truth = {}
    for name, marker in (("Reads", "square"), ("Writes", "diamond")):
        pts = [(x / 2, round(rng.uniform(1.5, 12.5), 2)) for x in sorted(rng.sample(range(1, 20), rng.randint(4, 8)))]
        for x, y in pts:
            _marker(page, marker, X0 + (X1 - X0) * x / 10, Y1 - (Y1 - Y0) * y / 14, BLACK)
        truth[name] = pts
    for k, (name, marker) in enumerate((("Reads", "square"), ("Writes", "diamond"))):
        _marker(page, marker, X1 + 20, Y0 + 80 + 14 * k, BLACK)  # the legend right of the plot
        page.insert_text((X1 + 30, Y0 + 83.5 + 14 * k), name, fontsize=9)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    (reading,) = read_charts(content, (X0 - 40, Y0 - 10, X1 + 80, Y1 + 40))
    assert sorted(s.name for s in reading.series) == ["Reads", "Writes"]
    for s in reading.series:
        assert len(s.points) == len(truth[s.name]) and _exact(list(s.points), truth[s.name]), s.name


@pytest.mark.parametrize("seed", range(1, 5))
def test_one_word_by_the_y_axis_is_no_scale(seed: int) -> None:
    """A line chart with no y tick labels and one word just left of its y axis (the next panel's letter, a
    scale bar's `200 µm`): that word is no category axis placing every point at 0, so no chart is read."""
    rng = random.Random(500 + seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _ticks(page, 0, 10, 6, True, 0)
    _frame(page, (X0, Y0, X1, Y1), mid=False)
    word = rng.choice(("a", "b", "200 um", "inset"))
    page.insert_text((X0 - 8 - _wide(word), rng.uniform(Y0 + 10, Y1 - 10)), word, fontsize=8)
    xs = [X0 + (X1 - X0) * i / 20 for i in range(21)]
    page.draw_polyline([(x, rng.uniform(Y0 + 10, Y1 - 10)) for x in xs], color=COLOURS[0], width=1.0)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    assert read_charts(content, (X0 - 40, Y0 - 10, X1 + 10, Y1 + 40)) == []


def _small_chart(page: pymupdf.Page, rng: random.Random, box: tuple[float, float, float, float],
                 legend: str | None) -> None:
    """A framed line chart with numeric axes in `box`, its legend (one entry) inside the plot's top right."""
    x0, y0, x1, y1 = box
    page.draw_rect(pymupdf.Rect(box), color=BLACK, width=0.5)
    for i in range(6):
        x, y = x0 + (x1 - x0) * i / 5, y1 - (y1 - y0) * i / 5
        page.draw_line((x, y1), (x, y1 + 4), color=BLACK, width=0.5)
        page.insert_text((x - _wide(str(2 * i)) / 2, y1 + 13), str(2 * i), fontsize=8)
        page.draw_line((x0 - 4, y), (x0, y), color=BLACK, width=0.5)
        page.insert_text((x0 - 7 - _wide(str(2 * i)), y + 3), str(2 * i), fontsize=8)
    xs = [x0 + (x1 - x0) * i / 10 for i in range(11)]
    page.draw_polyline([(x, rng.uniform(y0 + 40, y1 - 5)) for x in xs], color=COLOURS[0], width=1.0)
    if legend:
        right = x1 - 4 - _wide(legend, 9)
        page.draw_line((right - 24, y0 + 12), (right - 4, y0 + 12), color=COLOURS[0], width=1.0)
        page.insert_text((right, y0 + 15.5), legend, fontsize=9)


@pytest.mark.parametrize("seed", range(1, 4))
def test_a_neighbours_legend_and_a_note_are_not_taken(seed: int) -> None:
    """Legends are taken in from beside a chart, but not a neighbouring chart's legend drawn inside its own
    plot, nor a note paragraph under the caption whose text runs on by drawn symbols."""
    rng = random.Random(600 + seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    left = (80.0, 100.0, 260.0 + rng.uniform(0, 10), 260.0)
    right = (left[2] + 40 + rng.uniform(0, 10), 100.0, 530.0, 260.0)
    _small_chart(page, rng, left, rng.choice(("Model A", "Baseline", "Control")))
    _small_chart(page, rng, right, None)
    page.insert_text((left[0], 290), "Figure 1: Left.", fontsize=9)
    page.insert_text((right[0], 290), "Figure 2: Right.", fontsize=9)
    page.insert_text((right[0], 302), "Note: individual data over the whole study period.", fontsize=9)
    page.insert_text((right[0], 314), "MRI at baseline (", fontsize=9)
    _marker(page, "diamond", right[0] + 4 + _wide("MRI at baseline (", 9), 311, COLOURS[1])
    page.insert_text((right[0] + 8 + _wide("MRI at baseline (", 9), 314), ") and after.", fontsize=9)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    figures = {f.label: f for f in find_figures(content, find_captions(content))}
    assert figures["Figure 2"].bbox[0] >= left[2] + 5  # not grown over the left chart's legend
    assert figures["Figure 2"].bbox[3] <= 290  # nor over its caption's note
    assert figures["Figure 1"].kind == figures["Figure 2"].kind == "chart"
