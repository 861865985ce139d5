"""Several pictures under one caption: separate bitmaps set side by side, stacked or in a grid are the
panels of a multi-panel figure (a grid of photos, rows of micrographs, two gels), whatever each shows.

A region holding one picture is not multi for this rule, nor is one picture a producer sliced into bands
(image strips abutting along a full edge: PDF writers cut large bitmaps so), small pictures in a drawing
(icons in a flow chart cover little of it), pictures laid over one another (layers), or a region that holds
another figure's caption (grouping reached past a figure into the next: its pictures are not panels).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.page_content import RasterImage, Rule
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

MIN_SHARE = 0.08  # a panel covers at least this share of the figure's region (icons and logos do not)
COVER = 0.5  # the panels together cover at least this share of it (a picture grid, not a drawing with pictures)
STRIP = 0.4  # a band's short side is less than this share of the edge it shares with the next band
ABUT = 1.5  # points: bands of one picture touch
_CAPTION_START = re.compile(r"^(Figure|FIGURE|Fig\.|FIG\.|Fig|FIG)\s*[0-9IVX]+\b")


def is_caption_start(text: str) -> bool:
    """Whether a line opens like a figure caption ('Figure 5:', 'Fig. 2')."""
    return bool(_CAPTION_START.match(text.strip()))


def picture_panels(images: Sequence[BBox], box: BBox, caption_lines: Sequence[BBox] = ()) -> int:
    """How many separate pictures in the box are panels of one figure (0 when they are not: fewer than two
    large ones, overlapping ones, too little of the box covered, or a figure caption inside the box)."""
    area = bbox_area(box)
    if area <= 0 or any(bbox_intersection(c, box) > 0.5 * bbox_area(c) for c in caption_lines):
        return 0
    inside = [b for b in images if bbox_area(b) > 0 and bbox_intersection(b, box) > 0.5 * bbox_area(b)]
    pictures = [b for b in join_bands(inside) if bbox_area(b) >= MIN_SHARE * area]
    if len(pictures) < 2 or sum(bbox_area(b) for b in pictures) < COVER * area:
        return 0
    for i, a in enumerate(pictures):
        if any(bbox_intersection(a, b) > 0.1 * min(bbox_area(a), bbox_area(b)) for b in pictures[i + 1:]):
            return 0  # layered pictures: one composed image, not panels
    return len(pictures)


def join_bands(boxes: Sequence[BBox]) -> list[BBox]:
    """Pictures with their bands joined: two boxes touching along one full edge, one of them a thin band
    along that edge, are one picture cut in strips."""
    out = [tuple(b) for b in boxes]
    joined = True
    while joined:
        joined = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                if _bands(out[i], out[j]):
                    out[i] = bbox_union([out[i], out[j]])
                    del out[j]
                    joined = True
                    break
            if joined:
                break
    return out  # type: ignore[return-value]


def _bands(a: BBox, b: BBox) -> bool:
    """Whether two boxes are neighbouring bands of one picture (stacked or side by side)."""
    same_x = abs(a[0] - b[0]) <= ABUT and abs(a[2] - b[2]) <= ABUT
    stacked = same_x and min(abs(a[3] - b[1]), abs(b[3] - a[1])) <= ABUT
    if stacked:
        width = a[2] - a[0]
        return min(a[3] - a[1], b[3] - b[1]) < STRIP * width
    same_y = abs(a[1] - b[1]) <= ABUT and abs(a[3] - b[3]) <= ABUT
    beside = same_y and min(abs(a[2] - b[0]), abs(b[2] - a[0])) <= ABUT
    if beside:
        height = a[3] - a[1]
        return min(a[2] - a[0], b[2] - b[0]) < STRIP * height
    return False


def largest_picture_stats(images: Sequence[RasterImage], box: BBox
                          ) -> tuple[float | None, int | None, int | None, int | None]:
    """White share, colour count, ticked axis directions and ticked plots apart of the largest picture mostly
    inside the box, its bands taken together (a chart sliced in strips shows its axes and colours across
    them, not in one)."""
    inside = [im for im in images if bbox_area(im.bbox) > 0 and bbox_intersection(im.bbox, box) > 0.5 * bbox_area(im.bbox)]
    if not inside:
        return None, None, None, None
    picture = max(join_bands([im.bbox for im in inside]), key=bbox_area)
    parts = [im for im in inside if bbox_intersection(im.bbox, picture) >= 0.9 * bbox_area(im.bbox)]
    whites = [(im.white_share, bbox_area(im.bbox)) for im in parts if im.white_share is not None]
    white = sum(w * a for w, a in whites) / sum(a for _, a in whites) if whites else None
    colors = max((im.n_colors for im in parts if im.n_colors is not None), default=None)
    ticks = max((im.tick_axes for im in parts if im.tick_axes is not None), default=None)
    plots = max((im.tick_panels for im in parts if im.tick_panels is not None), default=None)
    return white, colors, ticks, plots


FRAME_SLACK = 3.0  # points between a picture's edge and the rule that frames it


def framed_picture(images: Sequence[RasterImage], box: BBox, rules: Sequence[Rule]) -> bool:
    """Whether the largest picture in the box has a drawn rule along each of its four sides (LaTeX's \\fbox
    around a screenshot): a picture set in a frame, where a pictured chart's axes are in its own pixels."""
    inside = [im.bbox for im in images if bbox_area(im.bbox) > 0
              and bbox_intersection(im.bbox, box) > 0.5 * bbox_area(im.bbox)]
    if not inside:
        return False
    x0, y0, x1, y1 = max(join_bands(inside), key=bbox_area)

    def side(horizontal: bool, at: float, lo: float, hi: float) -> bool:
        for r in rules:
            if r.horizontal != horizontal:
                continue
            pos = (r.bbox[1] + r.bbox[3]) / 2 if horizontal else (r.bbox[0] + r.bbox[2]) / 2
            a, b = (r.bbox[0], r.bbox[2]) if horizontal else (r.bbox[1], r.bbox[3])
            if abs(pos - at) <= FRAME_SLACK and min(b, hi) - max(a, lo) >= 0.8 * (hi - lo):
                return True
        return False

    return side(True, y0, x0, x1) and side(True, y1, x0, x1) and side(False, x0, y0, y1) and side(False, x1, y0, y1)
