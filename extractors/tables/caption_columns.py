"""Which lines a caption on a page set in columns reads: its own column's, or both columns' when its table runs
across the gutter (a row or a rule crossing it right under the caption)."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import PARAGRAPH_GAP_EM, is_two_column, max_word_gap
from extractors.model import Caption
from extractors.page_content import PageContent, Rule, TextLine
from extractors.tables.geometry import merge_rules


def _column_lines(page: PageContent, caption: Caption, lines: list[TextLine], column_width: float) -> list[TextLine]:
    """The lines a caption's table may take: its half of a two-column page (unless it spans both), and never a
    column of running text passing level with the caption (a page set in three columns)."""
    edges = _prose_columns_beside(page, caption)
    if edges is None:
        return _half_lines(page, caption, lines, column_width)
    left, right = edges
    return [ln for ln in _half_lines(page, caption, lines, column_width) if ln.bbox[0] > left and ln.bbox[2] < right]


PROSE_COLUMN_LINES = 6  # a column of running text beside a caption: this many lines flush left
PROSE_COLUMN_WORDS = 4


def _prose_columns_beside(page: PageContent, caption: Caption) -> tuple[float, float] | None:
    """The inner edges (left, right) of the columns of running text on either side of a caption that pass level
    with it: lines of prose flush left running above and below it, one of them on the caption's own row
    (IRS instructions set in three columns: a table two columns wide took the third column's lines as cells).
    None where no such column is there."""
    top, bottom = caption.bbox[1], caption.bbox[3]
    prose = [ln for ln in page.lines if ln.horizontal and len(ln.words) >= PROSE_COLUMN_WORDS
             and max_word_gap(ln.words) < PARAGRAPH_GAP_EM]
    found = False
    left, right = float("-inf"), float("inf")
    for side in (-1, 1):
        beside = [ln for ln in prose if (ln.bbox[0] > caption.bbox[2] if side > 0 else ln.bbox[2] < caption.bbox[0])]
        level = [ln for ln in page.lines if ln.horizontal and ln.bbox[1] < bottom and ln.bbox[3] > top
                 and (ln.bbox[0] > caption.bbox[2] if side > 0 else ln.bbox[2] < caption.bbox[0])]
        for line in level:  # a line of the column level with the caption (a paragraph's last may be short)
            flush = [ln for ln in beside if abs(ln.bbox[0] - line.bbox[0]) <= 2]  # ragged right or justified
            if len(flush) >= PROSE_COLUMN_LINES and sum(ln.bbox[3] < top for ln in flush) >= 2 \
                    and sum(ln.bbox[1] > bottom for ln in flush) >= 2:
                found = True
                if side > 0:
                    right = min(right, min(ln.bbox[0] for ln in flush) - 2)
                else:
                    left = max(left, max(ln.bbox[2] for ln in flush) + 2)
                break
    return (left, right) if found else None


def _half_lines(page: PageContent, caption: Caption, lines: list[TextLine], column_width: float) -> list[TextLine]:
    """On a two-column page, only the lines of the caption's column (unless the caption spans both)."""
    middle = page.width / 2
    if not is_two_column(page) and not _column_beside(page, caption, column_width):
        return lines
    overhang = COLUMN_OVERHANG * page.width  # a table set a little wider than its column sticks into the gutter
    if _full_width_next(caption, lines, middle, overhang) or _ruled_across(caption, page.rules, middle, overhang):
        return lines  # a short caption over a table across both columns (BMC, Springer; a report's ruled table)
    if caption.bbox[2] < middle + 5:
        return [ln for ln in lines if ln.bbox[2] < middle + 5
                or (ln.bbox[0] < middle - 5 and ln.bbox[2] < middle + overhang)]
    if caption.bbox[0] > middle - 5:
        return [ln for ln in lines if ln.bbox[0] > middle - 5
                or (ln.bbox[2] > middle + 5 and ln.bbox[0] > middle - overhang)]
    return lines


PROSE_COLUMN_SHARE = 0.25  # a column's running text: most lines fill it (0.4-0.45 of the page), a last line may not


def _column_beside(page: PageContent, caption: Caption, column_width: float) -> bool:
    """A caption in one half of a page whose running text is set column-wide, three lines or more of it
    wholly in one half: the page is set in columns even where one of them holds no running text (a table
    and its caption alone in the right column)."""
    middle = page.width / 2
    if column_width >= 0.5 * page.width or (caption.bbox[0] < middle - 5 and caption.bbox[2] > middle + 5):
        return False
    prose = [ln for ln in page.lines if ln.horizontal and len(ln.words) >= 6  # a column's full line, not a short note
             and ln.bbox[2] - ln.bbox[0] >= PROSE_COLUMN_SHARE * page.width]
    return sum(1 for ln in prose if ln.bbox[2] < middle + 5) >= 3 or sum(1 for ln in prose if ln.bbox[0] > middle - 5) >= 3


COLUMN_OVERHANG = 0.05  # of the page width: how far past the middle a line of a column's table may reach


def _full_width_next(caption: Caption, lines: Sequence[TextLine], middle: float, overhang: float) -> bool:
    """Whether the line right under (or over) a one-column caption runs across the gutter into the other
    column: a row of a table set across both columns, which prose set in a column never does."""
    reach = 2.5 * max(caption.bbox[3] - caption.bbox[1], 6.0)
    overlapping = [ln for ln in lines if ln.bbox[0] < caption.bbox[2] and ln.bbox[2] > caption.bbox[0]]
    below = [ln for ln in overlapping if 0 <= ln.bbox[1] - caption.bbox[3] <= reach]
    above = [ln for ln in overlapping if 0 <= caption.bbox[1] - ln.bbox[3] <= reach]
    if below:  # the line under the caption decides; the one over it only for a caption under its table
        closest = min(below, key=lambda ln: ln.bbox[1])
    elif above:
        closest = max(above, key=lambda ln: ln.bbox[3])
    else:
        return False
    row = [ln for ln in lines if abs(ln.bbox[1] - closest.bbox[1]) <= 2 and abs(ln.bbox[3] - closest.bbox[3]) <= 2]
    column = middle - min(ln.bbox[0] for ln in row)
    prose_beside = any((ln.bbox[0] > middle - 5 and (len(ln.words) >= 5 or ln.bbox[2] - ln.bbox[0] > 0.4 * column))
                       or (ln.bbox[2] < middle + 5 and len(ln.words) >= 5 and ln.bbox[2] - ln.bbox[0] > 0.8 * column)
                       for ln in row)  # the other column's running text level with the row: not the table's
    return not prose_beside and min(ln.bbox[0] for ln in row) < middle - 5 \
        and max(ln.bbox[2] for ln in row) > middle + overhang


def _ruled_across(caption: Caption, rules: Sequence[Rule], middle: float, overhang: float) -> bool:
    """Whether a rule drawn right under a one-column caption, its table's top rule, or a row of three or more column
    rules starting level, begins in the caption's column and runs across the gutter: a table across the page (a
    landscape or report page whose narrow cells read as columns of text), which a column's running text never
    draws (a chart's ticks in the other column start at other heights). Over a caption only: a running head's rule
    lies over the first caption of a column as a table's bottom rule would."""
    reach = 2.5 * max(caption.bbox[3] - caption.bbox[1], 6.0)
    near = merge_rules([r for r in rules if 0 <= r.bbox[1] - caption.bbox[3] <= reach])  # a rule drawn cell by cell
    for rule in near:
        level = [rule] if rule.horizontal else [r for r in near if not r.horizontal and abs(r.bbox[1] - rule.bbox[1]) <= 1]
        if (rule.horizontal or len(level) >= 3) and min(r.bbox[0] for r in level) < min(caption.bbox[2], middle - 5) \
                and max(r.bbox[2] for r in level) > middle + overhang:
            return True
    return False
