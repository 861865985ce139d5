"""Find table and figure captions on a page: `Table 3:`, `TABLE III`, `Tab. 3`, `Figure 2.`, `Fig. 2`, and
the US government reports' `Table A-3.`, `Table HM-20`, `Table 2-1.`.

A caption starts a text block (or stands apart from the line above); a sentence that merely mentions
"Table 3" is not one. A label with no delimiter, not bold and not in capitals (`Figure 1 Text`: OCR'd
pages know no bold) counts only where it opens with a capital and sits right next to a graphic or a rule,
and not where another caption on the page carries the same label.

Linear in a page's lines, up to a logarithm (a page of 60,000 words must not hold a run for minutes): each
question about "the lines near this one" goes to an index of the page's lines (`_LineIndex`: by block, by
height on the page) instead of a scan of every line.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from extractors.caption_labels import is_label_line, opens_like_title, parse_label
from extractors.line_spacing import body_line_gap, continuation_gap
from extractors.model import Caption
from extractors.page_content import PageContent, TextLine
from extractors.types import BBox, bbox_union

_CONTINUED_MARK = re.compile(r"^[(\[]?\s*(?:continued|cont(?:'d|\.|inued)?|suite|fortgesetzt)\b", re.IGNORECASE)
MAX_CAPTION_LINES = 12


def find_captions(page: PageContent) -> list[Caption]:
    """Every caption on the page, in reading order, with its full (multi-line) text."""
    lines = sorted((ln for ln in page.lines if ln.horizontal), key=lambda ln: (ln.bbox[1], ln.bbox[0]))
    index_of = _LineIndex(lines, page)
    captions: list[Caption] = []
    used: set[int] = set()
    plain_labels: list[bool] = []
    for index, line in enumerate(lines):
        if index in used:
            continue
        parsed = _caption_start(line, index_of.previous_in_block(index))
        if parsed is None:
            continue
        kind, label, first_text, plain = parsed
        # `Table 1␣␣Text`: the label stands alone; else the rest of a justified first line cut at a wide space
        beside = _justified_rest(index_of, index) if first_text else _same_baseline_right(index_of, index)
        used.update(beside)
        first_box = bbox_union([line.bbox] + [lines[i].bbox for i in beside])
        body = _continuation(index_of, index, first_box, set(beside), page.width / 2, kind == "figure")
        used.update(body)
        cut = _headnote_start(line, [lines[i] for i in body]) if kind == "table" else len(body)
        parts = [first_text] + [lines[i].text for i in beside] + [lines[i].text for i in body[:cut]]
        text = _joined(parts)
        note = _joined([lines[i].text for i in body[cut:]]) or None
        box = bbox_union([first_box] + [lines[i].bbox for i in body])
        if plain and not _beside_graphic(index_of, box, line.size, kind):
            used.difference_update(beside + body)
            continue
        captions.append(Caption(kind=kind, label=label, text=text, page=page.number, bbox=box, note=note))
        plain_labels.append(plain)
    # a plain label that another caption on the page also carries is the mention, not the caption
    sure = {c.label for c, plain in zip(captions, plain_labels) if not plain}
    return [c for c, plain in zip(captions, plain_labels) if not (plain and c.label in sure)]


def _joined(parts: list[str]) -> str:
    """A caption's lines as one text, words hyphenated at a line end joined again."""
    return re.sub(r"(\w)- (\w)", r"\1\2", " ".join(p for p in parts if p).strip())


HEADNOTE_SMALLER_PT = 1.0  # a headnote is set at least this much smaller than its title, or in another weight


def _headnote_start(first: TextLine, body: list[TextLine]) -> int:
    """Where a table caption's title ends among its next lines and what qualifies the table starts: a line set
    smaller than the title (a statistical table's headnote `[In thousands ...]` under `Table 324. Arrests by
    Sex and Age: 2009`, or the table's notes and source under a caption set below it), or a line opening with
    a bracket in another weight than a bold title. len(body) when the title runs to the end."""
    title_bold = all(w.bold for w in first.words)
    for k, line in enumerate(body):
        if line.size <= first.size - HEADNOTE_SMALLER_PT:
            return k
        if title_bold and line.text.lstrip().startswith(("[", "(")) and not any(w.bold for w in line.words):
            return k
        if _bracketed(" ".join(ln.text for ln in body[k:])):
            return k
    return len(body)


def _bracketed(text: str) -> bool:
    """The caption's last lines are one bracketed note of a few words (`[In millions of dollars ...]`,
    `(Numbers in thousands ...)`): the bracket opened first closes at the very end."""
    text = text.strip()
    if len(text) < 2 or (text[0], text[-1]) not in (("[", "]"), ("(", ")")) or len(text.split()) < 4:
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == text[0]) - (ch == text[-1])
        if depth == 0:
            return i == len(text) - 1
    return False


class _LineIndex:
    """A page's lines (sorted by top, then left) with the lookups the caption search needs, each in
    O(log n) plus what it returns, where a scan of every line made the search quadratic. Built with few
    new objects: a page of 60,000 lines should not also pay for garbage collections over them.

    previous_in_block(i): computed for every line at once, block by block: the lines so far whose bottoms
    no later line of the block undercuts (a stack of suffix minima, bottoms rising); the nearest earlier
    line of the block ending above a height is the last stack entry at or under it, found by bisection.
    near_middle(y, reach): the lines whose vertical middle is within `reach` of y, from a list sorted by
    middle; between(top, bottom): every line of the page (vertical ones too) with its middle in between.
    """

    def __init__(self, lines: list[TextLine], page: PageContent) -> None:
        self.lines = lines
        self.rules = _Boxes([rule.bbox for rule in page.rules if rule.horizontal])
        self.images = _Boxes([image.bbox for image in page.images])
        self._previous = _previous_in_blocks(lines)
        middles = [(ln.bbox[1] + ln.bbox[3]) / 2 for ln in lines]
        self._by_middle = sorted(range(len(lines)), key=middles.__getitem__)
        self._middles = [middles[j] for j in self._by_middle]
        every = [(ln.bbox[1] + ln.bbox[3]) / 2 for ln in page.lines]
        order = sorted(range(len(every)), key=every.__getitem__)
        self._every_middles = [every[k] for k in order]
        self._every = [page.lines[k] for k in order]
        self.body_gap_em = body_line_gap(lines)

    def previous_in_block(self, index: int) -> TextLine | None:
        """The nearest line before `index` of the same block whose bottom is at most 1 pt below its top."""
        return self._previous[index]

    def near_middle(self, y: float, reach: float) -> list[int]:
        """Indices of the lines whose middle lies within `reach` (and a hair) of y, in no particular order."""
        slack = abs(reach) + 1e-6 * (1.0 + abs(y))
        low, high = bisect_left(self._middles, y - slack), bisect_right(self._middles, y + slack)
        return self._by_middle[low:high]

    def between(self, top: float, bottom: float) -> list[TextLine]:
        """Every line of the page whose middle lies strictly between top and bottom."""
        return self._every[bisect_right(self._every_middles, top):bisect_left(self._every_middles, bottom)]


def _previous_in_blocks(lines: list[TextLine]) -> list[TextLine | None]:
    """For each line, the nearest line before it (in `lines`' order) of the same block whose bottom is at
    most 1 pt below its top, or None."""
    previous: list[TextLine | None] = [None] * len(lines)
    bottoms: list[float] = []
    indices: list[int] = []
    block = None
    for index in sorted(range(len(lines)), key=lambda k: lines[k].block):  # stable: in order within a block
        line = lines[index]
        if line.block != block:
            block = line.block
            bottoms.clear()
            indices.clear()
        found = bisect_right(bottoms, line.bbox[1] + 1)
        if found:
            previous[index] = lines[indices[found - 1]]
        while bottoms and bottoms[-1] >= line.bbox[3]:  # an earlier line ending lower never answers again
            bottoms.pop()
            indices.pop()
        bottoms.append(line.bbox[3])
        indices.append(index)
    return previous


class _Boxes:
    """Boxes (rules, images) sorted by their bottom edge, to find those near a band of the page."""

    def __init__(self, boxes: list[BBox]) -> None:
        ordered = sorted(boxes, key=lambda b: b[3])
        self._bottoms = [b[3] for b in ordered]
        self._boxes = ordered
        self._tallest = max((b[3] - b[1] for b in ordered), default=0.0)

    def near(self, low: float, high: float) -> list[BBox]:
        """Every box reaching into the band from `low` to `high` (its bottom edge at or under `low`, its top at or
        over `high`; y grows down the page), with perhaps a few more: a superset, in no particular order."""
        slack = 1e-6 * (1.0 + abs(low) + abs(high))
        top = low - slack
        bottom = max(low, high + max(0.0, self._tallest)) + slack  # a box's bottom is at most its top + the tallest
        return self._boxes[bisect_left(self._bottoms, top):bisect_right(self._bottoms, bottom)]


def _caption_start(line: TextLine, previous: TextLine | None) -> tuple[str, str, str, bool] | None:
    """(kind, label, text after the label, whether the label is plain) when the line can start a caption.

    A plain label (no delimiter, not bold, not capitals, text after it) may be a sentence mentioning the
    item: it must open with a capital, and the caller keeps it only beside a graphic or rule.
    """
    parsed = parse_label(line.text)
    if parsed is None:
        return None
    rest = parsed.rest
    label_is_bold = line.words[0].bold
    plain = not parsed.has_delim and bool(rest) and not label_is_bold and not parsed.word.isupper() \
        and not _CONTINUED_MARK.match(rest.strip())  # "Tab. 1 (cont.)": a continued table's own caption
    if plain and not opens_like_title(rest):
        return None  # "Table 3 shows ...": a sentence about the item; a caption opens with a capital
    if previous is not None and not (label_is_bold and parsed.has_delim) and not _starts_new_paragraph(line, previous):
        return None  # a bold label with its separator starts a caption even set tight under its table's last row
    return parsed.kind, parsed.label, re.sub(r"^[\s|\x00-\x1f]+", "", rest).strip(), plain


GRAPHIC_GAP_LINES = 3.0  # a plain-label caption lies within this many line heights of a graphic or rule


def _level_beside(graphic: BBox, box: BBox, size: float) -> bool:
    """A picture beside a side caption: its top level with the caption's first line, within the gutter
    a side caption keeps from its figure (left or right)."""
    level = abs(graphic[1] - box[1]) <= 2 * max(size, 1.0) and graphic[3] >= box[3]
    gap = max(graphic[0] - box[2], box[0] - graphic[2])
    return level and 0 <= gap <= SIDE_FIGURE_GAP_EM * max(size, 1.0)


def _beside_graphic(index: _LineIndex, box: BBox, size: float, kind: str) -> bool:
    """Whether the caption box borders what it names: a graphic or an axis (figure), a rule (table).

    "Figure 1 shows ..." opening a paragraph has body text around it; a caption borders its figure or table,
    with at most narrow text (axis ticks and labels) between them, and is close to the nearest of those.
    """
    reach = GRAPHIC_GAP_LINES * max(size, 1.0)
    width = box[2] - box[0]
    # table rules and chart axes (and, for a figure, images) that can lie within 4 reaches above or below
    low, high = box[1] - 4 * reach, max(box[1], box[3]) + 4 * reach
    neighbours = index.rules.near(low, high)
    if kind == "figure":
        images = index.images.near(low, high)
        if any(_level_beside(image, box, size) for image in images):
            return True
        neighbours += images
    for other in neighbours:
        if kind == "table" and abs(other[1] - box[1]) <= reach \
                and box[2] <= other[0] <= box[2] + SIDE_GUTTER_EM * max(size, 1.0):
            return True  # the top rule of the table beside a side caption, level with it
        if min(other[2], box[2]) - max(other[0], box[0]) <= 0:
            continue
        above = other[3] <= box[1]
        top, bottom = (other[3], box[1]) if above else (box[3], other[1])
        if bottom - top > 4 * reach:
            continue
        between = [ln.bbox for ln in index.between(top, bottom) if ln.bbox[0] < box[2] and ln.bbox[2] > box[0]]
        if any(b[2] - b[0] > 0.5 * width for b in between):
            continue  # a line of body text (or another caption) between: not this caption's graphic
        nearest = max([top] + [b[3] for b in between]) if above else min([bottom] + [b[1] for b in between])
        if (box[1] - nearest if above else nearest - box[3]) <= reach:
            return True
    return False


def _starts_new_paragraph(line: TextLine, previous: TextLine) -> bool:
    gap = line.bbox[1] - previous.bbox[3]
    return gap > 0.6 * max(line.size, 1.0) or previous.bbox[2] < line.bbox[2] - 3 * line.size


WORD_GAP_EM = 1.2  # after the caption text, a line on its row further off than a word space is not its own


def _same_baseline_right(index_of: _LineIndex, index: int) -> list[int]:
    """Lines on the label's baseline just to its right: the caption text after a wide label gap (`Table 1␣␣Text`)."""
    lines = index_of.lines
    label = lines[index]
    found: list[int] = []
    right = label.bbox[2]
    middle = (label.bbox[1] + label.bbox[3]) / 2
    row = index_of.near_middle(middle, 0.4 * label.size)  # only a line on the label's row can be taken
    for j in sorted(row, key=lambda k: (lines[k].bbox[0], k)):
        other = lines[j]
        # a line of another block, level with the label, can only be the text right after it: past that text,
        # it is the other column's line across a narrow gutter (lt1_0053: 10 pt, under WORD_GAP_EM)
        if j == index or other.block != label.block and (found or abs(other.bbox[1] - label.bbox[1]) > 0.3 * label.size):
            continue
        same_row = abs((other.bbox[1] + other.bbox[3]) / 2 - (label.bbox[1] + label.bbox[3]) / 2) < 0.4 * label.size
        reach = (4.0 if not found else WORD_GAP_EM) * label.size  # past the text: the other column's line
        if same_row and 0 <= other.bbox[0] - right < reach:
            found.append(j)
            right = other.bbox[2]
    return found


def _continuation(index_of: _LineIndex, index: int, first_box: BBox, skip: set[int], middle: float,
                  figure: bool) -> list[int]:
    """Indices of the lines that continue the caption starting at `index` (same block, close below)."""
    lines = index_of.lines
    first = lines[index]
    taken: list[int] = []
    last_bottom = first_box[3]
    # a figure caption's own block may hold a justified line the reader split into words; a table
    # caption's block may hold the table's header row, which must end the caption (the caption's own
    # lines from its first one down)
    def own_block(j: int) -> bool:
        return figure and lines[j].block == first.block

    def in_other_column(j: int) -> bool:
        """A line across the gutter from a one-column caption: the other column's running text, which can
        sit on the caption's baseline a gutter away and is no table row beside it."""
        box = lines[j].bbox
        return (first_box[2] < middle + 5 < box[0] + 10) or (box[2] - 10 < middle - 5 < first_box[0])

    side_table = _side_table_edge(index_of, index, first_box, middle)
    reach = continuation_gap(first.size, index_of.body_gap_em)  # half an em; a line apart on double-spaced pages
    for j in range(index + 1, len(lines)):
        other = lines[j]
        last = lines[taken[-1]] if taken else first
        if (other.bbox[1] - last_bottom >= reach
                and other.bbox[1] - last.bbox[1] >= 0.3 * first.size):
            break  # this line and every later one (lines go down the page) are too far below to be taken
        if j in skip or j in taken:  # taken already: a piece of a justified line (below)
            continue
        if len(taken) >= MAX_CAPTION_LINES:
            break
        overlaps = other.bbox[0] < first_box[2] + 2 and other.bbox[2] > first_box[0] - 2
        other_column = (first_box[2] < middle + 5 < other.bbox[0] + 10) or (other.bbox[2] - 10 < middle - 5 < first_box[0])
        if not overlaps and (other_column or figure):
            continue  # beside the caption: the other text column, or the graphic next to a side caption
        if not overlaps and side_table is not None and other.bbox[0] >= side_table - 1:
            continue  # the table beside a side caption
        if not overlaps:
            break  # a table's first row, say
        if taken and own_block(j) and abs(other.bbox[1] - last.bbox[1]) < 0.3 * first.size:
            taken.append(j)  # the next word of a justified line that the reader split up
            last_bottom = max(last_bottom, other.bbox[3])
            continue
        if other.bbox[1] < last_bottom - 0.5 * first.size:
            continue  # same baseline as something already taken
        gap = other.bbox[1] - last_bottom
        so_far = bbox_union([first_box] + [lines[k].bbox for k in taken])
        leading = min((lines[b].bbox[1] - (lines[a].bbox[3] if a >= 0 else first_box[3])  # the caption's own
                       for a, b in zip([-1, *taken], taken)), default=None)  # gap between its lines so far
        if gap >= reach or (other.block != first.block
                                                   and not _centred_tail(other, so_far, gap, leading)
                                                   and not _flush_under(index_of, j, first, first_box)
                                                   and not (not taken and _title_under_label(first, other, gap))):
            break
        justified = [k for k in _justified_pieces(index_of, j, first, first_box) if k not in taken and k not in skip]
        if len(justified) >= 2 and justified[0] == j:  # a justified caption line in a narrow column, which the reader cut at its wide spaces
            taken += justified
            last_bottom = max(lines[k].bbox[3] for k in justified)
            continue
        line = other
        if is_label_line(other.text) or _has_row_neighbour(
                index_of, j, lambda k, line=line: k in skip or k >= index and own_block(k) or in_other_column(k)
                or _across_side_gutter(lines[k], line, first)):
            break
        taken.append(j)
        last_bottom = other.bbox[3]
    return taken


def _justified_rest(index_of: _LineIndex, index: int) -> list[int]:
    """The rest of a caption's justified first line that the reader cut at stretched spaces: lines of its block
    on its baseline to its right in its type size, each under 1.5 em past the last (under five ems where the
    caption's next line, flush left under it, ends where they end). The other column's heading on that baseline
    stands further off, or in another size, or ends elsewhere."""
    lines = index_of.lines
    first = lines[index]
    middle = (first.bbox[1] + first.bbox[3]) / 2
    row = [j for j in _block_row(index_of, index, first.block)
           if lines[j].bbox[0] > first.bbox[2] and abs(lines[j].size - first.size) <= 0.3]
    pieces, gaps, right = [], [], first.bbox[2]
    for j in row:
        if lines[j].bbox[0] - right >= 5 * first.size:
            break
        pieces.append(j)
        gaps.append(lines[j].bbox[0] - right)
        right = lines[j].bbox[2]
    if not pieces or max(gaps) < 1.5 * first.size:
        return pieces
    below = index_of.near_middle(middle + 1.3 * first.size, 0.4 * first.size)
    flush = any(lines[k].block == first.block and abs(lines[k].bbox[0] - first.bbox[0]) <= 1.5
                and abs(lines[k].bbox[2] - right) <= 1.5 for k in below)
    return pieces if flush else []


def _block_row(index_of: _LineIndex, index: int, block: int) -> list[int]:
    """The lines of `block` on the baseline of line `index` (itself included), left to right."""
    line = index_of.lines[index]
    middle = (line.bbox[1] + line.bbox[3]) / 2
    return sorted((j for j in index_of.near_middle(middle, 0.3 * line.size) if index_of.lines[j].block == block),
                  key=lambda j: index_of.lines[j].bbox[0])


def _justified_pieces(index_of: _LineIndex, index: int, first: TextLine, box: BBox) -> list[int]:
    """The pieces of a justified caption line that the reader cut at its wide spaces, left to right: lines of
    the caption's block on one baseline that together run from its left edge to its right one (a table's
    header row is not in the caption's block); empty when the line is whole or is no such piece."""
    line = index_of.lines[index]
    if line.block != first.block or abs(line.bbox[0] - box[0]) > 1.5:
        return []
    row = _block_row(index_of, index, first.block)
    if len(row) < 2 or abs(index_of.lines[row[-1]].bbox[2] - box[2]) > 1.5:
        return []
    gaps = [index_of.lines[b].bbox[0] - index_of.lines[a].bbox[2] for a, b in zip(row, row[1:])]
    return row if all(0 < g < 5 * line.size for g in gaps) else []


def _title_under_label(label: TextLine, line: TextLine, gap: float) -> bool:
    """IEEE's caption: a bare label ('TABLE VI') on a line of its own and the title centred under it, wider, in
    a block of its own (as a reader puts text set sideways): tight under it, in its type size."""
    start = _caption_start(label, None)
    middle = (label.bbox[0] + label.bbox[2]) / 2
    return start is not None and not start[2] and gap < 0.5 * max(line.size, 1.0) \
        and abs(line.size - label.size) <= 1.0 and abs((line.bbox[0] + line.bbox[2]) / 2 - middle) < 3.0


def _flush_under(index_of: _LineIndex, index: int, first: TextLine, box: BBox) -> bool:
    """A line set tight under the caption in its type size, flush with its left edge, no wider, and alone on its
    row across the caption's width: the caption's next line even where the reader put it in a block of its own
    (text set sideways comes a line per block); a table's first row has its other cells beside it."""
    line = index_of.lines[index]
    if abs(line.bbox[0] - box[0]) > 1.5 or line.bbox[2] > box[2] + 2 or abs(line.size - first.size) > 0.5:
        return False
    middle = (line.bbox[1] + line.bbox[3]) / 2
    return not any(j != index and index_of.lines[j].bbox[0] < box[2] and index_of.lines[j].bbox[2] > box[0]
                   for j in index_of.near_middle(middle, 0.4 * line.size))


def _has_row_neighbour(index_of: _LineIndex, index: int, skip: Callable[[int], bool]) -> bool:
    """Another line on the same baseline within a few ems: the line is a table's header row, not caption text."""
    lines = index_of.lines
    line = lines[index]
    middle = (line.bbox[1] + line.bbox[3]) / 2
    reach = 3 * max(line.size, 1.0)
    for j in index_of.near_middle(middle, 0.4 * line.size):
        other = lines[j]
        if j == index or skip(j) or abs((other.bbox[1] + other.bbox[3]) / 2 - middle) > 0.4 * line.size:
            continue
        if other.bbox[0] - line.bbox[2] < reach and line.bbox[0] - other.bbox[2] < reach:
            return True
    return False


SIDE_CAPTION_WIDTH = 0.3  # a side caption's column is at most this share of the page width
SIDE_FIGURE_GAP_EM = 10.0  # a side caption's picture starts within this many ems of it (90 pt at 9 pt)
SIDE_GUTTER_EM = 5.0  # and the table beside it starts within this many ems of it


def _side_table_edge(index_of: _LineIndex, index: int, first_box: BBox, middle: float) -> float | None:
    """The left edge of a table set beside a narrow caption (a side caption): lines of other blocks level with
    the caption's first lines, starting an em to a few ems right of it; None when there are none."""
    lines = index_of.lines
    first = lines[index]
    if first_box[2] - first_box[0] >= SIDE_CAPTION_WIDTH * 2 * middle:
        return None
    size = max(first.size, 1.0)
    level = [lines[j] for j in index_of.near_middle((first.bbox[1] + first.bbox[3]) / 2, 2 * size)]
    edges = [ln.bbox[0] for ln in level if ln.block != first.block
             and first_box[2] + size <= ln.bbox[0] <= first_box[2] + SIDE_GUTTER_EM * size]
    return min(edges) if edges else None


def _across_side_gutter(neighbour: TextLine, line: TextLine, first: TextLine) -> bool:
    """A line of another block an em or more right of a caption line set flush with the caption's first line, in
    its block: the table beside a side caption (Springer sets them in a narrow column left of the table)."""
    return (line.block == first.block and neighbour.block != first.block and abs(line.bbox[0] - first.bbox[0]) <= 1
            and neighbour.bbox[0] - line.bbox[2] >= max(line.size, 1.0))


def _centred_tail(line: TextLine, caption: BBox, gap: float, leading: float | None = None) -> bool:
    """A centred caption's next line that the reader put in a block of its own: set tight under the
    caption (no further than its lines so far stand apart, 0.4 em under its first line: Computer Modern's glyph
    boxes leave a third of an em between lines), centred on it and no wider (a few points more for a full line of a centred title)."""
    middle, width = (caption[0] + caption[2]) / 2, caption[2] - caption[0]
    tight = (leading + 0.1 * line.size) if leading is not None else 0.4 * line.size
    tight = max(tight, 0.25 * max(line.size, 1.0))
    return (gap < tight and line.bbox[2] - line.bbox[0] < 1.03 * width + 2
            and abs((line.bbox[0] + line.bbox[2]) / 2 - middle) < 0.05 * width + 2)
