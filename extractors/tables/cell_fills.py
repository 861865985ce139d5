"""Cells drawn as filled rectangles with white gaps between them and no stroked rule (spreadsheet exports,
the random corpus's `filled_cells`): the gaps are the table's rules. Each cell gives its own edges, so a cell
spanning rows or columns leaves the boundary open where it crosses it, as a ruled grid drawn round its
spanning cells does, and the grid builder reads row spans, stub heads across header rows and group labels'
columns from the drawing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extractors.page_content import PageContent, Rule
from extractors.tables.base import Region
from extractors.tables.geometry import _center_inside, _grow
from extractors.tables.layout_regions import EDGE_MERGE, MIN_FILLED_CELLS, _overlapping
from extractors.types import BBox

TILED_SHARE = 0.5  # at least this share of the rectangles has a neighbour beside it and one above or below


def with_cell_fill_rules(page: PageContent, region: Region) -> Region:
    """The region with the edges of its filled cells as rules, when it has no rule of its own between its
    lines and the rectangles tile it like cells (none on top of another, most with neighbours across a thin
    gap both beside and above or below: not zebra stripes or a shaded header band)."""
    if not region.bands:
        return region
    region = _with_band_cells(page, region)
    if _inner_rules(region):
        return _with_filled_rows(page, region)
    box = region.bbox
    cells = [s.bbox for s in page.shapes if s.fill is not None and s.n_rects and not s.n_curves
             and _center_inside(s.bbox, _grow(box, 2.0)) and s.bbox[2] - s.bbox[0] > 4 and s.bbox[3] - s.bbox[1] > 4
             and min(s.fill) < 0.99]
    if len(cells) < MIN_FILLED_CELLS or _overlapping(cells) or not _tiled(cells):
        return _with_filled_rows(page, region)
    return replace(region, rules=region.rules + cell_edges(cells))


ROW_SPAN_SHARE = 0.8  # a row of cell fills across this share of the table's width is a filled row
STROKE_GAP = 1.0  # points: fills of neighbouring cells this far apart abut across a rule's stroke


def _with_filled_rows(page: PageContent, region: Region) -> Region:
    """A row filled cell by cell (colortbl's `\\rowcolor`: one rectangle a cell, abutting or a vertical rule's
    stroke apart) across the table gives its top and bottom edges as rules: the header band under which no rule is
    drawn (ULSA Table 3's green heads over the first row group) reads apart from the rows under it."""
    x0, _, x1, _ = region.bbox
    near = _grow(region.bbox, 2.0)
    boxes = sorted((s.bbox for s in page.shapes if s.fill is not None and not s.n_curves and len(s.subpaths) == 1
                    and _rectangles(s.subpaths) and min(s.fill) < 0.99 and _center_inside(s.bbox, near)),
                   key=lambda b: (round(b[1]), round(b[3]), b[0]))
    added: list[Rule] = []
    run: list[BBox] = []
    for box in [*boxes, None]:
        if run and box is not None and abs(box[1] - run[-1][1]) <= 0.5 and abs(box[3] - run[-1][3]) <= 0.5 \
                and -0.5 <= box[0] - run[-1][2] <= STROKE_GAP:
            run.append(box)
            continue
        if len(run) >= 2 and run[-1][2] - run[0][0] >= ROW_SPAN_SHARE * (x1 - x0):
            added += [Rule((run[0][0], y - 0.25, run[-1][2], y + 0.25), True, 0.5) for y in (run[0][1], run[0][3])]
        run = [box] if box is not None else []
    return replace(region, rules=region.rules + tuple(added)) if added else region


def _rectangles(subpaths: Sequence[Sequence[tuple[float, float]]]) -> list[BBox] | None:
    """The boxes of a drawing whose every subpath is an upright rectangle, else None."""
    boxes = []
    for sub in subpaths:
        xs, ys = sorted({round(x, 1) for x, _ in sub}), sorted({round(y, 1) for _, y in sub})
        if len(sub) not in (4, 5) or len(xs) != 2 or len(ys) != 2:
            return None
        boxes.append((xs[0], ys[0], xs[1], ys[1]))
    return boxes


def _with_band_cells(page: PageContent, region: Region) -> Region:
    """A shaded header band drawn as one fill of abutting cell rectangles (WHO reports: white heads on a red
    band, no rule under it nor between its rows): the rectangles' edges are the band's rules, so its rows and
    its group labels' cells read apart from each other and from the first body row."""
    box = _grow(region.bbox, 2.0)
    added: list[Rule] = []
    for shape in page.shapes:
        if shape.fill is None or shape.n_curves or len(shape.subpaths) < 2 or min(shape.fill) >= 0.99 \
                or not _center_inside(shape.bbox, box):
            continue
        cells = _rectangles(shape.subpaths)
        if cells and not _overlapping(cells) and _abutting(cells):
            added += cell_edges(cells)
    return replace(region, rules=region.rules + tuple(added)) if added else region


def _abutting(cells: Sequence[BBox]) -> bool:
    """Every rectangle shares a stretch of edge with another: cells of one band, not scattered marks."""
    def touch(a: BBox, b: BBox) -> bool:
        side = (abs(a[2] - b[0]) <= 0.5 or abs(b[2] - a[0]) <= 0.5) and min(a[3], b[3]) - max(a[1], b[1]) > 2
        level = (abs(a[3] - b[1]) <= 0.5 or abs(b[3] - a[1]) <= 0.5) and min(a[2], b[2]) - max(a[0], b[0]) > 2
        return side or level
    return all(any(touch(a, b) for j, b in enumerate(cells) if j != i) for i, a in enumerate(cells))


def _inner_rules(region: Region) -> list[Rule]:
    """Horizontal rules between the region's first and last lines."""
    top, bottom = region.bands[0].bbox[3], region.bands[-1].bbox[1]
    return [r for r in region.rules if r.horizontal and top < r.bbox[1] < bottom]


def _tiled(cells: Sequence[BBox]) -> bool:
    """Most rectangles have a neighbour across a thin gap beside them and one above or below them."""
    def beside(a: BBox, b: BBox) -> bool:
        return 0 <= b[0] - a[2] <= EDGE_MERGE and min(a[3], b[3]) - max(a[1], b[1]) > 2

    def under(a: BBox, b: BBox) -> bool:
        return 0 <= b[1] - a[3] <= EDGE_MERGE and min(a[2], b[2]) - max(a[0], b[0]) > 2

    sideways = {i for i, a in enumerate(cells) for j, b in enumerate(cells) if beside(a, b) or beside(b, a)}
    stacked = {i for i, a in enumerate(cells) for j, b in enumerate(cells) if under(a, b) or under(b, a)}
    return len(sideways & stacked) >= TILED_SHARE * len(cells)


def cell_edges(cells: Sequence[BBox]) -> tuple[Rule, ...]:
    """Each rectangle's four edges as rules, each edge moved to the middle of the white gap it shares with
    its neighbours' edges (edges within EDGE_MERGE of each other are one boundary)."""
    rules: list[Rule] = []
    for horizontal, lo, hi in ((True, 1, 3), (False, 0, 2)):
        edges = sorted({round(c[i], 1) for c in cells for i in (lo, hi)})
        middle: dict[float, float] = {}
        group: list[float] = []
        for edge in [*edges, float("inf")]:
            if group and edge - group[-1] > EDGE_MERGE:
                middle.update({e: (group[0] + group[-1]) / 2 for e in group})
                group = []
            group.append(edge)
        for c in cells:
            for i in (lo, hi):
                at = middle[round(c[i], 1)]
                if horizontal:
                    rules.append(Rule((c[0], at - 0.25, c[2], at + 0.25), True, 0.5))
                else:
                    rules.append(Rule((at - 0.25, c[1], at + 0.25, c[3]), False, 0.5))
    return tuple(rules)
