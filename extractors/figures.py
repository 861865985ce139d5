"""Vector-first figure finder: raster images and clusters of drawn paths, with the text inside them.

    graphic_regions (images + path clusters, grown by touching rules and inner text)
      → attach captions (nearest region above or below)
      → classify (image / chart / diagram) from the vector evidence
A figure caption with no graphic found still yields a figure (the space above it), with low
confidence, so review sees it rather than it being lost.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extractors.charts.diagnose import why_unread
from extractors.charts.reader import ChartReading, is_pie, read_charts
from extractors.figure_kind import MAX_TEXT_SHARE, Graphic, classify, ticked_plot_areas, unfound_kind
from extractors.figure_layout import picture_for_caption, with_its_row
from extractors.figure_legends import with_legends
from extractors.figure_pairing import FigureOptions, caption_distance, caption_within, is_below, pair_captions
from extractors.figure_panels import (
    caption_panel_count,
    chart_points,
    panel_caption,
    panel_letter,
    series_confidence,
    subcaption_lines,
)
from extractors.graphic_regions import describe_graphic, graphic_regions, is_page_decoration, mostly_inside_any
from extractors.layout import bands_of, in_masthead, is_paragraph_band, text_width
from extractors.model import Caption, ExtractorInfo, FigureItem, LayoutBox
from extractors.page_content import PageContent
from extractors.types import BBox, bbox_area, bbox_union

EXTRACTOR = ExtractorInfo("paperlake-vector-figures", "0.3.0")
STACK_GAP = 40.0  # points between rows of panels of one figure


def find_figures(page: PageContent, captions: Sequence[Caption], options: FigureOptions = FigureOptions(),
                 exclude: Sequence[BBox] = (), regions: Sequence[LayoutBox] = ()) -> list[FigureItem]:
    """Every figure on the page with its caption, kind and confidence (crops are rendered later).

    `regions` are the layout model's, where the pipeline asked for them: a caption that no drawn graphic
    pairs with takes the picture region it labels (`extractors/figure_layout.py`)."""
    page = dataclasses.replace(page, images=tuple(im for im in page.images if not is_page_decoration(im.bbox, page)))
    graphics = graphic_regions(page, options, exclude, caption_boxes=[c.bbox for c in captions])
    figure_captions = [c for c in captions if c.kind == "figure"]
    graphics = [part for g in graphics for part in _split_by_captions(page, g, figure_captions, options)]
    pairs = pair_captions(graphics, figure_captions, options)
    groups: list[list[FigureItem]] = []
    paired_graphics = {id(g) for g, _ in pairs}
    for graphic, caption in pairs:
        if caption_within(graphic.bbox, caption.bbox):  # the picture's box runs on under its caption
            graphic = describe_graphic(page, (*graphic.bbox[:3], caption.bbox[1] - 1), page.rules)
        below = is_below(graphic.bbox, caption.bbox)
        above = is_below(caption.bbox, graphic.bbox)  # a caption set over its figure (MDPI, BMC)
        siblings = _side_panels(graphic, caption, graphics, paired_graphics, captions, options) \
            if below or above else []
        paired_graphics |= {id(g) for g in siblings}
        stacked = _stacked_panels(page, [graphic, *siblings], caption, graphics, paired_graphics, captions, options)
        paired_graphics |= {id(g) for g in stacked}
        members = [graphic, *siblings]
        if stacked:  # one drawing in parts, or rows of panels: one region, its panels told by its charts
            members = [describe_graphic(page, bbox_union([g.bbox for g in (*members, *stacked)]), page.rules)]
        groups.append(_figure_items(page, members, caption))
    paired_captions = {id(c) for _, c in pairs}
    for caption in figure_captions:
        if id(caption) not in paired_captions:
            held = [g[0].bbox for g in groups]
            pictured = picture_for_caption(caption.bbox, [r.bbox for r in regions if r.kind == "picture"], held,
                                           options.caption_gap) if regions else None
            if pictured is not None:  # the model saw a picture where the drawings gave no graphic to pair
                pictured = with_its_row(pictured, caption.bbox, regions, held)
                inside = [g for g in graphics if id(g) not in paired_graphics and mostly_inside_any(g.bbox, [pictured])]
                paired_graphics |= {id(g) for g in inside}
                box = bbox_union([pictured] + [g.bbox for g in inside])
                group = _figure_items(page, [describe_graphic(page, box, page.rules)], caption)
                groups.append([_with_evidence(group[0], "layout_picture", 1.0), *group[1:]])
                continue
            region = _space_above(page, caption, captions)
            if region is None:
                continue
            inside = [g for g in graphics if id(g) not in paired_graphics and region[1] - 2 <= g.bbox[1]
                      and g.bbox[3] <= region[3] + 2 and g.bbox[0] < region[2] and g.bbox[2] > region[0]]
            drawn = bbox_union([g.bbox for g in inside]) if inside else None
            if drawn and drawn[2] - drawn[0] >= 0.6 * (region[2] - region[0]):
                # its graphic stands further above it than a caption's gap (wide plot margins, axis titles); a
                # graphic filling only part of the space is part of a figure the grouping did not see whole
                paired_graphics |= {id(g) for g in inside}
                groups.append(_figure_items(page, inside, caption))
            else:
                groups.append([_to_item(page, describe_graphic(page, region, []), caption, found=False)])
    for graphic in graphics:
        if id(graphic) not in paired_graphics and bbox_area(graphic.bbox) > 0.04 * page.width * page.height:
            group = _figure_items(page, [graphic], None)
            if group[0].kind != "other" and graphic.text_share <= MAX_TEXT_SHARE and not in_masthead(page, graphic.bbox):
                groups.append(group)  # uncaptioned: only when drawn like a figure, not a framed table or text box
    items: list[FigureItem] = []
    for group in sorted(groups, key=lambda g: (g[0].bbox[1], g[0].bbox[0])):
        parent = len(items)
        items.append(group[0])
        items.extend(dataclasses.replace(panel, parent=parent) for panel in group[1:])
    return items


def _stacked_panels(page: PageContent, members: Sequence[Graphic], caption: Caption, graphics: Sequence[Graphic],
                    taken: set[int], captions: Sequence[Caption], options: FigureOptions) -> list[Graphic]:
    """Free graphics stacked on a captioned figure, on the side away from its caption, row on row with no
    running text between and no caption of their own near (a table's, say): its other rows of panels or
    parts (a caption sits under or over the whole figure)."""
    block = bbox_union([m.bbox for m in members])
    caption_below = caption.bbox[1] >= block[3] - 2
    column_width = text_width(page)
    out: list[Graphic] = []
    grew = True
    while grew:
        grew = False
        for other in graphics:
            o = other.bbox
            if id(other) in taken or any(other is g for g in (*members, *out)) \
                    or any(caption_distance(o, c.bbox, options) is not None for c in captions if c is not caption):
                continue
            overlap = min(o[2], block[2]) - max(o[0], block[0])
            gap = max(block[1] - o[3], o[1] - block[3], 0.0)  # 0 where they overlap
            far_side = o[3] <= caption.bbox[1] + 2 if caption_below else o[1] >= caption.bbox[3] - 2
            if overlap <= 0.3 * min(o[2] - o[0], block[2] - block[0]) or gap > STACK_GAP or not far_side:
                continue
            if gap > 0 and _text_between(page, o, block, column_width):
                continue
            out.append(other)
            block = bbox_union([block, o])
            grew = True
    return out


def _text_between(page: PageContent, a: BBox, b: BBox, column_width: float) -> bool:
    """Running text in the gap between two boxes stacked one over the other."""
    upper, lower = (a, b) if a[1] < b[1] else (b, a)
    gap = (min(a[0], b[0]), upper[3], max(a[2], b[2]), lower[1])
    return any(is_paragraph_band(band, column_width) for band in bands_of(page.lines)
               if mostly_inside_any(band.bbox, [gap]))


def _split_by_captions(page: PageContent, graphic: Graphic, captions: Sequence[Caption],
                       options: FigureOptions) -> list[Graphic]:
    """A graphic over two or more captions set side by side is that many figures whose drawings nearly
    touch: cut it at the gutters between the captions."""
    under = sorted((c for c in captions if 0 <= c.bbox[1] - graphic.bbox[3] + 2 <= options.caption_gap
                    and graphic.bbox[0] - 10 <= c.bbox[0] and c.bbox[2] <= graphic.bbox[2] + 10),
                   key=lambda c: c.bbox[0])
    if len(under) < 2 or any(b.bbox[0] < a.bbox[2] for a, b in zip(under, under[1:])):
        return [graphic]
    cuts = [graphic.bbox[0]] + [(a.bbox[2] + b.bbox[0]) / 2 for a, b in zip(under, under[1:])] + [graphic.bbox[2]]
    rules = page.rules
    return [describe_graphic(page, (x0, graphic.bbox[1], x1, graphic.bbox[3]), rules) for x0, x1 in zip(cuts, cuts[1:])]


def _side_panels(graphic: Graphic, caption: Caption, graphics: Sequence[Graphic], taken: set[int],
                 captions: Sequence[Caption] = (), options: FigureOptions = FigureOptions()) -> list[Graphic]:
    """Free graphics in the same row as a captioned one and on the same side of its caption (above it, or
    under a caption set over the figure): its other panels. A caption may be narrower than its row of panels
    (short, set flush left): a panel beyond its ends that stands within a stacking gap of the row, with no
    caption of its own, is one of them too."""
    out: list[Graphic] = []
    row = graphic.bbox
    caption_below = caption.bbox[1] >= graphic.bbox[3] - 2
    grew = True
    while grew:
        grew = False
        for other in graphics:
            o = other.bbox
            same_side = o[3] <= caption.bbox[1] + 2 if caption_below else o[1] >= caption.bbox[3] - 2
            if id(other) in taken or other is graphic or any(other is g for g in out) or not same_side:
                continue
            v_overlap = min(o[3], row[3]) - max(o[1], row[1])
            if v_overlap <= 0.5 * min(o[3] - o[1], row[3] - row[1]):
                continue
            under_caption = o[0] < caption.bbox[2] + 20 and o[2] > caption.bbox[0] - 20
            beside = max(o[0] - row[2], row[0] - o[2]) <= STACK_GAP and not any(
                caption_distance(o, c.bbox, options) is not None for c in captions if c is not caption)
            if under_caption or beside:
                out.append(other)
                row = bbox_union([row, o])
                grew = True
    return out


def _figure_items(page: PageContent, graphics: Sequence[Graphic], caption: Caption | None) -> list[FigureItem]:
    """One figure, or a multi-panel figure (parent first, then one item per panel, parent index set later)."""
    boxes = with_legends(page, [g.bbox for g in graphics], caption.bbox if caption else None)
    if boxes != [g.bbox for g in graphics]:  # a legend beside the chart: part of its graphic, not a panel
        graphics = [next((g for g in graphics if g.bbox == b), None) or describe_graphic(page, b, page.rules) for b in boxes]
    box = bbox_union([g.bbox for g in graphics])
    subcaps = subcaption_lines(page, box)
    readings = _distinct([r for g in graphics for r in read_charts(page, g.bbox)])
    if len(graphics) > 1:
        panels = _graphic_panels(graphics, readings)
    elif len(readings) > 1:
        panels = [(r.extent, [r], None) for r in readings]
    else:
        return [_to_item(page, graphics[0], caption, readings=readings)]
    panels.sort(key=lambda p: (round(p[0][1] / 20), p[0][0]))
    panel_items = []
    for k, (pbox, preadings, pgraphic) in enumerate(panels):
        sub, pbox = panel_caption(page, pbox, subcaps)
        graphic = pgraphic or describe_graphic(page, pbox, page.rules)
        graphic = dataclasses.replace(graphic, bbox=bbox_union([graphic.bbox, pbox]))
        panel_items.append((panel_letter(sub, k), _to_item(page, graphic, None, readings=preadings,
                                                           panel_caption=sub)))
    parent_box = bbox_union([box] + [item.bbox for _, item in panel_items])
    parent = _to_item(page, describe_graphic(page, parent_box, page.rules), caption, multi=panel_items)
    return [parent]  # each figure once: its panels are in its series names and its evidence


def _distinct(readings: Sequence[ChartReading]) -> list[ChartReading]:
    """Each plot area read once: graphics of one figure may overlap and both find it."""
    seen: set[BBox] = set()
    return [r for r in readings if not (r.area in seen or seen.add(r.area))]  # type: ignore[func-returns-value]


def _graphic_panels(graphics: Sequence[Graphic],
                    readings: Sequence[ChartReading]) -> list[tuple[BBox, list[ChartReading], Graphic | None]]:
    """The panels of a figure made of several graphics: each graphic with the charts read in it (a chart goes
    to the smallest graphic holding it); a graphic holding several charts is that many panels, since one
    panel reads only a single chart (realdev R14 Figure 2: two rows of plots drawn as three graphics)."""
    own: dict[int, list[ChartReading]] = {id(g): [] for g in graphics}
    for r in readings:
        holders = [g for g in graphics if mostly_inside_any(r.area, [g.bbox])]
        if holders:
            own[id(min(holders, key=lambda g: bbox_area(g.bbox)))].append(r)
    panels: list[tuple[BBox, list[ChartReading], Graphic | None]] = []
    for g in graphics:
        if len(own[id(g)]) > 1:
            panels += [(r.extent, [r], None) for r in own[id(g)]]
        else:
            panels.append((g.bbox, own[id(g)], g))
    return panels


def _space_above(page: PageContent, caption: Caption, captions: Sequence[Caption]) -> BBox | None:
    """The region between a caption and the running text above it: where its graphic must be."""
    column_width = text_width(page)
    caption_boxes = [c.bbox for c in captions]
    above = [b for b in bands_of(page.lines) if b.bbox[3] <= caption.bbox[1] + 1
             and not mostly_inside_any(b.bbox, caption_boxes)]
    ceiling = page.height * 0.06
    for band in reversed(above):
        overlaps = band.bbox[0] < caption.bbox[2] and band.bbox[2] > caption.bbox[0]
        if overlaps and is_paragraph_band(band, column_width):
            ceiling = band.bbox[3]
            break
    if caption.bbox[1] - ceiling < 20:
        return None
    return (caption.bbox[0], ceiling + 2, caption.bbox[2], caption.bbox[1] - 2)


def _to_item(page: PageContent, graphic: Graphic, caption: Caption | None, found: bool = True,
             readings: Sequence[ChartReading] = (), panel_caption: str | None = None,
             multi: Sequence[tuple[str, FigureItem]] = ()) -> FigureItem:
    kind, kind_score = classify(graphic) if found else unfound_kind(graphic)
    chart = readings[0] if len(readings) == 1 else None
    if chart is not None and (chart.heatmap or (chart.x_axis and chart.y_axis) or is_pie(chart)) \
            and not graphic.picture_panels:
        kind, kind_score = "chart", 0.95 if chart.series or chart.heatmap else 0.85
    named_panels = caption_panel_count(caption.text) if caption else 0
    framed = ticked_plot_areas(page, graphic.bbox) if found and not multi and len(readings) <= 1 \
        and not graphic.picture_panels else 0
    if framed >= 2:
        kind, kind_score = "multi", 0.75  # plot frames side by side or stacked: panels, read or not
    elif framed == 1 and kind != "chart":
        kind, kind_score = "chart", 0.7  # axes with tick marks drawn, whatever their labels
    if multi:
        kind, kind_score = "multi", 0.9
    elif named_panels >= 2 and not (kind == "diagram" and graphic.raster_area < 0.5 * bbox_area(graphic.bbox)):
        # the caption walks through panels that nothing on the page separates; a drawing told in parts
        # ("the loop (a) and its trace tree (b)") is still one diagram
        kind, kind_score = "multi", 0.75
    evidence = {
        "caption": 1.0 if caption else 0.0,
        "graphic_found": 1.0 if found else 0.0,
        "kind_score": kind_score,
        "paths": float(graphic.n_paths),
        "rules": float(graphic.n_rules),
        "numeric_labels": float(graphic.n_numeric_labels),
        "raster_share": graphic.raster_area / max(1.0, bbox_area(graphic.bbox)),
        "raster_white": graphic.raster_white if graphic.raster_white is not None else -1.0,
        "raster_tick_axes": float(graphic.raster_ticks) if graphic.raster_ticks is not None else -1.0,
        "raster_tick_plots": float(graphic.raster_plots) if graphic.raster_plots is not None else -1.0,
        "axes": 1.0 if graphic.has_axes else 0.0,
        "text_share": round(graphic.text_share, 4),
    }
    if graphic.picture_panels:
        evidence["picture_panels"] = float(graphic.picture_panels)
    if graphic.framed_picture:
        evidence["framed_picture"] = 1.0
    points: tuple = ()
    if chart is not None:
        evidence.update({f"chart_{k}": v for k, v in chart.evidence})
        evidence.update(series_confidence(chart))
        points = chart_points(chart)
    for letter, panel in multi:
        evidence.update({k.replace("series_confidence:", f"series_confidence:{letter} "): v
                         for k, v in panel.evidence if k.startswith("series_confidence:")})
        evidence[f"panel {letter}"] = _panel_text(panel)
        if dict(panel.evidence).get("chart_y_relative"):  # this panel's y values are shares of its height
            evidence[f"chart_y_relative:{letter}"] = 1.0
        points += tuple(dataclasses.replace(p, series=f"{letter} {p.series}") for p in panel.series)
    if multi:
        evidence["panels"] = float(len(multi))
    if named_panels:
        evidence["caption_panels"] = float(named_panels)
    if framed:
        evidence["ticked_plot_areas"] = float(framed)
    if kind == "chart" and not points and found:  # say why, so the analyst knows to look (issue 18)
        reason = why_unread(page, graphic.bbox, readings)
        if reason:
            evidence["chart_unread"] = reason
    confidence = round(min(1.0, 0.15 + 0.35 * evidence["caption"] + 0.2 * evidence["graphic_found"]
                           + 0.3 * kind_score), 4)
    box = (max(0.0, graphic.bbox[0]), max(0.0, graphic.bbox[1]),
           min(page.width, graphic.bbox[2]), min(page.height, graphic.bbox[3]))
    return FigureItem(
        page=page.number,
        bbox=box,
        kind=kind,
        confidence=confidence,
        method=EXTRACTOR.method,
        label=caption.label if caption else None,
        caption=caption.text if caption else panel_caption,
        series=points,
        x_label=chart.x_label if chart else None,
        y_label=chart.y_label if chart else None,
        evidence=tuple(sorted(evidence.items())),
    )


def _with_evidence(item: FigureItem, key: str, value: float) -> FigureItem:
    return dataclasses.replace(item, evidence=tuple(sorted((*item.evidence, (key, value)))))


def _panel_text(panel: FigureItem) -> str:
    """A panel as its parent's evidence: box in points, kind, and subcaption when it has one."""
    box = " ".join(f"{v:.0f}" for v in panel.bbox)
    return f"{box} {panel.kind}" + (f" | {panel.caption}" if panel.caption else "")
