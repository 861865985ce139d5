"""How far a caption runs: the lines after its label that are its own (on the label's row, below it, the pieces
of a justified line the reader cut at wide spaces), and where the table or figure it names begins instead (a
header row, a side table, the other text column)."""
from __future__ import annotations

import itertools
from collections.abc import Callable

from extractors.caption_labels import is_label_line
from extractors.caption_lines import CaptionLineIndex
from extractors.line_spacing import continuation_gap
from extractors.page_content import TextLine
from extractors.types import BBox, bbox_union

MAX_CAPTION_LINES = 12


WORD_GAP_EM = 1.2  # after the caption text, a line on its row further off than a word space is not its own


def same_baseline_right(index_of: CaptionLineIndex, index: int) -> list[int]:
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


def continuation(index_of: CaptionLineIndex, index: int, first_box: BBox, skip: set[int], middle: float,
                 figure: bool, bare_label: bool) -> list[int]:
    """Indices of the lines that continue the caption starting at `index` (same block, close below);
    `bare_label`: the first line holds the label alone (`TABLE VI`), its title on the lines below."""
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
                                                   and not (not taken and bare_label and _title_under_label(first, other, gap))):
            break
        justified = [k for k in _justified_pieces(index_of, j, first, first_box) if k not in taken and k not in skip]
        if len(justified) >= 2 and justified[0] == j:  # a justified caption line in a narrow column, which the reader cut at its wide spaces
            taken += justified
            last_bottom = max(lines[k].bbox[3] for k in justified)
            continue
        line = other
        rest = abutting(index_of, j)  # the line's rest past a subscript, which the reader set apart
        if is_label_line(other.text) or _has_row_neighbour(
                index_of, j, lambda k, line=line: k in skip or k in rest or k >= index and own_block(k)
                or in_other_column(k) or _across_side_gutter(lines[k], line, first)):
            break
        taken += [j, *rest]
        last_bottom = max(lines[k].bbox[3] for k in [j, *rest])
    return taken


ABUT_EM = 0.5  # a piece of a line broken at a subscript starts within this much of where the line ends


def abutting(index_of: CaptionLineIndex, index: int) -> list[int]:
    """The lines that carry line `index` on along its row, each starting where the last ends (under half an em
    past it, or over its end): the reader breaks a line at a subscript or a prime into lines of their own, in
    other blocks (PRD's `TABLE I. Efficiencies ϵVfV′f→VsV′s for ...` was cut at `V′`). A cell or the other
    column's line stands a gutter off."""
    lines = index_of.lines
    line = lines[index]
    right, found = line.bbox[2], []
    for k in sorted(index_of.near_middle((line.bbox[1] + line.bbox[3]) / 2, 0.35 * line.size),
                    key=lambda k: lines[k].bbox[0]):
        other = lines[k]
        if k != index and abs(other.size - line.size) <= 0.3 and other.bbox[2] > right \
                and -line.size <= other.bbox[0] - right <= ABUT_EM * line.size:
            found.append(k)
            right = other.bbox[2]
    return found


def justified_rest(index_of: CaptionLineIndex, index: int) -> list[int]:
    """The rest of a caption's justified first line that the reader cut at stretched spaces: lines of its block
    on its baseline to its right in its type size, each under 1.5 em past the last (under five ems where the
    caption's next line, flush left under it, ends where they end), and the lines abutting its end (a subscript's
    break). The other column's heading on that baseline stands further off, or in another size, or ends elsewhere."""
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
    if pieces and max(gaps) >= 1.5 * first.size:
        below = index_of.near_middle(middle + 1.3 * first.size, 0.4 * first.size)
        if not any(lines[k].block == first.block and abs(lines[k].bbox[0] - first.bbox[0]) <= 1.5
                   and abs(lines[k].bbox[2] - right) <= 1.5 for k in below):
            pieces = []
    return pieces + [k for k in abutting(index_of, pieces[-1] if pieces else index) if k not in pieces]


def _block_row(index_of: CaptionLineIndex, index: int, block: int) -> list[int]:
    """The lines of `block` on the baseline of line `index` (itself included), left to right."""
    line = index_of.lines[index]
    middle = (line.bbox[1] + line.bbox[3]) / 2
    return sorted((j for j in index_of.near_middle(middle, 0.3 * line.size) if index_of.lines[j].block == block),
                  key=lambda j: index_of.lines[j].bbox[0])


def _justified_pieces(index_of: CaptionLineIndex, index: int, first: TextLine, box: BBox) -> list[int]:
    """The pieces of a justified caption line that the reader cut at its wide spaces, left to right: lines of
    the caption's block on one baseline that together run from its left edge to its right one (a table's
    header row is not in the caption's block); empty when the line is whole or is no such piece."""
    line = index_of.lines[index]
    if line.block != first.block or abs(line.bbox[0] - box[0]) > 1.5:
        return []
    row = _block_row(index_of, index, first.block)
    if len(row) < 2 or abs(index_of.lines[row[-1]].bbox[2] - box[2]) > 1.5:
        return []
    gaps = [index_of.lines[b].bbox[0] - index_of.lines[a].bbox[2] for a, b in itertools.pairwise(row)]
    return row if all(0 < g < 5 * line.size for g in gaps) else []


def _title_under_label(label: TextLine, line: TextLine, gap: float) -> bool:
    """IEEE's caption: under a bare label ('TABLE VI') on a line of its own, the title centred under it, wider, in
    a block of its own (as a reader puts text set sideways): tight under it, in its type size."""
    middle = (label.bbox[0] + label.bbox[2]) / 2
    return gap < 0.5 * max(line.size, 1.0) \
        and abs(line.size - label.size) <= 1.0 and abs((line.bbox[0] + line.bbox[2]) / 2 - middle) < 3.0


def _flush_under(index_of: CaptionLineIndex, index: int, first: TextLine, box: BBox) -> bool:
    """A line set tight under the caption in its type size, flush with its left edge, no wider, and alone on its
    row across the caption's width: the caption's next line even where the reader put it in a block of its own
    (text set sideways comes a line per block); a table's first row has its other cells beside it."""
    line = index_of.lines[index]
    if abs(line.bbox[0] - box[0]) > 1.5 or line.bbox[2] > box[2] + 2 or abs(line.size - first.size) > 0.5:
        return False
    middle = (line.bbox[1] + line.bbox[3]) / 2
    rest = abutting(index_of, index)  # its own rest past a subscript is no cell beside it
    return not any(j != index and j not in rest and index_of.lines[j].bbox[0] < box[2]
                   and index_of.lines[j].bbox[2] > box[0] for j in index_of.near_middle(middle, 0.4 * line.size))


def _has_row_neighbour(index_of: CaptionLineIndex, index: int, skip: Callable[[int], bool]) -> bool:
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


def _side_table_edge(index_of: CaptionLineIndex, index: int, first_box: BBox, middle: float) -> float | None:
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
