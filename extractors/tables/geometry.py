"""Box and rule geometry the table finder's steps share: whole rules from pieces, rules near a box, box tests.
Kept apart so every step can use them without importing another step."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.page_content import PageContent, Rule, Word
from extractors.text_normalize import is_cjk
from extractors.types import BBox, bbox_intersection, bbox_union


def merge_rules(rules: Sequence[Rule], gap: float = 3.0) -> tuple[Rule, ...]:
    """Join collinear rule pieces (a row rule drawn cell by cell) into whole rules."""
    merged: list[Rule] = []
    for horizontal in (True, False):
        axis = 1 if horizontal else 0
        pieces = sorted((r for r in rules if r.horizontal == horizontal),
                        key=lambda r: (round((r.bbox[axis] + r.bbox[axis + 2]) / 2), r.bbox[1 - axis]))
        current: Rule | None = None
        for rule in pieces:
            if current is not None and _collinear(current, rule, horizontal, gap):
                box = bbox_union([current.bbox, rule.bbox])
                current = Rule(box, horizontal, max(current.thickness, rule.thickness))
                continue
            if current is not None:
                merged.append(current)
            current = rule
        if current is not None:
            merged.append(current)
    return tuple(merged)


def _collinear(a: Rule, b: Rule, horizontal: bool, gap: float) -> bool:
    if horizontal:
        same_line = abs((a.bbox[1] + a.bbox[3]) / 2 - (b.bbox[1] + b.bbox[3]) / 2) < 1.0
        return same_line and b.bbox[0] <= a.bbox[2] + gap and b.bbox[2] >= a.bbox[0] - gap
    same_line = abs((a.bbox[0] + a.bbox[2]) / 2 - (b.bbox[0] + b.bbox[2]) / 2) < 1.0
    return same_line and b.bbox[1] <= a.bbox[3] + gap and b.bbox[3] >= a.bbox[1] - gap


def _rules_near(rules: Sequence[Rule], box: BBox, size: float) -> list[Rule]:
    """Rules inside the box (partial ones too, like booktabs \\cmidrule), horizontal rules just above
    or below it that span much of its width (top and bottom rules), and vertical rules beside its rows
    within a font size of its sides or where those horizontal rules end (a drawn frame stands outside the
    text it holds)."""
    x0, y0, x1, y1 = box
    near: list[Rule] = []
    flat = [r for r in rules if r.horizontal and min(x1, r.bbox[2]) - max(x0, r.bbox[0]) > 0]
    for rule in rules:
        rx0, ry0, rx1, ry1 = rule.bbox
        overlap = min(x1, rx1) - max(x0, rx0)
        if rule.horizontal and overlap > 0:
            inside = y0 < ry0 < y1 and rule.length >= 8
            within = y0 - 1.2 * size <= ry0 <= y1 + 1.2 * size
            level = sum(min(x1, r.bbox[2]) - max(x0, r.bbox[0]) for r in flat if abs(r.bbox[1] - ry0) <= 1) \
                if within and overlap < 0.3 * (x1 - x0) else 0.0  # a rule drawn cell by cell: its pieces together
            if inside or (within and max(overlap, level) >= 0.3 * (x1 - x0)):
                near.append(rule)
    ends = [x for r in near for x in (r.bbox[0], r.bbox[2])]
    for rule in rules:
        rx0, ry0, _, ry1 = rule.bbox
        if not rule.horizontal and ry0 < y1 + size and ry1 > y0 - size \
                and (x0 - size <= rx0 <= x1 + size or any(abs(rx0 - x) <= 2 for x in ends)):
            near.append(rule)
    return near


def segment_lines(segment: Sequence[Word]) -> list[list[Word]]:
    """A segment's lines, top first, each left to right: words whose vertical middles lie within 0.6 em of
    the line's last word so far share a line (a cell's wrapped lines can share one row band)."""
    size = max((w.size for w in segment), default=10.0) or 10.0
    lines: list[list[Word]] = []
    for word in sorted(segment, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        middle = (word.bbox[1] + word.bbox[3]) / 2
        if lines and middle - (lines[-1][-1].bbox[1] + lines[-1][-1].bbox[3]) / 2 <= 0.6 * size:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.bbox[0]) for line in lines]


def _text(segment: Sequence[Word]) -> str:
    """A cell segment's text in reading order: line by line from the top, each line left to right.

    A segment's words come sorted by x; when the cell wraps onto lines that share one row band (a value
    beside them, centred, glued the lines into one band), sorting by x alone interleaved the lines
    ("After upper heavy reach rainfall ..."). Lines are told apart by their vertical centres."""
    if len(segment) < 2:
        return " ".join(w.text for w in segment)
    lines = segment_lines(segment)
    spans = [(line[0].bbox[0], max(w.bbox[2] for w in line)) for line in lines]
    stacked = all(a[0] < b[1] and b[0] < a[1] for a, b in zip(spans, spans[1:]))
    if len(lines) == 1 or not stacked:  # raised or lowered words beside the text (exponents) are no new line
        return " ".join(w.text for w in segment)
    joined = " ".join(w.text for w in lines[0])
    for line in lines[1:]:
        joined = join_wrapped(joined, " ".join(w.text for w in line))
    return joined


_BROKEN_WORD = re.compile(r"[^\W\d_][-‐]$")


def join_wrapped(upper: str, lower: str) -> str:
    """A cell's text wrapped over two lines, joined as read: `crystallo-` + `graphic` is one word again
    (a hyphen inside a compound, `state-of-the-`, stays), and so is `and/` + `or`; Chinese text runs on."""
    upper, lower = upper.strip(), lower.strip()
    if not upper or not lower:
        return upper or lower
    if upper.endswith("/") and upper[-2:-1] != " " and lower[0].isalnum():  # `Per practice/` + `location`
        return upper + lower
    if is_cjk(upper[-1]) and is_cjk(lower[0]):  # Chinese and Japanese run on with no space between words
        return upper + lower
    if _BROKEN_WORD.search(upper) and lower[0].islower():
        inner_hyphen = "-" in upper.split()[-1][:-1]
        return upper + lower if inner_hyphen else upper[:-1] + lower
    return f"{upper} {lower}"


def _words_box(words: Sequence[Word]) -> BBox:
    return bbox_union([w.bbox for w in words])


def _inside_any(box: BBox, others: Sequence[BBox], share: float = 0.5) -> bool:
    area = max(1e-6, (box[2] - box[0]) * (box[3] - box[1]))
    return any(bbox_intersection(box, o) / area > share for o in others)


def _center_inside(box: BBox, outer: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _grow(box: BBox, by: float) -> BBox:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _clip(box: BBox, page: PageContent) -> BBox:
    return (max(0.0, box[0]), max(0.0, box[1]), min(page.width, box[2]), min(page.height, box[3]))
