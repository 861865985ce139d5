"""An index of a page's lines for the caption search: lines by block and by height on the page, rules and
images by their bottom edges. Each question about "the lines near this one" costs a logarithm instead of a
scan of every line, so a page of 60,000 words does not hold a run for minutes."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from extractors.line_spacing import body_line_gap
from extractors.page_content import PageContent, TextLine
from extractors.types import BBox


class CaptionLineIndex:
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
