"""Plot frames joined to the data graphic they frame.

A plotting tool may draw its axes well apart from the data (gnuplot's open border with offsets, axes
set a margin off the data range): the data's drawing then neither touches its axes nor comes within the
clustering gap of them, and the chart is found as bare data with no axes, labels or caption near. A frame
of two axis lines meeting at a corner, both carrying tick marks, that holds a graphic is that graphic's.
So is the plot area of bars beside a lone value axis (R's barplot without box()): its groups of bars
stand further apart than the clustering gap and would each be a graphic of their own.
"""
from __future__ import annotations

from collections.abc import Sequence

from extractors.charts.axes import MIN_AXIS, TICK_MAX, bar_areas, find_plot_areas
from extractors.page_content import DrawnShape, Rule
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

INSIDE_SHARE = 0.9  # a graphic this much inside a frame is what the frame frames


def ticked_frames(rules: Sequence[Rule], page_box: BBox) -> list[BBox]:
    """Plot areas on the page whose axes both carry drawn tick marks (a ruled table's corner has none)."""
    return [a.bbox for a in find_plot_areas(rules, page_box) if a.tick_marks]


def bar_frames(rules: Sequence[Rule], shapes: Sequence[DrawnShape], page_box: BBox) -> list[BBox]:
    """Plot areas of bars beside a value axis drawn alone: a long ticked axis line with no other axis line
    meeting its foot, and bars on a common baseline at that foot, on its right (vertical bars) or above it
    (horizontal ones), up to the next axis line of that direction (a panel beside it has its own)."""
    long = [r for r in rules if r.length >= MIN_AXIS]
    out: list[BBox] = []
    for axis in long:
        if _ticks_on(axis, rules) < 2 or any(_meet(axis, o) for o in long if o.horizontal != axis.horizontal):
            continue
        x0, y0, x1, y1 = axis.bbox
        if axis.horizontal:
            y = (y0 + y1) / 2
            stop = max((o.bbox[3] for o in long if o.horizontal and o.bbox[3] < y - 1
                        and o.bbox[0] < x1 and o.bbox[2] > x0), default=page_box[1])
            strip = (x0 - 3, stop + 1, x1 + 3, y + 3)
        else:
            x = (x0 + x1) / 2
            stop = min((o.bbox[0] for o in long if not o.horizontal and o.bbox[0] > x + 1
                        and o.bbox[1] < y1 and o.bbox[3] > y0), default=page_box[2])
            strip = (x - 3, y0 - 3, stop - 1, y1 + 3)
        inside = [sh for sh in shapes if _within(sh.bbox, strip)]
        hs, vs = ([axis], []) if axis.horizontal else ([], [axis])
        out.extend(bar_areas(hs, vs, inside, strip))
    return out


def _ticks_on(axis: Rule, rules: Sequence[Rule]) -> int:
    """Short rules across an axis line's end side: its tick marks."""
    x0, y0, x1, y1 = axis.bbox
    if axis.horizontal:
        return sum(1 for r in rules if not r.horizontal and r.length <= TICK_MAX and x0 - 1 <= r.bbox[0] <= x1 + 1
                   and r.bbox[1] - 1.5 <= (y0 + y1) / 2 <= r.bbox[3] + 1.5)
    return sum(1 for r in rules if r.horizontal and r.length <= TICK_MAX and y0 - 1 <= r.bbox[1] <= y1 + 1
               and r.bbox[0] - 1.5 <= (x0 + x1) / 2 <= r.bbox[2] + 1.5)


def _meet(a: Rule, b: Rule) -> bool:
    """Whether two axis lines meet at the foot of the vertical one (the lower-left corner of a plot)."""
    h, v = (a, b) if a.horizontal else (b, a)
    return abs(h.bbox[0] - (v.bbox[0] + v.bbox[2]) / 2) <= 2.5 and abs(v.bbox[3] - (h.bbox[1] + h.bbox[3]) / 2) <= 2.5


def _within(box: BBox, outer: BBox) -> bool:
    return box[0] >= outer[0] and box[1] >= outer[1] and box[2] <= outer[2] and box[3] <= outer[3]


def join_frames(boxes: Sequence[BBox], frames: Sequence[BBox]) -> list[BBox]:
    """Each graphic box grown to the frame it lies inside (boxes that lie in no frame are kept as they are)."""
    out: list[BBox] = []
    for box in boxes:
        area = bbox_area(box)
        holding = [f for f in frames if area > 0 and bbox_intersection(box, f) >= INSIDE_SHARE * area]
        out.append(bbox_union([box, *holding]) if holding else box)
    return out
