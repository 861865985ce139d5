"""Pages with a /Rotate entry (landscape tables, turned scans) are read as they are displayed.

PyMuPDF reports text and drawings in the unrotated page's coordinates; `upright` maps every record of
a PageContent through the page's rotation matrix so that the extractors see the page as a reader does
(and boxes match the rendered crops and `page.rect`).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from extractors.page_content import DrawnShape, PageContent, Rule, TextLine, Word
from extractors.types import BBox

Transform = Callable[[float, float], tuple[float, float]]


def affine(a: float, b: float, c: float, d: float, e: float, f: float) -> Transform:
    """The point map of a PDF matrix [a b c d e f] (row vector convention, as PyMuPDF)."""
    return lambda x, y: (a * x + c * y + e, b * x + d * y + f)


def upright(content: PageContent, transform: Transform, quarter_turns: int) -> PageContent:
    """Map every box and point of a page through `transform`; a quarter turn swaps rule orientation."""
    swap = quarter_turns % 2 == 1

    def box(b: BBox) -> BBox:
        xs, ys = zip(transform(b[0], b[1]), transform(b[2], b[3]))
        return (min(xs), min(ys), max(xs), max(ys))

    def word(w: Word) -> Word:
        return dataclasses.replace(w, bbox=box(w.bbox))

    def line(ln: TextLine) -> TextLine:
        return dataclasses.replace(ln, bbox=box(ln.bbox), words=tuple(word(w) for w in ln.words))

    def rule(r: Rule) -> Rule:
        return dataclasses.replace(r, bbox=box(r.bbox), horizontal=r.horizontal != swap)

    def shape(s: DrawnShape) -> DrawnShape:
        points = tuple(tuple(transform(x, y) for x, y in sub) for sub in s.subpaths)
        return dataclasses.replace(s, bbox=box(s.bbox), subpaths=points)

    return dataclasses.replace(
        content,
        lines=tuple(line(ln) for ln in content.lines),
        rules=tuple(rule(r) for r in content.rules),
        paths=tuple(dataclasses.replace(p, bbox=box(p.bbox)) for p in content.paths),
        images=tuple(dataclasses.replace(im, bbox=box(im.bbox)) for im in content.images),
        shapes=tuple(shape(s) for s in content.shapes),
    )




def sideways_view(content: PageContent, share: float = 0.6) -> tuple[PageContent, Callable[[BBox], BBox]] | None:
    """An upright page whose text mostly runs up or down (a sidewaystable, a landscape figure set on a
    portrait page), turned so that it reads left to right; with the map from the turned frame's boxes back
    to the page's. None for an ordinary page."""
    chars = {"up": 0, "down": 0, "across": 0}
    for line in content.lines:
        n = sum(len(w.text) for w in line.words)
        dx, dy = line.direction
        chars["up" if dy < -0.9 else "down" if dy > 0.9 else "across"] += n
    total = sum(chars.values())
    if not total:
        return None
    width, height = content.width, content.height
    if chars["up"] >= share * total:  # rotate a quarter turn clockwise: (x, y) -> (H - y, x)
        forward, back = affine(0, 1, -1, 0, height, 0), affine(0, -1, 1, 0, 0, height)
        turn_direction = lambda dx, dy: (-dy, dx)  # noqa: E731
    elif chars["down"] >= share * total:  # anticlockwise: (x, y) -> (y, W - x)
        forward, back = affine(0, -1, 1, 0, 0, width), affine(0, 1, -1, 0, width, 0)
        turn_direction = lambda dx, dy: (dy, -dx)  # noqa: E731
    else:
        return None
    view = upright(content, forward, 1)

    def reoriented(ln: TextLine) -> TextLine:
        dx, dy = turn_direction(*ln.direction)
        return dataclasses.replace(ln, direction=(dx, dy), horizontal=abs(dy) < 1e-3 and dx > 0)

    view = dataclasses.replace(view, width=height, height=width, lines=tuple(reoriented(ln) for ln in view.lines))

    def to_page(b: BBox) -> BBox:
        xs, ys = zip(back(b[0], b[1]), back(b[2], b[3]))
        return (min(xs), min(ys), max(xs), max(ys))

    return view, to_page
