"""Rule-anchored table regions: blocks framed by stacks of long horizontal rules of the same extent, split
where the frame breaks or a gap is far wider than the row pitch (tables stacked down a page)."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import bands_of
from extractors.page_content import PageContent, Rule, TextLine
from extractors.tables.base import Region, TableOptions
from extractors.tables.geometry import _center_inside, _grow, merge_rules
from extractors.types import BBox, bbox_union


def _ruled_regions(page: PageContent, lines: list[TextLine], options: TableOptions,
                   taken: Sequence[BBox] = ()) -> list[Region]:
    """Blocks framed by at least two long horizontal rules of about the same extent, with text between; rules
    further apart than 80 pt stay in one block where the frame or rows of cells side by side lie between (a
    section of a booktabs table ruled off by \\midrule, ended by its \\bottomrule)."""
    whole = merge_rules(page.rules)  # rows ruled cell by cell still frame one block
    horizontal = sorted((r for r in whole if r.horizontal and r.length > 40), key=lambda r: r.bbox[1])
    verticals = [r for r in whole if not r.horizontal]
    clusters: list[list[Rule]] = []
    for rule in horizontal:
        for cluster in clusters:
            last = cluster[-1]
            similar = abs(rule.bbox[0] - cluster[0].bbox[0]) < 8 and abs(rule.bbox[2] - cluster[0].bbox[2]) < 8
            if similar and (rule.bbox[1] - last.bbox[3] < 80 or _framed(last, rule, verticals)
                            or _rows_between(last, rule, horizontal, lines)):
                cluster.append(rule)
                break
        else:
            clusters.append([rule])
    regions: list[Region] = []
    parts = [part for c in clusters for split in _split_at_frame_breaks(c, verticals, lines)
             for part in _split_at_wide_gaps(split, verticals, lines)]
    for cluster in parts:
        if len(cluster) < 2:
            continue
        box = _to_frame_extent(_up_to_covering_rule(bbox_union([r.bbox for r in cluster]), whole, lines),
                               verticals, lines)
        box = _up_to_column_heads(box, verticals, lines)
        inner = [ln for ln in lines if _center_inside(ln.bbox, box)]
        drawn_inside = sum(1 for p in page.paths if not p.filled and _center_inside(p.bbox, box))
        if not inner or drawn_inside > 3:
            continue
        rules = [r for r in page.rules if _center_inside(r.bbox, _grow(box, 2))]
        regions.append(Region(bands=tuple(bands_of(inner)), rules=tuple(rules), caption=None))
    return regions


PROSE_WORDS = 8  # a line of this many words is running text, not a row of short cells


def _rows_between(a: Rule, b: Rule, horizontal: Sequence[Rule], lines: Sequence[TextLine]) -> bool:
    """Rows of cells side by side between two rules and no other rule between them: one block's rows (its
    last section, taller than 80 pt), not tables of their own between two separators, nor two columns of
    running text (a line of PROSE_WORDS words or more) under a table's bottom rule."""
    between = _lines_between(a, b, lines)
    return not any(a.bbox[3] < r.bbox[1] < b.bbox[1] for r in horizontal) and _cells_side_by_side(between) \
        and not any(len(ln.words) >= PROSE_WORDS for ln in between)


def _up_to_covering_rule(box: BBox, rules: Sequence[Rule], lines: Sequence[TextLine] = (),
                         reach: float = 30.0) -> BBox:
    """Grow a ruled block up to a rule just above it that covers its whole width: a top rule drawn
    wider than the table (shared with a chart beside it) closes the header row above the first row rule.
    Only over text: an empty gap above is the space between two stacked tables."""
    above = [r for r in rules if r.horizontal and r.bbox[0] <= box[0] + 3 and r.bbox[2] >= box[2] - 3
             and box[1] - reach <= r.bbox[1] < box[1] - 2]
    if not above:
        return box
    top = min(r.bbox[1] for r in above)
    if lines and not any(top < (ln.bbox[1] + ln.bbox[3]) / 2 < box[1] and ln.bbox[0] < box[2] and ln.bbox[2] > box[0]
                         for ln in lines):
        return box
    return (box[0], top, box[2], box[3])


def _to_frame_extent(box: BBox, verticals: Sequence[Rule], lines: Sequence[TextLine]) -> BBox:
    """Grow a ruled block to where its column rules end, when two or more of them run on past its first or
    last rule over text: a header row or a last row closed by the frame, not by a rule (slides, reports
    ruled only under the header and above the total)."""
    running = [v for v in verticals if box[0] + 2 < v.bbox[0] < box[2] - 2
               and v.bbox[1] < box[3] - 6 and v.bbox[3] > box[1] + 6]
    if len(running) < 2:
        return box

    def text_between(y0: float, y1: float) -> bool:
        return any(y0 < (ln.bbox[1] + ln.bbox[3]) / 2 < y1 and ln.bbox[0] < box[2] and ln.bbox[2] > box[0]
                   for ln in lines)

    top, bottom = min(v.bbox[1] for v in running), max(v.bbox[3] for v in running)
    top = top if top < box[1] - 6 and text_between(top, box[1]) else box[1]
    bottom = bottom if bottom > box[3] + 6 and text_between(box[3], bottom) else box[3]
    return (box[0], top, box[2], bottom)


def _up_to_column_heads(box: BBox, verticals: Sequence[Rule], lines: Sequence[TextLine]) -> BBox:
    """Grow a column-ruled block up over the line of column heads printed just above its top rule: two or
    more labels, each within one column between the column rules (a caption or heading runs across them)."""
    starts = sorted((v.bbox[0] + v.bbox[2]) / 2 for v in verticals
                    if box[0] + 8 < v.bbox[0] < box[2] - 8 and abs(v.bbox[1] - box[1]) <= 6 and v.bbox[3] > box[1] + 20)
    if len(starts) < 2:
        return box
    above = [ln for ln in lines if ln.bbox[3] <= box[1] + 1 and ln.bbox[0] >= box[0] - 2 and ln.bbox[2] <= box[2] + 2]
    bands = bands_of(above)
    if not bands:
        return box
    heads = bands[-1]
    gap = box[1] - heads.bbox[3]
    edges = [box[0], *starts, box[2]]
    slots = [next((i for i, (a, b) in enumerate(zip(edges, edges[1:])) if a - 1 <= ln.bbox[0] and ln.bbox[2] <= b + 1), None)
             for ln in heads.lines]
    if gap > 1.5 * heads.size or None in slots or len(set(slots)) < 2 or len(set(slots)) < len(slots):
        return box
    return (box[0], heads.bbox[1] - 1, box[2], box[3])


def _framed(a: Rule, b: Rule, verticals: Sequence[Rule]) -> bool:
    """A vertical rule within the horizontal rules' extent crosses the gap between them."""
    return any(v.bbox[1] <= a.bbox[3] + 1 and v.bbox[3] >= b.bbox[1] - 1
               and a.bbox[0] - 2 <= v.bbox[0] <= a.bbox[2] + 2 for v in verticals)


def _lines_between(a: Rule, b: Rule, lines: Sequence[TextLine]) -> list[TextLine]:
    return [ln for ln in lines if a.bbox[3] < (ln.bbox[1] + ln.bbox[3]) / 2 < b.bbox[1]
            and ln.bbox[0] < a.bbox[2] and ln.bbox[2] > a.bbox[0]]


def _split_at_frame_breaks(rules: list[Rule], verticals: Sequence[Rule], lines: Sequence[TextLine]) -> list[list[Rule]]:
    """Split a stack of rules where the frame breaks: a gap between two rules that no vertical rule crosses,
    in a stack whose other gaps are framed. Framed tables stacked on a page, with or without a heading
    between them (a framed table's own rows are all crossed by its outer frame)."""
    pairs = list(zip(rules, rules[1:]))
    if len(pairs) < 2 or not any(_framed(a, b, verticals) for a, b in pairs):
        return [rules]
    parts: list[list[Rule]] = [[rules[0]]]
    for a, b in pairs:
        if b.bbox[1] - a.bbox[3] > 6 and not _framed(a, b, verticals):
            parts.append([])
        parts[-1].append(b)
    return parts


def _split_at_wide_gaps(rules: list[Rule], verticals: Sequence[Rule] = (),
                        lines: Sequence[TextLine] = ()) -> list[list[Rule]]:
    """Split a stack of similar rules where one gap is far wider than the usual row pitch:
    tables ruled row by row that follow each other down a page. A wide gap that the frame crosses, or
    that holds text in two or more cells side by side, is a tall row (a cell wrapping over many lines)."""
    if len(rules) < 4:
        return [rules]
    gaps = [b.bbox[1] - a.bbox[3] for a, b in zip(rules, rules[1:])]
    pitch = sorted(gaps)[len(gaps) // 2]
    parts: list[list[Rule]] = [[rules[0]]]
    for a, rule, gap in zip(rules, rules[1:], gaps):
        if gap > max(2.5 * pitch, 24.0) and not _framed(a, rule, verticals) \
                and not _cells_side_by_side(_lines_between(a, rule, lines)):
            parts.append([])
        parts[-1].append(rule)
    return parts


def _cells_side_by_side(lines: Sequence[TextLine]) -> bool:
    """Text between the same two rules with a gap of two ems or more across one of its lines: cells of one
    tall row, not a note or heading between two tables."""
    for band in bands_of(lines):
        spans = sorted((ln.bbox[0], ln.bbox[2]) for ln in band.lines)
        right = spans[0][1]
        for x0, x1 in spans[1:]:
            if x0 - right >= 2 * band.size:
                return True
            right = max(right, x1)
    return False
