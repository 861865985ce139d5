"""Which caption goes with which graphic: the finder's thresholds and the caption-to-graphic pairing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractors.figure_kind import Graphic
from extractors.model import Caption
from extractors.types import BBox


@dataclass(frozen=True)
class FigureOptions:
    """Thresholds of the figure finder, in points."""

    cluster_gap: float = 8.0  # paths closer than this belong to one graphic
    min_area: float = 1500.0  # smaller graphics are decorations, bullets or equation glyphs
    min_side: float = 24.0
    caption_gap: float = 60.0  # a caption may sit this far above or below its graphic
    side_caption_gap: float = 90.0  # and this far beside it (a side caption sits in its own column)
    margin_share: float = 0.06  # top/bottom page share treated as running header/footer

    def __post_init__(self) -> None:
        if self.cluster_gap < 0 or self.min_area < 0 or self.caption_gap < 0:
            raise ValueError("figure thresholds must not be negative")


def pair_captions(graphics: Sequence[Graphic], captions: Sequence[Caption],
                   options: FigureOptions) -> list[tuple[Graphic, Caption]]:
    """Give each caption the nearest free graphic: one above it first, then one below, then one beside it
    (a side caption: level with the graphic, left or right of it)."""
    candidates: list[tuple[float, int, int]] = []
    for gi, graphic in enumerate(graphics):
        for ci, caption in enumerate(captions):
            distance = caption_distance(graphic.bbox, caption.bbox, options)
            if distance is not None:
                candidates.append((distance, gi, ci))
    chosen: list[tuple[float, int, int]] = []
    used_g: set[int] = set()
    used_c: set[int] = set()
    for cand in sorted(candidates):
        if cand[1] in used_g or cand[2] in used_c:
            continue
        used_g.add(cand[1])
        used_c.add(cand[2])
        chosen.append(cand)
    if any(ci not in used_c for _, _, ci in candidates):
        chosen = _most_pairs(candidates, chosen)
    return [(graphics[gi], captions[ci]) for _, gi, ci in chosen]


MAX_PAIRING_CHOICES = 12  # candidate pairs on one page beyond which the nearest-first pairing stands


def _most_pairs(candidates: list[tuple[float, int, int]],
                greedy: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """Where nearest-first pairing leaves a caption without the graphic it could have, the pairing that gives
    the most captions a graphic, nearest in total: two figures with their captions set over them (MDPI), the
    first graphic between both captions, went to the second caption and left the first with none (realdev R19
    Figure 1)."""
    if len(candidates) > MAX_PAIRING_CHOICES:
        return greedy
    best = (len(greedy), -sum(d for d, _, _ in greedy))
    found = greedy

    def walk(rest: list[tuple[float, int, int]], taken: list[tuple[float, int, int]]) -> None:
        nonlocal best, found
        if not rest:
            score = (len(taken), -sum(d for d, _, _ in taken))
            if score > best:
                best, found = score, list(taken)
            return
        head = rest[0]
        if all(head[1] != t[1] and head[2] != t[2] for t in taken):
            walk(rest[1:], [*taken, head])
        walk(rest[1:], taken)

    walk(sorted(candidates), [])
    return found


def caption_distance(graphic: BBox, caption: BBox, options: FigureOptions) -> float | None:
    """How far a caption sits from a graphic it could belong to (None: not placed like its caption, or too far).
    Below the graphic counts as is, above costs a little more, beside (level with it) more again; a caption
    set inside the lower half of the graphic's box (a picture whose canvas runs on under it) counts as 0."""
    if caption_within(graphic, caption):
        return 0.0
    overlap = min(graphic[2], caption[2]) - max(graphic[0], caption[0])
    if overlap > 0:
        above = caption[1] - graphic[3]
        below = graphic[1] - caption[3]
        distance = above if above >= -2 else (below + 5 if below >= -2 else None)
        return distance if distance is not None and distance <= options.caption_gap else None
    level = min(graphic[3], caption[3]) - max(graphic[1], caption[1])
    if level < 0.5 * (caption[3] - caption[1]):
        return None
    gap = max(caption[0] - graphic[2], graphic[0] - caption[2])
    return gap + 10 if -2 <= gap <= options.side_caption_gap else None


def caption_within(graphic: BBox, caption: BBox) -> bool:
    """A caption lying inside the lower half of a graphic's box."""
    inside = graphic[0] - 2 <= caption[0] and caption[2] <= graphic[2] + 2 \
        and graphic[1] - 2 <= caption[1] and caption[3] <= graphic[3] + 2
    return inside and caption[1] >= (graphic[1] + graphic[3]) / 2


def is_below(graphic: BBox, caption: BBox) -> bool:
    return min(graphic[2], caption[2]) > max(graphic[0], caption[0]) and caption[1] >= graphic[3] - 2
