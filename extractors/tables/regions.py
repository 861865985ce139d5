"""Candidate table regions of a page, from the three finders in order (caption-anchored, ruled, aligned);
an uncaptioned candidate must build a grid of text, and never overlaps one found before it."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import is_paragraph_band, text_width
from extractors.model import Caption
from extractors.page_content import PageContent
from extractors.tables.aligned import _aligned_regions
from extractors.tables.base import Region, TableOptions
from extractors.tables.captioned import (
    _beside_sibling_captions,
    _caption_region,
    _column_lines,
    _turned_header_lines,
)
from extractors.tables.geometry import _inside_any
from extractors.tables.grid import build_grid
from extractors.tables.ruled import _ruled_regions
from extractors.types import BBox, bbox_intersection


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
