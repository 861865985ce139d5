"""Captioned "figures" that are tables: a spreadsheet grid pasted under a "Figure N" caption.

The figure finder claims every graphic next to a figure caption, and the table finder does not search
claimed regions (a chart's tick labels would otherwise read as a table). A grid of drawn cells full of
numbers looks like a chart to the figure finder (many numeric labels, many paths, long rules like axes)
but the chart reader finds no ticked axes and no plotted data in it. Where such a figure's caption sits
between it and another graphic (the caption may name that one), and the table engine reads the figure as
one full table, several rows and columns with most cells filled, the table is what the page holds: the
figure gives way and the table is read as any other. A grid under its own caption with nothing past it
stays a figure: papers print tables as figures ("Figure 13. Detailed statistics") and call them so.
"""
from __future__ import annotations

from collections.abc import Sequence

from extractors.model import Caption, FigureItem
from extractors.page_content import PageContent
from extractors.tables import TableOptions, find_tables
from extractors.types import BBox, bbox_area, bbox_intersection

MIN_COVER = 0.6  # the table covers at least this share of the figure's box
MIN_ROWS, MIN_COLS = 4, 3
MIN_FILL = 0.5  # share of the table's cells that hold text
MAX_RASTER_SHARE = 0.2  # a figure mostly of pixels is an image, not a drawn grid
CAPTION_REACH = 100.0  # points past the caption within which another graphic may start
MIN_GRAPHIC_AREA = 1500.0  # points²: smaller drawings are rules and icons, not a figure the caption may name


def grid_suspects(figures: Sequence[FigureItem]) -> list[FigureItem]:
    """Captioned single figures typed chart or diagram that the chart reader found no axes in, mostly drawn
    (few pixels); or a caption's placeholder (no graphic found: the space above it, as a grid of rules leaves)."""
    def suspect(figure: FigureItem) -> bool:
        evidence = dict(figure.evidence)
        if figure.label is None or figure.parent is not None or figure.series:
            return False
        if evidence.get("graphic_found") == 0.0:
            return True
        # the chart reader found axes (its readings' evidence); `chart_unread` only says why no series came
        read_as_chart = any(key.startswith("chart_") and key != "chart_unread" for key in evidence)
        return (figure.kind in ("chart", "diagram") and not read_as_chart
                and float(evidence.get("raster_share", 1.0)) <= MAX_RASTER_SHARE)
    return [f for f in figures if suspect(f)]


def graphic_past_caption(page: PageContent, figure: FigureItem, captions: Sequence[Caption]) -> bool:
    """Whether another graphic (an image or drawing) lies just past the figure's caption, on its far side:
    the caption sits between the two, and may as well name that one."""
    caption = next((c for c in captions if c.label == figure.label), None)
    if caption is None:
        return False
    below = caption.bbox[1] >= figure.bbox[3] - 2
    reach = (caption.bbox[3], caption.bbox[3] + CAPTION_REACH) if below else (caption.bbox[1] - CAPTION_REACH,
                                                                               caption.bbox[1])
    boxes = [im.bbox for im in page.images] + [p.bbox for p in page.paths]
    return any(b[0] < figure.bbox[2] and b[2] > figure.bbox[0] and bbox_area(b) >= MIN_GRAPHIC_AREA
               and (reach[0] - 2 <= b[1] <= reach[1] if below else reach[0] <= b[3] <= reach[1] + 2)
               for b in boxes)


def figures_that_are_tables(page: PageContent, captions: Sequence[Caption], figures: Sequence[FigureItem],
                            options: TableOptions, exclude: Sequence[BBox]) -> list[FigureItem]:
    """The suspect figures, with another graphic past their caption, that the table engine (searching their
    boxes too) reads as one full table."""
    suspects = [f for f in grid_suspects(figures) if graphic_past_caption(page, f, captions)]
    if not suspects:
        return []
    tables = find_tables(page, captions, options, exclude=[b for b in exclude if all(b != s.bbox for s in suspects)])
    found = []
    for figure in suspects:
        area = max(1e-6, bbox_area(figure.bbox))
        if any(bbox_intersection(t.bbox, figure.bbox) >= MIN_COVER * area and t.n_rows >= MIN_ROWS
               and t.n_cols >= MIN_COLS and float(dict(t.evidence).get("fill_ratio", 0.0)) >= MIN_FILL
               for t in tables):
            found.append(figure)
    return found
