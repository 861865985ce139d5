"""Series inside one plot area: lines (polyline vertices), markers (blob centres) and bars, in page units."""
from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.charts.shapes import Bar, find_bars, is_rect, is_small, is_white, line_style, marks_of
from extractors.page_content import DrawnShape, Point
from extractors.types import BBox

EDGE_SLACK = 2.0


@dataclass
class RawSeries:
    """Points of one drawn style, still in page coordinates; `errors` holds (low, high) page y per point."""

    kind: str  # line, scatter, bar
    style: tuple
    points: list[Point]
    errors: list[tuple[float, float] | None] = field(default_factory=list)
    bar_orient: str = ""
    bases: list[float | None] = field(default_factory=list)  # per bar: the edge it stands on when stacked


def raw_series(shapes: Sequence[DrawnShape], area: BBox, skip: set[int]) -> tuple[list[RawSeries], str]:
    """Group the data shapes of a plot area by style; also says 'cells' when the area is a heatmap."""
    data = [s for i, s in enumerate(shapes) if i not in skip and _in_area(s.bbox, area) and not _furniture(s, area)]
    bars, orient = find_bars(data, area)
    if orient == "cells":
        return [], "cells"
    bar_boxes = {b.bbox for b in bars}
    whiskers, bar_parts = error_bars(data, area, vertical=orient != "h")
    data = [s for i, s in enumerate(data) if i not in bar_parts]
    groups: dict[tuple, RawSeries] = {}
    ground = [b for b in bars if b.on is None]
    for bar in sorted(bars, key=lambda b: (b.bbox[0], b.bbox[1])):
        style = ("bar", tuple(round(v, 2) for v in bar.fill))
        group = groups.setdefault(style, RawSeries("bar", style, [], bar_orient=orient))
        group.points.append(_bar_point(bar, orient, ground))
        group.bases.append(bar.on)
    for s in data:
        if s.bbox in bar_boxes:
            continue
        if is_small(s) and (s.fill is not None or s.stroke is not None):
            for m in marks_of(s):
                groups.setdefault(m.style, RawSeries("scatter", m.style, [])).points.append(m.center)
        elif s.stroke is not None and s.fill is None:
            style = line_style(s)
            ser = groups.setdefault(style, RawSeries("line", style, []))
            for run in s.subpaths:
                ser.points.extend(run)
    out = _drop_lines_through_marks(_merge_mark_sizes([g for g in groups.values() if g.points]))
    for g in out:
        g.errors = [_whisker_at(_along(p, orient != "h"), whiskers) for p in g.points]
    return out, ""


def _along(p: Point, vertical: bool) -> Point:
    """A point with its value coordinate second: as drawn for vertical whiskers, swapped for horizontal ones."""
    return p if vertical else (p[1], p[0])


def error_bars(shapes: Sequence[DrawnShape], area: BBox,
               vertical: bool = True) -> tuple[list[tuple[float, float, float]], set[int]]:
    """Capped whiskers as (position, low end, high end) along the value axis (page y for vertical ones,
    page x for the horizontal whiskers of horizontal bars), and the indices of the shapes that draw them."""
    segs: list[tuple[int, Point, Point]] = []
    for i, s in enumerate(shapes):
        ends = [_segment(run) for run in s.subpaths] if s.n_curves == 0 else []  # a round marker's ends line up too
        if s.stroke is not None and s.subpaths and ends and all(ends):
            segs.extend((i, _along(e[0], vertical), _along(e[1], vertical)) for e in ends if e)
    if not vertical:
        area = (area[1], area[0], area[3], area[2])
    ah = area[3] - area[1]
    whiskers = [(a[0], min(a[1], b[1]), max(a[1], b[1]), i) for i, a, b in segs
                if abs(a[0] - b[0]) < 0.2 and 1.0 < abs(a[1] - b[1]) < 0.9 * ah
                and area[0] + 1 < a[0] < area[2] - 1]
    caps = {i for i, a, b in segs if abs(a[1] - b[1]) < 0.2 and abs(a[0] - b[0]) <= 12
            and any(abs((a[0] + b[0]) / 2 - w[0]) < 1.0 and min(abs(a[1] - w[1]), abs(a[1] - w[2])) < 1.0
                    for w in whiskers)}
    capped = {w[3] for w in whiskers if any(abs((a[0] + b[0]) / 2 - w[0]) < 1.0 for i, a, b in segs if i in caps)}
    whole = {i for i in capped | caps if shapes[i].n_curves == 0 and all(_segment(r) for r in shapes[i].subpaths)}
    return _join_whiskers([(w[0], w[1], w[2]) for w in whiskers if w[3] in capped]), whole


def _segment(run: Sequence[Point]) -> tuple[Point, Point] | None:
    """A straight axis-parallel stroke's two ends, however many vertices it was drawn with (R draws an
    error bar's cap as a flat three-point arrow head); None for anything else."""
    if len(run) == 2:
        return run[0], run[1]
    if len(run) < 2:
        return None
    xs, ys = [p[0] for p in run], [p[1] for p in run]
    if max(xs) - min(xs) < 0.2:
        return (xs[0], min(ys)), (xs[0], max(ys))
    if max(ys) - min(ys) < 0.2:
        return (min(xs), ys[0]), (max(xs), ys[0])
    return None


def _merge_mark_sizes(series: list[RawSeries]) -> list[RawSeries]:
    """Markers of one series whose boxes round to sizes a point apart (glyph outlines drawn at fractional
    positions) are one series, not two."""
    out: list[RawSeries] = []
    for s in series:
        same = next((k for k in out if s.kind == k.kind == "scatter" and s.style[:6] == k.style[:6]
                     and s.style[8:] == k.style[8:]
                     and all(abs(a - b) <= 1 for a, b in zip(s.style[6:8], k.style[6:8]))), None)
        if same is not None:
            same.points.extend(s.points)
        else:
            out.append(s)
    return out


def _join_whiskers(whiskers: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """One whisker per point: the up and down halves some tools draw separately become one."""
    out: list[tuple[float, float, float]] = []
    for x, top, bottom in sorted(whiskers, key=lambda w: (round(w[0], 1), w[1])):
        if out and abs(out[-1][0] - x) < 0.2 and top <= out[-1][2] + 0.5:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], bottom))
        else:
            out.append((x, top, bottom))
    return out


def _whisker_at(p: Point, whiskers: Sequence[tuple[float, float, float]]) -> tuple[float, float] | None:
    for x, top, bottom in whiskers:
        if abs(x - p[0]) < 1.0 and top - 1.0 <= p[1] <= bottom + 1.0:
            return (top, bottom)
    return None


def _bar_point(bar: Bar, orient: str, ground: Sequence[Bar]) -> Point:
    """A bar's centre along the category axis and its value end along the value axis: the edge away from
    the bar it stands on (stacked), else away from the baseline the bars on the ground share."""
    x0, y0, x1, y1 = bar.bbox
    if orient == "v":
        base = _baseline([e for b in ground for e in (b.bbox[3], b.bbox[1])]) if bar.on is None else bar.on
        value_end = y0 if abs(y1 - base) <= abs(y0 - base) else y1
        return ((x0 + x1) / 2, value_end)
    base = bar.on if bar.on is not None else _baseline([e for b in ground for e in (b.bbox[0], b.bbox[2])])
    value_end = x1 if abs(x0 - base) <= abs(x1 - base) else x0
    return (value_end, (y0 + y1) / 2)


def _baseline(edges: Sequence[float]) -> float:
    counts: dict[float, int] = defaultdict(int)
    for e in edges:
        counts[round(e)] += 1
    return max(counts, key=lambda k: counts[k])


def _drop_lines_through_marks(series: list[RawSeries]) -> list[RawSeries]:
    """A line drawn through its own markers is the same series: keep the markers."""
    marks = [s for s in series if s.kind == "scatter"]
    out = []
    for s in series:
        if s.kind == "line" and any(_covers(m.points, s.points) or _joins(m, s) for m in marks):
            continue
        out.append(s)
    return out


def _joins(marks: RawSeries, line: RawSeries) -> bool:
    """A line of the markers' colour whose vertices all stop just short of them (R's type='b': segments
    between markers, with a gap around each)."""
    if (line.style[1] is None or line.style[1] not in (marks.style[1], marks.style[2]) or len(line.points) < 2
            or len(line.points) > 2 * len(marks.points) + 2):  # two ends a segment, a segment between markers
        return False
    cells: dict[tuple[int, int], list[Point]] = defaultdict(list)  # 8 pt cells: a near marker is in a neighbour
    for m in marks.points:
        cells[(math.floor(m[0] / 8), math.floor(m[1] / 8))].append(m)

    def near(p: Point) -> bool:
        cx, cy = math.floor(p[0] / 8), math.floor(p[1] / 8)
        return any(math.dist(p, m) <= 8.0 for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in cells.get((cx + dx, cy + dy), ()))

    allowed = 0.1 * len(line.points)
    misses = 0
    for p in line.points:
        if not near(p):
            misses += 1
            if misses > allowed:
                return False
    return True


def _covers(marks: Sequence[Point], line: Sequence[Point]) -> bool:
    """Whether at least 80 % of the line's points lie within 1 pt (in x and in y) of a marker."""
    cells: dict[tuple[int, int], list[Point]] = defaultdict(list)  # 1 pt cells: a near marker is in a neighbour
    for m in marks:
        cells[(math.floor(m[0]), math.floor(m[1]))].append(m)

    def near(p: Point) -> bool:
        cx, cy = math.floor(p[0]), math.floor(p[1])
        return any(abs(p[0] - m[0]) < 1.0 and abs(p[1] - m[1]) < 1.0
                   for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in cells.get((cx + dx, cy + dy), ()))

    hits = sum(1 for p in line if near(p))
    return hits >= 0.8 * len(line)


DOT_LENGTH = 3.0  # points: a dotted or dashed rule drawn piece by piece has pieces at most this long
DOT_PIECES = 5  # pieces on one line at one pitch that make such a rule


def dotted_rule_pieces(data: Sequence[DrawnShape]) -> set[int]:
    """Indices of short straight strokes that line up, DOT_PIECES or more on one vertical or horizontal line at
    an even pitch: a dotted reference line drawn dash by dash (realdev R05 Figure 6 marks its peaks so), not
    a series of markers."""
    lines: dict[tuple[bool, float], list[tuple[float, int]]] = {}
    for k, s in enumerate(data):
        w, h = s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]
        if s.fill is not None or len(s.subpaths) != 1 or len(s.subpaths[0]) != 2 or max(w, h) > DOT_LENGTH:
            continue
        if w < 0.3 < h:
            lines.setdefault((True, round(s.bbox[0], 1)), []).append((s.bbox[1], k))
        elif h < 0.3 < w:
            lines.setdefault((False, round(s.bbox[1], 1)), []).append((s.bbox[0], k))
    out: set[int] = set()
    for pieces in lines.values():
        if len(pieces) < DOT_PIECES:
            continue
        starts = sorted(p for p, _ in pieces)
        steps = [b - a for a, b in itertools.pairwise(starts)]
        pitch = sorted(steps)[len(steps) // 2]
        if pitch > 0 and sum(1 for st in steps if abs(st - pitch) <= 0.2 * pitch) >= 0.8 * len(steps):
            out.update(k for _, k in pieces)
    return out


def _in_area(box: BBox, area: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return (area[0] - EDGE_SLACK <= cx <= area[2] + EDGE_SLACK and area[1] - EDGE_SLACK <= cy <= area[3] + EDGE_SLACK
            and box[0] >= area[0] - 8 and box[2] <= area[2] + 8 and box[1] >= area[1] - 8 and box[3] <= area[3] + 8)


def _furniture(s: DrawnShape, area: BBox) -> bool:
    """Axis lines, frames, grid lines, tick marks and backgrounds: drawn, but not data."""
    w, h = s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]
    aw, ah = area[2] - area[0], area[3] - area[1]
    if s.fill is not None and w > 0.9 * aw and h > 0.9 * ah:
        return True  # background or frame
    if s.fill is not None and is_white(s.fill) and s.stroke is None:
        return True
    if s.fill is None and s.stroke is not None and is_white(s.stroke):
        return True  # a white stroke (a scale bar on an inset picture) draws nothing on the plot's white
    if s.fill is None and all(_on_border(pt, area) for run in s.subpaths for pt in run):
        return True  # the frame, however its strokes were split or joined
    if len(s.subpaths) == 1 and (w < 0.3 or h < 0.3):  # one straight axis-parallel stroke, however many vertices
        if h < 0.3 and w > 0.9 * aw:
            return True  # horizontal grid line or axis
        if w < 0.3 and h > 0.9 * ah:
            return True
        if max(w, h) <= 9.0 and _on_edge(s.bbox, area):
            return True  # tick mark
    return bool(s.stroke is not None and s.fill is None and _is_frame(s, area))


def _on_border(pt: Point, area: BBox, slack: float = 1.0) -> bool:
    x, y = pt
    inside = area[0] - slack <= x <= area[2] + slack and area[1] - slack <= y <= area[3] + slack
    return inside and min(abs(x - area[0]), abs(x - area[2]), abs(y - area[1]), abs(y - area[3])) <= slack


def _on_edge(box: BBox, area: BBox) -> bool:
    return (abs(box[1] - area[3]) < 1.5 or abs(box[3] - area[3]) < 1.5 or abs(box[0] - area[0]) < 1.5
            or abs(box[2] - area[0]) < 1.5 or abs(box[1] - area[1]) < 1.5 or abs(box[3] - area[1]) < 1.5
            or abs(box[0] - area[2]) < 1.5 or abs(box[2] - area[2]) < 1.5
            or (box[1] <= area[3] <= box[3]) or (box[0] <= area[0] <= box[2]))


def _is_frame(s: DrawnShape, area: BBox) -> bool:
    w, h = s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]
    return is_rect(s) and w > 0.9 * (area[2] - area[0]) and h > 0.9 * (area[3] - area[1])
