"""Read one chart: plot area → calibrated axes → legend → named series in data coordinates."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.charts.axes import PlotArea, find_plot_areas
from extractors.charts.axis_text import (
    LABEL_REACH,
    axis_factor,
    merge_words,
    scaled,
    x_axis_title,
    x_tick_words,
    y_axis_title,
    y_tick_words,
)
from extractors.charts.dates import date_axis, date_offset
from extractors.charts.legend import LegendEntry, find_legend, frame_order, legend_frame, legend_marks
from extractors.charts.pie import find_pies, name_wedges
from extractors.charts.series import RawSeries, dotted_rule_pieces, raw_series
from extractors.charts.shapes import explode_rects, fold_outlines
from extractors.charts.ticks import (
    Axis,
    TickLabel,
    calibrate_axis,
    category_slots,
    join_exponents,
    labels_from_words,
    snap_to_ticks,
)
from extractors.page_content import DrawnShape, PageContent, RasterImage, TextLine
from extractors.types import BBox

AREA_REACH = 16.0  # points: how far a plot area's axes may lie outside the figure box found from the data
_CAPTION = re.compile(r"^(fig\.?|figure)\s*\d", re.IGNORECASE)
# a y axis titled in arbitrary units (spectra, intensities) prints no scale: its data are read as shares of
# the plot's height (0 at the x axis, 1 at the plot's top), and the chart's evidence says `chart_y_relative`
ARBITRARY_UNITS = re.compile(r"\b(arb(\.|itrary)\s*u(\.|nits?\b)?|a\.\s?u\.(?![a-z]))", re.IGNORECASE)


@dataclass(frozen=True)
class ChartSeries:
    """One recovered series: its name, kind, points in data units and how sure we are (0..1)."""

    name: str
    kind: str  # line, scatter, bar
    points: tuple[tuple[float, float], ...]
    confidence: float
    errors: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class ChartReading:
    """What one plot area holds, with the evidence behind it."""

    area: BBox
    x_axis: Axis | None
    y_axis: Axis | None
    x_label: str | None
    y_label: str | None
    series: tuple[ChartSeries, ...]
    heatmap: bool
    extent: BBox  # plot area grown by its tick labels, titles and legend: the panel's box
    evidence: tuple[tuple[str, float | str], ...]  # numbers, and `unread` (why no series) as text


def read_charts(page: PageContent, box: BBox) -> list[ChartReading]:
    """Every chart inside a figure box (several for a multi-panel figure), in reading order.

    A plot area may stick out of the box a little (the box was grown from the data, and axes drawn a
    few points off the data do not touch it); its tick labels are then read around the area itself."""
    areas = [a for a in find_plot_areas(page.rules, _grow(box, AREA_REACH), page.shapes)
             if _overlaps_most(a.bbox, box)]
    out = []
    for area in areas:
        region = _union(box, _grow(area.bbox, LABEL_REACH + 12)) if not _inside(area.bbox, box, 2.0) \
            else _union(box, _below(area.bbox)) if len(area.x_ticks) >= 2 else box  # a box cut at a ticked
        # x axis: its labels in the strip under it (a ruled table's cell has no ticks: the next row is no label)
        lines = join_exponents([ln for ln in page.lines if _inside(ln.bbox, region, 2.0)
                                and not _CAPTION.match(ln.text)])
        shared = _outside_areas(page, region, [a.bbox for a in areas])
        reading = read_chart(page, area, lines, shared)
        if is_credible(reading):
            out.append(reading)
    return out or read_pies(page, box)


def read_pies(page: PageContent, box: BBox) -> list[ChartReading]:
    """Pie and donut charts in a box with no chart read on axes: one series `share` of each wedge's share of
    the turn in percent (x the wedge's index in drawing order), the wedges' names in the evidence."""
    out = []
    for pie in find_pies(page.shapes, _grow(box, 2)):
        reach = _grow(pie.bbox, 2 * pie.wedges[0].radius)  # names beside the wedges or in a legend may lie
        # past the box (the pie's own drawing): within two radii
        lines = [ln for ln in page.lines if (_inside(ln.bbox, _grow(box, 4), 0) or _inside(ln.bbox, reach, 0))
                 and not _CAPTION.match(ln.text)]
        pie = name_wedges(pie, lines, page.shapes)
        points = tuple((float(k), share) for k, share in enumerate(pie.shares))
        named = sum(1 for n in pie.names if n) / len(pie.names)
        series = (ChartSeries("share", "pie", points, round(0.6 + 0.3 * named, 4)),)
        evidence: dict[str, float | str] = {"pie": 1.0, "pie_wedges": float(len(points)), "series": 1.0}
        if pie.wedges[0].inner > 0:
            evidence["pie_donut"] = 1.0
        if any(pie.names):
            evidence["pie_names"] = " | ".join(n or "?" for n in pie.names)
        out.append(ChartReading(pie.bbox, None, None, None, "share (%)", series, False, pie.bbox,
                                tuple(sorted(evidence.items()))))
    return out


def is_pie(reading: ChartReading) -> bool:
    """A reading of a pie (or donut) chart: shares, no axes."""
    return dict(reading.evidence).get("pie") == 1.0


def is_credible(reading: ChartReading) -> bool:
    """A plot area that reads as a chart: a heatmap, or both axes calibrated with at least one numeric.
    Two crossing rules with words along them and no numeric scale are a ruled table's cell or a box; an
    axis of one word is no scale unless it names the one group of a bar chart."""
    if reading.heatmap:
        return True
    axes = (reading.x_axis, reading.y_axis)
    if any(a is not None and a.scale == "category" and len(a.categories) < 2 for a in axes) \
            and not all(s.kind == "bar" for s in reading.series):
        return False  # one word by an axis (the next panel's letter) places no point; a lone bar group may
    return all(axes) and any(a.scale != "category" for a in axes if a is not None)


def _outside_areas(page: PageContent, region: BBox, areas: Sequence[BBox]) -> list[DrawnShape]:
    """Small drawings in the figure that lie in no plot area: a legend the panels share (ggplot2's facets), or
    a lone chart's legend set further off than its neighbourhood (LibreOffice's legend under the x title)."""
    return [s for s in page.shapes if _inside(s.bbox, region, 0) and s.bbox[3] - s.bbox[1] <= 20
            and not any(_inside(s.bbox, _grow(a, 2), 0) for a in areas)]


def read_chart(page: PageContent, area: PlotArea, lines: Sequence[TextLine],
               shared: Sequence[DrawnShape] = ()) -> ChartReading:
    """Calibrate the axes of one plot area and read its series (`shared`: legend samples drawn outside
    every plot area, which any panel's series may match)."""
    _x0, _y0, _x1, _y1 = area.bbox
    x_words = x_tick_words(lines, area.bbox)
    y_words = y_tick_words(lines, area.bbox)
    x_raw, y_raw = labels_from_words(merge_words(x_words, (_x0, *area.x_ticks, _x1)), True), labels_from_words(y_words, False)
    # ticks between the categories (spreadsheet charts): the categories are the intervals between them
    x_ticks = category_slots(x_raw, area.x_ticks) or _bare_ends_dropped(area.x_ticks, x_raw, area.bbox[::2])
    y_ticks = category_slots(y_raw, area.y_ticks) or _bare_ends_dropped(area.y_ticks, y_raw, area.bbox[1::2])
    x_labels = _own_labels(snap_to_ticks(x_raw, x_ticks, 6.0), x_ticks, (area.bbox[0], area.bbox[2]))
    y_labels = _own_labels(snap_to_ticks(y_raw, y_ticks, 4.0), y_ticks, (area.bbox[1], area.bbox[3]))
    offset = date_offset(lines, area.bbox, x_words)  # a date axis: x in days since 1970-01-01
    x_dates = date_axis(x_labels, offset.text if offset else "")
    x_axis = x_dates or calibrate_axis(x_labels, x_ticks)
    y_axis = calibrate_axis(y_labels, y_ticks, upward=True)
    tick_ids = {id(w) for w in x_words + y_words}
    x_factor = axis_factor(lines, area.bbox, True, tick_ids)
    y_factor = axis_factor(lines, area.bbox, False, tick_ids)
    x_axis, y_axis = scaled(x_axis, x_factor), scaled(y_axis, y_factor)
    used_words = {id(w) for w in x_words + y_words}
    used_words |= {id(f[1]) for f in (x_factor, y_factor) if f} | ({id(offset)} if x_dates and offset else set())
    used_words |= {id(w) for ln in lines if not ln.horizontal
                   and any(ln.text == u.text and ln.bbox == u.bbox for u in x_words + y_words) for w in ln.words}
    x_title = x_axis_title(lines, area.bbox, x_words, used_words)
    y_title = y_axis_title(lines, area.bbox, y_words)
    relative = y_axis is None and not y_words and x_axis is not None and x_axis.scale != "category" \
        and bool(y_title and ARBITRARY_UNITS.search(y_title))
    if relative:  # "Intensity (arb. units)" and no scale printed: heights as shares of the plot's height
        y_axis = Axis("linear", -1.0 / (_y1 - _y0), _y1 / (_y1 - _y0), residual=0.0, n_labels=0)
    free_lines = [ln for ln in lines if not any(id(w) in used_words for w in ln.words)
                  and ln.text not in (x_title, y_title)]
    near = [s for s in page.shapes if _inside(s.bbox, _grow(area.bbox, 60), 0)]
    shapes = fold_outlines(explode_rects(near + [s for s in shared if not any(s is t for t in near)]))
    dots = dotted_rule_pieces(shapes)  # a dotted reference line is neither data nor a legend sample
    shapes = [s for k, s in enumerate(shapes) if k not in dots]
    entries, samples = find_legend(free_lines, shapes)
    frame = legend_frame(entries, shapes)
    start = frame_order(frame, shapes) if frame else 0  # a data mark under the legend box, taken for a
    skip = {i for i in samples if i >= start} | (legend_marks(frame, shapes) if frame else set())  # sample

    raw, note = raw_series(shapes, area.bbox, skip)
    heatmap = note == "cells" or (_pictured_data(page, area, x_axis, y_axis) and not _inset_picture(page, area, raw))
    series = () if heatmap else tuple(_name_and_convert(raw, entries, x_axis, y_axis))
    horizontal = any(r.kind == "bar" and r.bar_orient == "h" for r in raw)
    if horizontal:  # bar data is (category, value): the category title is the x label
        x_title, y_title = y_title, x_title
    parts = [area.bbox] + [w.bbox for w in x_words + y_words] + [e.bbox for e in entries]
    near_titles = _grow(area.bbox, LABEL_REACH + 50)  # the titles' own lines, not the next panel's same words
    parts += [ln.bbox for ln in lines if ln.text in (x_title, y_title) and _inside(ln.bbox, near_titles, 0)]
    extent = (min(b[0] for b in parts), min(b[1] for b in parts), max(b[2] for b in parts), max(b[3] for b in parts))
    evidence: dict[str, float | str] = {
        "x_axis_labels": float(x_axis.n_labels if x_axis else 0),
        "y_axis_labels": float(y_axis.n_labels if y_axis else 0),
        "x_axis_fit_error": x_axis.residual if x_axis else 1.0,
        "y_axis_fit_error": y_axis.residual if y_axis else 1.0,
        "x_log": 1.0 if x_axis and x_axis.scale == "log" else 0.0,
        "y_log": 1.0 if y_axis and y_axis.scale == "log" else 0.0,
        "legend_entries": float(len(entries)),
        "series": float(len(series)),
        "heatmap": 1.0 if heatmap else 0.0,
        "bars_horizontal": 1.0 if horizontal else 0.0,
        "bars_stacked": 1.0 if any(b is not None for r in raw for b in r.bases) else 0.0,
        "x_axis_factor": x_factor[0] if x_factor else 1.0,
        "y_axis_factor": y_factor[0] if y_factor else 1.0,
    }
    if relative:
        evidence["y_relative"] = 1.0
    if x_dates:
        evidence["x_date"] = 1.0
    if not series and not heatmap:
        evidence["unread"] = "no data drawn in the plot area"
    return ChartReading(area.bbox, x_axis, y_axis, x_title, y_title, series, heatmap, extent,
                        tuple(sorted(evidence.items())))


def _bare_ends_dropped(ticks: Sequence[float], labels: Sequence[TickLabel],
                       span: Sequence[float]) -> tuple[float, ...]:
    """A word axis's ticks less those on the plot's edges that no label names (grid lines standing for tick
    marks include the frame's own line): a category stands inside the plot, not on its border."""
    if not labels or any(lab.value is not None for lab in labels):
        return tuple(ticks)
    return tuple(t for t in ticks
                 if min(abs(t - e) for e in span) > 1.5 or any(abs(lab.pos - t) <= 6.0 for lab in labels))


def _own_labels(labels: list[TickLabel], ticks: Sequence[float], span: tuple[float, float]) -> list[TickLabel]:
    """Labels of this axis: one beyond the axis's ends that sits on none of its ticks belongs to the panel
    next to it (the last label of the left panel's x axis)."""
    on_tick = set(ticks)
    return [lab for lab in labels if lab.pos in on_tick or span[0] - 2 <= lab.pos <= span[1] + 2]


def _name_and_convert(raw: Sequence[RawSeries], entries: Sequence[LegendEntry], x_axis: Axis | None,
                      y_axis: Axis | None) -> list[ChartSeries]:
    if x_axis is None or y_axis is None:
        return []
    out: list[ChartSeries] = []
    names_taken: set[str] = set()
    for k, ser in enumerate(sorted(raw, key=lambda s: _legend_rank(s, entries))):
        entry = _entry_for(ser, entries)
        name = entry.name if entry and entry.name not in names_taken else f"series {k + 1}"
        names_taken.add(name)
        pts, errs = _to_data(ser, x_axis, y_axis)
        if ser.kind == "line":
            keep = [i for i in range(len(pts)) if i == 0 or pts[i] != pts[i - 1]]
            pts, errs = [pts[i] for i in keep], [errs[i] for i in keep]
        keep = [i for i, p in enumerate(pts) if all(math.isfinite(v) for v in p)]
        pts, errs = [pts[i] for i in keep], [errs[i] for i in keep]
        axis_q = 1.0 - min(1.0, 10 * max(x_axis.residual, y_axis.residual))
        named = 1.0 if entry or (len(raw) == 1 and not entries) else 0.4
        conf = round(0.15 + 0.45 * axis_q + 0.25 * named + 0.15 * min(1.0, len(pts) / 3), 4)
        out.append(ChartSeries(name, ser.kind, tuple(pts), conf, tuple(errs) if any(errs) else ()))
    return out


def _to_data(ser: RawSeries, x_axis: Axis, y_axis: Axis) -> tuple[list[tuple[float, float]], list[float | None]]:
    """A series' points in data units, with half its error bars in value units.

    A bar chart's point is (category, value) whichever way its bars run, the category being the slot
    the bar stands in (a grouped bar's offset within its group is layout, not data); a stacked bar's value
    is its segment's length, not the stack's height at its end."""
    horizontal = ser.kind == "bar" and ser.bar_orient == "h"
    cat_axis, value_axis = (y_axis, x_axis) if horizontal else (x_axis, y_axis)
    pts: list[tuple[float, float]] = []
    for (px, py), on in zip(ser.points, ser.bases or [None] * len(ser.points)):
        c, v = (py, px) if horizontal else (px, py)
        cat = cat_axis.to_data(c)
        if ser.kind == "bar" and cat_axis.scale == "category" and cat_axis.categories:
            cat = float(min(len(cat_axis.categories) - 1, max(0, round(cat))))
        value = value_axis.to_data(v)  # a stacked bar's value is its own length, from the bar it stands on
        pts.append((cat, value if on is None else value - value_axis.to_data(on)))
    errs = [abs(value_axis.to_data(e[1]) - value_axis.to_data(e[0])) / 2 if e else None
            for e in (ser.errors or [None] * len(pts))]
    return pts, errs


def _legend_rank(ser: RawSeries, entries: Sequence[LegendEntry]) -> tuple[int, int]:
    """Series whose legend sample has their exact style first, then those whose sample is their marker at
    another size, each in legend order; the rest after (they are named by colour, if at all)."""
    for tier, match in enumerate((_same_style, _same_marker)):
        for i, e in enumerate(entries):
            if match(ser.style, e.styles):
                return tier, i
    return 2, len(entries)


def _entry_for(ser: RawSeries, entries: Sequence[LegendEntry]) -> LegendEntry | None:
    """The legend entry whose sample has the series' exact style, else its marker at another size (R's
    legend draws its points at its own size), else the same colour."""
    for match in (_same_style, _same_marker):
        for e in entries:
            if match(ser.style, e.styles):
                return e
    colours = _colours(ser.style)
    for e in entries:
        if any(colours & _colours(st) for st in e.styles):
            return e
    return None


def _same_style(style: tuple, styles: Sequence[tuple]) -> bool:
    return style in styles


def _same_marker(style: tuple, styles: Sequence[tuple]) -> bool:
    """A marker style that one of the sample's styles has in all but size (fill, stroke, parts, vertices,
    curves), at about the same width-to-height ratio."""
    if not style or style[0] != "mark":
        return False
    return any(st[:6] == style[:6] and st[8:] == style[8:]
               and _ratio(st) <= 1.6 * _ratio(style) and _ratio(style) <= 1.6 * _ratio(st)
               for st in styles if st and st[0] == "mark")


def _ratio(style: tuple) -> float:
    return (max(style[6], 1) + 1) / (max(style[7], 1) + 1)


def _colours(style: tuple) -> set:
    return {v for v in style if isinstance(v, tuple) and len(v) == 3 and v != (1.0, 1.0, 1.0)}


def _below(area: BBox) -> BBox:
    """The strip under a plot area where its x tick labels stand: a graphic may leave that row out (a row of
    numbers read as running text), and its end labels stick out past the area's ends."""
    return (area[0] - 15, area[3], area[2] + 15, area[3] + LABEL_REACH)


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _overlaps_most(area: BBox, box: BBox) -> bool:
    """Whether most of a plot area lies inside the box (an area found by reaching out must belong to it)."""
    w = max(0.0, min(area[2], box[2]) - max(area[0], box[0]))
    h = max(0.0, min(area[3], box[3]) - max(area[1], box[1]))
    size = (area[2] - area[0]) * (area[3] - area[1])
    return size > 0 and w * h >= 0.6 * size


def _pictured_data(page: PageContent, area: PlotArea, x_axis: Axis | None, y_axis: Axis | None) -> bool:
    """Pictures in a plot area: a raster heatmap, or data marks drawn as bitmaps. Not one to three pictures
    in a box with no tick marks and no axis of two labels: a framed screenshot or a diagram's node."""
    pictures = _pictures_in(page, area)
    if not pictures:
        return False
    labelled = any(a is not None and a.n_labels >= 2 for a in (x_axis, y_axis))
    return area.tick_marks or labelled or len(pictures) > 3


INSET_SHARE = 0.35  # a picture covering less of a plot area than this, beside a drawn curve, is an inset
INSET_CURVE = 20  # points a drawn line must have to be the plot's data rather than an outline or a rule


def _inset_picture(page: PageContent, area: PlotArea, raw: Sequence[RawSeries]) -> bool:
    """The plot area's pictures are an inset (a micrograph in a spectrum's corner: realdev R05 Figure 6), not
    its data: one or two pictures covering a small share of it, and a drawn line of many points beside them."""
    pictures = _pictures_in(page, area)
    size = max(1e-6, (area.bbox[2] - area.bbox[0]) * (area.bbox[3] - area.bbox[1]))
    covered = sum((im.bbox[2] - im.bbox[0]) * (im.bbox[3] - im.bbox[1]) for im in pictures) / size
    return 0 < len(pictures) <= 2 and covered < INSET_SHARE and \
        any(r.kind == "line" and len(r.points) >= INSET_CURVE for r in raw)


def _pictures_in(page: PageContent, area: PlotArea) -> list[RasterImage]:
    return [im for im in page.images if _inside(im.bbox, _grow(area.bbox, 2), 0)]


def _grow(b: BBox, d: float) -> BBox:
    return (b[0] - d, b[1] - d, b[2] + d, b[3] + d)


def _inside(box: BBox, outer: BBox, slack: float) -> bool:
    return (box[0] >= outer[0] - slack and box[1] >= outer[1] - slack
            and box[2] <= outer[2] + slack and box[3] <= outer[3] + slack)
