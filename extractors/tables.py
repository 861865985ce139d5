"""Vector table finder: words with boxes plus ruling lines in, table grids out.

The chain, each step a pure function on page records:
    table_regions (caption-anchored, then rule-anchored) → segment_bands → column_bounds → build_grid
The engine sees only Words, TextLines and Rules, so words from OCR can feed it for scanned pages.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from extractors.layout import Band, bands_of, is_paragraph_band, is_two_column, max_word_gap, text_width
from extractors.model import Caption, Cell, ExtractorInfo, TableItem
from extractors.numbers import header_unit, parse_cell
from extractors.page_content import PageContent, Rule, TextLine, Word
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

EXTRACTOR = ExtractorInfo("paperlake-vector-tables", "0.1.0")


@dataclass(frozen=True)
class TableOptions:
    """Geometry thresholds of the vector table finder, in font sizes (em) or points."""

    segment_gap_em: float = 0.6  # a wider gap between words inside a row starts a new cell
    max_row_gap_em: float = 2.2  # a wider vertical gap ends the table
    max_caption_gap_em: float = 3.5  # how far below/above its caption a table may start
    min_rows: int = 2
    min_cols: int = 2
    wide_rule_share: float = 0.6  # a rule this share of the table's width separates header from body

    def __post_init__(self) -> None:
        if self.segment_gap_em <= 0 or self.max_row_gap_em <= 0:
            raise ValueError("gap thresholds must be positive")
        if self.min_rows < 1 or self.min_cols < 1:
            raise ValueError("min_rows and min_cols must be at least 1")


@dataclass(frozen=True)
class Region:
    """A candidate table: its rows of text, the rules around and inside it, and its caption if any."""

    bands: tuple[Band, ...]
    rules: tuple[Rule, ...]
    caption: Caption | None
    footnotes: tuple[TextLine, ...] = ()

    @property
    def bbox(self) -> BBox:
        boxes = [b.bbox for b in self.bands] + [r.bbox for r in self.rules]
        return bbox_union(boxes)

    @cached_property
    def whole_rules(self) -> tuple[Rule, ...]:
        """The region's rules with pieces drawn cell by cell joined (computed once per region)."""
        return merge_rules(self.rules)


@dataclass(frozen=True)
class Grid:
    """A table's cells on a rectangular grid, with header-row count and the evidence gathered."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    n_header_rows: int
    evidence: dict[str, float] = field(default_factory=dict)


def find_tables(page: PageContent, captions: Sequence[Caption], options: TableOptions = TableOptions(),
                exclude: Sequence[BBox] = ()) -> list[TableItem]:
    """Every table on the page, caption-anchored ones first, then tables found by their rules alone."""
    items: list[TableItem] = []
    for region in table_regions(page, captions, options, exclude):
        region = trim_trailing_notes(region, options)
        grid = build_grid(region, options)
        if grid.n_rows < options.min_rows or grid.n_cols < options.min_cols:
            continue
        items.append(_to_item(page, region, grid))
    return items


# ------------------------------------------------------------------------------------------- regions
def table_regions(page: PageContent, captions: Sequence[Caption], options: TableOptions,
                  exclude: Sequence[BBox] = ()) -> list[Region]:
    """Candidate table regions: one per table caption that has rows beside it, then ruled blocks,
    then runs of column-aligned rows; a later candidate never overlaps an earlier one."""
    caption_boxes = [c.bbox for c in captions]
    body_lines = [ln for ln in page.lines if ln.horizontal and not _inside_any(ln.bbox, caption_boxes)]
    column_width = text_width(page)
    regions: list[Region] = []
    header_turned = _turned_header_lines(page, body_lines)
    for caption in (c for c in captions if c.kind == "table"):
        lines = _beside_sibling_captions(caption, captions,
                                         _column_lines(page, caption, body_lines + header_turned, column_width))
        region = _caption_region(caption, lines, page, column_width, options, captions, exclude)
        if region is not None:
            regions.append(region)
    taken = [r.bbox for r in regions] + list(exclude)
    for finder in (_ruled_regions, _aligned_regions):
        for region in finder(page, body_lines, options, taken):
            if not any(bbox_intersection(region.bbox, t) > 0 for t in taken) and _is_grid(region, options, column_width):
                regions.append(region)
                taken.append(region.bbox)
    return regions


def merge_rules(rules: Sequence[Rule], gap: float = 3.0) -> tuple[Rule, ...]:
    """Join collinear rule pieces (a row rule drawn cell by cell) into whole rules."""
    merged: list[Rule] = []
    for horizontal in (True, False):
        axis = 1 if horizontal else 0
        pieces = sorted((r for r in rules if r.horizontal == horizontal),
                        key=lambda r: (round((r.bbox[axis] + r.bbox[axis + 2]) / 2), r.bbox[1 - axis]))
        current: Rule | None = None
        for rule in pieces:
            if current is not None and _collinear(current, rule, horizontal, gap):
                box = bbox_union([current.bbox, rule.bbox])
                current = Rule(box, horizontal, max(current.thickness, rule.thickness))
                continue
            if current is not None:
                merged.append(current)
            current = rule
        if current is not None:
            merged.append(current)
    return tuple(merged)


def _collinear(a: Rule, b: Rule, horizontal: bool, gap: float) -> bool:
    if horizontal:
        same_line = abs((a.bbox[1] + a.bbox[3]) / 2 - (b.bbox[1] + b.bbox[3]) / 2) < 1.0
        return same_line and b.bbox[0] <= a.bbox[2] + gap and b.bbox[2] >= a.bbox[0] - gap
    same_line = abs((a.bbox[0] + a.bbox[2]) / 2 - (b.bbox[0] + b.bbox[2]) / 2) < 1.0
    return same_line and b.bbox[1] <= a.bbox[3] + gap and b.bbox[3] >= a.bbox[1] - gap


def _is_grid(region: Region, options: TableOptions, column_width: float = 0.0) -> bool:
    """An uncaptioned candidate is a table when it makes a grid whose columns hold text, and it is not
    a framed box of running text. Chart gridlines frame cells that stay empty."""
    grid = build_grid(region, options)
    if grid.n_rows < options.min_rows or grid.n_cols < options.min_cols:
        return False
    filled_per_column = [sum(1 for cell in grid.cells if cell.col == c and cell.text) for c in range(grid.n_cols)]
    if sum(1 for n in filled_per_column if n >= 2) < options.min_cols:
        return False
    prose = sum(1 for band in region.bands if is_paragraph_band(band, column_width)) if column_width else 0
    return prose <= 0.5 * len(region.bands)


def _column_lines(page: PageContent, caption: Caption, lines: list[TextLine], column_width: float) -> list[TextLine]:
    """On a two-column page, only the lines of the caption's column (unless the caption spans both)."""
    middle = page.width / 2
    if not is_two_column(page):
        return lines
    if caption.bbox[2] < middle + 5:
        return [ln for ln in lines if ln.bbox[2] < middle + 5]
    if caption.bbox[0] > middle - 5:
        return [ln for ln in lines if ln.bbox[0] > middle - 5]
    return lines


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


def _caption_region(caption: Caption, lines: list[TextLine], page: PageContent, column_width: float,
                    options: TableOptions, captions: Sequence[Caption], exclude: Sequence[BBox] = ()) -> Region | None:
    bands = bands_of(lines)
    size = max((ln.size for ln in lines), default=10.0)
    below = [b for b in bands if b.bbox[1] >= caption.bbox[3] - 1]
    above = [b for b in reversed(bands) if b.bbox[3] <= caption.bbox[1] + 1]
    other_caption_boxes = [c.bbox for c in captions if c is not caption] + list(exclude)
    found: list[tuple[float, Region]] = []
    for direction, candidates in (("below", below), ("above", above)):
        notes_between: list[TextLine] = []
        if direction == "above":  # a caption under its table may have the table's notes between them
            while candidates and len(notes_between) < 6 and _NOTE_START.match(candidates[0].text) \
                    and len(_cells_of(candidates[0])) == 1 \
                    and caption.bbox[1] - candidates[0].bbox[3] < 3 * size + sum(1.5 * ln.size for ln in notes_between):
                notes_between = list(candidates[0].lines) + notes_between
                candidates = candidates[1:]
        start = min(ln.bbox[1] for ln in notes_between) if notes_between else None
        taken = _collect_bands(candidates, caption, direction, column_width, size, options, other_caption_boxes, start)
        if len(taken) >= options.min_rows:
            taken.sort(key=lambda b: b.bbox[1])
            rules = _rules_near(page.rules, bbox_union([b.bbox for b in taken]), size)
            taken, footnotes = _split_footnotes(taken, rules, size)
            table_size = sorted(b.size for b in taken)[len(taken) // 2]
            footnotes += _notes_under(bbox_union([b.bbox for b in taken] + [r.bbox for r in rules]),
                                      [b for b in bands if b not in taken], footnotes, table_size)
            if len(taken) >= options.min_rows:
                gap = taken[0].bbox[1] - caption.bbox[3] if direction == "below" else caption.bbox[1] - taken[-1].bbox[3]
                found.append((gap, Region(bands=tuple(taken), rules=tuple(rules), caption=caption,
                                          footnotes=tuple(footnotes) + tuple(ln for ln in notes_between
                                                                             if ln not in footnotes))))
    if len(found) == 2 and found[1][0] < found[0][0] - 0.5 * size:
        return found[1][1]  # rows right above the caption, and others further below: a caption under its table
    return found[0][1] if found else None


def _collect_bands(candidates: list[Band], caption: Caption, direction: str, column_width: float, size: float,
                   options: TableOptions, stop_boxes: list[BBox], start: float | None = None) -> list[Band]:
    """Bands next to a caption, in order, until running text, another caption or figure, or a gap ends the table.

    The gap allowed between rows adapts to the table's own row pitch, so the paragraph after an
    unruled table is not taken as its last row.
    """
    taken: list[Band] = []
    gaps: list[float] = []
    edge = start if start is not None else (caption.bbox[3] if direction == "below" else caption.bbox[1])
    for band in candidates:
        gap = (band.bbox[1] - edge) if direction == "below" else (edge - band.bbox[3])
        em = max(band.size, size * 0.8)
        limit = options.max_caption_gap_em * em if not taken else options.max_row_gap_em * em
        if len(gaps) >= 2:
            limit = min(limit, max(1.8 * sorted(gaps)[len(gaps) // 2], 0.9 * em))
        if gap > limit:
            break
        if is_paragraph_band(band, column_width) or _inside_any(band.bbox, stop_boxes, 0.3):
            break
        if len(taken) >= 2 and _reads_as_prose(band, taken, column_width):
            break
        if taken:
            gaps.append(max(gap, 0.0))
        taken.append(band)
        edge = band.bbox[3] if direction == "below" else band.bbox[1]
    return taken


def _reads_as_prose(band: Band, taken: list[Band], column_width: float) -> bool:
    """One run of text much wider than any cell seen so far: the tail of a paragraph or a footnote."""
    words = band.words
    if len(band.lines) > 1 or len(words) < 4 or max_word_gap(words) >= 0.6:
        return False
    width = band.bbox[2] - band.bbox[0]
    widest_cell = max((ln.bbox[2] - ln.bbox[0]) for b in taken for ln in b.lines)
    return width > 1.3 * widest_cell and width > 0.3 * column_width


def _rules_near(rules: Sequence[Rule], box: BBox, size: float) -> list[Rule]:
    """Rules inside the box (partial ones too, like booktabs \\cmidrule), and horizontal rules just above
    or below it that span much of its width (top and bottom rules)."""
    x0, y0, x1, y1 = box
    near: list[Rule] = []
    for rule in rules:
        rx0, ry0, rx1, ry1 = rule.bbox
        overlap = min(x1, rx1) - max(x0, rx0)
        if overlap <= 0:
            continue
        if rule.horizontal:
            inside = y0 < ry0 < y1 and rule.length >= 8
            within = y0 - 1.2 * size <= ry0 <= y1 + 1.2 * size
            if inside or (within and overlap >= 0.3 * (x1 - x0)):
                near.append(rule)
        elif ry0 < y1 + size and ry1 > y0 - size and x0 - size <= rx0 <= x1 + size:
            near.append(rule)
    return near


_NOTE_START = re.compile(r"^(?:(?i:notes?|sources?)\b|[*†‡§¶]|[a-z]\s|[ᵃᵇᶜᵈ])")


def _notes_under(box: BBox, bands: Sequence[Band], already: Sequence[TextLine], size: float) -> list[TextLine]:
    """Lines right under a table that read as its notes ('Note: ...', 'Source: ...', '* p < 0.05'),
    down to the first line that does not."""
    notes: list[TextLine] = []
    bottom = box[3]
    width = box[2] - box[0]
    for band in sorted((b for b in bands if b.bbox[1] >= box[3] - 1), key=lambda b: b.bbox[1]):
        outside = band.bbox[0] < box[0] - 0.25 * width or band.bbox[2] > box[2] + 0.25 * width
        if band.bbox[1] - bottom > 1.2 * size or outside:
            break
        if not notes and not _NOTE_START.match(band.text) and band.size >= 0.95 * size:
            break  # neither marked as a note nor set smaller than the table: the text after the table
        if notes and abs(band.size - notes[0].size) > 0.5:
            break
        if any(ln in already for ln in band.lines):
            bottom = band.bbox[3]
            continue
        notes.extend(band.lines)
        bottom = band.bbox[3]
    return notes


def _split_footnotes(bands: list[Band], rules: list[Rule], size: float) -> tuple[list[Band], list[TextLine]]:
    """Bands below the table's bottom rule are footnotes (kept apart from the grid)."""
    wide = [r for r in rules if r.horizontal]
    if len(wide) < 2:
        return bands, []
    bottom = max(r.bbox[3] for r in wide)
    below = [b for b in bands if b.bbox[1] >= bottom]
    # A table ruled between rows may leave its last row without a rule under it: a band below the
    # last rule that fills most of the cells a row has is a row, and so is everything above it.
    inside = [b for b in bands if b.bbox[1] < bottom]
    widest = max((len(_cells_of(b)) for b in inside), default=2)
    last_row = max((i for i, b in enumerate(below) if len(_cells_of(b)) >= max(2, 0.6 * widest)), default=-1)
    inside += below[:last_row + 1]
    notes = [ln for b in below[last_row + 1:] for ln in b.lines]
    return inside, notes


def _cells_of(band: Band) -> list[list[Word]]:
    return segment_bands([band], (), TableOptions())[0]


def _ruled_regions(page: PageContent, lines: list[TextLine], options: TableOptions,
                   taken: Sequence[BBox] = ()) -> list[Region]:
    """Blocks framed by at least two long horizontal rules of about the same extent, with text between."""
    whole = merge_rules(page.rules)  # rows ruled cell by cell still frame one block
    horizontal = sorted((r for r in whole if r.horizontal and r.length > 40), key=lambda r: r.bbox[1])
    verticals = [r for r in whole if not r.horizontal]
    clusters: list[list[Rule]] = []
    for rule in horizontal:
        for cluster in clusters:
            last = cluster[-1]
            similar = abs(rule.bbox[0] - cluster[0].bbox[0]) < 8 and abs(rule.bbox[2] - cluster[0].bbox[2]) < 8
            if similar and (rule.bbox[1] - last.bbox[3] < 80 or _framed(last, rule, verticals)):
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
        box = _up_to_covering_rule(bbox_union([r.bbox for r in cluster]), whole, lines)
        inner = [ln for ln in lines if _center_inside(ln.bbox, box)]
        drawn_inside = sum(1 for p in page.paths if not p.filled and _center_inside(p.bbox, box))
        if not inner or drawn_inside > 3:
            continue
        rules = [r for r in page.rules if _center_inside(r.bbox, _grow(box, 2))]
        regions.append(Region(bands=tuple(bands_of(inner)), rules=tuple(rules), caption=None))
    return regions


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
    while run and len(run[0][1]) < 2 and not (_is_title_like(run[0][1]) and len(run) > 1 and len(run[1][1]) >= 2):
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
    box = bbox_union([b.bbox for b in bands])
    if any(bbox_intersection(im.bbox, box) > 0.2 * max(1e-6, bbox_area(box)) for im in page.images):
        return None
    size = max(b.size for b in bands)
    rules = _rules_near(page.rules, box, size)
    return Region(bands=bands, rules=tuple(rules), caption=None)


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


def _words_box(words: Sequence[Word]) -> BBox:
    return bbox_union([w.bbox for w in words])


# ------------------------------------------------------------------------------------------- grid
def segment_bands(bands: Sequence[Band], rules: Sequence[Rule], options: TableOptions) -> list[list[list[Word]]]:
    """Split each band into cell segments at wide gaps and at vertical rules."""
    verticals = [r for r in rules if not r.horizontal]
    rows: list[list[list[Word]]] = []
    for band in bands:
        segments: list[list[Word]] = []
        for word in band.words:
            if segments:
                prev = segments[-1][-1]
                gap = word.bbox[0] - prev.bbox[2]
                middle = (word.bbox[1] + word.bbox[3]) / 2  # a rule of the next row may graze a tall glyph box
                ruled = any(prev.bbox[2] - 1 <= v.bbox[0] <= word.bbox[0] + 1 and v.bbox[1] < middle < v.bbox[3]
                            for v in verticals)
                if gap <= options.segment_gap_em * max(word.size, prev.size) and not ruled:
                    segments[-1].append(word)
                    continue
            segments.append([word])
        rows.append(segments)
    return rows


def column_bounds(rows: Sequence[Sequence[Sequence[Word]]], rules: Sequence[Rule], box: BBox) -> list[tuple[float, float]]:
    """Column x-ranges: from vertical rules when the table has them, else from aligned segments of full rows."""
    height = box[3] - box[1]
    verticals = sorted({round((r.bbox[0] + r.bbox[2]) / 2, 0) for r in merge_rules(rules)
                        if not r.horizontal and (r.bbox[3] - r.bbox[1]) > 0.5 * height})
    inner = [x for x in verticals if box[0] + 3 < x < box[2] - 3]
    framed = any(x <= box[0] + 8 for x in verticals) and any(x >= box[2] - 8 for x in verticals)
    if inner and framed:  # a drawn grid; a lone rule after the stub column is not a column grid
        edges = [box[0] - 1] + inner + [box[2] + 1]
        return [(a, b) for a, b in zip(edges, edges[1:]) if b - a > 2]
    counts = [len(r) for r in rows]
    if not counts:
        return []
    widest = max(counts)
    full_rows = [r for r in rows if len(r) >= max(2, 0.75 * widest)] or list(rows)
    intervals = sorted((s[0].bbox[0], s[-1].bbox[2]) for r in full_rows for s in r)
    merged = _merge_intervals(intervals)
    # Labels printed on lines of their own (a \multirow label between its rows) make a column of
    # their own when two or more of them stack clear of every column the full rows use.
    apart = sorted((s[0].bbox[0], s[-1].bbox[2]) for r in rows if r not in full_rows for s in r
                   if not any(min(s[-1].bbox[2], b) - max(s[0].bbox[0], a) > -0.5 for a, b in merged))
    extra = [(a, b, n) for a, b, n in _merge_intervals(apart, count=True) if n >= 2]
    return sorted([(a, b) for a, b in merged] + [(a, b) for a, b, _ in extra])


def _merge_intervals(intervals: list[tuple[float, float]], count: bool = False) -> list:
    """Overlapping x-intervals joined; with count, each joined interval carries how many it holds."""
    merged: list[list[float]] = []
    for x0, x1 in intervals:
        if merged and x0 < merged[-1][1] - 0.5:
            merged[-1][1] = max(merged[-1][1], x1)
            merged[-1][2] += 1
        else:
            merged.append([x0, x1, 1])
    return [(a, b, int(n)) for a, b, n in merged] if count else [(a, b) for a, b, _ in merged]


def trim_trailing_notes(region: Region, options: TableOptions = TableOptions()) -> Region:
    """Lines under the last full row that fill only one cell ('Source: ...', 'Note: ...') are footnotes."""
    rows = segment_bands(region.bands, region.rules, options)
    width = region.bbox[2] - region.bbox[0]
    bottom_rules = [r.bbox[1] for r in region.whole_rules if r.horizontal and r.length >= 0.5 * width]
    closed_above = max(bottom_rules, default=float("-inf"))  # lines above the bottom rule are the table's
    keep = len(rows)
    while keep > 1 and len(rows[keep - 1]) == 1 and any(len(r) >= 2 for r in rows[:keep - 1]) \
            and (region.bands[keep - 1].bbox[1] + region.bands[keep - 1].bbox[3]) / 2 > closed_above:
        keep -= 1
    if keep == len(rows):
        return region
    notes = tuple(ln for band in region.bands[keep:] for ln in band.lines)
    return Region(bands=region.bands[:keep], rules=region.rules, caption=region.caption,
                  footnotes=notes + region.footnotes)


def build_grid(region: Region, options: TableOptions = TableOptions()) -> Grid:
    """Turn a region's bands into a rectangular grid of cells with spans and header rows."""
    rows = segment_bands(region.bands, region.rules, options)
    if column_bounds((), region.rules, region.bbox):  # a drawn grid: cells end at rules, not at wide spaces
        rows = segment_bands(region.bands, region.rules, replace(options, segment_gap_em=1e6))
    lead = _leading_text_rows(rows)
    body = rows[lead:] if len(rows) - lead >= 2 else rows  # header text is centred, numbers are not
    columns = column_bounds(body, region.rules, region.bbox)
    n_rows, n_cols = len(rows), len(columns)
    if n_cols == 0:
        return Grid((), n_rows, 0, 0)
    slots: dict[tuple[int, int], tuple[str, int]] = {}
    middles: dict[tuple[int, int], float] = {}  # each slot's vertical centre, to tell set from centred labels
    spanning = 0
    table_width = columns[-1][1] - columns[0][0]
    partial_rules = [rule for rule in region.rules if rule.horizontal and rule.length < 0.85 * table_width]
    first_full = next((i for i, segs in enumerate(rows) if len(segs) >= n_cols), len(rows))
    verticals = [rule for rule in region.rules if not rule.horizontal]
    frame = _drawn_frame(region, columns)
    for r, segments in enumerate(rows):
        sparse = r < first_full and len(segments) < n_cols
        own = [_columns_covered(seg, columns) for seg in segments]
        shared = _shared_out_columns(segments, columns) if sparse else None
        drawn_cells = [_drawn_cell_columns(seg, columns, frame) if frame else None for seg in segments]
        placed: list[tuple[int, int]] = []
        for k, seg in enumerate(segments):
            first, last = own[k]
            drawn = drawn_cells[k] if drawn_cells.count(drawn_cells[k]) == 1 else None  # two labels, one box
            if drawn is not None:
                first, last = drawn
            elif sparse:
                blocked = {c for j, (a, b) in enumerate(own) if j != k for c in range(a, b + 1)}
                ruled = _group_span(seg, columns, partial_rules, (first, last), blocked)
                first, last = shared[k] if shared and ruled == (first, last) else ruled
                if _crosses_vertical_rule(seg, columns, verticals, first, last):
                    first, last = own[k]
            placed.append((first, last))
        if shared and len(set(placed)) < len(placed):  # labels side by side over one rule share its columns
            placed = [shared[k] if placed.count(placed[k]) > 1 else placed[k] for k in range(len(placed))]
        for seg, (first, last) in zip(segments, placed):
            if (r, first) in slots:  # two segments in one column: one cell
                text, span = slots[(r, first)]
                slots[(r, first)] = (f"{text} {_text(seg)}", max(span, last - first + 1))
                continue
            slots[(r, first)] = (_text(seg), last - first + 1)
            middles[(r, first)] = (min(w.bbox[1] for w in seg) + max(w.bbox[3] for w in seg)) / 2
            spanning += last > first
    n_header = _header_rows(region, rows)
    row_of_band = ruled_row_groups(region)
    row_spans: dict[tuple[int, int], int] = {}
    if row_of_band is not None:  # the rules say where rows end: lines between two rules are one row
        on_baseline = {(row_of_band[b], c) for b, c in _on_shared_baseline(middles, slots, rows)}
        slots = _join_lines_into_rows(slots, row_of_band)
        n_rows = row_of_band[-1] + 1
        n_header = len(set(row_of_band[:n_header]))
        closed = _rule_under(region, row_of_band, columns)
        slots, row_spans = _lift_header_stubs(slots, closed, n_header, on_baseline)
        slots, body_spans = _open_row_spans(slots, closed, n_header, n_rows)
        row_spans.update(body_spans)
    else:
        stacked = n_header >= 2 and _one_header_cell_per_column(region, slots, n_header)
        if stacked:
            slots = _stack_rows(slots, 0, n_header)  # \makecell headers: lines of one header row
            n_rows -= n_header - 1
            n_header = 1
        header_spans: dict[tuple[int, int], int] = {}
        if n_header >= 2 and not stacked:  # a stub head centred across the header rows spans them
            closed = _rule_under(region, list(range(len(rows))), columns)
            slots, header_spans = _lift_header_stubs(slots, closed, n_header, _on_shared_baseline(middles, slots, rows))
        slots, merged = _merge_wrapped_header_rows(slots, n_header if stacked else max(n_header, _leading_text_rows(rows)))
        n_rows -= merged
        n_header = max(1, n_header - merged) if n_header else 0
        slots, row_spans, n_rows = _multirow_labels(slots, n_header, n_rows)
        if not merged:
            row_spans.update(header_spans)
        slots, merged_body = _merge_wrapped_body_rows(slots, n_header, n_rows)
        n_rows -= merged_body
    units = _column_units(slots, n_header, n_cols)
    cells: list[Cell] = []
    covered: set[tuple[int, int]] = set()
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            text, span = slots.get((r, c), ("", 1))
            span = min(span, n_cols - c)
            down = min(row_spans.get((r, c), 1), n_rows - r)
            covered.update((r + i, c + k) for i in range(down) for k in range(span))
            cells.append(_cell(r, c, text, span, r < n_header, units.get(c), down))
    filled = sum(1 for cell in cells if cell.text)
    full = sum(1 for segs in rows if len(segs) == n_cols)
    evidence = {
        "fill_ratio": filled / max(1, n_rows * n_cols),
        "row_consistency": full / max(1, n_rows),
        "spanning_cells": float(spanning),
        "numeric_share": _numeric_share(cells, n_header),
    }
    return Grid(tuple(cells), n_rows, n_cols, n_header, evidence)


def ruled_row_groups(region: Region) -> list[int] | None:
    """The row each band belongs to, when rules drawn between the rows say where rows end.

    A table is ruled row by row when it has three or more wide inner rules and no two lines of numbers
    (or two full lines starting at the left edge) share the space between two rules; then the lines of a
    cell that wraps (and the values centred beside it) lie between the same two rules and form one row.
    None for tables ruled only at the top, under the header and at the bottom, or in groups of rows.
    """
    bands = region.bands
    if len(bands) < 3:
        return None
    x0, _, x1, _ = region.bbox
    width = x1 - x0
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in bands]
    separators = sorted({round((r.bbox[1] + r.bbox[3]) / 2, 1) for r in region.whole_rules
                         if r.horizontal and r.length >= 0.2 * width and centres[0] < r.bbox[1] < centres[-1]})
    wide_ys = [(r.bbox[1] + r.bbox[3]) / 2 for r in region.whole_rules if r.horizontal and r.length >= 0.5 * width]
    wide = [y for y in separators if any(abs(w - y) < 0.2 for w in wide_ys)]
    if len(wide) < 3:
        return None
    groups = [sum(1 for y in separators if y < c) for c in centres]
    ids = sorted(set(groups))
    rank = {g: i for i, g in enumerate(ids)}
    groups = [rank[g] for g in groups]
    sizes = [groups.count(g) for g in range(len(ids))]
    if sum(1 for n in sizes if n == 1) < 0.25 * len(sizes) or max(sizes) > 8:
        return None
    # Two lines of numbers, or two full lines starting at the left edge, between the same two rules are
    # two rows: rules that set off groups of rows (a \midrule after every pair), not a table ruled row by row.
    segments = segment_bands(bands, region.rules, TableOptions())
    numeric = _numeric_rows(segments)
    widest = max(len(s) for s in segments)
    left = min(b.bbox[0] for b in bands)
    starts = [len(s) >= max(2, 0.75 * widest) and b.bbox[0] < left + b.size for s, b in zip(segments, bands)]
    for group in range(len(ids)):
        members = [i for i, g in enumerate(groups) if g == group]
        if sum(numeric[i] for i in members) >= 2 or sum(starts[i] for i in members) >= 2:
            return None
    return groups


def _rule_under(region: Region, row_of_band: list[int], columns: list[tuple[float, float]]):  # type: ignore[no-untyped-def]
    """A test `closed(row, col)`: is a horizontal rule drawn across column `col` between `row` and `row + 1`?"""
    rules = [r for r in region.whole_rules if r.horizontal]
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands]

    def closed(row: int, col: int) -> bool:
        upper = max(c for c, g in zip(centres, row_of_band) if g == row)
        lower = min(c for c, g in zip(centres, row_of_band) if g == row + 1)
        middle = (columns[col][0] + columns[col][1]) / 2
        return any(upper < r.bbox[1] < lower and r.bbox[0] - 1 <= middle <= r.bbox[2] + 1 for r in rules)

    return closed


def _open_row_spans(slots: dict[tuple[int, int], tuple[str, int]], closed, n_header: int,  # type: ignore[no-untyped-def]
                    n_rows: int) -> tuple[dict[tuple[int, int], tuple[str, int]], dict[tuple[int, int], int]]:
    """Row spans in a table ruled row by row: a body cell whose column has no rule above or under it,
    next to empty cells, reaches into those rows (a label drawn across several ruled rows, centred on one
    of them). Its text moves to the top row of its span."""
    def empty(row: int, col: int) -> bool:
        return not slots.get((row, col), ("", 1))[0]

    spans: dict[tuple[int, int], int] = {}
    for (row, col), (text, span) in sorted(slots.items()):
        if row < n_header or not text:
            continue
        top = row
        while top - 1 >= n_header and empty(top - 1, col) and not closed(top - 1, col):
            top -= 1
        bottom = row
        while bottom + 1 < n_rows and empty(bottom + 1, col) and not closed(bottom, col):
            bottom += 1
        if bottom > top:
            if top < row:
                slots = {k: v for k, v in slots.items() if k != (row, col)}
                slots[(top, col)] = (text, span)
            spans[(top, col)] = bottom - top + 1
    return slots, spans


def _on_shared_baseline(middles: dict[tuple[int, int], float], slots: dict[tuple[int, int], tuple[str, int]],
                        rows: list[list[list[Word]]]) -> set[tuple[int, int]]:
    """Slots (band, column) whose text sits on the line of a cell of their band that has a label above it
    (a sub-header under a group label): those labels are set on their row, not centred across rows."""
    under_label = {(b, c) for (b, c) in middles
                   if any(bb < b and cc <= c < cc + span and text for (bb, cc), (text, span) in slots.items())}
    out: set[tuple[int, int]] = set()
    for (band, col), middle in middles.items():
        size = max((w.size for seg in rows[band] for w in seg), default=10.0)
        if any(key[0] == band and key[1] != col and abs(middles[key] - middle) < 0.3 * size for key in under_label):
            out.add((band, col))
    return out


def _lift_header_stubs(slots: dict[tuple[int, int], tuple[str, int]], closed, n_header: int,  # type: ignore[no-untyped-def]
                       on_baseline: set[tuple[int, int]]) -> tuple[dict[tuple[int, int], tuple[str, int]],
                                                               dict[tuple[int, int], int]]:
    """In a fully drawn grid, a header label centred in a cell that no rule divides from the empty cells
    above it is one cell reaching up to the header's top row (a stub head like 'Country' framed across two
    header rows). A label set on the line of its row's other labels stays in that row, as typeset."""
    covered = {(r, c + k) for (r, c), (text, span) in slots.items() for k in range(1, span)}
    spans: dict[tuple[int, int], int] = {}
    for (row, col), (text, span) in sorted(slots.items()):
        if not (0 < row < n_header) or not text or span != 1 or (row, col) in on_baseline:
            continue
        top = row
        while top > 0 and not slots.get((top - 1, col), ("", 1))[0] and (top - 1, col) not in covered \
                and not closed(top - 1, col):
            top -= 1
        if top < row:
            slots = {k: v for k, v in slots.items() if k != (row, col)}
            slots[(top, col)] = (text, 1)
            spans[(top, col)] = row - top + 1
    return slots, spans


def _join_lines_into_rows(slots: dict[tuple[int, int], tuple[str, int]],
                          row_of_band: list[int]) -> dict[tuple[int, int], tuple[str, int]]:
    """Collapse band-indexed slots into rows: texts in one column of one row join top to bottom."""
    out: dict[tuple[int, int], tuple[str, int]] = {}
    for (band, c), (text, span) in sorted(slots.items()):
        key = (row_of_band[band], c)
        if key in out:
            above, above_span = out[key]
            out[key] = (join_wrapped(above, text), max(above_span, span))
        else:
            out[key] = (text, span)
    return out


def _one_header_cell_per_column(region: Region, slots: dict[tuple[int, int], tuple[str, int]], n_header: int) -> bool:
    """Header lines above a rule with no rule between them and no label spanning columns: one header row
    whose cells wrap (or are centred) over several lines."""
    if any(span > 1 for (r, _), (_, span) in slots.items() if r < n_header):
        return False
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands[:n_header]]
    below = [r.bbox[1] for r in region.rules if r.horizontal and r.bbox[1] > centres[-1]]
    if not below:
        return False
    return not any(r.horizontal and centres[0] < r.bbox[1] < centres[-1] for r in region.rules)


def _stack_rows(slots: dict[tuple[int, int], tuple[str, int]], first: int,
                count: int) -> dict[tuple[int, int], tuple[str, int]]:
    """Rows first..first+count-1 joined into row `first`, column by column, top to bottom."""
    for _ in range(count - 1):
        slots = _merge_rows(slots, first)
    return slots


def _merge_wrapped_header_rows(slots: dict[tuple[int, int], tuple[str, int]],
                               n_header: int) -> tuple[dict[tuple[int, int], tuple[str, int]], int]:
    """Join header lines that wrap inside their cells (`per capita` / `GNP ($000)` / `1995`).

    A header line continues the one above when neither holds a spanning group label and every cell
    it fills sits under a filled cell of the line above. Returns the new slots and how many rows went.
    """
    def row(r: int) -> dict[int, tuple[str, int]]:
        return {c: v for (rr, c), v in slots.items() if rr == r}

    merged = 0
    r = 0
    while r + 1 < n_header - merged:
        upper, lower = row(r), row(r + 1)
        plain = all(span == 1 for _, span in upper.values()) and all(span == 1 for _, span in lower.values())
        if plain and lower and set(lower) <= {c for c, (text, _) in upper.items() if text}:
            for c, (text, _) in lower.items():
                slots[(r, c)] = (join_wrapped(upper[c][0], text), 1)
            slots = {((rr - 1) if rr > r + 1 else rr, c): v for (rr, c), v in slots.items() if rr != r + 1}
            merged += 1
            continue
        r += 1
    return slots, merged


def _merge_rows(slots: dict[tuple[int, int], tuple[str, int]], into: int) -> dict[tuple[int, int], tuple[str, int]]:
    """Append row `into + 1`'s cell texts to row `into` and move the rows below up by one."""
    out: dict[tuple[int, int], tuple[str, int]] = {}
    for (r, c), (text, span) in sorted(slots.items()):
        if r == into + 1:
            above = out.get((into, c))
            out[(into, c)] = (join_wrapped(above[0], text), max(above[1], span)) if above else (text, span)
        else:
            out[(r - 1 if r > into + 1 else r, c)] = (text, span)
    return out


def _multirow_labels(slots: dict[tuple[int, int], tuple[str, int]], n_header: int,
                     n_rows: int) -> tuple[dict[tuple[int, int], tuple[str, int]], dict[tuple[int, int], int], int]:
    """A first-column label printed on its own line between two rows that have no label of their own
    spans both (LaTeX \\multirow): it moves to the upper row with row_span 2 and its line goes."""
    def filled(r: int) -> set[int]:
        return {c for (rr, c), (text, _) in slots.items() if rr == r and text}

    row_spans: dict[tuple[int, int], int] = {}
    r = n_header
    while r + 2 < n_rows:
        above, label, below = filled(r), filled(r + 1), filled(r + 2)
        text = slots.get((r + 1, 0), ("", 1))[0]
        continuation = bool(text) and (text[0].islower() or text[0] in "(-–&")
        if label == {0} and not continuation and above and below and 0 not in above and 0 not in below:
            moved = slots.pop((r + 1, 0))
            slots = {((rr - 1) if rr > r + 1 else rr, c): v for (rr, c), v in slots.items()}
            slots[(r, 0)] = moved
            row_spans[(r, 0)] = 2
            n_rows -= 1
            r += 2
            continue
        r += 1
    return slots, row_spans, n_rows


def _merge_wrapped_body_rows(slots: dict[tuple[int, int], tuple[str, int]], n_header: int,
                             n_rows: int) -> tuple[dict[tuple[int, int], tuple[str, int]], int]:
    """Join body rows that are one row whose first-column label wraps over two or three lines.

    Three shapes: a label line with the values on a lower line (values centred on the wrapped label),
    a values row followed by a label continuation that starts in lower case or with '(', and a
    labelled row followed by a line that only continues its text cells.
    """
    def filled(r: int) -> set[int]:
        return {c for (rr, c), (text, _) in slots.items() if rr == r and text}

    def continues(r: int) -> bool:
        text = slots.get((r, 0), ("", 1))[0]
        return filled(r) == {0} and bool(text) and (text[0].islower() or text[0] in "(-–&")

    merged = 0
    r = n_header
    while r + 1 < n_rows - merged:
        here, below = filled(r), filled(r + 1)
        if here == {0} and below and 0 not in below:
            slots = _merge_rows(slots, r)
            merged += 1
            if r + 1 < n_rows - merged and continues(r + 1):
                slots = _merge_rows(slots, r)
                merged += 1
            continue
        if 0 in here and len(here) > 1 and continues(r + 1):
            slots = _merge_rows(slots, r)
            merged += 1
            continue
        if 0 in here and below and 0 not in below and below <= here and all(
                parse_cell(slots[(r, c)][0]).value is None for c in below):
            slots = _merge_rows(slots, r)  # a text cell wrapping onto a line of its own
            merged += 1
            continue
        r += 1
    return slots, merged


_BROKEN_WORD = re.compile(r"[^\W\d_][-‐]$")


def join_wrapped(upper: str, lower: str) -> str:
    """A cell's text wrapped over two lines, joined as read: `crystallo-` + `graphic` is one word again
    (a hyphen inside a compound, `state-of-the-`, stays)."""
    upper, lower = upper.strip(), lower.strip()
    if not upper or not lower:
        return upper or lower
    if _BROKEN_WORD.search(upper) and lower[0].islower():
        inner_hyphen = "-" in upper.split()[-1][:-1]
        return upper + lower if inner_hyphen else upper[:-1] + lower
    return f"{upper} {lower}"


def _columns_covered(segment: Sequence[Word], columns: list[tuple[float, float]]) -> tuple[int, int]:
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    hits = [i for i, (a, b) in enumerate(columns) if min(x1, b) - max(x0, a) > 0.5]
    if not hits:
        centre = (x0 + x1) / 2
        nearest = min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - centre))
        return nearest, nearest
    return hits[0], hits[-1]


def _shared_out_columns(segments: Sequence[Sequence[Word]],
                        columns: list[tuple[float, float]]) -> list[tuple[int, int]] | None:
    """Group labels side by side in one header row ('Finland  EU-15  EU-25'): each takes the columns
    whose centres lie within half the distance to its neighbouring labels, when all of them get a
    contiguous run of two or more columns. None when that does not hold."""
    if len(segments) < 2:
        return None
    centres = [(seg[0].bbox[0] + seg[-1].bbox[2]) / 2 for seg in segments]
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    if min(gaps) <= 0:
        return None
    result = []
    for k, centre in enumerate(centres):
        left = gaps[k - 1] / 2 if k > 0 else gaps[0] / 2
        right = gaps[k] / 2 if k < len(gaps) else gaps[-1] / 2
        reach = min(left, right) if 0 < k < len(gaps) else (right if k == 0 else left)
        under = [i for i, (a, b) in enumerate(columns) if centre - reach <= (a + b) / 2 <= centre + reach]
        if len(under) < 2 or under != list(range(under[0], under[-1] + 1)):
            return None
        result.append((under[0], under[-1]))
    if any(a[1] >= b[0] for a, b in zip(result, result[1:])):
        return None
    return result


def _drawn_frame(region: Region, columns: list[tuple[float, float]]) -> list[Rule]:
    """The vertical rules of a table drawn as a grid (rules at both outer edges); empty when it is not."""
    verticals = [r for r in region.whole_rules if not r.horizontal and r.length >= 4]
    if len(columns) < 2:
        return []
    left, right = region.bbox[0], region.bbox[2]
    at_left = any(abs((v.bbox[0] + v.bbox[2]) / 2 - left) < 8 for v in verticals)
    at_right = any(abs((v.bbox[0] + v.bbox[2]) / 2 - right) < 8 for v in verticals)
    return verticals if at_left and at_right else []


def _drawn_cell_columns(segment: Sequence[Word], columns: list[tuple[float, float]],
                        frame: Sequence[Rule]) -> tuple[int, int] | None:
    """The columns of the drawn cell holding a segment: those between the nearest vertical rules left and
    right of it at its height. A label across several columns has no rule between them."""
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    middle = (min(w.bbox[1] for w in segment) + max(w.bbox[3] for w in segment)) / 2
    xs = [(v.bbox[0] + v.bbox[2]) / 2 for v in frame if v.bbox[1] - 1 <= middle <= v.bbox[3] + 1]
    lefts = [x for x in xs if x <= x0 + 1]
    rights = [x for x in xs if x >= x1 - 1]
    if not lefts or not rights:
        return None
    left, right = max(lefts), min(rights)
    inside = [i for i, (a, b) in enumerate(columns) if left - 1 <= (a + b) / 2 <= right + 1]
    return (inside[0], inside[-1]) if inside else None


def _crosses_vertical_rule(segment: Sequence[Word], columns: list[tuple[float, float]],
                           verticals: Sequence[Rule], first: int, last: int) -> bool:
    """A span from column `first` to `last` would cross a vertical rule drawn beside the segment's line."""
    top = min(w.bbox[1] for w in segment)
    bottom = max(w.bbox[3] for w in segment)
    middle = (top + bottom) / 2
    for left, right in zip(columns[first:last], columns[first + 1:last + 1]):
        if any(left[1] - 2 <= (v.bbox[0] + v.bbox[2]) / 2 <= right[0] + 2 and v.bbox[1] <= middle <= v.bbox[3]
               for v in verticals):
            return True
    return False


def _group_span(segment: Sequence[Word], columns: list[tuple[float, float]], rules: Sequence[Rule],
                covered: tuple[int, int], blocked: set[int] = frozenset()) -> tuple[int, int]:
    """Columns a group label spans: those under the partial rule just below it (booktabs \\cmidrule),
    else the run of up to four neighbouring columns it is centred over, when that fits clearly better."""
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    bottom = max(w.bbox[3] for w in segment)
    size = max(w.size for w in segment)
    centre = (x0 + x1) / 2
    for rule in rules:
        below = bottom - 1 <= rule.bbox[1] <= bottom + 1.5 * size
        if below and rule.bbox[0] - 1 <= centre <= rule.bbox[2] + 1 and rule.bbox[0] - size <= x0 and x1 <= rule.bbox[2] + size:
            under = [i for i, (a, b) in enumerate(columns) if rule.bbox[0] - 2 <= (a + b) / 2 <= rule.bbox[2] + 2]
            if under:
                return under[0], under[-1]
    first, last = covered
    if first != last:
        return covered
    best, best_error = covered, abs(sum(columns[first]) / 2 - centre)
    for lo in range(max(0, first - 3), first + 1):
        for hi in range(first, min(len(columns), lo + 4)):
            if hi == lo or any(c in blocked for c in range(lo, hi + 1)):
                continue
            error = abs((columns[lo][0] + columns[hi][1]) / 2 - centre)
            if error < best_error - 1.0 and error < 0.04 * (columns[hi][1] - columns[lo][0]):
                best, best_error = (lo, hi), error
    return best


def _header_rows(region: Region, rows: list[list[list[Word]]]) -> int:
    """Rows above the first wide horizontal rule between the table's lines; else 1 when row 0 is text over
    numbers. A partial rule under a group label, with a full-width rule a row or two below it, is not the
    header's end: the full rule is."""
    box = region.bbox
    width = box[2] - box[0]
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands]
    inner = [r for r in region.whole_rules if r.horizontal and centres[0] < r.bbox[1] < centres[-1]]
    wide = sorted(r.bbox[1] for r in inner if r.length >= 0.6 * width)
    if wide:
        full = sorted(r.bbox[1] for r in inner if r.length >= 0.9 * width)
        end = wide[0]
        if full and full[0] > end and sum(1 for c in centres if end < c < full[0]) <= 2:
            end = full[0]
        return sum(1 for c in centres if c < end)
    if not any(_numeric_rows(rows)):
        return 1 if len(rows) >= 2 else 0
    return _leading_text_rows(rows)


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_NUMBER_WITH_SHARE = re.compile(r"^[-+−]?\d[\d,.]*\s*\(\s*[-+−]?\d[\d,.]*\s*%?\s*\)$")  # `63 (18.5%)`


def _numeric_rows(rows: list[list[list[Word]]]) -> list[bool]:
    """Rows holding a number outside the first column; years (header labels like '1996') do not count."""
    def numeric(text: str) -> bool:
        text = text.strip()
        if _YEAR.match(text):
            return False
        return parse_cell(text).value is not None or bool(_NUMBER_WITH_SHARE.match(text))

    return [any(numeric(_text(seg)) for seg in row[1:]) for row in rows]


def _leading_text_rows(rows: list[list[list[Word]]]) -> int:
    """Rows before the first one holding a number outside the first column (at most half the table).
    A first row of quantities with units over plain numbers (`0.5 T  1.0 T` over `−0.82  −1.64`) is a header."""
    numeric = _numeric_rows(rows)
    if not any(numeric):
        return 0
    lead = min(numeric.index(True), max(1, len(rows) // 2))
    if lead == 0 and len(rows) >= 3 and _is_unit_header(rows[0], rows[1:]):
        return 1
    return lead


def _is_unit_header(first: list[list[Word]], below: list[list[list[Word]]]) -> bool:
    """Every cell after the first carries a unit, and the rows below carry none."""
    heads = [parse_cell(_text(seg)) for seg in first[1:]]
    if len(heads) < 2 or not all(h.value is not None and h.unit for h in heads):
        return False
    body = [parse_cell(_text(seg)) for row in below for seg in row[1:]]
    return bool(body) and sum(1 for b in body if b.unit) < 0.2 * len(body)


def _column_units(slots: dict[tuple[int, int], tuple[str, int]], n_header: int, n_cols: int) -> dict[int, str]:
    units: dict[int, str] = {}
    for (r, c), (text, span) in slots.items():
        if r < n_header:
            unit = header_unit(text)
            if unit:
                for k in range(span):
                    units[c + k] = unit
    return units


def _cell(row: int, col: int, text: str, span: int, is_header: bool, column_unit: str | None,
          row_span: int = 1) -> Cell:
    parsed = parse_cell(text) if not is_header else None
    value = parsed.value if parsed else None
    unit = (parsed.unit if parsed else None) or (column_unit if value is not None else None)
    return Cell(row=row, col=col, text=text, row_span=row_span, col_span=span, is_header=is_header, value=value,
                uncertainty=parsed.uncertainty if parsed else None, unit=unit)


def _numeric_share(cells: Sequence[Cell], n_header: int) -> float:
    body = [c for c in cells if c.row >= n_header and c.text]
    return sum(1 for c in body if c.value is not None) / max(1, len(body))


# ------------------------------------------------------------------------------------------- item
def _to_item(page: PageContent, region: Region, grid: Grid) -> TableItem:
    evidence = dict(grid.evidence)
    horizontal = [r for r in region.rules if r.horizontal]
    evidence["caption"] = 1.0 if region.caption else 0.0
    evidence["rules"] = 1.0 if len(horizontal) >= 2 else 0.0
    confidence = table_confidence(evidence)
    footnotes = " ".join(ln.text for ln in region.footnotes) or None
    return TableItem(
        page=page.number,
        bbox=_clip(region.bbox, page),
        cells=grid.cells,
        n_rows=grid.n_rows,
        n_cols=grid.n_cols,
        n_header_rows=grid.n_header_rows,
        confidence=confidence,
        method=EXTRACTOR.method,
        label=region.caption.label if region.caption else None,
        caption=region.caption.text if region.caption else None,
        footnotes=footnotes,
        evidence=tuple(sorted(evidence.items())),
    )


def table_confidence(evidence: dict[str, float]) -> float:
    """A first, uncalibrated confidence from structural evidence; review outcomes will calibrate it."""
    score = (0.2 + 0.25 * evidence.get("caption", 0.0) + 0.15 * evidence.get("rules", 0.0)
             + 0.2 * evidence.get("fill_ratio", 0.0) + 0.2 * evidence.get("row_consistency", 0.0))
    return round(min(1.0, max(0.0, score)), 4)


def _text(segment: Sequence[Word]) -> str:
    return " ".join(w.text for w in segment)


def _inside_any(box: BBox, others: Sequence[BBox], share: float = 0.5) -> bool:
    area = max(1e-6, (box[2] - box[0]) * (box[3] - box[1]))
    return any(bbox_intersection(box, o) / area > share for o in others)


def _center_inside(box: BBox, outer: BBox) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def _grow(box: BBox, by: float) -> BBox:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _clip(box: BBox, page: PageContent) -> BBox:
    return (max(0.0, box[0]), max(0.0, box[1]), min(page.width, box[2]), min(page.height, box[3]))


