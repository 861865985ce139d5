"""The page's own spacing between lines of running text: double-spaced theses and manuscripts set a caption's
lines (and every paragraph's) a whole line apart, where typeset papers leave under half an em."""
from __future__ import annotations

from itertools import pairwise

from extractors.page_content import TextLine

MIN_PAIRS = 6  # fewer neighbouring body lines than this: no measure of the page's spacing
BODY_LINE_EMS = 20.0  # a line of running text is at least this many ems long (a table cell, a heading is not)
BODY_LINE_WORDS = 6  # and holds this many words, mostly of letters (a long table row of numbers is no prose)
MAX_REACH_EM = 1.5  # the widest gap a caption's lines may leave on the most widely spaced page


def _running_text(line: TextLine) -> bool:
    text = line.text
    letters = sum(ch.isalpha() for ch in text)
    return (line.bbox[2] - line.bbox[0] >= BODY_LINE_EMS * max(line.size, 1.0)
            and len(text.split()) >= BODY_LINE_WORDS and letters >= 0.7 * len(text.replace(" ", "")))


def body_line_gap(lines: list[TextLine]) -> float | None:
    """The lower quartile of the gaps, in ems, between a long line of running text and the next one under it
    at the same left edge in the same type size (blocks aside: a double-spaced page often gives each line a block
    of its own; the quartile, as paragraph breaks and lists widen some gaps); None when the page has too few such
    pairs to say (tables, figures, short pages)."""
    columns: dict[int, list[TextLine]] = {}
    for line in lines:
        if _running_text(line):
            columns.setdefault(round(line.bbox[0] / 2), []).append(line)
    gaps = []
    for column in columns.values():
        column.sort(key=lambda ln: ln.bbox[1])
        for upper, lower in pairwise(column):
            gap = lower.bbox[1] - upper.bbox[3]
            if abs(upper.size - lower.size) < 0.5 and -0.5 * upper.size < gap < 2.0 * upper.size:
                gaps.append(gap / max(upper.size, 1.0))
    return sorted(gaps)[len(gaps) // 4] if len(gaps) >= MIN_PAIRS else None


def continuation_gap(size: float, body_gap_em: float | None) -> float:
    """The widest gap under a caption line that its next line may leave: half an em, or the page's own line gap
    and a tenth of an em where the page is set wider (double spacing), never over MAX_REACH_EM."""
    reach = 0.5
    if body_gap_em is not None:
        reach = max(reach, min(body_gap_em + 0.1, MAX_REACH_EM))
    return reach * max(size, 1.0)
