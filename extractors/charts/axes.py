"""Plot areas: where an x axis line and a y axis line meet at a corner, with the tick marks along them."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.charts.shapes import find_bars
from extractors.page_content import DrawnShape, Rule
from extractors.types import BBox

MIN_AXIS = 30.0  # points: shorter lines are ticks, error bars or glyph strokes
CORNER = 2.5  # how far apart the ends of two axis lines may be and still meet
TICK_MAX = 9.0  # tick marks are short


@dataclass(frozen=True)
class PlotArea:
    """The data rectangle of one chart, with the page positions of its tick marks along x and y."""

    bbox: BBox
    x_ticks: tuple[float, ...]
    y_ticks: tuple[float, ...]
    framed: bool  # all four sides drawn
    tick_marks: bool = False  # both axes carry drawn tick marks (not grid lines standing for them)


def find_plot_areas(rules: Sequence[Rule], within: BBox, shapes: Sequence[DrawnShape] = ()) -> list[PlotArea]:
    """Every plot area inside `within`: a horizontal and a vertical line meeting at the lower-left corner;
    else grid lines across the area; else (given the drawn shapes) one axis line beside bars on a baseline."""
    inside = [r for r in rules if _inside(r.bbox, within, 3.0)]
    hs = [r for r in joined_rules(inside, True) if r.length >= MIN_AXIS]
    vs = [r for r in joined_rules(inside, False) if r.length >= MIN_AXIS]
    areas: list[BBox] = []
    for h in hs:
        y = (h.bbox[1] + h.bbox[3]) / 2
        for v in vs:
            x = (v.bbox[0] + v.bbox[2]) / 2
            if abs(h.bbox[0] - x) <= CORNER and abs(v.bbox[3] - y) <= CORNER:
                areas.append((x, v.bbox[1], h.bbox[2], y))
    areas = _drop_nested(areas)
    areas += [g for g in grid_areas(hs, vs) if not any(_overlap(g, a) for a in areas)]
    if not areas and shapes:
        areas = bar_areas(hs, vs, [s for s in shapes if _inside(s.bbox, within, 3.0)], within)
    return [_with_ticks(box, inside, hs, vs) for box in sorted(areas, key=lambda b: (b[1], b[0]))]


def joined_rules(rules: Sequence[Rule], horizontal: bool) -> list[Rule]:
    """The rules of one direction, two pieces that continue each other end to end joined into one line: a
    frame drawn as one path from the middle of its bottom edge (LibreOffice) leaves that edge as two halves.
    A run of three or more pieces is a ruled table's line drawn cell by cell: it stays in pieces (joined, its
    cells' rules made plot areas of a table, read as charts)."""
    distinct = {tuple(round(v, 1) for v in r.bbox): r for r in rules if r.horizontal == horizontal}
    own = sorted(distinct.values(),  # a rule drawn twice (a cell's border and its neighbour's) counts once
                 key=lambda r: (round(_mid(r), 1), r.bbox[0] if horizontal else r.bbox[1]))
    out: list[Rule] = [r for r in own if r.length < 0.25 * MIN_AXIS]  # tick marks: never part of a run
    runs: list[list[Rule]] = []
    for r in own:
        if r.length < 0.25 * MIN_AXIS:
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and abs(_mid(last) - _mid(r)) <= 0.2 and abs(last.thickness - r.thickness) <= 0.2:
            end, start = (last.bbox[2], r.bbox[0]) if horizontal else (last.bbox[3], r.bbox[1])
            if abs(start - end) <= 0.5:
                runs[-1].append(r)
                continue
        runs.append([r])
    for run in runs:
        if len(run) == 2:
            a, b = run
            out.append(Rule((min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1]), max(a.bbox[2], b.bbox[2]),
                             max(a.bbox[3], b.bbox[3])), horizontal, max(a.thickness, b.thickness)))
        else:
            out.extend(run)
    return out


def _mid(r: Rule) -> float:
    return (r.bbox[1] + r.bbox[3]) / 2 if r.horizontal else (r.bbox[0] + r.bbox[2]) / 2


def grid_areas(hs: Sequence[Rule], vs: Sequence[Rule]) -> list[BBox]:
    """Plot areas drawn without axis lines (ggplot2's grey panel, theme_minimal): grid lines across the
    whole area, two or more horizontal ones with the same ends and two or more vertical ones with the same
    ends between them, the horizontal ones within the vertical ones' span (panels side by side share the
    vertical ends)."""
    h_sets = _same_ends([(r.bbox[0], r.bbox[2], (r.bbox[1] + r.bbox[3]) / 2) for r in hs])
    v_sets = _same_ends([(r.bbox[1], r.bbox[3], (r.bbox[0] + r.bbox[2]) / 2) for r in vs])
    out: list[BBox] = []
    for (hx0, hx1), ys in h_sets.items():
        for (vy0, vy1), xs in v_sets.items():
            between = [x for x in xs if hx0 - 1 <= x <= hx1 + 1]
            if len(between) >= 2 and all(vy0 - 1 <= y <= vy1 + 1 for y in ys):
                out.append((hx0, vy0, hx1, vy1))
    return _drop_nested(out)


def bar_areas(hs: Sequence[Rule], vs: Sequence[Rule], shapes: Sequence[DrawnShape], within: BBox) -> list[BBox]:
    """A bar chart drawn with its value axis only (R's barplot without box()): bars standing on a common
    baseline, and a long axis line ending at that baseline, left of vertical bars or under horizontal ones."""
    bars, orient = find_bars(shapes, within)
    bars = [b for b in bars if b.on is None]  # a stack stands on the baseline with its first bar
    if len(bars) < 2 or orient not in ("v", "h"):
        return []
    bx0, by0 = min(b.bbox[0] for b in bars), min(b.bbox[1] for b in bars)
    bx1, by1 = max(b.bbox[2] for b in bars), max(b.bbox[3] for b in bars)
    out: list[BBox] = []
    if orient == "v" and all(abs(b.bbox[3] - by1) <= 1.0 for b in bars):
        for v in vs:
            x = (v.bbox[0] + v.bbox[2]) / 2
            if 0 <= bx0 - x <= 40 and abs(v.bbox[3] - by1) <= CORNER and v.bbox[1] <= by0 + 1:
                out.append((x, v.bbox[1], bx1 + (bx0 - x), by1))
    if orient == "h" and all(abs(b.bbox[0] - bx0) <= 1.0 for b in bars):
        for h in hs:
            y = (h.bbox[1] + h.bbox[3]) / 2
            if 0 <= y - by1 <= 40 and abs(h.bbox[0] - bx0) <= CORNER and h.bbox[2] >= bx1 - 1:
                out.append((bx0, by0 - (y - by1), h.bbox[2], y))
    return _drop_nested(out)


def _same_ends(lines: Sequence[tuple[float, float, float]]) -> dict[tuple[float, float], list[float]]:
    """Lines grouped by their two ends (within half a point): {(start, end): [positions]}, two or more each."""
    groups: dict[tuple[float, float], list[float]] = {}
    for a, b, pos in sorted(lines):
        key = next((k for k in groups if abs(k[0] - a) <= 0.5 and abs(k[1] - b) <= 0.5), (a, b))
        groups.setdefault(key, []).append(pos)
    return {k: sorted({round(p, 1) for p in v}) for k, v in groups.items() if len({round(p, 1) for p in v}) >= 2}


def _drop_nested(areas: list[BBox]) -> list[BBox]:
    """Keep the largest of overlapping candidates (a legend frame or a grid cell inside a plot is not one)."""
    areas = sorted(set(areas), key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    kept: list[BBox] = []
    for box in areas:
        if not any(_overlap(box, k) for k in kept):
            kept.append(box)
    return kept


def _with_ticks(box: BBox, rules: Sequence[Rule], hs: Sequence[Rule], vs: Sequence[Rule]) -> PlotArea:
    x0, y0, x1, y1 = box
    x_ticks = _major([((r.bbox[0] + r.bbox[2]) / 2, r.length) for r in rules
                      if not r.horizontal and r.length <= TICK_MAX and x0 - 1 <= r.bbox[0] <= x1 + 1
                      and r.bbox[1] - 1.5 <= y1 <= r.bbox[3] + 1.5])
    y_ticks = _major([((r.bbox[1] + r.bbox[3]) / 2, r.length) for r in rules
                      if r.horizontal and r.length <= TICK_MAX and y0 - 1 <= r.bbox[1] <= y1 + 1
                      and r.bbox[0] - 1.5 <= x0 <= r.bbox[2] + 1.5])
    marked = bool(x_ticks) and bool(y_ticks)
    if not x_ticks:  # no tick marks: full-height grid lines stand for them
        x_ticks = sorted({round((r.bbox[0] + r.bbox[2]) / 2, 2) for r in rules if not r.horizontal
                          and r.length > 0.95 * (y1 - y0) and x0 + 2 < r.bbox[0] and r.bbox[2] < x1 - 2
                          and r.bbox[1] <= y0 + 2 and r.bbox[3] >= y1 - 2})
    if not y_ticks:
        y_ticks = sorted({round((r.bbox[1] + r.bbox[3]) / 2, 2) for r in rules if r.horizontal
                          and r.length > 0.95 * (x1 - x0) and y0 + 2 < r.bbox[1] and r.bbox[3] < y1 + 2
                          and r.bbox[0] <= x0 + 2 and r.bbox[2] >= x1 - 2})
    top = any(abs((h.bbox[1] + h.bbox[3]) / 2 - y0) <= CORNER and h.length > 0.9 * (x1 - x0) for h in hs)
    right = any(abs((v.bbox[0] + v.bbox[2]) / 2 - x1) <= CORNER and v.length > 0.9 * (y1 - y0) for v in vs)
    return PlotArea(box, tuple(x_ticks), tuple(y_ticks), top and right, marked)


def _major(ticks: list[tuple[float, float]]) -> list[float]:
    """Positions of the major ticks (minor ticks, e.g. a log axis's 2…9, are drawn shorter)."""
    if not ticks:
        return []
    longest = max(length for _, length in ticks)
    return sorted({round(pos, 2) for pos, length in ticks if length >= 0.8 * longest})


def _inside(box: BBox, outer: BBox, slack: float) -> bool:
    return (box[0] >= outer[0] - slack and box[1] >= outer[1] - slack
            and box[2] <= outer[2] + slack and box[3] <= outer[3] + slack)


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
