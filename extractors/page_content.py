"""What a page holds, as plain records: words, text lines, ruling lines, vector paths and raster images.

`extractors.pdf_reader` fills these from PyMuPDF; every other extractor reads only these records, so the
same table and figure logic can later take words from OCR for scanned pages.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors.types import BBox, PageNo


@dataclass(frozen=True)
class Word:
    """A run of glyphs without whitespace or a wide gap inside, with its box and font facts."""

    text: str
    bbox: BBox
    size: float
    bold: bool = False

    @property
    def x_center(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2


@dataclass(frozen=True)
class TextLine:
    """A line of text as the PDF groups it (one baseline, one direction), split into words."""

    bbox: BBox
    words: tuple[Word, ...]
    block: int
    horizontal: bool = True

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return max((w.size for w in self.words), default=0.0)


@dataclass(frozen=True)
class Rule:
    """A thin straight line (stroked or a filled hairline rectangle): table rules, axes, separators."""

    bbox: BBox
    horizontal: bool
    thickness: float

    @property
    def length(self) -> float:
        return (self.bbox[2] - self.bbox[0]) if self.horizontal else (self.bbox[3] - self.bbox[1])


@dataclass(frozen=True)
class VectorPath:
    """One drawn path that is not a plain rule: curves, polylines, filled shapes, markers."""

    bbox: BBox
    n_segments: int
    filled: bool
    stroked: bool


@dataclass(frozen=True)
class RasterImage:
    """A bitmap placed on the page."""

    bbox: BBox
    width_px: int
    height_px: int


@dataclass(frozen=True)
class PageContent:
    """Everything the extractors need from one page, in PDF points with a top-left origin."""

    number: PageNo
    width: float
    height: float
    lines: tuple[TextLine, ...]
    rules: tuple[Rule, ...]
    paths: tuple[VectorPath, ...]
    images: tuple[RasterImage, ...]

    @property
    def bbox(self) -> BBox:
        return (0.0, 0.0, self.width, self.height)
