"""Drawn shapes sorted by what they can be inside a plot area: line, marker, bar, or plot furniture."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractors.page_content import Color, DrawnShape, Point
from extractors.types import BBox, bbox_union

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
    """An axis-aligned filled rectangle standing on a common baseline, or (`on`: the page coordinate of the
    edge it stands on, along the value axis) on another bar of its stack."""

    bbox: BBox
    fill: Color
    on: float | None = None


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
    """Filled rectangles sharing a baseline edge: vertical bars (common bottom or top) or horizontal ones.
    A stack (rectangles of other colours, each standing on the one before it, as wide as it) counts as one
    bar standing on the baseline; each of its rectangles is a bar, the upper ones saying what they stand
    on."""
    rects = [s for s in shapes if s.fill is not None and (not is_white(s.fill) or _outlined(s)) and is_rect(s)
             and (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]) < 0.5 * _area(area)
             and (s.bbox[2] - s.bbox[0]) >= 1.0]
    if len(rects) < 2 or _one_marker_size(rects):
        return [], ""
    if len({color_key(s.fill) for s in rects}) > 8:
        return [], "cells"  # many colours: a heatmap's cells, not bars
    chains = stacks(rects)
    units: list[tuple[BBox, list[DrawnShape], str]] = []  # (box, its rectangles, stacked how)
    for s in rects:
        chain = chains.get(id(s))
        if chain is None:
            units.append((s.bbox, [s], ""))
        elif chain[1][0] is s:
            units.append((bbox_union([r.bbox for r in chain[1]]), chain[1], chain[0]))
    edges = Counter()
    for box, _, _ in units:
        edges[("v", round(box[3], 0))] += 1
        edges[("v", round(box[1], 0))] += 1
        edges[("h", round(box[0], 0))] += 1
        edges[("h", round(box[2], 0))] += 1
    (orient, base), count = edges.most_common(1)[0]
    if count < max(2, 0.5 * len(units)):
        return [], ""
    bars = []
    for box, members, how in units:
        lo, hi = (box[1], box[3]) if orient == "v" else (box[0], box[2])
        if not (abs(lo - base) <= 1.0 or abs(hi - base) <= 1.0):
            continue
        if how != orient:  # lone bars, or bars side by side (all on the baseline)
            bars.extend(Bar(m.bbox, m.fill) for m in members  # type: ignore[arg-type]
                        if _touches(m.bbox, orient, base))
            continue
        k = 1 if orient == "v" else 0
        on = None
        for m in sorted(members, key=lambda m: abs(m.bbox[k] + m.bbox[k + 2] - 2 * base)):  # base outward
            bars.append(Bar(m.bbox, m.fill, on))  # type: ignore[arg-type]
            on = max((m.bbox[k], m.bbox[k + 2]), key=lambda e: abs(e - base))
    return bars, orient


def _one_marker_size(rects: Sequence[DrawnShape]) -> bool:
    """Small squares all of one size are square markers (their edges may line up by chance), not bars: bars
    differ in length with their values."""
    ws = [s.bbox[2] - s.bbox[0] for s in rects]
    hs = [s.bbox[3] - s.bbox[1] for s in rects]
    return all(is_small(s) for s in rects) and max(ws) - min(ws) <= 0.3 and max(hs) - min(hs) <= 0.3


def stacks(rects: Sequence[DrawnShape]) -> dict[int, tuple[str, list[DrawnShape]]]:
    """Rectangles standing on each other: as wide as each other (within a point), one's edge on the other's,
    each of another colour than the one it stands on; {id(rect): (orientation, the chain in order)} with
    'v' for a column, 'h' for a row. Empty for a grid (rectangles that also meet side by side: a heatmap's
    cells)."""
    if len({color_key(r.fill) for r in rects}) < 2:
        return {}  # a stack's rectangles differ in colour from the one they stand on: none in one colour

    def links(k: int) -> list[tuple[DrawnShape, DrawnShape]]:
        j = 1 - k  # k: the axis the stack grows along (1: page y), j: the axis whose span they share
        cells: dict[int, list[DrawnShape]] = {}
        for r in rects:
            cells.setdefault(round(r.bbox[j]), []).append(r)
        out = []
        for a in rects:
            for d in (-1, 0, 1):
                for b in cells.get(round(a.bbox[j]) + d, ()):
                    same_span = max(abs(a.bbox[j] - b.bbox[j]), abs(a.bbox[j + 2] - b.bbox[j + 2])) <= 1.0
                    if b is not a and same_span and abs(a.bbox[k + 2] - b.bbox[k]) <= 1.0:
                        out.append((a, b))  # b follows a along axis k
        return out

    v, h = links(1), links(0)
    if v and h:
        return {}
    orient, pairs = ("v", v) if v else ("h", h)
    nxt = {id(a): b for a, b in pairs if color_key(a.fill) != color_key(b.fill)}
    has_prev = {id(b) for b in nxt.values()}
    out: dict[int, tuple[str, list[DrawnShape]]] = {}
    for r in rects:
        if id(r) in nxt and id(r) not in has_prev:
            chain = [r]
            while id(chain[-1]) in nxt and len(chain) <= len(rects):
                chain.append(nxt[id(chain[-1])])
            for m in chain:
                out[id(m)] = (orient, chain)
    return out


def _touches(box: BBox, orient: str, base: float) -> bool:
    lo, hi = (box[1], box[3]) if orient == "v" else (box[0], box[2])
    return abs(lo - base) <= 1.0 or abs(hi - base) <= 1.0




def _outlined(s: DrawnShape) -> bool:
    """A white shape drawn with a dark outline in the same path, larger than a marker: an open (white) bar,
    as black-and-white charts draw a series (a white fill without an outline is background, and a small one
    is an open square marker, as Origin draws them)."""
    return s.stroke is not None and max(s.stroke) < 0.5 and s.width > 0 and not is_small(s)


def _box(run: Sequence[Point]) -> BBox:
    xs = [p[0] for p in run]
    ys = [p[1] for p in run]
    return (min(xs), min(ys), max(xs), max(ys))


def _area(b: BBox) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])
