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


