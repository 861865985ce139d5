"""Vector table finder: words with boxes plus ruling lines in, table grids out.

The chain, each step a pure function on page records:
    table_regions (caption-anchored, then rule-anchored, then aligned) → trim_trailing_notes
    → segment_bands → column_bounds → build_grid (header rows, row spans, wrapped rows) → TableItem
The engine sees only Words, TextLines and Rules, so words from OCR can feed it for scanned pages.

Modules, lowest first; each imports only modules listed before it: geometry, base (TableOptions, Region,
Grid), leaders, segments, cell_borders, columns, column_gaps, slots (SlotGrid), header, spans, grid, notes,
captioned, ruled, aligned, regions; cell_fills (after layout_regions) gives a region of filled cells its rules
before build_grid.
This module is the entry point: find_tables, and the TableItem (with its confidence) each table becomes.
layout_evidence (the layout model's second opinion on uncaptioned tables) runs after find_tables, in
extractors/pipeline.py, where the page's layout regions are at hand.
EXTRACTOR lives here, where find_tables reads it, so patching tables.EXTRACTOR reaches the items too.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from extractors.model import Caption, ExtractorInfo, TableItem
from extractors.page_content import PageContent
from extractors.tables.base import Grid, Region, TableOptions
from extractors.tables.cell_fills import with_cell_fill_rules
from extractors.tables.columns import column_bounds
from extractors.tables.geometry import _clip, merge_rules
from extractors.tables.grid import build_grid
from extractors.tables.layout_regions import layout_table_regions
from extractors.tables.leaders import without_leaders
from extractors.tables.notes import trim_trailing_notes
from extractors.tables.regions import table_regions
from extractors.tables.segments import segment_bands
from extractors.tables.slots import Slot, SlotGrid, join_wrapped
from extractors.tables.spans import ruled_row_groups
from extractors.tables.typed_rules import with_typed_rules
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

__all__ = ["EXTRACTOR", "Grid", "Region", "Slot", "SlotGrid", "TableOptions", "build_grid", "column_bounds",
           "extend_to_layout", "find_tables", "find_tables_in_boxes", "join_wrapped", "merge_rules", "ruled_row_groups", "segment_bands",
           "table_confidence", "table_regions", "trim_trailing_notes"]


EXTRACTOR = ExtractorInfo("paperlake-vector-tables", "0.3.0")


def find_tables(page: PageContent, captions: Sequence[Caption],
                options: TableOptions = TableOptions(),  # noqa: B008 (frozen: one shared default is safe)
                exclude: Sequence[BBox] = ()) -> list[TableItem]:
    """Every table on the page, caption-anchored ones first, then tables found by their rules alone."""
    items: list[TableItem] = []
    page = with_typed_rules(without_leaders(page))
    for region in table_regions(page, captions, options, exclude):
        region = with_pictures(page, with_cell_fill_rules(page, trim_trailing_notes(region, options)))
        grid = build_grid(region, options)
        if grid.n_rows < options.min_rows or grid.n_cols < options.min_cols:
            continue
        items.append(_to_item(page, region, grid))
    return items


def find_tables_in_boxes(page: PageContent, boxes: Sequence[BBox], captions: Sequence[Caption],
                         options: TableOptions = TableOptions(),  # noqa: B008 (frozen: one shared default is safe)
                         taken: Sequence[BBox] = (), claimed: Sequence[str] = ()) -> list[TableItem]:
    """Tables inside the boxes a layout model calls tables, where the finders found none (`taken`: what
    tables and figures already hold; `claimed`: table labels already used). Cells come from the page's
    own words and rules; the evidence says the extent came from the model (`layout_anchored`)."""
    items: list[TableItem] = []
    page = with_typed_rules(without_leaders(page))
    for region in layout_table_regions(page, boxes, captions, taken, claimed):
        region = trim_trailing_notes(region, options)
        grid = build_grid(region, options)
        if grid.n_rows < options.min_rows or grid.n_cols < options.min_cols:
            continue
        item = _to_item(page, region, grid)
        evidence = dict(item.evidence) | {"layout_anchored": 1.0}
        items.append(dataclasses.replace(item, evidence=tuple(sorted(evidence.items()))))
    return items


def extend_to_layout(page: PageContent, table: TableItem, boxes: Sequence[BBox], captions: Sequence[Caption],
                     options: TableOptions = TableOptions(),  # noqa: B008 (frozen: one shared default is safe)
                     others: Sequence[BBox] = ()) -> TableItem:
    """A captioned table cut short (its collection stopped at a prose-like row) read again over the extent of
    the layout model's table box around it, when that box reaches clearly further; the table as it was
    when no box does, or when the longer reading has fewer rows or another shape of columns."""
    own = [c for c in captions if c.kind == "table" and c.label == table.label]
    for box in boxes:
        if bbox_intersection(box, table.bbox) < 0.5 * max(bbox_area(table.bbox), 1e-6):
            continue
        line = max((table.bbox[3] - table.bbox[1]) / max(table.n_rows, 1), 6.0)
        if box[3] < table.bbox[3] + 1.5 * line and box[1] > table.bbox[1] - 1.5 * line:
            continue
        extent = bbox_union([box, table.bbox])
        longer = find_tables_in_boxes(page, [extent], own, options, taken=others)
        if longer and longer[0].n_rows > table.n_rows and longer[0].n_cols == table.n_cols \
                and longer[0].label == table.label and not _adds_equations(table, longer[0]):
            evidence = dict(longer[0].evidence) | {"layout_extended": float(longer[0].n_rows - table.n_rows)}
            evidence.pop("layout_anchored", None)
            return dataclasses.replace(longer[0], evidence=tuple(sorted(evidence.items())))
    return table


_EQUATION = re.compile(r"=|^\(\d+[a-z]?\)$")  # a relation, or an equation number alone in its cell


def _adds_equations(table: TableItem, longer: TableItem) -> bool:
    """Whether the longer reading took in display equations (the layout model's box can hold the math
    set right above a table): a new cell with `=` or an equation number."""
    before = {c.text for c in table.cells}
    return any(_EQUATION.search(c.text) for c in longer.cells if c.text and c.text not in before)


def with_pictures(page: PageContent, region: Region) -> Region:
    """The region with the page's images whose centres lie inside its box (what a column of pictures holds)."""
    box = region.bbox
    inside = tuple(im.bbox for im in page.images if box[0] <= (im.bbox[0] + im.bbox[2]) / 2 <= box[2]
                   and box[1] <= (im.bbox[1] + im.bbox[3]) / 2 <= box[3])
    return dataclasses.replace(region, pictures=inside) if inside else region


def _to_item(page: PageContent, region: Region, grid: Grid) -> TableItem:
    evidence = dict(grid.evidence)
    horizontal = [r for r in region.rules if r.horizontal]
    evidence["caption"] = 1.0 if region.caption else 0.0
    evidence["rules"] = 1.0 if len(horizontal) >= 2 else 0.0
    confidence = table_confidence(evidence)
    headnote = [region.caption.note] if region.caption and region.caption.note else []
    footnotes = " ".join(headnote + [ln.text for ln in region.footnotes]) or None
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
