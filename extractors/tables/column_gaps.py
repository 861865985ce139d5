"""Cells of neighbouring columns set closer than the gap that starts a new cell (0.6 em): tight column padding
runs two heads, or a text cell and the value beside it, into one segment (`Weight [kg] Flux [W m−2]`,
`Lake Ohrid positive`). Where the segment's words break over the space between two columns' body extents,
each piece over its own column, it is split there."""
from __future__ import annotations

from extractors.page_content import Word
from extractors.tables.columns import _columns_covered

Segment = list[Word]
FIT_EM = 0.3  # a piece is centred over its column's values or flush with their left or right edge, to this much
TIE = 1.0  # points: word gaps this close in width are told apart by how well the pieces sit over their columns


def split_at_column_gaps(rows: list[list[Segment]], columns: list[tuple[float, float]],
                         heads_end: int) -> list[list[Segment]]:
    """Rows with segments run across column gaps split, in the header's last line (its column heads: lines
    above it may hold group labels over several columns) and in body rows of two segments or more (a lone
    line is a section label across the table). A first row read as numbers is group labels that are
    quantities (`298 K` over two columns), never split."""
    out: list[list[Segment]] = []
    for r, segments in enumerate(rows):
        if r < heads_end - 1 or (r >= heads_end and len(segments) < 2) or (r == 0 and heads_end == 0):
            out.append(segments)
            continue
        out.append([piece for segment in segments for piece in _split(segment, columns)])
    return out


def _split(segment: Segment, columns: list[tuple[float, float]]) -> list[Segment]:
    """The segment cut, between each two columns it covers, at its widest word gap lying over the space between
    their extents, when that leaves one piece over each column, set over it as a cell is (centred on its
    values or flush with them); else the segment whole."""
    first, last = _columns_covered(segment, columns)
    if first == last:
        return [segment]
    cuts: list[int] = []
    for k in range(first, last):
        start = cuts[-1] if cuts else 0
        gaps = [(b.bbox[0] - a.bbox[2], i + 1) for i, (a, b) in enumerate(zip(segment, segment[1:]))
                if i + 1 > start and _between(a, b, columns[k], columns[k + 1])]
        if not gaps:
            return [segment]
        wide = max(gaps)[0] - TIE  # in a fixed-pitch font a word space is as wide as two pads: the best fit wins
        cuts.append(min((_misfit(segment[start:i], columns[k]), i) for gap, i in gaps if gap >= wide)[1])
    pieces = [segment[i:j] for i, j in zip([0, *cuts], [*cuts, len(segment)])]
    if any(not p for p in pieces) or \
            [_columns_covered(p, columns) for p in pieces] != [(k, k) for k in range(first, last + 1)] or \
            any(_misfit(p, columns[k]) > FIT_EM * p[0].size for p, k in zip(pieces, range(first, last + 1))):
        return [segment]  # words of a label centred over several columns (`Development Set`) fit none
    return pieces


def _misfit(piece: Segment, column: tuple[float, float]) -> float:
    """How far a head is from being centred over its column's values or flush with one of their edges."""
    x0, x1 = piece[0].bbox[0], piece[-1].bbox[2]
    return min(abs((x0 + x1 - column[0] - column[1]) / 2), abs(x0 - column[0]), abs(x1 - column[1]))


def _between(a: Word, b: Word, left: tuple[float, float], right: tuple[float, float]) -> bool:
    """The gap between two words lies over the space between two neighbouring columns' extents, the word
    before it ending before the right column does and the word after it starting after the left one starts."""
    middle = (a.bbox[2] + b.bbox[0]) / 2
    return left[1] <= middle <= right[0] and a.bbox[2] < right[1] and b.bbox[0] > left[0]
