"""Aligned table regions: tables with neither caption nor frame, found as runs of rows whose short segments
line up in columns; lists, glossaries and display equations, which line up too, are rejected."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.layout import Band, bands_of, text_width
from extractors.numbers import parse_cell
from extractors.page_content import PageContent, TextLine, Word
from extractors.tables.base import Region, TableOptions
from extractors.tables.columns import _columns_covered, column_bounds
from extractors.tables.geometry import _inside_any, _rules_near, _text, _words_box
from extractors.tables.segments import segment_bands
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union


def _aligned_regions(page: PageContent, lines: list[TextLine], options: TableOptions,
                     taken: Sequence[BBox]) -> list[Region]:
    """Tables without captions or frames: runs of rows whose short text segments line up in columns.

    Prose segments (long runs of ordinary words, e.g. the other column of a two-column page) are set
    aside first, so a table inside one text column is still seen.
    """
    column_width = text_width(page)
    free = [ln for ln in lines if not _inside_any(ln.bbox, taken, 0.3)]
    runs: list[list[tuple[Band, list[list[Word]]]]] = []
    current: list[tuple[Band, list[list[Word]]]] = []
    last_bottom = None
    for band in bands_of(free):
        cells = [seg for seg in segment_bands([band], (), options)[0] if not _is_prose(seg, column_width)]
        em = band.size or 10.0
        gap = band.bbox[1] - last_bottom if last_bottom is not None else 0.0
        if not cells or gap > options.max_row_gap_em * em or _heading_between_tables(cells, current):
            runs.append(current)
            current = []
        if cells:
            cells_box = _words_box([w for seg in cells for w in seg])
            current.append((Band(tuple(ln for ln in band.lines if _inside_any(ln.bbox, [cells_box], 0.5))),
                            cells))
            last_bottom = band.bbox[3]
    runs.append(current)
    regions = []
    for run in runs:
        region = _run_region(page, run, options)
        if region is not None:
            regions.append(region)
    return regions


def _run_region(page: PageContent, run: list[tuple[Band, list[list[Word]]]], options: TableOptions) -> Region | None:
    """A run of rows as a table region, when at least three rows spread over two or more aligned columns."""
    while run and len(run[-1][1]) < 2:
        run = run[:-1]
    while run and len(run[0][1]) < 2 and not (_is_title_like(run[0][1]) and len(run) > 1 and len(run[1][1]) >= 2) \
            and not _overlaps_header_label(run):
        run = run[1:]  # keep at most one label row (a group header) above the first full row
    multi = [cells for _, cells in run if len(cells) >= 2]
    if len(multi) < max(3, options.min_rows):
        return None
    columns = column_bounds(multi, (), _words_box([w for cells in multi for seg in cells for w in seg]))
    if len(columns) < options.min_cols:
        return None
    aligned = sum(1 for cells in multi if len({_columns_covered(seg, columns)[0] for seg in cells}) >= 2)
    if aligned < 0.7 * len(multi):
        return None
    if _looks_like_math(run) or _looks_like_list(multi, len(columns)):
        return None
    bands = tuple(band for band, _ in run if band.lines)
    if not bands:  # the cells' words lie in no line of their band (lines overlapping other columns)
        return None
    box = bbox_union([b.bbox for b in bands])
    if any(bbox_intersection(im.bbox, box) > 0.2 * max(1e-6, bbox_area(box)) for im in page.images):
        return None
    size = max(b.size for b in bands)
    rules = _rules_near(page.rules, box, size)
    return Region(bands=bands, rules=tuple(rules), caption=None)


def _overlaps_header_label(run: list[tuple[Band, list[list[Word]]]]) -> bool:
    """A lone label whose line overlaps the next one's, a lone label over a full row: the group label of a
    header whose stub head is centred across its two lines (`Before` over `Group`, set lower, by the heads),
    kept with it, not dropped as a heading."""
    if len(run) < 3 or not (_is_title_like(run[0][1]) and _is_title_like(run[1][1])) or len(run[2][1]) < 2:
        return False
    first, second = _words_box(run[0][1][0]), _words_box(run[1][1][0])
    return second[1] < first[3] and first[0] > second[2]


_LIST_MARKER = re.compile(r"^(?:[•◦▪▫●○■□‣⁃∙·*–—-]|\(?[0-9a-zA-Z]{1,3}[.)])$")


def _looks_like_list(rows: list[list[list[Word]]], n_columns: int) -> bool:
    """Bullet or numbered lists, and two-column glossaries of words, line up like tables: reject them.

    A two-column run counts as a table only when numbers fill part of it (uncaptioned key-value text
    is far more often a glossary or an address block than a table).
    """
    markers = sum(1 for row in rows if _LIST_MARKER.match(_text(row[0])))
    if markers >= 0.6 * len(rows):
        return True
    labels = sum(1 for row in rows if any(_text(seg).endswith(":") for seg in row[:2]))
    if labels >= 0.6 * len(rows):  # `Controller:  Eurotherm 3216` — a definition list
        return True
    line_numbers = sum(1 for row in rows for seg in row if _LINE_NUMBER.match(_text(seg)))
    if line_numbers >= 0.5 * len(rows):  # an algorithm listing: `3:`, `4:` down one column
        return True
    if n_columns == 2:
        cells = [seg for row in rows for seg in row[1:]]
        numeric = sum(1 for seg in cells if parse_cell(_text(seg)).value is not None)
        return numeric < 0.3 * max(1, len(cells))
    return False


_LINE_NUMBER = re.compile(r"^\d{1,3}:(?:\s+\d{1,3}:)*$")
_EQUATION_NUMBER = re.compile(r"^\(\d+[a-z]?\)$")
_MATH = re.compile(r"[=∑∫∏√≤≥≈∈→�\ue000-\uf8ff]")  # private-use glyphs: TeX's big delimiters


def _looks_like_math(run: list[tuple[Band, list[list[Word]]]]) -> bool:
    """Display equations line up like a table (fractions, limits, an equation number): reject them."""
    texts = [_text(seg) for _, cells in run for seg in cells]
    numbered = any(_EQUATION_NUMBER.match(_text(cells[-1])) and len(cells) <= 3 for _, cells in run)
    if numbered and len(run) <= 6:
        return True
    equation = any(_EQUATION_NUMBER.match(_text(cells[-1])) and any("=" in _text(seg) for seg in cells)
                   for _, cells in run)
    if equation and len(run) <= 8:  # a matrix display: `C = ( ... )  (1)`
        return True
    return sum(1 for t in texts if _MATH.search(t)) > 0.25 * max(1, len(texts))


def _heading_between_tables(cells: list[list[Word]], run: list[tuple[Band, list[list[Word]]]]) -> bool:
    """A lone label right of the first column after full rows: a heading or the next table's group header,
    not a section row or a wrapped label (those sit in the first column)."""
    if len(cells) != 1 or not run:
        return False
    previous = [row for _, row in run if len(row) >= 2]
    if not previous:
        return False
    first_column_right = max(row[0][-1].bbox[2] for row in previous)
    return cells[0][0].bbox[0] > first_column_right


def _is_prose(segment: Sequence[Word], column_width: float) -> bool:
    width = segment[-1].bbox[2] - segment[0].bbox[0]
    return len(segment) >= 6 and width > 0.45 * column_width


def _is_title_like(cells: list[list[Word]]) -> bool:
    return len(cells) == 1 and len(cells[0]) <= 6 and not _text(cells[0]).endswith(".")
