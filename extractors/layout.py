"""Page-level geometry shared by the table and figure finders: row bands, text columns, paragraph lines."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from extractors.page_content import PageContent, TextLine, Word
from extractors.types import BBox, bbox_union

PARAGRAPH_GAP_EM = 0.6  # inter-word gaps in running text stay below this many font sizes


@dataclass(frozen=True)
class Band:
    """Text lines that share a baseline band: one visual row of the page (or of a table).

    Its box, words, size and text are worked out once (a band and its lines never change): the table finders
    asked a band for its box 180,000 times on 40 short papers, about a tenth of extracting them."""

    lines: tuple[TextLine, ...]

    @cached_property
    def bbox(self) -> BBox:
        return bbox_union([ln.bbox for ln in self.lines])

    @property
    def words(self) -> list[Word]:
        return list(self._words)  # a list of its own for each caller, which may change it

    @cached_property
    def _words(self) -> tuple[Word, ...]:
        return tuple(sorted((w for ln in self.lines for w in ln.words), key=lambda w: w.bbox[0]))

    @cached_property
    def size(self) -> float:
        return max(ln.size for ln in self.lines)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self._words)


def bands_of(lines: Iterable[TextLine]) -> list[Band]:
    """Group lines into rows: a line joins a band when its vertical extent mostly overlaps the band's."""
    ordered = sorted(lines, key=lambda ln: (sum(_extent(ln)) / 2, ln.bbox[0]))
    bands: list[list[TextLine]] = []
    for line in ordered:
        if bands:
            current = bands[-1]
            top = min(_extent(ln)[0] for ln in current)
            bottom = max(_extent(ln)[1] for ln in current)
            line_top, line_bottom = _extent(line)
            overlap = min(bottom, line_bottom) - max(top, line_top)
            height = min(bottom - top, line_bottom - line_top)
            if height > 0 and overlap > 0.5 * height:
                current.append(line)
                continue
        bands.append([line])
    return [Band(tuple(sorted(b, key=lambda ln: ln.bbox[0]))) for b in bands]


def _extent(line: TextLine) -> tuple[float, float]:
    """A line's vertical extent for grouping rows: its box, or the middle word's where a few tall glyphs
    (a symbol font's ⊕, set with a deep descent) stretch the box down into the next row."""
    if len(line.words) < 3:
        return line.bbox[1], line.bbox[3]
    tops = sorted(w.bbox[1] for w in line.words)
    bottoms = sorted(w.bbox[3] for w in line.words)
    middle = len(line.words) // 2
    core = tops[middle], bottoms[middle]
    return core if line.bbox[3] - line.bbox[1] > 1.3 * (core[1] - core[0]) else (line.bbox[1], line.bbox[3])


def text_width(page: PageContent) -> float:
    """Typical width of a full line of running text on this page (a text column's width)."""
    widths = sorted(ln.bbox[2] - ln.bbox[0] for ln in page.lines if ln.horizontal and len(ln.words) >= 6)
    if not widths:
        return page.width * 0.7
    return widths[int(0.9 * (len(widths) - 1))]


def is_two_column(page: PageContent) -> bool:
    """Running text set in two columns: several full text lines wholly left of the middle and right of it."""
    middle = page.width / 2
    prose = [ln for ln in page.lines if ln.horizontal and len(ln.words) >= 6]
    left = sum(1 for ln in prose if ln.bbox[2] < middle + 5)
    right = sum(1 for ln in prose if ln.bbox[0] > middle - 5)
    return left >= 3 and right >= 3 and text_width(page) < 0.5 * page.width


def max_word_gap(words: Sequence[Word]) -> float:
    """Widest horizontal gap between consecutive words, in font sizes."""
    ordered = sorted(words, key=lambda w: w.bbox[0])
    gaps = [(b.bbox[0] - a.bbox[2]) / max(a.size, 1.0) for a, b in zip(ordered, ordered[1:])]
    return max(gaps, default=0.0)


def is_paragraph_band(band: Band, column_width: float) -> bool:
    """A band that reads as running text: one wide run of words with ordinary spaces only."""
    words = band.words
    width = band.bbox[2] - band.bbox[0]
    return len(words) >= 5 and width >= 0.6 * column_width and max_word_gap(words) < PARAGRAPH_GAP_EM \
        and not is_dot_row(band)


DOT_CHARACTERS = frozenset(".·•…_")


def is_dot_row(band: Band) -> bool:
    """A band of nothing but dots (five or more): a dotted line set in type, a separator between table rows
    or a leader, never running text."""
    text = "".join(w.text for w in band.words)
    return len(text) >= 5 and set(text) <= DOT_CHARACTERS


def in_masthead(page: PageContent, box: BBox) -> bool:
    """Whether a box lies in a first page's masthead (journal banner, logo, publisher strip): in the top
    MASTHEAD_SHARE of the page and wholly above the title, the page's largest type (1.3 times the median size
    or more) set in its upper part. A large heading lower down is a section's (a one-page document, a
    report), and what stands above it is content. For uncaptioned items only: a captioned figure or table
    there is one."""
    if page.number != 1 or not page.lines or box[3] > MASTHEAD_SHARE * page.height:
        return False
    sizes = sorted(ln.size for ln in page.lines)
    title = max(page.lines, key=lambda ln: ln.size)
    return title.size >= 1.3 * sizes[len(sizes) // 2] and box[3] <= title.bbox[1] <= TITLE_SHARE * page.height


MASTHEAD_SHARE = 0.25  # a masthead ends in the top quarter of the page (realdev's: 19 %)
TITLE_SHARE = 0.4  # and a paper's title starts in its upper 40 % (realdev's: 21-23 %)
