"""What kind of figure a graphic is (chart, image, diagram, multi, other), from vector and raster evidence
alone: the evidence gathered about a candidate region (Graphic) and the decisions made from it."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.charts.axes import find_plot_areas
from extractors.page_content import PageContent
from extractors.types import BBox, bbox_area, bbox_intersection

MAX_TEXT_SHARE = 0.25  # an uncaptioned graphic more covered by text than this is a framed table or text box


@dataclass(frozen=True)
class Graphic:
    """A candidate figure region with the evidence gathered about what it holds."""

    bbox: BBox
    raster_area: float
    raster_white: float | None
    raster_colors: int | None
    n_paths: int
    n_rules: int
    n_text_lines: int
    n_numeric_labels: int
    has_axes: bool
    text_share: float = 0.0  # share of the box covered by text lines: tables and text boxes are full of it
    raster_ticks: int | None = None  # ticked axis directions in the largest image's pixels (raster_axes)
    picture_panels: int = 0  # separate pictures set as panels in the box (picture_panels)
    raster_plots: int | None = None  # ticked plots apart in the largest picture's pixels (raster_axes)
    framed_picture: bool = False  # the largest picture has a drawn frame on all four sides (a screenshot's fbox)


def classify(graphic: Graphic) -> tuple[str, float]:
    """Figure kind from vector and raster evidence, with how sure the evidence is (0..1)."""
    area = bbox_area(graphic.bbox)
    if graphic.picture_panels >= 2:  # a grid or row of separate pictures: panels, whatever each shows
        return "multi", 0.8
    if graphic.raster_area > 0.5 * area:
        if graphic.raster_ticks and (graphic.raster_plots or 0) >= 2:  # ticked plots side by side or stacked
            return "multi", 0.7
        if graphic.raster_ticks:  # axes with tick marks in the pixels: a picture of a chart
            return "chart", 0.8 if graphic.raster_ticks >= 2 else 0.65
        if graphic.raster_white is not None and graphic.raster_white >= 0.15:
            # a white background under many colours is a rendered plot (heatmap, chart); few colours, a drawing
            many = (graphic.raster_colors or 0) > 16
            if many and graphic.framed_picture:  # a framed screenshot: a pictured chart's axes are in its pixels
                return "image", 0.6
            return ("chart", 0.7) if many else ("diagram", 0.55)
        return "image", 0.9
    if graphic.has_axes and graphic.n_numeric_labels >= 3:
        return "chart", 0.9
    if graphic.n_numeric_labels >= 4 and (graphic.n_paths + graphic.n_rules) >= 4:
        return "chart", 0.7
    if graphic.n_paths + graphic.n_rules >= 2:
        return "diagram", 0.6
    return "other", 0.3


def unfound_kind(region: Graphic) -> tuple[str, float]:
    """Kind of the space above a caption that no graphic was paired with: what it holds when that is drawn
    or pictured (a figure the grouping missed), at lower certainty; "other" for text (listings, tables)."""
    drawn = region.raster_area >= 0.3 * bbox_area(region.bbox) or region.n_paths >= 10
    if drawn and region.text_share <= MAX_TEXT_SHARE:
        kind, score = classify(region)
        return kind, round(0.6 * score, 4)
    return "other", 0.2


def ticked_plot_areas(page: PageContent, box: BBox) -> int:
    """Plot frames in the box whose both axes carry three or more drawn tick marks, not overlapping one
    another (an inset is part of its chart): a drawn chart's own mark, labels read or not."""
    areas = [a.bbox for a in find_plot_areas(page.rules, box, page.shapes)
             if a.tick_marks and len(a.x_ticks) >= 3 and len(a.y_ticks) >= 3]
    apart = [a for a in areas if not any(o is not a and bbox_intersection(a, o) > 0 for o in areas)]
    return len(apart) if len(apart) >= 2 else min(len(areas), 1)
