"""Chart text drawn as glyph outlines, read back by OCR so the chart's axes can be calibrated.

Some exporters (Origin, Illustrator, journal production that outlines fonts) write a chart's tick labels,
axis titles and legend as filled glyph paths: the PDF then has no text there, so no axis is calibrated and
the chart gives no data (realdev R05 Figure 12, an Origin plot). Where a chart figure holds no text but many
glyph-like paths, the figure's region is rendered and OCR'd, the recognised lines join the page's text, the
glyph paths under them leave the drawings (so a legend's words are not read as markers), and the page's
figures are found again. The OCR call is passed in: this module stays free of rendering and models.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence

from extractors.charts.ticks import parse_tick
from extractors.model import FigureItem
from extractors.page_content import DrawnShape, PageContent, TextLine, VectorPath
from extractors.types import BBox, bbox_intersection

GLYPH_MAX = 16.0  # points: a glyph outline is at most this tall and wide (tick labels, titles up to ~14 pt)
GLYPH_MIN = 0.4  # points: a glyph's larger side is at least this (a period at 4 pt type)
MIN_GLYPHS = 8  # a figure with fewer glyph-like paths has nothing outlined worth reading
MAX_WORDS = 2  # a figure with more text-layer words than this has its text as text
GROW = 12.0  # points around the figure box that its outlined tick labels may stand in
ALIGN = 3.0  # points: tick labels of one axis share a right edge (y) or a middle line (x) this closely
UNREAD = ("axes not calibrated", "no axis found")  # the chart reasons outlined labels explain

OcrRegion = Callable[[BBox], Sequence[TextLine]]  # the region's text lines, in page points


def is_glyph(shape: DrawnShape) -> bool:
    """A filled, unstroked small path with curves or many corners: a letter or digit drawn as an outline.
    Rectangles (square markers, bars) and stroked marks are not glyphs."""
    w, h = shape.bbox[2] - shape.bbox[0], shape.bbox[3] - shape.bbox[1]
    if shape.fill is None or shape.stroke is not None or shape.n_rects:
        return False
    if not (max(w, h) >= GLYPH_MIN and w <= GLYPH_MAX and h <= GLYPH_MAX):
        return False
    corners = sum(len(sub) for sub in shape.subpaths)
    return shape.n_curves > 0 or corners >= 6


def has_outlined_text(page: PageContent, box: BBox) -> bool:
    """The figure region shows text only as outlines: glyph paths and (almost) no text-layer words."""
    region = _grow(box, GROW)
    words = sum(1 for ln in page.lines for w in ln.words if _inside(w.bbox, region))
    if words > MAX_WORDS:
        return False
    return sum(1 for s in page.shapes if is_glyph(s) and _inside(s.bbox, region)) >= MIN_GLYPHS


def needs_outline_ocr(page: PageContent, figure: FigureItem) -> bool:
    """A chart figure (or one typed `diagram` for want of read axes) whose data could not be read and whose
    text is outlined."""
    evidence = dict(figure.evidence)
    unread = evidence.get("chart_unread") in UNREAD or (figure.kind in ("diagram", "other") and not figure.series)
    return not figure.series and unread and has_outlined_text(page, figure.bbox)


def with_ocr_text(page: PageContent, region: BBox, lines: Sequence[TextLine]) -> PageContent:
    """The page with OCR'd lines of one region added as text, and the glyph paths under their words dropped
    from the drawings (shapes and paths)."""
    if not lines:
        return page
    block0 = 1 + max((ln.block for ln in page.lines), default=-1)
    added = tuple(dataclasses.replace(ln, block=block0 + ln.block) for ln in lines)
    words = [w.bbox for ln in added for w in ln.words]

    def covered(box: BBox) -> bool:
        return _inside(box, region) and any(_inside(box, _grow(w, 1.0)) for w in words)

    shapes = tuple(s for s in page.shapes if not (is_glyph(s) and covered(s.bbox)))
    glyph_boxes = {s.bbox for s in page.shapes if is_glyph(s) and covered(s.bbox)}
    paths = tuple(p for p in page.paths if not (_glyph_path(p) and p.bbox in glyph_boxes))
    return dataclasses.replace(page, lines=page.lines + added, shapes=shapes, paths=paths)


def repaired_numbers(lines: Sequence[TextLine]) -> tuple[TextLine, ...]:
    """OCR'd tick labels checked against their axis: lone numbers in a column (a y axis) or a row (an x
    axis) lie on one scale, so a label off it is misread. One that fits with a minus sign (dropped, or read
    as a `1`: `12` for `−2`) gets it; one that fits no reading is dropped (see `_on_one_scale`)."""
    numbers = [(i, ln) for i, ln in enumerate(lines) if len(ln.words) == 1 and parse_tick(ln.words[0].text) is not None]
    fixed: dict[int, TextLine | None] = {}
    for along_y in (True, False):
        for group in _aligned(numbers, along_y):
            fixed.update(_on_one_scale(group, along_y))
    out = [fixed.get(i, ln) for i, ln in enumerate(lines)]
    return tuple(ln for ln in out if ln is not None)


def _aligned(numbers: Sequence[tuple[int, TextLine]], along_y: bool) -> list[list[tuple[int, TextLine]]]:
    """Groups of three or more number lines set one under another with their right edges aligned (a y
    axis's labels), or side by side on one baseline (an x axis's)."""
    key = (lambda ln: ln.bbox[2]) if along_y else (lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2)
    groups: list[list[tuple[int, TextLine]]] = []
    for item in sorted(numbers, key=lambda it: key(it[1])):
        if groups and abs(key(item[1]) - key(groups[-1][-1][1])) <= ALIGN:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [g for g in groups if len(g) >= 3]


def _on_one_scale(group: Sequence[tuple[int, TextLine]], along_y: bool) -> dict[int, TextLine | None]:
    """The group's lines that must change: re-signed where that puts them on the scale the others share,
    None where nothing does. The scale (linear, or log where every label is positive) is the one through two
    labels that most labels fit as read; it stands when three fit as read, or two and every other label
    fits once re-signed. Where no scale stands, the whole group is dropped: numbers that fit no scale would
    calibrate a wrong axis (or a category axis), and an unread chart goes to a curator, a wrong one may not."""
    pos = [((ln.bbox[1] + ln.bbox[3]) / 2 if along_y else (ln.bbox[0] + ln.bbox[2]) / 2) for _, ln in group]
    readings = [[(ln.words[0].text, float(parse_tick(ln.words[0].text) or 0.0))]
                + [(t, float(parse_tick(t) or 0.0)) for t in ("-" + ln.words[0].text, "-" + ln.words[0].text[1:])
                   if len(t) > 1 and parse_tick(t) is not None] for _, ln in group]
    best: tuple[int, int, list[str | None]] | None = None
    for log in (False, True):
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                texts = _through(pos, readings, a, b, log)
                if texts is None:
                    continue
                as_read = sum(1 for t, r in zip(texts, readings) if t == r[0][0])
                placed = sum(1 for t in texts if t is not None)
                if best is None or (as_read, placed) > best[:2]:
                    best = (as_read, placed, texts)
    if best is not None and best[0] == len(group):
        return {}
    if best is None or not (best[0] >= 3 or (best[0] >= 2 and best[1] == len(group))):
        return {i: None for i, _ in group}
    return {i: (_retext(ln, t) if t is not None else None)
            for (i, ln), t, r in zip(group, best[2], readings) if t != r[0][0]}


def _through(pos: Sequence[float], readings: Sequence[Sequence[tuple[str, float]]], a: int, b: int,
             log: bool) -> list[str | None] | None:
    """Each label's text on the scale through labels a and b as read (None: no reading of it fits)."""
    def value(v: float) -> float | None:
        return (math.log10(v) if v > 0 else None) if log else v

    va, vb = value(readings[a][0][1]), value(readings[b][0][1])
    if va is None or vb is None or va == vb or abs(pos[b] - pos[a]) < 1e-6:
        return None
    slope = (vb - va) / (pos[b] - pos[a])
    values = [v for r in readings if (v := value(r[0][1])) is not None]
    span = (max(values) - min(values)) or 1.0
    texts: list[str | None] = []
    for p, options in zip(pos, readings):
        want = va + slope * (p - pos[a])
        fit = next((t for t, v in options if (w := value(v)) is not None and abs(w - want) <= 0.02 * span), None)
        texts.append(fit)
    return texts


def _retext(line: TextLine, text: str) -> TextLine:
    word = dataclasses.replace(line.words[0], text=text)
    return dataclasses.replace(line, words=(word,))


def reread_outlined(page: PageContent, figures: list[FigureItem], ocr: OcrRegion,
                    find: Callable[[PageContent], list[FigureItem]]) -> list[FigureItem]:
    """The page's figures found again with the outlined text of its unread charts read by OCR.

    `find` finds a page's figures (the caller's own captions and options); the new reading is kept only when
    it reads more chart series than the old one and keeps every captioned figure, so an OCR pass that gives
    nothing useful changes nothing (the very list given comes back)."""
    targets = [f for f in figures if f.parent is None and needs_outline_ocr(page, f)]
    if not targets:
        return figures
    view = page
    for figure in targets:
        region = _clip(_grow(figure.bbox, GROW), page)
        view = with_ocr_text(view, region, repaired_numbers(ocr(region)))
    if view is page:
        return figures
    again = find(view)
    labels = {f.label for f in figures if f.label}
    if not labels <= {f.label for f in again} or _points(again) <= _points(figures):
        return figures
    return [_with_ocr_evidence(f) if any(bbox_intersection(f.bbox, t.bbox) > 0 for t in targets) else f for f in again]


def _with_ocr_evidence(figure: FigureItem) -> FigureItem:
    return dataclasses.replace(figure, evidence=tuple(sorted((*figure.evidence, ("chart_text_ocr", 1.0)))))


def _points(figures: Sequence[FigureItem]) -> int:
    return sum(len(f.series) for f in figures)


def _glyph_path(path: VectorPath) -> bool:
    w, h = path.bbox[2] - path.bbox[0], path.bbox[3] - path.bbox[1]
    return path.filled and not path.stroked and w <= GLYPH_MAX and h <= GLYPH_MAX


def _grow(box: BBox, d: float) -> BBox:
    return (box[0] - d, box[1] - d, box[2] + d, box[3] + d)


def _clip(box: BBox, page: PageContent) -> BBox:
    return (max(0.0, box[0]), max(0.0, box[1]), min(page.width, box[2]), min(page.height, box[3]))


def _inside(inner: BBox, outer: BBox) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]
