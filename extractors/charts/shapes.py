"""Drawn shapes sorted by what they can be inside a plot area: line, marker, bar, or plot furniture."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractors.page_content import Color, DrawnShape, Point
from extractors.types import BBox

MARKER_MAX = 12.0  # points: larger closed shapes are bars, cells or frames
WHITE = 0.97


@dataclass(frozen=True)
class Mark:
    """One glyph-like blob (a marker, or part of a legend sample) with its style signature."""

    center: Point
    bbox: BBox
    style: tuple


@dataclass(frozen=True)
class Bar:
    """An axis-aligned filled rectangle standing on a common baseline."""

    bbox: BBox
    fill: Color


def explode_rects(shapes: Sequence[DrawnShape]) -> list[DrawnShape]:
    """Split drawings of several rectangles (pgfplots draws a bar series as one path) or several bare
    segments (all tick marks of an axis in one path) into one shape each."""
    out: list[DrawnShape] = []
    for s in shapes:
        if s.n_rects > 1 and s.n_rects == len(s.subpaths):
            out.extend(replace(s, bbox=_box(run), subpaths=(run,), n_rects=1) for run in s.subpaths)
        elif len(s.subpaths) > 1 and s.fill is None:  # tick, whisker or grid sets, a frame drawn with its ticks
            out.extend(replace(s, bbox=_box(run), subpaths=(run,), n_rects=int(len(run) in (4, 5) and s.n_rects > 0))
                       for run in s.subpaths)
        else:
            out.append(s)
    return out


def fold_outlines(shapes: Sequence[DrawnShape]) -> list[DrawnShape]:
    """A small filled shape and a bare outline drawn over it on the same box (LibreOffice draws each marker
    so) are one marker with a fill and a stroke, not two markers of two styles."""
    out: list[DrawnShape] = []
    filled: dict[tuple[float, ...], int] = {}
    for s in shapes:
        key = tuple(round(v, 1) for v in s.bbox)
        if s.fill is not None and s.stroke is None and is_small(s):
            filled[key] = len(out)
        elif s.stroke is not None and s.fill is None and is_small(s) and key in filled:
            k = filled.pop(key)
            out[k] = replace(out[k], stroke=s.stroke, width=s.width)
            continue
        out.append(s)
    return out


def color_key(c: Color | None) -> tuple[float, ...] | None:
    """A colour rounded so the same colour drawn twice compares equal."""
    return None if c is None else tuple(round(v, 2) for v in c)


def is_white(c: Color | None) -> bool:
    return c is not None and min(c) >= WHITE


def line_style(s: DrawnShape) -> tuple:
    """What tells one line series from another: its colour, dash and (rounded) width."""
    return ("line", color_key(s.stroke), s.dashed, round(s.width, 1))


def marks_of(s: DrawnShape) -> list[Mark]:
    """Split a drawing into small blobs (one per marker when a drawing holds several)."""
    boxes = [_box(run) for run in s.subpaths]
    groups: list[tuple[BBox, int]] = []
    for box in boxes:
        for i, (g, n) in enumerate(groups):
            if box[0] <= g[2] + 0.5 and g[0] <= box[2] + 0.5 and box[1] <= g[3] + 0.5 and g[1] <= box[3] + 0.5:
                groups[i] = ((min(g[0], box[0]), min(g[1], box[1]), max(g[2], box[2]), max(g[3], box[3])), n + 1)
                break
        else:
            groups.append((box, 1))
    nverts = sum(len(r) for r in s.subpaths) // max(1, len(groups))
    square = len(s.subpaths) == 1 and _upright(s.subpaths[0])  # a square and a diamond have four corners each
    out = []
    for g, n in groups:
        w, h = g[2] - g[0], g[3] - g[1]
        style = ("mark", color_key(s.fill), color_key(s.stroke), n, nverts, s.n_curves > 0,
                 round(w), round(h), square)
        out.append(Mark(((g[0] + g[2]) / 2, (g[1] + g[3]) / 2), g, style))
    return out


def _upright(run: Sequence[Point]) -> bool:
    """Whether a run's corners all stand on two x and two y positions (an upright rectangle)."""
    return len({round(p[0], 1) for p in run}) <= 2 and len({round(p[1], 1) for p in run}) <= 2


def is_small(s: DrawnShape) -> bool:
    w, h = s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]
    return w <= MARKER_MAX and h <= MARKER_MAX


def is_rect(s: DrawnShape) -> bool:
    """A single axis-aligned four-corner run (a rectangle however it was drawn)."""
    if len(s.subpaths) != 1:
        return False
    pts = list(s.subpaths[0])
    if len(pts) == 5 and abs(pts[0][0] - pts[-1][0]) < 0.05 and abs(pts[0][1] - pts[-1][1]) < 0.05:
        pts = pts[:4]
    if len(pts) != 4:
        return False
    xs = {round(p[0], 1) for p in pts}
    ys = {round(p[1], 1) for p in pts}
    return len(xs) <= 2 and len(ys) <= 2


def find_bars(shapes: Sequence[DrawnShape], area: BBox) -> tuple[list[Bar], str]:
    """Filled rectangles sharing a baseline edge: vertical bars (common bottom or top) or horizontal ones."""
    rects = [s for s in shapes if s.fill is not None and not is_white(s.fill) and is_rect(s)
             and (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]) < 0.5 * _area(area)
             and (s.bbox[2] - s.bbox[0]) >= 1.0]
    if len(rects) < 2 or _one_marker_size(rects):
        return [], ""
    if len({color_key(s.fill) for s in rects}) > 8:
        return [], "cells"  # many colours: a heatmap's cells, not bars
    edges = Counter()
    for s in rects:
        edges[("v", round(s.bbox[3], 0))] += 1
        edges[("v", round(s.bbox[1], 0))] += 1
        edges[("h", round(s.bbox[0], 0))] += 1
        edges[("h", round(s.bbox[2], 0))] += 1
    (orient, base), count = edges.most_common(1)[0]
    if count < max(2, 0.5 * len(rects)):
        return [], ""
    bars = []
    for s in rects:
        lo, hi = (s.bbox[1], s.bbox[3]) if orient == "v" else (s.bbox[0], s.bbox[2])
        if abs(lo - base) <= 1.0 or abs(hi - base) <= 1.0:
            bars.append(Bar(s.bbox, s.fill))  # type: ignore[arg-type]
    return bars, orient


def _one_marker_size(rects: Sequence[DrawnShape]) -> bool:
    """Small squares all of one size are square markers (their edges may line up by chance), not bars: bars
    differ in length with their values."""
    ws = [s.bbox[2] - s.bbox[0] for s in rects]
    hs = [s.bbox[3] - s.bbox[1] for s in rects]
    return all(is_small(s) for s in rects) and max(ws) - min(ws) <= 0.3 and max(hs) - min(hs) <= 0.3


def _box(run: Sequence[Point]) -> BBox:
    xs = [p[0] for p in run]
    ys = [p[1] for p in run]
    return (min(xs), min(ys), max(xs), max(ys))


def _area(b: BBox) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])
