"""Candidate table regions of a page, from the three finders in order (caption-anchored, ruled, aligned);
an uncaptioned candidate must build a grid of text, and never overlaps one found before it."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import is_paragraph_band, text_width
from extractors.model import Caption
from extractors.page_content import PageContent
from extractors.tables.aligned import _aligned_regions
from extractors.tables.base import Region, TableOptions
from extractors.tables.caption_columns import _column_lines
from extractors.tables.captioned import (
    RUNNING_TEXT_WORDS,
    Sides,
    _beside_sibling_captions,
    _turned_header_lines,
    caption_candidates,
)
from extractors.tables.geometry import _inside_any
from extractors.tables.grid import build_grid
from extractors.tables.ruled import _ruled_regions
from extractors.tables.segments import _cells_of
from extractors.types import BBox, bbox_area, bbox_intersection


def table_regions(page: PageContent, captions: Sequence[Caption], options: TableOptions,
                  exclude: Sequence[BBox] = ()) -> list[Region]:
    """Candidate table regions: one per table caption that has rows beside it, then ruled blocks,
    then runs of column-aligned rows; a later candidate never overlaps an earlier one."""
    caption_boxes = [c.bbox for c in captions]
    body_lines = [ln for ln in page.lines if ln.horizontal and not _inside_any(ln.bbox, caption_boxes)]
    column_width = text_width(page)
    header_turned = _turned_header_lines(page, body_lines)
    sides = [caption_candidates(caption, _beside_sibling_captions(
                 caption, captions, _column_lines(page, caption, body_lines + header_turned, column_width)),
                 page, column_width, options, captions, exclude,
                 _beside_sibling_captions(caption, captions, body_lines + header_turned))
             for caption in captions if caption.kind == "table"]
    regions = _one_region_per_caption(sides)
    taken = [r.bbox for r in regions] + list(exclude)
    for finder in (_ruled_regions, _aligned_regions):
        for region in finder(page, body_lines, options, taken):
            if not any(bbox_intersection(region.bbox, t) > 0 for t in taken) and _is_grid(region, options, column_width):
                regions.append(region)
                taken.append(region.bbox)
    return regions


def _one_region_per_caption(sides: Sequence[Sides]) -> list[Region]:
    """Each caption's rows, no rows labelled twice. Where a caption has rows on one side only, that side is
    the page's style (all such captions agreeing) and a caption with rows on both sides takes it. Where two
    captions would label the same rows, the captions all take the same side, below or above, if that labels
    no rows twice (DP-Bench 190: under 'Table 6', set below its table, the next table's rows were read as
    Table 6 and as Table 7, and Table 6 itself went out unlabelled); else the earlier caption keeps them."""
    single = {next(iter(s.found)) for s in sides if len(s.found) == 1}
    prefer = next(iter(single)) if len(single) == 1 else None
    natural = [choose_side(candidate, prefer) for candidate in sides]
    if _apart(natural):
        return [r for r in natural if r is not None]
    for side in ("above", "below"):
        uniform = [c.found[side][1] if side in c.found else choose_side(c) for c in sides]
        if _apart(uniform):
            return [r for r in uniform if r is not None]
    regions: list[Region] = []
    for candidate, first in zip(sides, natural):
        options = [first] + [r for _, r in candidate.found.values() if r is not first]
        region = next((r for r in options if r is not None and not any(_shared(r, o) for o in regions)), None)
        if region is not None:
            regions.append(region)
    return regions


def choose_side(sides: Sides, prefer: str | None = None) -> Region | None:
    """One side's region: the only one found, the side the page's other captions show (`prefer`) unless it
    holds running text and the other side a table, rows clearly closer above, or running text below and a
    table above; else below."""
    found = sides.found
    if len(found) < 2:
        return next(iter(found.values()))[1] if found else None
    (gap_below, below), (gap_above, above) = found["below"], found["above"]
    if prefer in found:
        other = above if prefer == "below" else below
        if _running_text_share(found[prefer][1]) >= 0.5 and _running_text_share(other) < 0.25:
            return other  # the page's style never labels running text when a table lies on the other side
        return found[prefer][1]
    if gap_above < gap_below - 0.5 * sides.size:
        return above  # rows right above the caption, and others further below: a caption under its table
    if _running_text_share(below) >= 0.5 and _running_text_share(above) < 0.25:
        return above  # running text below (the columns of the text body), a table above: a caption under it
    return below


def _running_text_share(region: Region) -> float:
    """The share of a region's rows holding a run of running text (a cell of many words): a column of the
    text body beside the rows makes every row one."""
    rows = [any(len(cell) >= RUNNING_TEXT_WORDS for cell in _cells_of(band)) for band in region.bands]
    return sum(rows) / max(len(rows), 1)


def _apart(regions: Sequence[Region | None]) -> bool:
    """Whether no two of the regions hold the same rows."""
    present = [r for r in regions if r is not None]
    return not any(_shared(a, b) for i, a in enumerate(present) for b in present[i + 1:])


def _shared(a: Region, b: Region) -> bool:
    """Whether two regions hold more than half of the smaller one's area in common (the same rows)."""
    smaller = min(bbox_area(a.bbox), bbox_area(b.bbox))
    return bbox_intersection(a.bbox, b.bbox) > 0.5 * max(smaller, 1e-6)


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
