"""Legends: each entry's text with the sample drawn just left of it (a line stub, markers or a swatch)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.charts.shapes import color_key, is_rect, is_small, is_white, line_style, marks_of
from extractors.charts.ticks import parse_tick
from extractors.page_content import DrawnShape, TextLine
from extractors.types import BBox

SAMPLE_REACH = 45.0  # points: how far left of its text a legend sample may start
SAMPLE_GAP = 12.0  # points: the most space between a sample and its text
OVERHANG = 6.0  # points: how far a sample may stick out of the legend's frame (a data mark under its edge,
# taken into the sample, does)


@dataclass(frozen=True)
class LegendEntry:
    """One legend line: the series name and the styles its sample shows (line, marker and/or swatch)."""

    name: str
    bbox: BBox
    styles: tuple[tuple, ...]
    text: BBox | None = None  # the name's own box (bbox also holds the sample)


def find_legend(lines: Sequence[TextLine], shapes: Sequence[DrawnShape]) -> tuple[list[LegendEntry], set[int]]:
    """Legend entries among the text lines, and the indices (into `shapes`) of the samples they use."""
    entries: list[LegendEntry] = []
    used: set[int] = set()
    by_height = sorted(((s.bbox[1] + s.bbox[3]) / 2, i) for i, s in enumerate(shapes) if _sample_like(s))
    centres = [c for c, _ in by_height]
    for line in lines:
        if not line.horizontal:
            continue
        y0, y1 = line.bbox[1], line.bbox[3]
        cy = (y0 + y1) / 2
        reach = max(2.5, 0.3 * (y1 - y0))
        level = sorted(i for c, i in by_height[bisect_left(centres, cy - reach - 0.01):
                                               bisect_right(centres, cy + reach + 0.01)]
                       if abs(c - cy) <= reach and i not in used
                       and shapes[i].bbox[3] - shapes[i].bbox[1] <= max(12.0, y1 - y0))
        row = [i for i in level if shapes[i].bbox[2] <= line.bbox[0] + 1
               and shapes[i].bbox[0] >= line.bbox[0] - SAMPLE_REACH]
        samples = _touching_chain(row, shapes, line.bbox[0])
        if not samples and level and parse_tick(line.text) is None:  # gnuplot's key: text, then its sample
            right = [i for i in level if shapes[i].bbox[0] >= line.bbox[2] - 1
                     and shapes[i].bbox[2] <= line.bbox[2] + SAMPLE_REACH and not _tick_like(shapes[i])]
            samples = _touching_chain_right(right, shapes, line.bbox[2])
        if not samples:
            continue
        styles = []
        box = line.bbox
        for i in samples:
            styles.extend(sample_styles(shapes[i]))
            b = shapes[i].bbox
            box = (min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]), max(box[3], b[3]))
        used.update(samples)
        entries.append(LegendEntry(line.text, box, tuple(dict.fromkeys(styles)), line.bbox))
    return entries, used


def _touching_chain(row: Sequence[int], shapes: Sequence[DrawnShape], text_left: float) -> list[int]:
    """The shapes that run unbroken leftwards from the text: a sample (a stub, its marker) sits right by its
    text, a data marker further left in the same row is no part of it."""
    chain: list[int] = []
    left = text_left
    for i in sorted(row, key=lambda k: -shapes[k].bbox[2]):
        gap = left - shapes[i].bbox[2]
        if gap > (SAMPLE_GAP if not chain else 2.0):
            break
        chain.append(i)
        left = min(left, shapes[i].bbox[0])
    return chain


def _touching_chain_right(row: Sequence[int], shapes: Sequence[DrawnShape], text_right: float) -> list[int]:
    """The shapes that run unbroken rightwards from the text (a sample drawn after its name)."""
    chain: list[int] = []
    right = text_right
    for i in sorted(row, key=lambda k: shapes[k].bbox[0]):
        gap = shapes[i].bbox[0] - right
        if gap > (SAMPLE_GAP if not chain else 2.0):
            break
        chain.append(i)
        right = max(right, shapes[i].bbox[2])
    return chain


def sample_styles(s: DrawnShape) -> list[tuple]:
    """The style keys a legend sample stands for."""
    out: list[tuple] = []
    if s.fill is not None and not is_white(s.fill) and is_rect(s):
        out.append(("bar", color_key(s.fill)))
    if s.stroke is not None and s.fill is None and len(s.subpaths) == 1 and s.bbox[3] - s.bbox[1] < 0.5:
        out.append(line_style(s))
    if is_small(s):
        out.extend(m.style for m in marks_of(s))
    return out


def _tick_like(s: DrawnShape) -> bool:
    """A short bare stroke: a tick mark next to its label, not a legend sample (stubs are longer)."""
    w, h = s.bbox[2] - s.bbox[0], s.bbox[3] - s.bbox[1]
    return s.fill is None and len(s.subpaths) == 1 and len(s.subpaths[0]) == 2 and max(w, h) < 10.0


def _sample_like(s: DrawnShape) -> bool:
    w = s.bbox[2] - s.bbox[0]
    return w <= SAMPLE_REACH and (is_small(s) or (s.stroke is not None and s.bbox[3] - s.bbox[1] <= 2) or is_rect(s))


def legend_frame(entries: Sequence[LegendEntry], shapes: Sequence[DrawnShape]) -> BBox | None:
    """The box around the legend entries (the drawn frame when there is one: the smallest shape holding
    every entry's text, and its sample give or take a marker's width)."""
    if not entries:
        return None
    x0 = min(e.bbox[0] for e in entries)
    y0 = min(e.bbox[1] for e in entries)
    x1 = max(e.bbox[2] for e in entries)
    y1 = max(e.bbox[3] for e in entries)
    texts = [e.text or e.bbox for e in entries]
    frames = [s.bbox for s in shapes if _inside((x0, y0, x1, y1), s.bbox, OVERHANG)
              and all(_inside(t, s.bbox, 1.0) for t in texts)
              and (s.bbox[2] - s.bbox[0]) < 2.5 * (x1 - x0) + 20 and (s.bbox[3] - s.bbox[1]) < 2.5 * (y1 - y0) + 20]
    if frames:
        return min(frames, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    return (x0, y0, x1, y1)


def frame_order(frame: BBox, shapes: Sequence[DrawnShape]) -> int:
    """Where in the drawing order the legend's frame is drawn (0 where no frame is drawn): what is drawn
    before it lies under the legend box (pgfplots and matplotlib paint the box over the data)."""
    drawn = [i for i, s in enumerate(shapes) if _same_box(s.bbox, frame)]
    return min(drawn) if drawn else 0


def legend_marks(frame: BBox, shapes: Sequence[DrawnShape]) -> set[int]:
    """Indices of the shapes inside the legend's frame that belong to the legend: those drawn with or after
    the frame itself. A data mark drawn before the frame lies under it, so it is data, not legend; without
    a drawn frame everything inside counts."""
    start = frame_order(frame, shapes)
    return {i for i, s in enumerate(shapes) if i >= start and _inside(s.bbox, frame, 1.0)}


def _same_box(a: BBox, b: BBox) -> bool:
    return all(abs(u - v) <= 0.5 for u, v in zip(a, b))


def _inside(box: BBox, outer: BBox, slack: float) -> bool:
    return (box[0] >= outer[0] - slack and box[1] >= outer[1] - slack
            and box[2] <= outer[2] + slack and box[3] <= outer[3] + slack)
