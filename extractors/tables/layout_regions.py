"""Table regions the layout model found where the vector finders found none: its box gives the extent,
the page's own words and rules inside it give the cells (the model's text is never used).

Tables drawn with filled cells instead of rules (spreadsheet exports, shaded grids) and forms whose body
columns are still empty fail the finders' own tests; a table box from the layout model is the evidence
they lack. A table caption just above or below the box, that no table has claimed, labels it.
"""
from __future__ import annotations

from collections.abc import Sequence

from extractors.layout import bands_of
from extractors.model import Caption, FigureItem, TableItem
from extractors.page_content import PageContent, Rule, TextLine
from extractors.tables.base import Region
from extractors.tables.geometry import _center_inside, _grow
from extractors.tables.notes import starts_a_note
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

MAX_TAKEN_SHARE = 0.3  # a layout box already this much covered by a table or figure is not a new table
CAPTION_REACH_EM = 3.5  # how far above or below the box its caption may sit, in the caption's line heights


def layout_table_regions(page: PageContent, boxes: Sequence[BBox], captions: Sequence[Caption],
                         taken: Sequence[BBox] = (), claimed: Sequence[str] = ()) -> list[Region]:
    """One region per layout table box that no table or figure already holds and that has text inside."""
    regions: list[Region] = []
    free_captions = [c for c in captions if c.kind == "table" and c.label not in claimed]
    caption_boxes = [c.bbox for c in captions]
    for box in boxes:
        area = max(bbox_area(box), 1e-6)
        if any(bbox_intersection(box, t) > MAX_TAKEN_SHARE * area for t in taken):
            continue
        grown = _grow(box, 3.0)
        lines = [ln for ln in page.lines if ln.horizontal and _center_inside(ln.bbox, grown)
                 and not any(_center_inside(ln.bbox, c) for c in caption_boxes)]
        if not lines:
            continue
        extent = bbox_union([box, *(ln.bbox for ln in lines)])
        rules = tuple(r for r in page.rules if _center_inside(r.bbox, _grow(extent, 4.0)))
        rules += cell_fill_edges(page, extent)
        caption = _caption_of(extent, free_captions)
        if caption is not None:
            free_captions.remove(caption)
        regions.append(Region(bands=tuple(bands_of(lines)), rules=rules, caption=caption))
        taken = [*taken, extent]
    return regions


MIN_FILLED_CELLS = 4  # fewer filled rectangles than this inside a region: shading, not a grid of cells
EDGE_MERGE = 4.0  # edges of neighbouring cells this close (the white gap between them) are one boundary


def cell_fill_edges(page: PageContent, box: BBox) -> tuple[Rule, ...]:
    """The boundaries between cells drawn as filled rectangles (spreadsheet exports, shaded grids), as
    rules: the edges of the filled rectangles inside the box, neighbours' edges across a thin white gap
    taken as one. Only where the rectangles tile the region like cells, none on top of another: layered
    shading (a band behind several rows, highlights over cells) gave wrong rows and columns on DP-Bench
    (two tables, TEDS 0.84 -> 0.70 and 0.42 -> 0.15), so a region like that gets none."""
    cells = [s.bbox for s in page.shapes if s.fill is not None and s.n_rects and not s.n_curves
             and _center_inside(s.bbox, _grow(box, 2.0)) and s.bbox[2] - s.bbox[0] > 4 and s.bbox[3] - s.bbox[1] > 4
             and s.bbox[2] - s.bbox[0] < 0.98 * (box[2] - box[0]) + 4 and min(s.fill) < 0.99]
    if len(cells) < MIN_FILLED_CELLS or _overlapping(cells):
        return ()
    rules: list[Rule] = []
    for horizontal, lo, hi in ((True, 1, 3), (False, 0, 2)):
        edges = sorted({round(c[i], 1) for c in cells for i in (lo, hi)})
        groups: list[list[float]] = []
        for edge in edges:
            if groups and edge - groups[-1][-1] <= EDGE_MERGE:
                groups[-1].append(edge)
            else:
                groups.append([edge])
        for group in groups:
            at = (group[0] + group[-1]) / 2
            touching = [c for c in cells if any(abs(c[i] - e) <= 0.2 for e in group for i in (lo, hi))]
            if horizontal:
                x0, x1 = min(c[0] for c in touching), max(c[2] for c in touching)
                rules.append(Rule((x0, at - 0.25, x1, at + 0.25), True, 0.5))
            else:
                y0, y1 = min(c[1] for c in touching), max(c[3] for c in touching)
                rules.append(Rule((at - 0.25, y0, at + 0.25, y1), False, 0.5))
    return tuple(rules)


def _overlapping(boxes: Sequence[BBox]) -> bool:
    """Whether any two boxes share more than a hairline of area (cells may touch, not overlap)."""
    ordered = sorted(boxes)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[2] - 0.5:
                break
            if bbox_intersection(a, b) > 1.0:
                return True
    return False


def _caption_of(box: BBox, captions: Sequence[Caption]) -> Caption | None:
    """The nearest unclaimed table caption right above or below the box, overlapping it horizontally."""
    best: tuple[float, Caption] | None = None
    for caption in captions:
        height = min(max(caption.bbox[3] - caption.bbox[1], 6.0), 14.0)  # a line's height, not a long caption's
        if caption.bbox[2] < box[0] or caption.bbox[0] > box[2]:
            continue
        gap = box[1] - caption.bbox[3] if caption.bbox[3] <= box[1] + 2 else caption.bbox[1] - box[3]
        if -2 <= gap <= CAPTION_REACH_EM * height and (best is None or gap < best[0]):
            best = (gap, caption)
    return best[1] if best else None


MIN_LINES_IN_A_DRAWING = 4  # an uncaptioned drawing holding this many lines of text may be a table of shapes
MIN_RULE_STACK = 3  # this many long horizontal rules of one extent outside every table: a rejected ruled block


def may_hide_a_table(page: PageContent, tables: Sequence[TableItem], figures: Sequence[FigureItem],
                     captions: Sequence[Caption]) -> bool:
    """Cheap vector signs that the finders missed a table, so the layout model is worth its 0.2 s here:
    a table caption no table claimed, an uncaptioned drawing with lines of text inside (cells drawn as
    filled shapes), or a stack of long rules that no table or figure holds. Rules inside figures (chart
    gridlines, framed boxes) were 40 of the 50 pages this sign sent to the model on dev, realdev and
    icdar2013-eu; the one table only they found was a false one (an article-info box)."""
    labels = {t.label for t in tables}
    if any(c.kind == "table" and c.label not in labels for c in captions):
        return True
    held = [t.bbox for t in tables]
    for figure in figures:
        if figure.label or figure.kind not in ("diagram", "image", "other"):
            continue
        inside = sum(1 for ln in page.lines if _center_inside(ln.bbox, figure.bbox))
        if inside >= MIN_LINES_IN_A_DRAWING and not any(bbox_intersection(figure.bbox, h) > 0 for h in held):
            return True
    drawn = [f.bbox for f in figures]  # a chart's gridlines, a framed box: their rules are the figure's
    loose = [r for r in page.rules if r.horizontal and r.length > 40
             and not any(_center_inside(r.bbox, _grow(h, 4.0)) for h in held)
             and not any(_center_inside(r.bbox, _grow(d, 2.0)) for d in drawn)]
    extents: dict[tuple[int, int], int] = {}
    for rule in loose:
        key = (round(rule.bbox[0] / 8), round(rule.bbox[2] / 8))
        extents[key] = extents.get(key, 0) + 1
    return any(n >= MIN_RULE_STACK for n in extents.values())


CUT_REACH_ROWS = 2.5  # lines this many row pitches beyond a table's end may be rows it left out


def may_be_cut_short(page: PageContent, table: TableItem, captions: Sequence[Caption],
                     held: Sequence[BBox] = ()) -> bool:
    """Whether text lines sit right beyond a captioned table's far end (away from its caption) inside its
    width: rows its collection may have stopped before (a row that read like prose), worth the layout
    model's opinion on where the table ends. Lines of captions and of other items do not count, and a
    nearest line that starts the table's notes ('Source: ...', 'Note: ...', '* p < 0.05') says it ended."""
    caption = next((c for c in captions if c.kind == "table" and c.label == table.label), None)
    x0, y0, x1, y1 = table.bbox
    pitch = max((y1 - y0) / max(table.n_rows, 1), 6.0)
    below = caption is None or caption.bbox[1] < y0  # the caption above: the table runs on downwards
    lo, hi = (y1, y1 + CUT_REACH_ROWS * pitch) if below else (y0 - CUT_REACH_ROWS * pitch, y0)
    end = y1 if below else y0
    if any(r.horizontal and r.length >= 0.8 * (x1 - x0) and abs((r.bbox[1] + r.bbox[3]) / 2 - end) <= 4
           and r.bbox[0] <= x0 + 0.2 * (x1 - x0) for r in page.rules):
        return False  # a rule across the table at its far end closes it (booktabs' bottom rule, a frame)
    skip = [c.bbox for c in captions] + list(held)
    beyond = [line for line in page.lines if lo < (line.bbox[1] + line.bbox[3]) / 2 < hi
              and min(line.bbox[2], x1) - max(line.bbox[0], x0) >= 0.5 * (line.bbox[2] - line.bbox[0])
              and not any(_center_inside(line.bbox, b) for b in skip)]
    if not beyond:
        return False
    nearest = min(beyond, key=lambda line: abs((line.bbox[1] + line.bbox[3]) / 2 - end))
    if starts_a_note(nearest.text):  # 'Source: ...', 'Note: ...' close the table (30 of 35 icdar2013-eu pages)
        return False
    return not _is_prose_line(nearest, beyond, x1 - x0)


PROSE_WIDTH = 0.8  # a line this share of the table's width or wider, alone on its baseline, runs across it
PROSE_LETTERS = 0.6  # ...and made mostly of letters (a row of dot leaders is not prose)


def _is_prose_line(line: TextLine, near: Sequence[TextLine], width: float) -> bool:
    """A line of running text: as wide as the table, nothing else on its baseline, mostly letters. Where
    the line right after a table read so, the layout model never moved the table's end (65 of 130 pages
    on realdev, icdar2013-eu, dev, DP-Bench and the random tables; the 7 tables it lengthened kept)."""
    middle = (line.bbox[1] + line.bbox[3]) / 2
    alone = not any(o is not line and abs((o.bbox[1] + o.bbox[3]) / 2 - middle) < 2.0 for o in near)
    visible = [ch for ch in line.text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible) / max(len(visible), 1)
    return alone and line.bbox[2] - line.bbox[0] >= PROSE_WIDTH * width and letters >= PROSE_LETTERS
