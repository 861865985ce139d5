"""Why a chart's data could not be read: one short reason for review and for the figure's evidence."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.charts.axes import find_plot_areas
from extractors.charts.reader import ChartReading
from extractors.page_content import PageContent
from extractors.types import BBox

RASTER_SHARE = 0.5  # a box mostly covered by images is a raster chart: no vectors to read


def why_unread(page: PageContent, box: BBox, readings: Sequence[ChartReading]) -> str | None:
    """The reason a chart inside `box` gave no series (None when some were read).

    `readings` are what `read_charts(page, box)` found. Reasons, first that holds: `raster chart`,
    `no axis found`, `axes not calibrated`, `heatmap`, `no data drawn in the plot area`."""
    if any(r.series for r in readings):
        return None
    if _raster_share(page, box) >= RASTER_SHARE:
        return "raster chart"
    if not readings:
        return "no axis found" if not find_plot_areas(page.rules, box, page.shapes) else "axes not calibrated"
    if any(r.heatmap for r in readings):
        return "heatmap"
    return "no data drawn in the plot area"


def _raster_share(page: PageContent, box: BBox) -> float:
    size = max(1e-6, (box[2] - box[0]) * (box[3] - box[1]))
    covered = 0.0
    for im in page.images:
        w = min(im.bbox[2], box[2]) - max(im.bbox[0], box[0])
        h = min(im.bbox[3], box[3]) - max(im.bbox[1], box[1])
        covered += max(0.0, w) * max(0.0, h)
    return min(1.0, covered / size)
