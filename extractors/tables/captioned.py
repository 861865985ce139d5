"""Caption-anchored table regions: the rows collected below (or above) a table caption, in the caption's
text column, up to running text, another caption or a gap wider than the table's row pitch."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.captions import (  # what the caption reader calls a side caption
    SIDE_CAPTION_WIDTH,
    SIDE_GUTTER_EM,
)
from extractors.layout import Band, bands_of, is_dot_row, is_paragraph_band, max_word_gap
from extractors.model import Caption
from extractors.page_content import PageContent, Rule, TextLine, Word
from extractors.tables.base import Region, TableOptions
from extractors.tables.geometry import _inside_any, _rules_near, merge_rules
from extractors.tables.notes import (
    _NOTE_START,
    _notes_under,
    _split_footnotes,
    note_block_above,
    one_column_of_notes,
    units_line,
)
from extractors.tables.row_boxes import in_ruled_row, over_group_rule
from extractors.tables.segments import _cells_of
from extractors.tables.spaced_rows import between_rules
from extractors.types import BBox, bbox_union


def _turned_header_lines(page: PageContent, lines: Sequence[TextLine]) -> list[TextLine]:
    """Header cells set turned by 90° (\rotatebox) as one-word horizontal lines, so a header row of
    them joins the table. A turned label overlapping more than one row of text is left out: it is a
    row label drawn across rows, and as one tall line it would glue those rows together."""
    turned: list[TextLine] = []
    for line in page.lines:
        if line.horizontal or not line.words or len(line.words) > 8:
            continue
        x0, y0, x1, y1 = line.bbox
        rows = {round((ln.bbox[1] + ln.bbox[3]) / 2) for ln in lines
                if ln.bbox[1] < y1 and ln.bbox[3] > y0 and abs((ln.bbox[0] + ln.bbox[2]) / 2 - (x0 + x1) / 2) < 200}
        column_below = any(ln.bbox[1] >= y1 - 2 and ln.bbox[1] - y1 < 2 * (x1 - x0) + 6
                           and ln.bbox[0] < x1 and ln.bbox[2] > x0 for ln in lines)
        if len(rows) > 1 or not column_below:  # a running head or page number set sideways heads nothing
            continue
        size = min(x1 - x0, max(w.size for w in line.words))
        turned.append(TextLine(bbox=line.bbox, words=(Word(line.text, line.bbox, size),), block=line.block))
    return turned


def _beside_sibling_captions(caption: Caption, captions: Sequence[Caption], lines: list[TextLine]) -> list[TextLine]:
    """Tables side by side, each with its own caption at the same height: only the lines on this
    caption's side of the midpoints between the captions."""
    middle = (caption.bbox[1] + caption.bbox[3]) / 2
    left, right = float("-inf"), float("inf")
    centre = (caption.bbox[0] + caption.bbox[2]) / 2
    for other in captions:
        if other is caption or other.kind != "table" or not (other.bbox[1] < middle < other.bbox[3]):
            continue
        other_centre = (other.bbox[0] + other.bbox[2]) / 2
        split = (centre + other_centre) / 2
        if other_centre > centre:
            right = min(right, split)
        else:
            left = max(left, split)
    if left == float("-inf") and right == float("inf"):
        return lines
    return [ln for ln in lines if left < (ln.bbox[0] + ln.bbox[2]) / 2 < right]


def caption_candidates(caption: Caption, lines: list[TextLine], page: PageContent, column_width: float,
                       options: TableOptions, captions: Sequence[Caption],
                       exclude: Sequence[BBox] = (), page_lines: Sequence[TextLine] | None = None) -> Sides:
    """The rows a caption could label, by side ("below", "above", or "beside" a side caption, searched in
    `page_lines`, the page's lines beyond the caption's text column): the gap to the caption and the region."""
    bands = bands_of(lines)
    size = max((ln.size for ln in lines), default=10.0)
    below = [b for b in bands if b.bbox[1] >= caption.bbox[3] - 1]
    above = [b for b in reversed(bands) if b.bbox[3] <= caption.bbox[1] + 1]
    other_caption_boxes = [c.bbox for c in captions if c is not caption] + list(exclude)
    found: list[tuple[str, tuple[float, Region]]] = []
    beside = _beside_side_caption(caption, list(page_lines if page_lines is not None else lines), page, size)
    if beside:  # a side caption: its table starts level with it, in the column to its right
        taken = _collect_bands(beside, caption, "below", column_width, size, options, other_caption_boxes,
                               beside[0].bbox[1] - 1, [r for r in merge_rules(page.rules) if r.horizontal])
        if len(taken) >= options.min_rows:
            rules = _rules_near(page.rules, bbox_union([b.bbox for b in taken]), size)
            taken, footnotes = _split_footnotes(taken, rules, size)
            if len(taken) >= options.min_rows:
                return Sides({"beside": (0.0, Region(bands=tuple(taken), rules=tuple(rules), caption=caption,
                                                     footnotes=tuple(footnotes)))}, size)
    for direction, candidates in (("below", below), ("above", above)):
        notes_between: list[TextLine] = []
        if direction == "above":  # a caption under its table may have the table's notes between them
            while candidates and len(notes_between) < 6 and _NOTE_START.match(candidates[0].text) \
                    and len(_cells_of(candidates[0])) == 1 \
                    and caption.bbox[1] - candidates[0].bbox[3] < 3 * size + sum(1.5 * ln.size for ln in notes_between):
                notes_between = list(candidates[0].lines) + notes_between
                candidates = candidates[1:]
        start = min(ln.bbox[1] for ln in notes_between) if notes_between else None
        whole_rules = merge_rules(page.rules)
        wide_rules = [r for r in whole_rules if r.horizontal]
        if direction == "below":  # a legend set under the caption, above the table's top rule (IJSEM)
            legend = _legend_before_rule(candidates, caption, column_width, size, wide_rules)
            if legend:  # kept with the table's notes
                start, candidates = legend[-1].bbox[3], candidates[len(legend):]
                notes_between = [ln for band in legend for ln in band.lines]
        collect = (caption, direction, column_width, size, options, other_caption_boxes)
        verticals = [r for r in whole_rules if not r.horizontal]
        taken = _collect_bands(candidates, *collect, start, wide_rules, verticals)
        if direction == "above" and len(taken) < options.min_rows \
                and (block := note_block_above(candidates, caption.bbox[1], size)):  # numbered notes, 'Keywords:'
            notes_between = [ln for band in reversed(candidates[:block]) for ln in band.lines]
            candidates, start = candidates[block:], candidates[block - 1].bbox[1]
            taken = _collect_bands(candidates, *collect, start, wide_rules, verticals)
        if len(taken) >= options.min_rows and not one_column_of_notes(taken):
            taken.sort(key=lambda b: b.bbox[1])
            rules = _rules_near(page.rules, bbox_union([b.bbox for b in taken]), size)
            taken, footnotes = _split_footnotes(taken, rules, size)
            if len(taken) >= options.min_rows:  # every row a note: no table (report pages crashed here)
                table_size = sorted(b.size for b in taken)[len(taken) // 2]
                footnotes += _notes_under(bbox_union([b.bbox for b in taken] + [r.bbox for r in rules]),
                                          [b for b in bands if b not in taken], footnotes, table_size)
                edge = start if direction == "below" and start is not None else caption.bbox[3]  # after a legend
                gap = taken[0].bbox[1] - edge if direction == "below" else caption.bbox[1] - taken[-1].bbox[3]
                found.append((direction, (gap, Region(bands=tuple(taken), rules=tuple(rules), caption=caption,
                                          footnotes=tuple(footnotes) + tuple(ln for ln in notes_between
                                                                             if ln not in footnotes)))))
    return Sides(dict(found), size)


MAX_LEGEND_LINES = 6  # a caption's legend between it and its table is a short paragraph
def _legend_before_rule(bands: list[Band], caption: Caption, column_width: float, size: float,
                        rules: Sequence[Rule]) -> list[Band]:
    """Paragraph lines set tight under a caption, with a wide rule (the table's top rule) right after them:
    the caption's legend (abbreviations, strains), which the table follows; [] when there is none."""
    legend: list[Band] = []
    edge = caption.bbox[3]
    for band in bands[:MAX_LEGEND_LINES + 1]:
        if band.bbox[1] - edge > 1.2 * size:
            break
        last_line = bool(legend) and len(band.lines) == 1 and abs(band.bbox[0] - legend[0].bbox[0]) < 1
        if not legend and units_line(band, rules):
            legend.append(band)
            edge = band.bbox[3]
            break
        if not is_paragraph_band(band, column_width) and not last_line:  # a paragraph ends on a short line
            break
        legend.append(band)
        edge = band.bbox[3]
        if not is_paragraph_band(band, column_width):
            break
    if not legend or len(legend) > MAX_LEGEND_LINES or len(bands) == len(legend):
        return []
    after = bands[len(legend)]
    width = caption.bbox[2] - caption.bbox[0]
    top_rule = any(edge - 1 <= r.bbox[1] <= after.bbox[1] and r.length >= max(width, 0.5 * column_width)
                   for r in rules)
    return legend if top_rule and after.bbox[1] - edge <= 3 * size else []




def _beside_side_caption(caption: Caption, lines: list[TextLine], page: PageContent, size: float) -> list[Band]:
    """The bands right of a side caption (a caption of two or more lines in a narrow column, with text level
    with its first lines an em or more to its right), from its top down; [] for any other caption."""
    x0, y0, x1, y1 = caption.bbox
    if x1 - x0 > SIDE_CAPTION_WIDTH * page.width or y1 - y0 < 1.8 * size:
        return []
    right = [ln for ln in lines if ln.bbox[0] >= x1 + size and ln.bbox[3] > y0 - 2]
    level = [ln for ln in right if ln.bbox[1] < y0 + 2 * size]
    # the table starts a few ems from the caption (not the other text column across the page), in cells
    if not level or min(ln.bbox[0] for ln in level) > x1 + SIDE_GUTTER_EM * size:
        return []
    bands = bands_of(right)
    return bands if len(_cells_of(bands[0])) >= 2 else []


@dataclass(frozen=True)
class Sides:
    """What a caption could label on each side: side -> (gap to the caption, region); `size` is the text size."""

    found: dict[str, tuple[float, Region]]
    size: float


RUNNING_TEXT_WORDS = 6  # a cell of this many words is running text


def _collect_bands(candidates: list[Band], caption: Caption, direction: str, column_width: float, size: float,
                   options: TableOptions, stop_boxes: list[BBox], start: float | None = None,
                   rules: Sequence[Rule] = (), verticals: Sequence[Rule] = ()) -> list[Band]:
    """Bands next to a caption, in order, until running text, another caption or figure, or a gap ends the table.

    The gap allowed between rows adapts to the table's own row pitch, so the paragraph after an
    unruled table is not taken as its last row; a gap holding the table's second wide rule (the rule under
    a header of tightly set lines) may be wider by the rule's padding.
    """
    taken: list[Band] = []
    gaps: list[float] = []
    edge = start if start is not None else (caption.bbox[3] if direction == "below" else caption.bbox[1])
    for index, band in enumerate(candidates):
        gap = (band.bbox[1] - edge) if direction == "below" else (edge - band.bbox[3])
        em = max(band.size, size * 0.8)
        limit = options.max_caption_gap_em * em if not taken else options.max_row_gap_em * em
        if len(gaps) >= 2:
            limit = min(limit, max(1.8 * sorted(gaps)[len(gaps) // 2], 0.9 * em))
            if direction == "below" and _under_header_rule(taken, band, rules) \
                    or direction == "above" and _over_header_rule(taken, band, rules, em):
                limit += RULE_PADDING_EM * em
            elif between_rules(taken, band, rules):  # rows set apart by space, inside the table's rules
                limit = max(limit, options.max_row_gap_em * em)
        if gap > limit and not in_ruled_row(taken, band, rules, verticals):
            break
        if (is_paragraph_band(band, column_width) and not _continues_a_cell(band, taken)) \
                or _inside_any(band.bbox, stop_boxes, 0.3) or _past_frame(taken, band, direction, rules, verticals):
            break
        if len(taken) >= 2 and _reads_as_prose(band, taken, column_width) and not over_group_rule(band, taken, rules) \
                and not _heads_more_rows(band, candidates[index + 1:index + 2], taken, direction, options):
            break
        if taken:
            gaps.append(max(gap, 0.0))
        taken.append(band)
        edge = band.bbox[3] if direction == "below" else band.bbox[1]
    return taken


def _continues_a_cell(band: Band, taken: Sequence[Band]) -> bool:
    """A line set inside the table's width, starting well right of its left edge, after rows of several cells
    (or flush with a later cell of a row taken): the next line of a text cell that wraps (a sideways table's
    descriptions, a two-column table of observations), not a paragraph after it."""
    if len(taken) < 2 or len(band.lines) > 1:
        return False
    x0, _, x1, _ = bbox_union([b.bbox for b in taken])
    em = band.size
    flush = any(abs(band.bbox[0] - line.bbox[0]) <= 1.0 for b in taken for line in b.lines[1:])
    if flush:  # a ragged paragraph's line may reach past the lines taken so far, not past the table's side
        return band.bbox[0] > x0 + 3 * em and band.bbox[2] <= x1 + max(em, 0.25 * (x1 - x0))
    return band.bbox[0] > x0 + 3 * em and band.bbox[2] <= x1 + em and max(len(_cells_of(b)) for b in taken) >= 3


RULE_PADDING_EM = 1.2  # booktabs sets about half an em of space on either side of a rule
MAX_HEADER_LINES = 6  # a header of more lines than this above a rule: the rule ends a table's body


def _under_header_rule(taken: Sequence[Band], band: Band, rules: Sequence[Rule]) -> bool:
    """A wide rule lies between the rows taken and the next band, at most one as long (the top rule) above them
    (a \\cmidrule over the value columns is shorter), and no more lines taken than a header holds: the rule
    under the header, not the table's bottom rule (a continued table's part has no header: a page of its rows,
    then the bottom rule)."""
    if len(taken) > MAX_HEADER_LINES:
        return False
    x0, y0, x1, y1 = bbox_union([b.bbox for b in taken])
    wide = [r for r in rules if r.bbox[0] < x0 + 0.2 * (x1 - x0) and r.bbox[2] > x1 - 0.2 * (x1 - x0)]
    between = [r for r in wide if y1 - 1 <= r.bbox[1] <= band.bbox[1] + 1]
    above = [r for r in wide if y0 - 30 <= r.bbox[1] < y1 - 1
             and any(abs(r.bbox[0] - b.bbox[0]) < 3 and abs(r.bbox[2] - b.bbox[2]) < 3 for b in between)]
    return bool(between) and len(above) <= 1


def _over_header_rule(taken: Sequence[Band], band: Band, rules: Sequence[Rule], em: float) -> bool:
    """Read upwards from a caption under its table: a wide rule under the band (the header's \\midrule; at most
    one between the band and the rows taken), another within a header's lines over it (the top rule), and the rows
    taken not ruled row by row (there a rule over the band tops another table's last row): the band is a header
    line over a rule's padding (booktabs \\midrule, \\cmidrule), not text or another table's last row."""
    x0, y0, x1, y1 = bbox_union([b.bbox for b in taken])
    wide = [r for r in rules if r.bbox[0] < x0 + 0.2 * (x1 - x0) and r.bbox[2] > x1 - 0.2 * (x1 - x0)]
    between = [r for r in wide if band.bbox[3] - 1 <= r.bbox[1] <= y0 + 1]
    inside = [r for r in wide if y0 + 1 < r.bbox[1] < y1 - 1]
    top = [r for r in wide if band.bbox[1] - MAX_HEADER_LINES * 1.5 * em <= r.bbox[1] < band.bbox[1] + 1]
    if between and inside and min(r.thickness for r in between) > max(r.thickness for r in inside) + 0.1:
        return False  # a heavier rule than those inside the rows taken: the table's top rule (booktabs \\toprule)
    return bool(between or inside) and len(between) <= 1 and bool(top) and len(inside) < max(len(taken) - 1, 1)


FRAME_JOIN = 4.0  # points: how near a rule's end a vertical rule must start to close a box with it


def _past_frame(taken: Sequence[Band], band: Band, direction: str, rules: Sequence[Rule],
                verticals: Sequence[Rule]) -> bool:
    """The band lies past the edge of the box drawn round the rows taken: a rule across them whose two ends
    meet vertical rules running only towards the rows. Text beyond a closed box is not the table's."""
    if not taken or not verticals:
        return False
    x0, y0, x1, y1 = bbox_union([b.bbox for b in taken])
    for rule in rules:
        if rule.bbox[0] > x0 + 2 or rule.bbox[2] < x1 - 2:
            continue
        y = (rule.bbox[1] + rule.bbox[3]) / 2
        beyond = (band.bbox[3] <= y + 1 and y <= y0 + 3) if direction == "above" else (y >= y1 - 3 and y - 1 <= band.bbox[1])
        inward = 1 if direction == "above" else -1  # the rows lie below a top edge, above a bottom edge
        if beyond and all(_closes(rule, y, end, inward, verticals) for end in (rule.bbox[0], rule.bbox[2])):
            return True
    return False


def _closes(rule: Rule, y: float, x: float, inward: int, verticals: Sequence[Rule]) -> bool:
    """A vertical rule at x runs from the rule towards the rows and none reaches it from the other side: a
    corner of a box, not a rule between two rows of a ruled grid."""
    at_end = [v for v in verticals if abs((v.bbox[0] + v.bbox[2]) / 2 - x) <= FRAME_JOIN]
    if inward > 0:  # a top edge: verticals hang down from it
        towards = any(abs(v.bbox[1] - y) <= FRAME_JOIN and v.bbox[3] > y + 6 for v in at_end)
        past = any(v.bbox[1] < y - FRAME_JOIN <= v.bbox[3] for v in at_end)
    else:  # a bottom edge: verticals come down to it
        towards = any(abs(v.bbox[3] - y) <= FRAME_JOIN and v.bbox[1] < y - 6 for v in at_end)
        past = any(v.bbox[1] <= y + FRAME_JOIN < v.bbox[3] for v in at_end)
    return towards and not past


SECTION_ROW_WORDS = 8  # a sub-header across the table ("Grain yield (kg ha-1)") is a few words long


def _heads_more_rows(band: Band, following: Sequence[Band], taken: Sequence[Band], direction: str,
                     options: TableOptions) -> bool:
    """A short line across the table with a full row of the table's columns right after it: a sub-header or
    section row (realdev R10 Table 4 stopped there, its body found apart), not the text after the table."""
    if direction != "below" or not following or len(band.words) > SECTION_ROW_WORDS or len(band.lines) > 1:
        return False
    nxt = following[0]
    cells = _cells_of(nxt)
    widest = max(len(_cells_of(b)) for b in taken)
    return nxt.bbox[1] - band.bbox[3] <= options.max_row_gap_em * max(nxt.size, 1.0) \
        and len(cells) >= max(2, 0.6 * widest) and all(len(cell) < RUNNING_TEXT_WORDS for cell in cells)


def _reads_as_prose(band: Band, taken: list[Band], column_width: float) -> bool:
    """One run of text much wider than any cell seen so far: the tail of a paragraph or a footnote."""
    words = band.words
    if len(band.lines) > 1 or len(words) < 4 or max_word_gap(words) >= 0.6 or is_dot_row(band):
        return False
    width = band.bbox[2] - band.bbox[0]
    widest_cell = max((ln.bbox[2] - ln.bbox[0]) for b in taken for ln in b.lines)
    return width > 1.3 * widest_cell and width > 0.3 * column_width
