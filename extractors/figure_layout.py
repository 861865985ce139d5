"""The layout model's picture regions as evidence for a figure whose graphic the drawings did not give.

A figure caption left without a graphic (nothing drawn above or below it that the grouping could pair) is
the one case where the model's regions can change the figure finder's answer; `needs_pictures` says so from
the figures alone, so the pipeline runs the model (about 0.2 s a page) only on such pages, and
`picture_for_caption` picks the region that caption labels.
"""
from __future__ import annotations

from collections.abc import Sequence

from extractors.model import FigureItem, LayoutBox
from extractors.types import BBox, bbox_area, bbox_intersection, bbox_union

HELD_SHARE = 0.5  # a picture region this much inside another figure is that figure's


def needs_pictures(figures: Sequence[FigureItem]) -> bool:
    """Whether a captioned figure on the page came without a graphic (its box: the space above its caption)."""
    return any(f.label and f.parent is None and dict(f.evidence).get("graphic_found") == 0.0 for f in figures)


def picture_for_caption(caption: BBox, pictures: Sequence[BBox], held: Sequence[BBox],
                        gap: float) -> BBox | None:
    """The picture region a caption labels: the nearest one above it (or below it, 5 pt dearer, for a caption
    set over its figure) within `gap`, over at least half the narrower one's width, and no other figure's."""
    best: tuple[float, BBox] | None = None
    for box in pictures:
        width = min(box[2] - box[0], caption[2] - caption[0])
        overlap = min(box[2], caption[2]) - max(box[0], caption[0])
        if width <= 0 or overlap < 0.5 * width:
            continue
        if any(bbox_intersection(box, h) > HELD_SHARE * max(bbox_area(box), 1e-6) for h in held):
            continue
        above, below = caption[1] - box[3], box[1] - caption[3]
        distance = above if above >= -6 else (below + 5 if below >= -6 else None)
        if distance is not None and distance <= gap and (best is None or distance < best[0]):
            best = (distance, box)
    return best[1] if best else None


def with_its_row(picture: BBox, caption: BBox, regions: Sequence[LayoutBox], held: Sequence[BBox]) -> BBox:
    """A picture region grown by the other pictures and tables the model sees level with it over the
    caption's width, no other figure's: one caption under a table and a chart side by side (realdev R21 Figure 6) is one
    figure, and its table no table of its own."""
    box = picture
    for r in regions:
        b = r.bbox
        if r.kind not in ("picture", "table") or b == picture or b[0] < caption[0] - 6 or b[2] > caption[2] + 6:
            continue
        level = min(b[3], picture[3]) - max(b[1], picture[1])
        if level < 0.5 * min(b[3] - b[1], picture[3] - picture[1]):
            continue
        if not any(bbox_intersection(b, h) > HELD_SHARE * max(bbox_area(b), 1e-6) for h in held):
            box = bbox_union([box, b])
    return box
