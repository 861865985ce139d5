"""Charts in OriginLab Origin's looks: its tick label formats (`1E-5`, `2.0E-5`, `2.5 × 10⁻⁵`), drawn here with
PyMuPDF at random values, and the chart corpus's Origin drawer (benchmarks/charts/draw_origin.py, matplotlib
set up to look like Origin's templates) read back within the bench's 1 % rule."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pymupdf
import pytest

from benchmarks.charts.draw_origin import origin_number
from benchmarks.charts.make_charts import generate
from benchmarks.score import series_recovery
from extractors.charts.reader import read_charts
from extractors.charts.ticks import parse_tick
from extractors.pdf_reader import read_page
from extractors.pipeline import ExtractionOptions, extract_document

RNG = random.Random(18)
E_VALUES = [round(RNG.uniform(1, 9.9), RNG.choice((0, 1, 2))) * 10.0 ** RNG.randint(-9, 9) for _ in range(40)]


@pytest.mark.parametrize("value", E_VALUES)
def test_e_notation_tick_labels_are_numbers(value: float) -> None:
    """Origin's and Excel's E notation, however the mantissa and exponent are padded or signed, and its
    thousands separators."""
    mant, exp = f"{value:.6e}".split("e")
    mant = mant.rstrip("0").rstrip(".")
    exp_i = int(exp)
    forms = [f"{mant}E{exp_i}", f"{mant}E{exp_i:+d}", f"{mant}e{exp_i:+03d}", f"{float(mant):.3f}E{exp_i:+03d}",
             origin_number(value, "E-fixed", step=1e-6), origin_number(value, "E-short", step=1e-6)]
    if value >= 1:  # Origin's "Decimal: 1,000" display
        forms.append(origin_number(value, "decimal", grouped=True))
    for text in forms:
        assert parse_tick(text) == pytest.approx(value, rel=1e-3), text
        assert parse_tick("\u2212" + text) == pytest.approx(-value, rel=1e-3), text


# a plot area 150..450 x 100..300 (page y grows downwards); data x 0..10, y 0..10 · 10^exp
X0, Y0, X1, Y1 = 150.0, 100.0, 450.0, 300.0
XS = [1.0, 2.5, 4.0, 6.0, 7.5, 9.0]


def _times_ten_page(exp: int, mantissas: list[str], ys: list[float], size: float, gap: float) -> pymupdf.Page:
    """A framed plot whose y labels are Origin's `Scientific: x10^3` display: `2.5 × 10` and a raised,
    smaller exponent, set as separate pieces, as wide as the mantissas make them."""
    doc = pymupdf.open()
    page = doc.new_page(width=520, height=400)
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=1.5)
    for x in range(0, 11, 2):
        px = X0 + (X1 - X0) * x / 10
        page.draw_line((px, Y1), (px, Y1 - 5), color=(0, 0, 0), width=1.5)
        page.insert_text((px - 3, Y1 + 14), str(x), fontsize=10)
    for k, mant in enumerate(mantissas):
        py = Y1 - (Y1 - Y0) * float(mant) / 10
        page.draw_line((X0, py), (X0 + 5, py), color=(0, 0, 0), width=1.5)
        sup = str(exp)
        right = X0 - gap - pymupdf.get_text_length(sup, fontsize=0.7 * size)
        head = f"{mant} \u00d7 10" if float(mant) else "0"
        left = right - pymupdf.get_text_length(head, fontsize=size) if float(mant) else X0 - gap - 0.6 * size
        page.insert_text((left, py + 0.35 * size), head, fontsize=size)
        if float(mant):
            page.insert_text((right + 0.3, py - 0.15 * size), sup, fontsize=0.7 * size)
    points = [(X0 + (X1 - X0) * x / 10, Y1 - (Y1 - Y0) * y / 10) for x, y in zip(XS, ys)]
    page.draw_polyline(points, color=(1, 0, 0), width=1.5)
    return doc[0]


@pytest.mark.parametrize("case", range(8))
def test_wide_times_ten_labels_left_of_the_axis(case: int) -> None:
    """`2.25 × 10⁻⁵` is wider than the reach in which tick labels are looked for: its mantissa must still be
    joined, or the axis reads the labels as words (a category axis)."""
    rng = random.Random(case)
    exp = rng.choice((-7, -6, -5, -4, 4, 5, 6, 7))
    step = rng.choice((2.0, 2.5))
    decimals = rng.choice((1, 2))
    mantissas = [f"{k * step:.{decimals}f}" for k in range(int(10 / step) + 1)]
    ys = [round(rng.uniform(1, 9), 2) for _ in XS]
    size, gap = rng.choice((10.0, 11.0, 12.0)), rng.uniform(15.0, 19.0)
    tail = pymupdf.get_text_length(" \u00d7 10", fontsize=size) + pymupdf.get_text_length(str(exp), fontsize=0.7 * size)
    assert X0 - gap - tail < X0 - 38  # the mantissa ends beyond the tick labels' reach from the axis
    data = _times_ten_page(exp, mantissas, ys, size, gap).parent.tobytes()
    page = read_page(pymupdf.open(stream=data, filetype="pdf")[0])
    (reading,) = read_charts(page, (60, 80, 470, 330))
    assert reading.y_axis is not None and reading.y_axis.scale == "linear"
    (ser,) = reading.series
    scale = 10.0 ** exp
    for x, y in zip(XS, ys):
        assert any(abs(a - x) <= 0.1 and abs(b / scale - y) <= 0.1 for a, b in ser.points), (x, y, ser.points)


STYLES = ("line", "scatter", "bar", "hbar", "errorbar", "log", "sci", "multi")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("origin-charts")
    assert generate(out, seed=7, per_style=2, tools=["origin"], styles=STYLES) == 2 * len(STYLES)
    return out


@pytest.mark.parametrize("stem", [f"origin_{s}_{k}" for s in STYLES for k in range(2)])
def test_origin_charts_are_read_back(corpus: Path, stem: str) -> None:
    pdf = corpus / f"{stem}.pdf"
    (truth,) = json.loads(pdf.with_suffix(".truth.json").read_text())["figures"]
    assert truth["style"][0] == "origin" and truth["style"][2].startswith("origin:")
    figure = next(f for f in extract_document(pdf, ExtractionOptions(crop_dpi=36)).figures if f.label == "Figure 1")
    assert figure.kind == truth["kind"]
    read: dict[str, list] = {}
    for p in figure.series:
        read.setdefault(p.series, []).append((p.x, p.y, p.point))
    hit, n = series_recovery(truth, read)
    assert n > 0 and hit == n, (stem, hit, n)


CATS = ["Alpha", "Beta", "Gamma", "Delta", "Cache"]


def _open_bars_page(values: list[list[float]], fills: list[tuple[float, float, float]]) -> bytes:
    """Columns in black-and-white style: white (or grey) fills outlined in black in the same path, on the
    x axis of a framed plot with y 0..100 and one category per group."""
    doc = pymupdf.open()
    page = doc.new_page(width=520, height=400)
    n, k = len(values[0]), len(values)
    group = (X1 - X0) / n
    width = 0.8 * group / k
    for j, (series, fill) in enumerate(zip(values, fills)):
        for i, v in enumerate(series):
            left = X0 + group * i + 0.1 * group + width * j
            page.draw_rect(pymupdf.Rect(left, Y1 - (Y1 - Y0) * v / 100, left + width, Y1), color=(0, 0, 0),
                           fill=fill, width=1.0)
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=1.5)
    for y in range(0, 101, 20):
        py = Y1 - (Y1 - Y0) * y / 100
        page.draw_line((X0, py), (X0 + 5, py), color=(0, 0, 0), width=1.5)
        page.insert_text((X0 - 8 - pymupdf.get_text_length(str(y), fontsize=10), py + 3.5), str(y), fontsize=10)
    for i in range(n):
        cx = X0 + group * (i + 0.5)
        page.draw_line((cx, Y1), (cx, Y1 - 5), color=(0, 0, 0), width=1.5)
        page.insert_text((cx - pymupdf.get_text_length(CATS[i], fontsize=10) / 2, Y1 + 14), CATS[i], fontsize=10)
    return doc.tobytes()


@pytest.mark.parametrize("case", range(8))
def test_open_white_columns_are_bars(case: int) -> None:
    """White columns outlined in black (an Origin column without fill, black-and-white journal figures) are
    bars, beside filled ones too; a white fill without an outline stays background."""
    rng = random.Random(100 + case)
    k, n = rng.choice((1, 2)), rng.randint(3, 5)
    values = [[round(rng.uniform(10, 90), 1) for _ in range(n)] for _ in range(k)]
    fills = [(1.0, 1.0, 1.0), (0.5, 0.5, 0.5)][:k]
    if rng.random() < 0.5:
        fills.reverse()
    page = read_page(pymupdf.open(stream=_open_bars_page(values, fills), filetype="pdf")[0])
    (reading,) = read_charts(page, (60, 80, 470, 330))
    assert len(reading.series) == k
    for series in values:
        assert any(all(any(abs(y - v) <= 1.0 for _, y in ser.points) for v in series) for ser in reading.series)
    for ser in reading.series:
        assert len(ser.points) == n


@pytest.mark.parametrize("case", range(6))
def test_open_square_markers_are_no_bars(case: int) -> None:
    """Origin's open squares (white, outlined) at nearly one height are markers, not white bars."""
    rng = random.Random(200 + case)
    level = rng.uniform(10, 80)
    ys = [round(level + rng.uniform(-0.3, 0.3), 2) for _ in XS]
    doc = pymupdf.open()
    page = doc.new_page(width=520, height=400)
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=(0, 0, 0), width=1.0)
    for v in range(0, 11, 2):
        px = X0 + (X1 - X0) * v / 10
        page.draw_line((px, Y1), (px, Y1 + 4), color=(0, 0, 0), width=1.0)
        page.insert_text((px - 3, Y1 + 14), str(v), fontsize=9)
    for v in range(0, 101, 20):
        py = Y1 - (Y1 - Y0) * v / 100
        page.draw_line((X0 - 4, py), (X0, py), color=(0, 0, 0), width=1.0)
        page.insert_text((X0 - 8 - pymupdf.get_text_length(str(v), fontsize=9), py + 3), str(v), fontsize=9)
    half = rng.uniform(2.0, 4.0)
    for x, y in zip(XS, ys):
        cx, cy = X0 + (X1 - X0) * x / 10, Y1 - (Y1 - Y0) * y / 100
        page.draw_rect(pymupdf.Rect(cx - half, cy - half, cx + half, cy + half), color=(0, 0, 0), fill=(1, 1, 1),
                       width=0.8)
    reading, = read_charts(read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0]), (60, 80, 470, 330))
    (ser,) = reading.series
    assert ser.kind == "scatter"
    for x, y in zip(XS, ys):
        assert any(abs(a - x) <= 0.1 and abs(b - y) <= 1.0 for a, b in ser.points), (x, y, ser.points)
