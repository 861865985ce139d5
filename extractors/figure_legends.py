"""A chart's legend set beside its graphic: spreadsheet charts (LibreOffice, Excel) place the legend right of or
under the plot, often far enough to make a graphic of its own, or too small to make one at all."""
from __future__ import annotations

from collections.abc import Sequence

from extractors.charts.axes import find_plot_areas
from extractors.charts.legend import LegendEntry, find_legend, legend_frame
from extractors.charts.shapes import explode_rects, fold_outlines
from extractors.charts.ticks import parse_tick
from extractors.page_content import DrawnShape, PageContent
from extractors.types import BBox, bbox_intersection, bbox_union

LEGEND_REACH = 45.0  # points: how far outside a chart's graphic its legend may stand
NAME_MAX = 40  # characters: a legend entry names a series; a longer line is a note (`… baseline (◆) and …`)


def with_legends(page: PageContent, boxes: Sequence[BBox], caption: BBox | None = None) -> list[BBox]:
    """The figure's graphic boxes with their legends taken in: a box holding nothing but legend entries (a
    name with its sample, LibreOffice's bordered legend on the right) joins its nearest neighbour instead of
    standing as a panel of its own, and entries just outside a box (a legend under the plot, too small to be
    a graphic) join the box they stand by. Fewer boxes where a legend joined."""
    out = list(boxes)
    if len(out) > 1:
        alone = [k for k, b in enumerate(out) if _legend_only(page, b)]
        keep = [k for k in range(len(out)) if k not in alone]
        for k in alone if keep else []:
            j = min(keep, key=lambda i: _gap(out[i], out[k]))
            if _gap(out[j], out[k]) <= LEGEND_REACH:
                out[j] = bbox_union([out[j], out[k]])
                out[k] = ()  # type: ignore[assignment]
        out = [b for b in out if b]
    for k, box in enumerate(out):
        region = _grow(box, LEGEND_REACH)
        lines = [ln for ln in page.lines if _overlaps(ln.bbox, region) and not _overlaps(ln.bbox, box)
                 and len(ln.text) <= NAME_MAX and not (caption and _past_caption(ln.bbox, box, caption))
                 and not any(_overlaps(ln.bbox, o) for i, o in enumerate(out) if i != k)]
        if not lines:
            continue
        shapes = _shapes(page, _grow(box, 2 * LEGEND_REACH))  # a name's sample stands left of it
        entries = [e for e in find_legend(lines, shapes)[0] if _names_a_series(e.name)]
        entries = _own_entries(page, entries, box) if entries else []
        if entries:
            out[k] = bbox_union([box, legend_frame(entries, shapes) or box] + [e.bbox for e in entries])
    return out


def _own_entries(page: PageContent, entries: list[LegendEntry], box: BBox) -> list[LegendEntry]:
    """Entries that are a legend of their own: not lines of a paragraph holding other text (a note's
    `… at baseline (◆) and …`), nor inside another chart's plot area (a neighbouring figure's legend)."""
    texts = {e.text for e in entries}
    blocks = {ln.block for ln in page.lines if ln.bbox in texts}
    prose = {ln.block for ln in page.lines if ln.block in blocks and ln.bbox not in texts
             and not _overlaps(ln.bbox, box)}
    entries = [e for e in entries if not any(ln.block in prose for ln in page.lines if ln.bbox == e.text)]
    if not entries:
        return []
    block = bbox_union([e.bbox for e in entries])
    size = (block[2] - block[0]) * (block[3] - block[1])
    others = [a.bbox for a in find_plot_areas(page.rules, (0.0, 0.0, page.width, page.height), page.shapes)
              if not _overlaps(a.bbox, box) and (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]) > 4 * size]
    return [e for e in entries if not any(_overlaps(e.bbox, a) for a in others)]


def _names_a_series(text: str) -> bool:
    """A legend name: two characters or more with a letter among them; not a number (a peak's label by its
    line), nor a lone letter (a panel's)."""
    return len(text.strip()) >= 2 and any(c.isalpha() for c in text) and parse_tick(text) is None


def _past_caption(line: BBox, box: BBox, caption: BBox) -> bool:
    """A line on the caption or beyond it, seen from the graphic: the caption's text and notes, no legend."""
    if caption[1] >= box[3] - 2:  # caption under the graphic
        return line[3] > caption[1]
    if caption[3] <= box[1] + 2:  # caption over it
        return line[1] < caption[3]
    return _overlaps(line, caption)


def _legend_only(page: PageContent, box: BBox) -> bool:
    """Whether every text line inside the box is a legend entry (one at least): a legend, no chart."""
    lines = [ln for ln in page.lines if _inside(ln.bbox, _grow(box, 1.0))]
    if not lines or any(not ln.horizontal for ln in lines):
        return False
    entries, _ = find_legend(lines, _shapes(page, _grow(box, 1.0)))
    return len(entries) == len(lines) and all(_names_a_series(e.name) for e in entries)


def _shapes(page: PageContent, region: BBox) -> list[DrawnShape]:
    return fold_outlines(explode_rects([s for s in page.shapes if _inside(s.bbox, region)]))


def _gap(a: BBox, b: BBox) -> float:
    return max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3], 0.0)


def _grow(b: BBox, d: float) -> BBox:
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


def _inside(box: BBox, outer: BBox) -> bool:
    return box[0] >= outer[0] and box[1] >= outer[1] and box[2] <= outer[2] and box[3] <= outer[3]


def _overlaps(a: BBox, b: BBox) -> bool:
    return bbox_intersection(a, b) > 0

