"""Bar charts whose category ticks stand between the categories (issue 18 item 3): LibreOffice Calc and Excel
draw n + 1 ticks for n categories, each label centred between two ticks. The categories are the intervals
between the ticks and each bar belongs to the interval holding its centre. Drawn here with PyMuPDF, vertical
and horizontal, a random number of categories and series, and read through find_figures and read_charts."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.charts.reader import read_charts
from extractors.charts.ticks import TickLabel, category_slots
from extractors.figures import find_figures
from extractors.pdf_reader import read_page

BLACK = (0.0, 0.0, 0.0)
COLOURS = ((0.0, 0.27, 0.53), (1.0, 0.26, 0.05), (1.0, 0.83, 0.13))
NAMES = ("North", "South", "East", "West", "Alpha", "Beta", "Gamma", "Delta", "Omega")
X0, Y0, X1, Y1 = 140.0, 100.0, 460.0, 300.0  # the plot area


def _chart(rng: random.Random, horizontal: bool) -> tuple[bytes, list[str], list[list[float]]]:
    """A grouped bar chart, values 0..100 on the value axis, ticks between the categories."""
    n, k = rng.randint(2, 7), rng.randint(1, 3)
    cats = rng.sample(NAMES, n)
    values = [[round(rng.uniform(8, 95), 1) for _ in range(n)] for _ in range(k)]
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.draw_line((X0, Y0), (X0, Y1), color=BLACK, width=0.8)
    page.draw_line((X0, Y1), (X1, Y1), color=BLACK, width=0.8)
    cat_len = (Y1 - Y0) if horizontal else (X1 - X0)
    step = cat_len / n
    group = 0.7 * step  # a group of bars fills 70 % of its interval, centred in it
    for i in range(n + 1):  # n + 1 category ticks: at the interval ends
        if horizontal:
            page.draw_line((X0 - 4, Y1 - i * step), (X0, Y1 - i * step), color=BLACK, width=0.6)
        else:
            page.draw_line((X0 + i * step, Y1), (X0 + i * step, Y1 + 4), color=BLACK, width=0.6)
    def wide(text: str) -> float:
        return pymupdf.get_text_length(text, fontsize=8)

    for i, name in enumerate(cats):  # labels centred between ticks i and i + 1
        mid = (i + 0.5) * step
        if horizontal:  # counted from the bottom, as Calc's bar chart does
            page.insert_text((X0 - 7 - wide(name), Y1 - mid + 3), name, fontsize=8)
        else:
            page.insert_text((X0 + mid - wide(name) / 2, Y1 + 14), name, fontsize=8)
    for v in range(0, 101, 20):  # the value axis: labels on their ticks
        if horizontal:
            x = X0 + (X1 - X0) * v / 100
            page.draw_line((x, Y1), (x, Y1 + 4), color=BLACK, width=0.6)
            page.insert_text((x - wide(str(v)) / 2, Y1 + 14), str(v), fontsize=8)
        else:
            y = Y1 - (Y1 - Y0) * v / 100
            page.draw_line((X0 - 4, y), (X0, y), color=BLACK, width=0.6)
            page.insert_text((X0 - 7 - wide(str(v)), y + 3), str(v), fontsize=8)
    width = group / k
    for s in range(k):
        for i in range(n):
            lo = i * step + (step - group) / 2 + s * width
            v = values[s][i]
            if horizontal:
                rect = pymupdf.Rect(X0, Y1 - lo - width, X0 + (X1 - X0) * v / 100, Y1 - lo)
            else:
                rect = pymupdf.Rect(X0 + lo, Y1 - (Y1 - Y0) * v / 100, X0 + lo + width, Y1)
            page.draw_rect(rect, color=None, fill=COLOURS[s], width=0)
    page.insert_text((72, Y1 + 40), "Figure 1: Sales per region.", fontsize=9)
    return doc.tobytes(), cats, values


@pytest.mark.parametrize("horizontal", [False, True], ids=["bar", "hbar"])
@pytest.mark.parametrize("seed", range(1, 7))
def test_bars_with_ticks_between_categories(seed: int, horizontal: bool) -> None:
    rng = random.Random(seed * 31 + horizontal)
    pdf, cats, values = _chart(rng, horizontal)
    content = read_page(pymupdf.open(stream=pdf, filetype="pdf")[0])
    readings = read_charts(content, (X0 - 60, Y0 - 10, X1 + 10, Y1 + 25))
    assert len(readings) == 1
    reading = readings[0]
    cat_axis = reading.y_axis if horizontal else reading.x_axis
    assert cat_axis is not None and cat_axis.scale == "category"
    assert list(cat_axis.categories) == cats  # every interval named, none empty, in plotting order
    assert dict(reading.evidence)["bars_horizontal"] == float(horizontal)
    got = sorted(tuple(sorted((round(x, 6), round(y, 1)) for x, y in s.points)) for s in reading.series)
    truth = sorted(tuple((float(i), v) for i, v in enumerate(vals)) for vals in values)
    assert len(got) == len(truth)
    for g, t in zip(got, truth):
        assert [x for x, _ in g] == [x for x, _ in t]  # each bar in the interval holding its centre
        assert all(abs(a - b) <= 1.0 for (_, a), (_, b) in zip(g, t))  # 1 % of the value range

    figures = find_figures(content, find_captions(content))
    assert len(figures) == 1 and figures[0].kind == "chart"
    pts = [(p.x, p.y) for p in figures[0].series]
    assert all(any(abs(x - i) < 1e-6 and abs(y - v) <= 1.0 for x, y in pts)
               for vals in values for i, v in enumerate(vals))


def test_category_slots_only_for_labels_midway_between_ticks() -> None:
    ticks = (100.0, 140.0, 180.0, 220.0)
    mid = [TickLabel(121.0, "A", None), TickLabel(158.0, "B", None), TickLabel(200.0, "C", None)]
    assert category_slots(mid, ticks) == (120.0, 160.0, 200.0)
    on = [TickLabel(t, f"{t:g}", t) for t in ticks[:3]]  # labels on ticks: no slots
    assert category_slots(on, ticks) == ()
    assert category_slots(mid[:2], ticks) == ()  # n labels need n + 1 ticks
    off = mid[:2] + [TickLabel(185.0, "C", None)]  # one label near a tick, not midway
    assert category_slots(off, ticks) == ()
