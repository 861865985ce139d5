"""Pie and donut charts: wedges found in filled vector paths, their shares read from their angles.

A wedge is a filled path made of a centre point, two radii and a circular arc (Bézier curves or many short
lines, kept as their end points); a donut's wedge is an outer and an inner arc about one centre. Wedges
about one centre whose angles add up to a full turn are a pie; each wedge's share is its angle over 360°.
Pure functions over a page's drawn shapes and text lines."""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.page_content import Color, DrawnShape, Point, TextLine
from extractors.types import BBox

MIN_RADIUS = 12.0  # points: a smaller round shape is a marker or an icon
RADIUS_TOLERANCE = 0.03  # arc points lie this close to the radius (share of it)
FULL_TURN_SLACK = 4.0  # degrees: the wedges of a pie add up to 360° within this
_PERCENT = re.compile(r"^[(\[]?\s*[-+]?\d+(?:[.,]\d+)?\s*%?\s*[)\]]?$")


@dataclass(frozen=True)
class Wedge:
    """One wedge: centre, outer (and inner, 0 for a pie) radius, sweep in degrees, colour and drawing order."""

    centre: Point
    radius: float
    inner: float
    start: float  # degrees, page coordinates (y down), of the arc's first point
    sweep: float  # degrees, > 0
    direction: int  # +1: the arc runs clockwise on the page (angles grow, y down), -1 the other way
    fill: Color
    order: int
    bbox: BBox

    @property
    def mid_angle(self) -> float:
        """The direction (radians, page coordinates) of the wedge's middle."""
        return math.radians(self.start + self.direction * self.sweep / 2)


@dataclass(frozen=True)
class Pie:
    """Wedges about one centre that fill a full turn, in drawing order, with the names found for them."""

    wedges: tuple[Wedge, ...]
    names: tuple[str | None, ...]
    bbox: BBox

    @property
    def shares(self) -> tuple[float, ...]:
        """Each wedge's share of the turn, in percent."""
        total = sum(w.sweep for w in self.wedges)
        return tuple(round(100.0 * w.sweep / total, 2) for w in self.wedges)


def _angle(c: Point, p: Point) -> float:
    return math.degrees(math.atan2(p[1] - c[1], p[0] - c[0]))


def _turn(a: float, b: float) -> float:
    """The signed step from angle a to angle b, in (-180, 180]."""
    d = (b - a) % 360.0
    return d - 360.0 if d > 180.0 else d


def _distinct(points: Sequence[Point]) -> list[Point]:
    """The points in order, each once: a closing point, a radius drawn back over, the centre repeated."""
    out: list[Point] = []
    seen: set[tuple[int, int]] = set()
    for p in points:
        key = (round(p[0] * 10), round(p[1] * 10))
        if not any((key[0] + dx, key[1] + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            out.append(p)
        seen.add(key)
    return out


def _arc_about(c: Point, pts: Sequence[Point]) -> tuple[float, list[Point]] | None:
    """(radius, arc points) when the points, in order, run out along a radius from c, round an arc about
    it and back along another radius (radii drawn as one line or in pieces, as ggplot2's polar bars are),
    else None."""
    dists = [math.hypot(p[0] - c[0], p[1] - c[1]) for p in pts]
    r = max(dists)
    tol = max(RADIUS_TOLERANCE * r, 0.6)
    on = [i for i, d in enumerate(dists) if abs(d - r) <= tol]
    if r < MIN_RADIUS or len(on) < 2 or on[-1] - on[0] + 1 != len(on):
        return None
    arc = [pts[i] for i in on]
    ends = (_angle(c, arc[0]), _angle(c, arc[-1]))
    for i, d in enumerate(dists):  # the rest lie on the two radii, or at the centre
        if (i < on[0] or i > on[-1]) and d > 0.5 and abs(_turn(ends[i > on[-1]], _angle(c, pts[i]))) > 1.5:
            return None
    return r, arc


def _sweep(c: Point, arc: Sequence[Point]) -> float:
    """Signed angle swept along the arc's points about c (each step under 180°: an arc is drawn in pieces)."""
    angles = [_angle(c, p) for p in arc]
    return sum(_turn(a, b) for a, b in itertools.pairwise(angles))


def wedge_of(shape: DrawnShape, order: int) -> Wedge | None:
    """The wedge a filled shape draws: one closed run whose vertices are a centre and points on an arc
    about it (an arc of lines needs four or more of them), else None."""
    if shape.fill is None or len(shape.subpaths) != 1 or shape.n_rects:
        return None
    pts = _distinct(shape.subpaths[0])
    if len(pts) < 3 or (shape.n_curves == 0 and len(pts) < 5):
        return None
    ends = sorted({0, 1, 2, len(pts) - 3, len(pts) - 2, len(pts) - 1})
    for i in ends:  # a wedge's path starts or ends at its centre (or one step from it)
        c = pts[i]
        found = _arc_about(c, pts[i + 1:] + pts[:i])
        if found is None:
            continue
        r, arc = found
        sweep = _sweep(c, arc)
        if abs(sweep) < 1.0:
            return None
        return Wedge(c, r, 0.0, _angle(c, arc[0]), abs(sweep), 1 if sweep > 0 else -1, shape.fill, order,
                     shape.bbox)
    return None


def ring_wedge_of(shape: DrawnShape, order: int, centre: Point) -> Wedge | None:
    """A donut's wedge about a known centre: its vertices on two circles, an outer arc and an inner one."""
    if shape.fill is None or len(shape.subpaths) != 1 or shape.n_rects:
        return None
    pts = _distinct(shape.subpaths[0])
    if len(pts) < 4 or (shape.n_curves < 2 and len(pts) < 8):  # two arcs: curves, or lines enough to bend
        return None
    dists = [math.hypot(p[0] - centre[0], p[1] - centre[1]) for p in pts]
    outer, inner = max(dists), min(dists)
    if inner < 0.15 * outer or outer < MIN_RADIUS:
        return None
    tol = max(RADIUS_TOLERANCE * outer, 0.6)
    if any(min(abs(d - outer), abs(d - inner)) > tol for d in dists):
        return None
    k = next((i for i in range(len(pts)) if abs(dists[i] - outer) <= tol
              and abs(dists[i - 1] - outer) > tol), 0)  # the outer arc's first point
    run = [pts[(k + j) % len(pts)] for j in range(len(pts)) if abs(dists[(k + j) % len(pts)] - outer) <= tol]
    sweep = _sweep(centre, run)
    if abs(sweep) < 1.0:
        return None
    return Wedge(centre, outer, inner, _angle(centre, run[0]), abs(sweep), 1 if sweep > 0 else -1, shape.fill,
                 order, shape.bbox)


def find_pies(shapes: Sequence[DrawnShape], box: BBox) -> list[Pie]:
    """Pies (and donuts) drawn inside a box: wedges about one centre with one radius adding up to a turn.
    A wedge drawn twice (a fill, then the same path again) counts once."""
    inside = [(k, s) for k, s in enumerate(shapes) if _inside(s.bbox, box, 2.0)]
    wedges = [w for k, s in inside if (w := wedge_of(s, k)) is not None]
    pies: list[list[Wedge]] = _full_turns(wedges)
    if not pies:  # donuts: ring wedges that share vertices, about the centre fitted to their outer points
        for group in _touching([(k, s) for k, s in inside if s.fill is not None and len(s.subpaths) == 1
                                and not s.n_rects and len(s.subpaths[0]) >= 4]):
            b = _union([s.bbox for _, s in group])
            centre = _ring_centre([p for _, s in group for p in _distinct(s.subpaths[0])],
                                  ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
            if centre is None:
                continue
            pies += _full_turns([w for k, s in group if (w := ring_wedge_of(s, k, centre)) is not None])
    return [Pie(tuple(g), tuple([None] * len(g)), _union([w.bbox for w in g])) for g in pies if _round(g)]


def _round(wedges: Sequence[Wedge]) -> bool:
    """Whether the wedges together span their circle's box (a bevelled frame's two L-shaped halves, whose
    corners happen to lie on two circles, span a flat box)."""
    b, r = _union([w.bbox for w in wedges]), wedges[0].radius
    return all(1.8 * r <= side <= 2.4 * r for side in (b[2] - b[0], b[3] - b[1]))


def _ring_centre(pts: Sequence[Point], guess: Point) -> Point | None:
    """The centre of the circle through the outer of the points (those farther from `guess` than halfway
    between the nearest and farthest), a least-squares fit (x² + y² + Dx + Ey + F = 0), twice over."""
    c = guess
    for _ in range(2):
        d = [math.hypot(p[0] - c[0], p[1] - c[1]) for p in pts]
        cut = (max(d) + min(d)) / 2
        outer = [p for p, e in zip(pts, d) if e >= cut]
        if len(outer) < 3:
            return None
        rows = [(p[0] - guess[0], p[1] - guess[1], 1.0, -((p[0] - guess[0]) ** 2 + (p[1] - guess[1]) ** 2))
                for p in outer]  # about the guess: small numbers
        m = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
        v = [sum(r[i] * r[3] for r in rows) for i in range(3)]
        det = _det3(m)
        if abs(det) < 1e-9:
            return None
        sol = [_det3([[v[r] if col == k else m[r][col] for col in range(3)] for r in range(3)]) / det
               for k in range(3)]
        c = (guess[0] - sol[0] / 2, guess[1] - sol[1] / 2)
    return c


def _det3(m: Sequence[Sequence[float]]) -> float:
    return (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))


def _touching(shapes: Sequence[tuple[int, DrawnShape]]) -> list[list[tuple[int, DrawnShape]]]:
    """Groups of two or more shapes joined by shared vertices (adjacent wedges share their radii's ends)."""
    parent = list(range(len(shapes)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    owner: dict[tuple[int, int], int] = {}
    for i, (_, s) in enumerate(shapes):
        for p in s.subpaths[0]:
            j = owner.setdefault((round(p[0]), round(p[1])), i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple[int, DrawnShape]]] = {}
    for i, item in enumerate(shapes):
        groups.setdefault(root(i), []).append(item)
    return [g for g in groups.values() if len(g) >= 2]


def _full_turns(wedges: Sequence[Wedge]) -> list[list[Wedge]]:
    """Groups of wedges about one centre with one radius (duplicates dropped) whose sweeps make a turn."""
    groups: list[list[Wedge]] = []
    for w in wedges:
        for g in groups:
            h = g[0]
            if math.hypot(w.centre[0] - h.centre[0], w.centre[1] - h.centre[1]) <= max(1.0, 0.03 * h.radius) \
                    and abs(w.radius - h.radius) <= max(1.0, RADIUS_TOLERANCE * h.radius):
                if not any(abs(_turn(v.start, w.start)) < 0.5 and abs(v.sweep - w.sweep) < 0.5 for v in g):
                    g.append(w)
                break
        else:
            groups.append([w])
    return [g for g in groups if len(g) >= 2 and abs(sum(w.sweep for w in g) - 360.0) <= FULL_TURN_SLACK]


def name_wedges(pie: Pie, lines: Sequence[TextLine], shapes: Sequence[DrawnShape]) -> Pie:
    """Each wedge's name: the legend entry whose sample has the wedge's colour (a small filled box with a
    label beside it), else the label beside or inside the wedge (in its angular span, a word not a number)."""
    names: list[str | None] = []
    words = [ln for ln in lines if ln.horizontal and not _PERCENT.match(ln.text.strip())]
    used: set[int] = set()
    for w in pie.wedges:
        name = _legend_name(w, words, shapes, used) or _beside_name(w, pie, words, used)
        names.append(name)
    return Pie(pie.wedges, tuple(names), pie.bbox)


def _legend_name(w: Wedge, lines: Sequence[TextLine], shapes: Sequence[DrawnShape], used: set[int]) -> str | None:
    for s in shapes:
        bw, bh = s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]
        if s.fill != w.fill or bw > 25 or bh > 25 or _inside(s.bbox, pie_box(w), 0):
            continue
        cy = (s.bbox[1] + s.bbox[3]) / 2
        row = [ln for ln in lines if id(ln) not in used and ln.bbox[1] - 2 <= cy <= ln.bbox[3] + 2]
        beside = [(ln.bbox[0] - s.bbox[2], ln) for ln in row if 0 <= ln.bbox[0] - s.bbox[2] <= 15]
        beside = beside or [(s.bbox[0] - ln.bbox[2], ln) for ln in row if 0 <= s.bbox[0] - ln.bbox[2] <= 15]
        if beside:  # the label right of the sample, or left of it (gnuplot's key)
            ln = min(beside, key=lambda g: g[0])[1]
            used.add(id(ln))
            return ln.text
    return None


def pie_box(w: Wedge) -> BBox:
    """The box of the circle a wedge is cut from."""
    c, r = w.centre, w.radius
    return (c[0] - r, c[1] - r, c[0] + r, c[1] + r)


def _beside_name(w: Wedge, pie: Pie, lines: Sequence[TextLine], used: set[int]) -> str | None:
    """The text line in the wedge's angular span, within 1.6 radii of the centre, nearest its middle."""
    c, r = w.centre, w.radius
    best: tuple[float, TextLine] | None = None
    mid = math.degrees(w.mid_angle)
    for ln in lines:
        if id(ln) in used:
            continue
        p = ((ln.bbox[0] + ln.bbox[2]) / 2, (ln.bbox[1] + ln.bbox[3]) / 2)
        d = math.hypot(p[0] - c[0], p[1] - c[1])
        if d > 1.6 * r or d < 0.2 * r:
            continue
        off = abs(_turn(mid, _angle(c, p)))
        if off > w.sweep / 2 + (8.0 if d > r else 0.0):
            continue
        if best is None or off < best[0]:
            best = (off, ln)
    if best is None:
        return None
    used.add(id(best[1]))
    return best[1].text


def _union(boxes: Sequence[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _inside(box: BBox, outer: BBox, slack: float) -> bool:
    return (box[0] >= outer[0] - slack and box[1] >= outer[1] - slack
            and box[2] <= outer[2] + slack and box[3] <= outer[3] + slack)
