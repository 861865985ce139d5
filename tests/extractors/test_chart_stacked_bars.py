"""Stacked bar charts (issue 18 item 3): bars of several series standing on each other in one category slot.
Each series' value is its own segment's length (top minus base in axis units), not the stack's height at its
top. Drawn here with PyMuPDF, vertical and horizontal, a random number of categories, series and values, and
read through read_charts and find_figures; bars that float (on no bar and off the baseline) are no stack.
Also the corpus's matplotlib drawer with seaborn's whitegrid (no tick marks), horizontal and stacked bars."""
from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from benchmarks.charts import draw_mpl
from benchmarks.charts.compose import compose
from benchmarks.charts.spec import make_spec
from benchmarks.score import series_recovery
from extractors.captions import find_captions
from extractors.charts.reader import read_charts
from extractors.charts.shapes import explode_rects, is_rect, stacks
from extractors.figures import find_figures
from extractors.pdf_reader import read_page
from extractors.pipeline import ExtractionOptions, extract_document

BLACK = (0.0, 0.0, 0.0)
COLOURS = ((0.12, 0.47, 0.71), (1.0, 0.5, 0.05), (0.17, 0.63, 0.17), (0.84, 0.15, 0.16))
NAMES = ("North", "South", "East", "West", "Alpha", "Beta", "Gamma")
X0, Y0, X1, Y1 = 140.0, 100.0, 460.0, 300.0  # the plot area
TOP = 100.0  # the value axis runs 0..TOP


def _axes(page: pymupdf.Page, cats: list[str], horizontal: bool) -> None:
    """Axis lines, category ticks and labels at the slot centres, value ticks and labels every 20."""
    page.draw_line((X0, Y0), (X0, Y1), color=BLACK, width=0.8)
    page.draw_line((X0, Y1), (X1, Y1), color=BLACK, width=0.8)
    step = ((Y1 - Y0) if horizontal else (X1 - X0)) / len(cats)

    def wide(text: str) -> float:
        return pymupdf.get_text_length(text, fontsize=8)

    for i, name in enumerate(cats):
        mid = (i + 0.5) * step
        if horizontal:  # counted from the bottom
            page.draw_line((X0 - 4, Y1 - mid), (X0, Y1 - mid), color=BLACK, width=0.6)
            page.insert_text((X0 - 7 - wide(name), Y1 - mid + 3), name, fontsize=8)
        else:
            page.draw_line((X0 + mid, Y1), (X0 + mid, Y1 + 4), color=BLACK, width=0.6)
            page.insert_text((X0 + mid - wide(name) / 2, Y1 + 14), name, fontsize=8)
    for v in range(0, int(TOP) + 1, 20):
        if horizontal:
            x = X0 + (X1 - X0) * v / TOP
            page.draw_line((x, Y1), (x, Y1 + 4), color=BLACK, width=0.6)
            page.insert_text((x - wide(str(v)) / 2, Y1 + 14), str(v), fontsize=8)
        else:
            y = Y1 - (Y1 - Y0) * v / TOP
            page.draw_line((X0 - 4, y), (X0, y), color=BLACK, width=0.6)
            page.insert_text((X0 - 7 - wide(str(v)), y + 3), str(v), fontsize=8)


def _segment(i: int, n: int, lo: float, hi: float, horizontal: bool, share: float = 0.6) -> pymupdf.Rect:
    """The rectangle of category i's bar from value lo to value hi (the bar fills `share` of its slot)."""
    step = ((Y1 - Y0) if horizontal else (X1 - X0)) / n
    a, b = (i + 0.5 - share / 2) * step, (i + 0.5 + share / 2) * step
    if horizontal:
        return pymupdf.Rect(X0 + (X1 - X0) * lo / TOP, Y1 - b, X0 + (X1 - X0) * hi / TOP, Y1 - a)
    return pymupdf.Rect(X0 + a, Y1 - (Y1 - Y0) * hi / TOP, X0 + b, Y1 - (Y1 - Y0) * lo / TOP)


def _stacked(rng: random.Random, horizontal: bool) -> tuple[bytes, list[str], list[list[float]]]:
    """A stacked bar chart: k series, each series' segment drawn on the sum of those before it."""
    n, k = rng.randint(3, 6), rng.randint(2, 4)
    cats = rng.sample(NAMES, n)
    values = [[round(rng.uniform(4, 85 / k), 1) for _ in range(n)] for _ in range(k)]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _axes(page, cats, horizontal)
    base = [0.0] * n
    for s in range(k):
        for i in range(n):
            rect = _segment(i, n, base[i], base[i] + values[s][i], horizontal)
            page.draw_rect(rect, color=BLACK if rng.random() < 0.5 else None, fill=COLOURS[s], width=0.5)
            base[i] += values[s][i]
    page.insert_text((72, Y1 + 40), "Figure 1: Parts of the total per region.", fontsize=9)
    return doc.tobytes(), cats, values


def _reading(pdf: bytes):  # type: ignore[no-untyped-def]
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    readings = read_charts(content, (X0 - 60, Y0 - 10, X1 + 10, Y1 + 25))
    assert len(readings) == 1
    return content, readings[0]


@pytest.mark.parametrize("horizontal", [False, True], ids=["stacked", "hstacked"])
@pytest.mark.parametrize("seed", range(1, 9))
def test_stacked_bars_read_as_segments(seed: int, horizontal: bool) -> None:
    rng = random.Random(seed * 17 + horizontal)
    pdf, cats, values = _stacked(rng, horizontal)
    content, reading = _reading(pdf)
    assert dict(reading.evidence)["bars_stacked"] == 1.0
    assert dict(reading.evidence)["bars_horizontal"] == float(horizontal)
    cat_axis = reading.y_axis if horizontal else reading.x_axis
    assert cat_axis is not None and list(cat_axis.categories) == cats
    got = sorted(tuple(sorted((round(x, 6), y) for x, y in s.points)) for s in reading.series)
    truth = sorted(tuple((float(i), v) for i, v in enumerate(vals)) for vals in values)
    assert len(got) == len(truth)
    for g, t in zip(got, truth):
        assert [x for x, _ in g] == [x for x, _ in t]
        assert all(abs(a - b) <= 0.01 * TOP for (_, a), (_, b) in zip(g, t))  # the segment, not the top

    figures = find_figures(content, find_captions(content))
    assert len(figures) == 1 and figures[0].kind == "chart"
    assert dict(figures[0].evidence)["chart_bars_stacked"] == 1.0
    pts = [(p.x, p.y) for p in figures[0].series]
    assert all(any(abs(x - i) < 1e-6 and abs(y - v) <= 0.01 * TOP for x, y in pts)
               for vals in values for i, v in enumerate(vals))


@pytest.mark.parametrize("seed", range(1, 7))
def test_floating_bars_are_no_stack(seed: int) -> None:
    """Bars on the baseline with bars of another colour floating over them (a gap between, or narrower than
    the bar under them) and capped whiskers on top: the grounded bars read as they stand, nothing stacked."""
    rng = random.Random(seed)
    horizontal = bool(seed % 2)
    n = rng.randint(3, 6)
    cats = rng.sample(NAMES, n)
    heights = [round(rng.uniform(10, 50), 1) for _ in range(n)]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    _axes(page, cats, horizontal)
    for i, h in enumerate(heights):
        page.draw_rect(_segment(i, n, 0.0, h, horizontal), color=None, fill=COLOURS[0], width=0)
        gap = rng.choice((3.0, 0.0))  # a gap over the bar, or on it but narrower: no stack either way
        share = 0.6 if gap else 0.4
        page.draw_rect(_segment(i, n, h + gap, h + gap + rng.uniform(5, 20), horizontal, share), color=None,
                       fill=COLOURS[1], width=0)
        centre = _segment(i, n, h, h, horizontal)
        if not horizontal:  # a whisker with caps above the floating bar
            cx = (centre.x0 + centre.x1) / 2
            ya, yb = Y1 - (Y1 - Y0) * 85 / TOP, Y1 - (Y1 - Y0) * 95 / TOP
            page.draw_line((cx, ya), (cx, yb), color=BLACK, width=0.6)
            for y in (ya, yb):
                page.draw_line((cx - 3, y), (cx + 3, y), color=BLACK, width=0.6)
    page.insert_text((72, Y1 + 40), "Figure 1: Heights per region.", fontsize=9)
    _, reading = _reading(doc.tobytes())
    assert dict(reading.evidence)["bars_stacked"] == 0.0
    bars = [s for s in reading.series if s.kind == "bar"]
    assert len(bars) == 1
    want = [(float(i), pytest.approx(h, abs=0.01 * TOP)) for i, h in enumerate(heights)]
    assert sorted(bars[0].points) == want


@pytest.mark.parametrize("style", ["hbar", "stacked"])
@pytest.mark.parametrize("seed", range(1, 4))
def test_grid_without_tick_marks_names_no_edge_category(tmp_path: Path, seed: int, style: str) -> None:
    """seaborn's whitegrid draws no tick marks: its grid lines stand for them, the frame's bottom line among
    them. Unnamed, that line is no category (horizontal bars had read one slot off). Drawn by the corpus's
    matplotlib drawer at a seed (stacked: either way, as the seed draws), scored as the bench does."""
    spec = make_spec(style, random.Random(f"{seed}:grid"))
    raw = tmp_path / "raw.pdf"
    draw_mpl.draw(spec, "seaborn-v0_8-whitegrid", raw)
    truth = compose(raw, spec, 1, ["matplotlib", style], tmp_path / "chart.pdf")["figures"][0]
    figure = next(f for f in extract_document(tmp_path / "chart.pdf", ExtractionOptions(crop_dpi=36)).figures
                  if f.label == "Figure 1")
    read: dict[str, list] = {}
    for p in figure.series:
        read.setdefault(p.series, []).append((p.x, p.y, p.point))
    hit, n = series_recovery(truth, read)
    assert n > 0 and hit == n


@pytest.mark.parametrize("seed", range(1, 6))
def test_cells_of_a_grid_are_no_stacks(seed: int) -> None:
    """Rectangles of a few colours tiling a grid meet above one another and side by side: a heatmap's cells,
    not stacks. The same columns drawn apart (a gap between them) are stacks, one per column."""
    rng = random.Random(seed)
    rows, cols = rng.randint(3, 6), rng.randint(3, 6)
    colours = [COLOURS[rng.randrange(len(COLOURS))] for _ in range(rows * cols)]
    for gap, want in ((0.0, False), (6.0, True)):
        doc = pymupdf.open()
        page = doc.new_page(width=612, height=792)
        for r in range(rows):
            for c in range(cols):
                colour = colours[r * cols + c] if gap == 0 else COLOURS[r % len(COLOURS)]
                x = 100 + c * (30 + gap)
                rect = pymupdf.Rect(x, 100 + r * 20, x + 30, 120 + r * 20)
                page.draw_rect(rect, color=None, fill=colour, width=0)
        content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
        rects = [s for s in explode_rects(content.shapes) if s.fill is not None and is_rect(s)]
        assert len(rects) == rows * cols
        chains = stacks(rects)
        if want:
            assert {len(chain) for _, chain in chains.values()} == {rows}
            assert {how for how, _ in chains.values()} == {"v"}
        else:
            assert chains == {}
