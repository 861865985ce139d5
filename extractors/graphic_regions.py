"""The graphics of a page before any caption is paired with them: images and drawn paths clustered into regions,
grown by the rules and short labels that touch them (axes, ticks, legends), and described by what lies inside
(the evidence `figure_kind.classify` reads). Page decorations (bleeds, banners) and running text are left out."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.charts.dates import parse_date
from extractors.figure_frames import bar_frames, join_frames, ticked_frames
from extractors.figure_kind import Graphic
from extractors.figure_pairing import FigureOptions
from extractors.layout import text_width
from extractors.page_content import PageContent, Rule, TextLine
from extractors.picture_panels import framed_picture, is_caption_start, largest_picture_stats, picture_panels
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

_NUMERIC = re.compile(r"^[-−+]?\d+([.,]\d+)?(e[-−+]?\d+)?%?$", re.IGNORECASE)


def graphic_regions(page: PageContent, options: FigureOptions = FigureOptions(),
                    exclude: Sequence[BBox] = (), caption_boxes: Sequence[BBox] = ()) -> list[Graphic]:
    """Group images and drawn paths into graphics; absorb the rules and short text lines they touch."""
    top, bottom = page.height * options.margin_share, page.height * (1 - options.margin_share)
    seeds = [p.bbox for p in page.paths] + [im.bbox for im in page.images]
    seeds = [b for b in seeds if not mostly_inside_any(b, exclude) and not is_page_decoration(b, page)]
    boxes = _cluster(seeds, options.cluster_gap)
    rules = [r for r in page.rules if not mostly_inside_any(r.bbox, exclude) and not is_running_rule(r, page)]
    page_box = (0.0, 0.0, page.width, page.height)
    boxes = join_frames(boxes, ticked_frames(rules, page_box) + bar_frames(rules, page.shapes, page_box))
    boxes = [_absorb_rules(box, rules, options.cluster_gap) for box in boxes]
    boxes = _cluster(boxes, options.cluster_gap)
    column_width = text_width(page)
    paragraphs = {ln.block for ln in page.lines if is_running_text(ln, column_width)}
    text_lines = [ln for ln in page.lines if ln.block not in paragraphs
                  and not mostly_inside_any(ln.bbox, caption_boxes)]
    regions: list[Graphic] = []
    for box in boxes:
        w, h = box[2] - box[0], box[3] - box[1]
        if w * h < options.min_area or min(w, h) < options.min_side:
            continue
        if box[3] < top or box[1] > bottom:
            continue
        regions.append(describe_graphic(page, _absorb_text(box, text_lines), rules))
    return regions


RUNNING_RULE_WIDTH = 0.5  # a running head's (or foot's) rule spans at least this share of the page width
RUNNING_RULE_ZONE = 0.12  # and lies in this top (or bottom) share of the page
RUNNING_TEXT_LINES = 2.5  # with nothing on its far side but the running text, within this many of its lines


def is_running_rule(rule: Rule, page: PageContent) -> bool:
    """A rule under a running head or over a running foot (ICML, IEEE and Elsevier pages draw one): page
    furniture, not a graphic's frame or axis. Absorbed, it joined a chart set close under it with the tables
    beside it in the other column, and the figure's box swallowed them. Wide, near the top (bottom) edge, with
    no text beyond it but a line or two set close to it."""
    box = rule.bbox
    if not rule.horizontal or box[2] - box[0] < RUNNING_RULE_WIDTH * page.width:
        return False
    if box[3] <= RUNNING_RULE_ZONE * page.height:
        beyond = [(box[1] - ln.bbox[3], ln.size) for ln in page.lines if ln.bbox[3] <= box[1] + 1]
    elif box[1] >= (1 - RUNNING_RULE_ZONE) * page.height:
        beyond = [(ln.bbox[1] - box[3], ln.size) for ln in page.lines if ln.bbox[1] >= box[3] - 1]
    else:
        return False
    return all(gap <= RUNNING_TEXT_LINES * max(size, 1.0) for gap, size in beyond)


def _cluster(boxes: Sequence[BBox], gap: float) -> list[BBox]:
    merged = [tuple(b) for b in boxes]
    changed = True
    while changed:
        changed = False
        out: list[BBox] = []
        for box in merged:
            for i, other in enumerate(out):
                if _near(box, other, gap):
                    out[i] = bbox_union([box, other])
                    changed = True
                    break
            else:
                out.append(box)  # type: ignore[arg-type]
        merged = out
    return merged  # type: ignore[return-value]


def _absorb_rules(box: BBox, rules: Sequence[Rule], gap: float) -> BBox:
    """Grow a graphic by the rules that touch it (axes, ticks, frames), until nothing more touches."""
    for _ in range(6):
        touching = [r.bbox for r in rules if _near(r.bbox, box, gap)]
        grown = bbox_union([box] + touching) if touching else box
        if grown == box:
            break
        box = grown
    return box


def _absorb_text(box: BBox, lines: Sequence[TextLine]) -> BBox:
    """Grow a graphic by the labels around it: tick labels, axis titles and legends sit just outside axes.
    A turned line longer than the graphic is tall labels no axis: a margin note (arXiv stamp, licence)."""
    grown = box
    lines = [ln for ln in lines if ln.horizontal or ln.bbox[3] - ln.bbox[1] <= 1.2 * (box[3] - box[1])]
    for _ in range(2):
        near = [ln.bbox for ln in lines if _near(ln.bbox, grown, _label_reach(ln))]
        grown = bbox_union([grown] + near) if near else grown
    return grown


def _label_reach(line: TextLine) -> float:
    """How far from a graphic a label may sit: about a line height; a rotated axis title a little more,
    as it stands a whole tick-label width away."""
    reach = 1.2 * max(line.size, 6.0)
    return reach if line.horizontal else 1.6 * max(line.size, line.bbox[2] - line.bbox[0], 6.0)


def describe_graphic(page: PageContent, box: BBox, rules: Sequence[Rule]) -> Graphic:
    """What the page holds inside a graphic's box (text lines, numeric labels, rules, paths, pictures), the
    evidence its kind is told from."""
    inside_lines = [ln for ln in page.lines if mostly_inside_any(ln.bbox, [box])]
    numeric = sum(1 for ln in inside_lines for k, w in enumerate(ln.words) if _NUMERIC.match(w.text)
                  and not (k and ln.words[k - 1].text.isalpha()))  # "Trace 1", "Step 3": a name, no tick label
    inner_rules = [r for r in rules if mostly_inside_any(r.bbox, [box])]
    long_h = any(r.horizontal and r.length > 0.4 * (box[2] - box[0]) for r in inner_rules)
    long_v = any(not r.horizontal and r.length > 0.4 * (box[3] - box[1]) for r in inner_rules)
    white, colors, ticks, plots = largest_picture_stats(page.images, box)
    return Graphic(
        bbox=box,
        raster_area=sum(bbox_intersection(im.bbox, box) for im in page.images),
        raster_white=white,
        raster_colors=colors,
        raster_ticks=ticks,
        raster_plots=plots,
        framed_picture=framed_picture(page.images, box, page.rules),
        picture_panels=picture_panels([im.bbox for im in page.images], box,
                                      [ln.bbox for ln in inside_lines if is_caption_start(ln.text)]),
        n_paths=sum(1 for p in page.paths if mostly_inside_any(p.bbox, [box])),
        n_rules=len(inner_rules),
        n_text_lines=len(inside_lines),
        n_numeric_labels=numeric,
        has_axes=long_h and long_v,
        text_share=min(1.0, sum(bbox_area(ln.bbox) for ln in inside_lines) / max(1.0, bbox_area(box))),
    )


def is_page_decoration(box: BBox, page: PageContent, edge: float = 2.0) -> bool:
    """Backgrounds, banners, bleeds and margin stripes: drawn to two or more page edges (figures keep to the
    margins), or covering most of the page."""
    touches = (box[0] <= edge, box[1] <= edge, box[2] >= page.width - edge, box[3] >= page.height - edge)
    return sum(touches) >= 2 or bbox_area(box) >= 0.9 * page.width * page.height


def is_running_text(line: TextLine, column_width: float) -> bool:
    """A line of body text: many words across most of the column, or a narrower but wordier line
    (text wrapped around a figure); labels, legends and node texts are short; a row of date tick labels is none."""
    width = line.bbox[2] - line.bbox[0]
    words = len(line.words)
    if not ((words >= 6 and width > 0.6 * column_width) or (words >= 8 and width > 0.3 * column_width)):
        return False
    # a row of date tick labels set close enough to read as one line (Calc's ISO dates) is no body text;
    # asked only of the long lines (every page's every line comes here)
    return not (all(parse_date(w.text) for w in line.words) and not all(_NUMERIC.match(w.text) for w in line.words))


def _near(a: BBox, b: BBox, gap: float) -> bool:
    return a[0] - gap <= b[2] and b[0] - gap <= a[2] and a[1] - gap <= b[3] and b[1] - gap <= a[3]


def mostly_inside_any(box: BBox, others: Sequence[BBox], share: float = 0.5) -> bool:
    """More than `share` of the box lies in one of the others (a box with no area: its centre does)."""
    area = bbox_area(box)
    if area <= 0:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return any(o[0] <= cx <= o[2] and o[1] <= cy <= o[3] for o in others)
    return any(bbox_intersection(box, o) / area > share for o in others)
