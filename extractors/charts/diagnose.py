"""Why a chart's data could not be read: one short reason for review and for the figure's evidence."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.charts.axes import find_plot_areas
from extractors.charts.reader import ChartReading
from extractors.page_content import PageContent
from extractors.types import BBox

RASTER_SHARE = 0.5  # a box mostly covered by images is a raster chart: no vectors to read
SMALL_PICTURE = 0.02  # pictures each under this share of a plot area are data marks, not a heatmap


def why_unread(page: PageContent, box: BBox, readings: Sequence[ChartReading]) -> str | None:
    """The reason a chart inside `box` gave no series (None when some were read).

    `readings` are what `read_charts(page, box)` found. Reasons, first that holds: `raster chart`,
    `no axis found`, `axes not calibrated`, `data drawn as pictures` (markers or bars as small bitmaps),
    `heatmap`, `no data drawn in the plot area`."""
    if any(r.series for r in readings):
        return None
    if _raster_share(page, box) >= RASTER_SHARE:
        return "raster chart"
    if not readings:
        return "no axis found" if not find_plot_areas(page.rules, box, page.shapes) else "axes not calibrated"
    if any(r.heatmap for r in readings):
        return "data drawn as pictures" if all(_small_pictures(page, r.area) for r in readings if r.heatmap) \
            else "heatmap"
    return "no data drawn in the plot area"


def _small_pictures(page: PageContent, area: BBox) -> bool:
    """Pictures in a plot area that are each a small part of it: markers or pattern-filled bars drawn as
    bitmaps (realdev R19 Figure 1, R23 Figure 12), not a heatmap's raster."""
    size = max(1e-6, (area[2] - area[0]) * (area[3] - area[1]))
    inside = [im for im in page.images if im.bbox[0] >= area[0] - 2 and im.bbox[2] <= area[2] + 2
              and im.bbox[1] >= area[1] - 2 and im.bbox[3] <= area[3] + 2]
    return bool(inside) and all((im.bbox[2] - im.bbox[0]) * (im.bbox[3] - im.bbox[1]) < SMALL_PICTURE * size
                                for im in inside)


def _raster_share(page: PageContent, box: BBox) -> float:
    size = max(1e-6, (box[2] - box[0]) * (box[3] - box[1]))
    covered = 0.0
    for im in page.images:
        w = min(im.bbox[2], box[2]) - max(im.bbox[0], box[0])
        h = min(im.bbox[3], box[3]) - max(im.bbox[1], box[1])
        covered += max(0.0, w) * max(0.0, h)
    return min(1.0, covered / size)
