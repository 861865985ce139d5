"""Date axes (issue 18 item 3): line charts over dates, drawn here with PyMuPDF with random dates and ticks in
the label formats plotting tools print (ISO days, `2021-03`, `Mar 2021`, `Mar-21`, `03/2021`, `Jan 05` and
matplotlib's concise ticks: month names with the year at January or in an offset, day numbers with the month
at each month's first day; ISO dates slanted 45 degrees, as Calc sets crowded labels), read back as days since 1970-01-01 within 1 % of the axis range."""
from __future__ import annotations

import datetime
import math
import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.charts.dates import EPOCH, parse_date
from extractors.charts.reader import read_charts
from extractors.figures import find_figures
from extractors.pdf_reader import read_page

BLACK = (0.0, 0.0, 0.0)
X0, Y0, X1, Y1 = 140.0, 100.0, 460.0, 300.0  # the plot area
FORMATS = ("iso", "iso slanted", "iso in one line", "year-month", "month year", "month-yy", "mm/yyyy", "month day", "concise months", "concise days",
           "concise days of one month")


def _months(first: datetime.date, n: int, step: int) -> list[datetime.date]:
    m0 = first.year * 12 + first.month - 1
    return [datetime.date((m0 + k * step) // 12, (m0 + k * step) % 12 + 1, 1) for k in range(n)]


def _ticks(rng: random.Random, fmt: str) -> tuple[list[datetime.date], list[str], str]:
    """Tick dates, their labels and the offset text printed apart under the axis's right end ('' if none)."""
    start = datetime.date(rng.randint(1990, 2030), rng.randint(1, 12), 1)
    if fmt == "iso in one line":  # six days close together: the page reader sets them as one line of words
        first = start + datetime.timedelta(days=rng.randint(0, 27))
        dates = [first + datetime.timedelta(days=k) for k in range(6)]
        return dates, [d.isoformat() for d in dates], ""
    if fmt in ("iso", "iso slanted", "month day"):
        step = rng.choice((1, 2, 7, 14))
        first = start + datetime.timedelta(days=rng.randint(0, 27))
        dates = [first + datetime.timedelta(days=step * k) for k in range(rng.randint(3, 5))]
        if fmt.startswith("iso"):
            return dates, [d.isoformat() for d in dates], ""
        return dates, [d.strftime("%b %d") for d in dates], str(dates[-1].year)
    if fmt == "concise days":  # matplotlib's day ticks: the 1st, 8th, 15th, 22nd and 29th of each month
        days = [start + datetime.timedelta(days=k) for k in range(70)]
        dates = [d for d in days if d.day in (1, 8, 15, 22, 29)][rng.randint(0, 4):][: rng.randint(4, 7)]
        labels = [d.strftime("%b") if d.day == 1 else d.strftime("%d") for d in dates]
        return dates, labels, dates[-1].strftime("%Y-%b")
    if fmt == "concise days of one month":  # no month's first day among the ticks: numbers, and the offset
        dates = [start + datetime.timedelta(days=d - 1) for d in (8, 15, 22, 29)][: rng.randint(3, 4)]
        return dates, [d.strftime("%d") for d in dates], dates[-1].strftime("%Y-%b")
    dates = _months(start, rng.randint(3, 6), rng.choice((1, 2, 3)))
    if fmt == "concise months":
        labels = [d.strftime("%Y") if d.month == 1 else d.strftime("%b") for d in dates]
        return dates, labels, str(dates[-1].year)
    strf = {"year-month": "%Y-%m", "month year": "%b %Y", "month-yy": "%b-%y", "mm/yyyy": "%m/%Y"}[fmt]
    return dates, [d.strftime(strf) for d in dates], ""


def _chart(rng: random.Random, fmt: str) -> tuple[bytes, tuple[float, float], list[tuple[float, float]]]:
    """A line over dates (x in days since 1970-01-01, y 0..100); returns the PDF, the x range and the points."""
    dates, labels, offset = _ticks(rng, fmt)
    days = [float((d - EPOCH).days) for d in dates]
    pad = rng.uniform(0.0, 0.3) * (days[-1] - days[0]) / (len(days) - 1)
    lo, hi = days[0] - pad, days[-1] + pad
    one_line = fmt == "iso in one line"
    if one_line:  # the labels as one string, two spaces apart (as Calc writes them): the axis follows them
        label_w, gap = pymupdf.get_text_length(labels[0], fontsize=10), pymupdf.get_text_length("  ", fontsize=10)
        first_centre = (X0 + X1) / 2 - 2.5 * (label_w + gap)
        per_day = label_w + gap
        lo, hi = days[0] - (first_centre - X0) / per_day, days[0] + (X1 - first_centre) / per_day

    def px(day: float) -> float:
        return X0 + (X1 - X0) * (day - lo) / (hi - lo)

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=BLACK, width=0.8)
    if one_line:
        page.insert_text((px(days[0]) - label_w / 2, Y1 + 13), "  ".join(labels), fontsize=10)
    for day, label in zip(days, labels):
        x = px(day)
        page.draw_line((x, Y1), (x, Y1 + 4), color=BLACK, width=0.6)
        wide = pymupdf.get_text_length(label, fontsize=8)
        if one_line:
            continue
        if fmt.endswith("slanted"):  # turned 45 degrees, reading up to the right, ending at its tick
            at = pymupdf.Point(x - wide * math.sqrt(0.5), Y1 + 6 + wide * math.sqrt(0.5))
            page.insert_text(at, label, fontsize=8, morph=(at, pymupdf.Matrix(45)))
        else:
            page.insert_text((x - wide / 2, Y1 + 13), label, fontsize=8)
    if offset:
        page.insert_text((X1 - pymupdf.get_text_length(offset, fontsize=8), Y1 + 25), offset, fontsize=8)
    page.insert_text(((X0 + X1) / 2 - 10, Y1 + (75 if fmt.endswith("slanted") else 38)), "Date", fontsize=9)
    for v in range(0, 101, 25):
        y = Y1 - (Y1 - Y0) * v / 100
        page.draw_line((X0 - 4, y), (X0, y), color=BLACK, width=0.6)
        page.insert_text((X0 - 7 - pymupdf.get_text_length(str(v), fontsize=8), y + 3), str(v), fontsize=8)
    xs = sorted(rng.sample(range(int(lo) + 1, int(hi)), min(12, int(hi) - int(lo) - 1)))
    pts = [(float(x), round(rng.uniform(10, 90), 1)) for x in xs]
    page.draw_polyline([(px(x), Y1 - (Y1 - Y0) * y / 100) for x, y in pts], color=(0.1, 0.3, 0.8), width=1.2)
    page.insert_text((72, Y1 + (95 if fmt.endswith("slanted") else 60)), "Figure 1: Readings over the season.", fontsize=9)
    return doc.tobytes(), (lo, hi), pts


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", range(1, 5))
def test_date_axis_read_back_in_days(seed: int, fmt: str) -> None:
    rng = random.Random(f"{seed}:{fmt}")
    pdf, (lo, hi), pts = _chart(rng, fmt)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    readings = read_charts(content, (X0 - 60, Y0 - 10, X1 + 10, Y1 + 80))
    assert len(readings) == 1
    reading = readings[0]
    assert reading.x_axis is not None and reading.x_axis.scale == "date"
    assert dict(reading.evidence)["x_date"] == 1.0
    if not fmt.endswith("slanted"):
        assert reading.x_label == "Date"  # the offset year is no axis title
    got = [p for s in reading.series for p in s.points]
    tol = 0.01 * (hi - lo)
    for x, y in pts:
        assert any(abs(gx - x) <= tol and abs(gy - y) <= 1.0 for gx, gy in got), (x, y, got)

    figures = find_figures(content, find_captions(content))  # the figure's box holds the tick labels too
    assert len(figures) == 1 and dict(figures[0].evidence).get("chart_x_date") == 1.0
    assert all(any(abs(p.x - x) <= tol and abs(p.y - y) <= 1.0 for p in figures[0].series) for x, y in pts)


@pytest.mark.parametrize("seed", range(1, 4))
def test_axis_of_years_alone_stays_numeric(seed: int) -> None:
    """Ticks `2010 2012 2014`: x stays in years, as today (no date evidence)."""
    rng = random.Random(seed)
    first, step = rng.randint(1950, 2020), rng.choice((1, 2, 5))
    years = [first + step * k for k in range(rng.randint(3, 6))]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.draw_rect(pymupdf.Rect(X0, Y0, X1, Y1), color=BLACK, width=0.8)
    px = [X0 + 10 + (X1 - X0 - 20) * k / (len(years) - 1) for k in range(len(years))]
    for x, yr in zip(px, years):
        page.draw_line((x, Y1), (x, Y1 + 4), color=BLACK, width=0.6)
        page.insert_text((x - 8, Y1 + 13), str(yr), fontsize=8)
    for v in (0, 50, 100):
        y = Y1 - (Y1 - Y0) * v / 100
        page.draw_line((X0 - 4, y), (X0, y), color=BLACK, width=0.6)
        page.insert_text((X0 - 7 - pymupdf.get_text_length(str(v), fontsize=8), y + 3), str(v), fontsize=8)
    page.draw_polyline([(px[0], Y1 - 40), (px[-1], Y0 + 40)], color=(0.8, 0.1, 0.1), width=1.2)
    content = read_page(pymupdf.open(stream=doc.tobytes(), filetype="pdf")[0])
    reading = read_charts(content, (X0 - 40, Y0 - 10, X1 + 10, Y1 + 30))[0]
    assert reading.x_axis is not None and reading.x_axis.scale == "linear"
    assert "x_date" not in dict(reading.evidence)
    xs = sorted(x for s in reading.series for x, _ in s.points)
    assert abs(xs[0] - years[0]) < 0.01 * (years[-1] - years[0]) and abs(xs[-1] - years[-1]) < 0.01 * (years[-1] - years[0])


@pytest.mark.parametrize("seed", range(1, 6))
def test_parse_date_forms(seed: int) -> None:
    """Every form of a random date parses back to the parts it prints."""
    rng = random.Random(seed)
    d = datetime.date(rng.randint(1970, 2060), rng.randint(1, 12), rng.randint(1, 28))
    assert parse_date(d.isoformat()) == [d.year, d.month, d.day]
    assert parse_date(d.isoformat().replace("-", "\u2212")) == [d.year, d.month, d.day]  # R's minus signs
    assert parse_date(d.strftime("%d.%m.%Y")) == [d.year, d.month, d.day]
    assert parse_date(d.strftime("%Y-%m")) == [d.year, d.month, None]
    assert parse_date(d.strftime("%m/%Y")) == [d.year, d.month, None]
    assert parse_date(d.strftime("%b %Y")) == [d.year, d.month, None]
    assert parse_date(d.strftime("%B %Y")) == [d.year, d.month, None]
    assert parse_date(d.strftime("%b-%y")) == [d.year, d.month, None]
    assert parse_date(d.strftime("%Y-%b")) == [d.year, d.month, None]
    assert parse_date(d.strftime("%d %b %Y")) == [d.year, d.month, d.day]
    assert parse_date(d.strftime("%b %d")) == [None, d.month, d.day]
    assert parse_date(d.strftime("%b")) == [None, d.month, None]
    for word in ("Sample", "Random forest", "1.5", "x", "Model A"):
        assert parse_date(word) is None
