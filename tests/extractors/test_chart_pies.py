"""Pie and donut charts (extractors/charts/pie.py): random pies drawn with PyMuPDF, wedges as Bézier arcs or
polygons of short lines, from a random start angle either way round, named beside the wedges, in a legend or
not at all, with or without percentages inside; each wedge's share is read back within one percentage point,
in drawing order, the figure typed chart, and the names found where they are printed."""
from __future__ import annotations

import math
import random
from pathlib import Path

import pymupdf
import pytest

from extractors.charts.pie import find_pies
from extractors.pdf_reader import read_page
from extractors.pipeline import ExtractionOptions, extract_document

NAMES = ("Parser", "Indexer", "Renderer", "Cache", "Loader", "Solver", "Alpha", "Beta")
COLOURS = ((0.12, 0.47, 0.71), (1.0, 0.5, 0.05), (0.17, 0.63, 0.17), (0.84, 0.15, 0.16), (0.58, 0.4, 0.74),
           (0.55, 0.34, 0.29))


def _shares(rng: random.Random) -> list[float]:
    weights = [rng.uniform(1, 4) for _ in range(rng.randint(3, 6))]
    shares = [round(100 * w / sum(weights), 1) for w in weights[:-1]]
    return shares + [round(100 - sum(shares), 1)]


def _point(c: tuple[float, float], r: float, deg: float) -> pymupdf.Point:
    return pymupdf.Point(c[0] + r * math.cos(math.radians(deg)), c[1] + r * math.sin(math.radians(deg)))


def _arc(shape: pymupdf.Shape, c: tuple[float, float], r: float, a: float, b: float, lines: bool) -> None:
    """From angle a to b (degrees, page coordinates): cubic Béziers of at most 90° each, or 3° lines."""
    n = max(1, math.ceil(abs(b - a) / (3.0 if lines else 90.0)))
    step = (b - a) / n
    for k in range(n):
        t0, t1 = a + k * step, a + (k + 1) * step
        if lines:
            shape.draw_line(_point(c, r, t0), _point(c, r, t1))
            continue
        h = 4 / 3 * math.tan(math.radians(t1 - t0) / 4) * r
        p0, p3 = _point(c, r, t0), _point(c, r, t1)
        p1 = p0 + (-h * math.sin(math.radians(t0)), h * math.cos(math.radians(t0)))
        p2 = p3 + (h * math.sin(math.radians(t1)), -h * math.cos(math.radians(t1)))
        shape.draw_bezier(p0, p1, p2, p3)


def draw_pie(page: pymupdf.Page, shares: list[float], names: list[str], rng: random.Random, mode: str,
             labels: str, percent: bool) -> None:
    """One pie (mode bezier, lines or donut) at a random start angle and direction, then its caption."""
    c, r = (250.0, 220.0), rng.uniform(60, 100)
    at, turn = rng.uniform(0, 360), rng.choice((1, -1))
    for k, share in enumerate(shares):
        a, b = at, at + turn * 3.6 * share
        shape = page.new_shape()
        if mode == "donut":
            _arc(shape, c, r, a, b, False)
            shape.draw_line(_point(c, r, b), _point(c, 0.55 * r, b))
            _arc(shape, c, 0.55 * r, b, a, False)
            shape.draw_line(_point(c, 0.55 * r, a), _point(c, r, a))
        else:
            shape.draw_line(pymupdf.Point(c), _point(c, r, a))
            _arc(shape, c, r, a, b, mode == "lines")
            shape.draw_line(_point(c, r, b), pymupdf.Point(c))
        shape.finish(fill=COLOURS[k], color=(1, 1, 1), width=0.8, closePath=True)
        shape.commit()
        mid = (a + b) / 2
        if percent:
            p = _point(c, (0.78 if mode == "donut" else 0.6) * r, mid)
            page.insert_text(p + (-9, 3), f"{share:.1f}%", fontsize=7, color=(1, 1, 1))
        if labels == "beside":
            p = _point(c, r + 18, mid)
            page.insert_text(p + (-2.6 * len(names[k]), 3), names[k], fontsize=9)
        elif labels == "legend":
            y = 150 + 14 * k
            page.draw_rect(pymupdf.Rect(400, y, 408, y + 8), color=None, fill=COLOURS[k])
            page.insert_text((412, y + 7.5), names[k], fontsize=9)
        at = b
    page.insert_text((72, 360), "Figure 1: Share of each component in the total.", fontsize=10)


CASES = [(seed, ("bezier", "lines", "donut")[seed % 3], ("beside", "legend", "none")[seed // 3 % 3], bool(seed % 2))
         for seed in range(12)]


@pytest.mark.parametrize(("seed", "mode", "labels", "percent"), CASES)
def test_pie_shares_read_back(tmp_path: Path, seed: int, mode: str, labels: str, percent: bool) -> None:
    rng = random.Random(seed)
    shares = _shares(rng)
    names = rng.sample(NAMES, len(shares))
    doc = pymupdf.open()
    draw_pie(doc.new_page(width=612, height=792), shares, names, rng, mode, labels, percent)
    pdf = tmp_path / "pie.pdf"
    doc.save(pdf)
    figure = next(f for f in extract_document(pdf, ExtractionOptions(crop_dpi=36)).figures if f.label == "Figure 1")
    evidence = dict(figure.evidence)
    assert figure.kind == "chart" and evidence.get("chart_pie") == 1.0
    assert [p.x for p in figure.series] == list(range(len(shares)))
    assert all(abs(p.y - s) <= 1.0 for p, s in zip(figure.series, shares)), ([p.y for p in figure.series], shares)
    assert {p.series for p in figure.series} == {"share"} and figure.series[0].y_label == "share (%)"
    assert (evidence.get("chart_pie_donut") == 1.0) == (mode == "donut")
    if labels != "none":
        assert evidence.get("chart_pie_names") == " | ".join(names)


def test_circles_and_markers_are_no_pie() -> None:
    """Round shapes that are not wedges about one centre filling a turn: filled circles (markers, a bubble
    chart), a lone wedge (a quarter-disc icon) and bevelled buttons (two L-shaped halves of a frame, whose
    six corners lie on two circles about the frame's centre: realdev R17's page header) give no pie."""
    doc = pymupdf.open()
    page = doc.new_page()
    for k in range(6):
        page.draw_circle((100 + 60 * k, 200), 20 + 3 * k, fill=COLOURS[k])
    rng = random.Random(3)
    for k in range(4):
        x0, y0, w, h, e = 60 + 120 * k, 500.0, rng.uniform(50, 90), rng.uniform(10, 20), 2.0
        light = [(x0, y0 + h), (x0, y0), (x0 + w, y0), (x0 + w - e, y0 + e), (x0 + e, y0 + e), (x0 + e, y0 + h - e)]
        dark = [(x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h), (x0 + e, y0 + h - e), (x0 + w - e, y0 + h - e),
                (x0 + w - e, y0 + e)]
        for pts, grey in ((light, 1.0), (dark, 0.5)):
            page.draw_polyline(pts + pts[:1], color=None, fill=(grey, grey, grey), closePath=True)
    shape = page.new_shape()
    shape.draw_sector((300, 400), (360, 400), 90, fullSector=True)
    shape.finish(fill=COLOURS[0])
    shape.commit()
    content = read_page(doc[0])
    assert find_pies(content.shapes, (0, 0, page.rect.width, page.rect.height)) == []
