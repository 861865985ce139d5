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
    superscript: str = ""  # trailing raised, smaller glyphs of `text` ("10" + "3" for 10³), "" when none
    mono: bool = False  # set in a fixed-pitch font (Courier, \texttt), whose space is 0.6 em wide

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
    direction: tuple[float, float] = (1.0, 0.0)  # reading direction as displayed: (0, -1) reads upwards

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


Color = tuple[float, float, float]
"""RGB, each 0..1."""

Point = tuple[float, float]


@dataclass(frozen=True)
class DrawnShape:
    """One drawing exactly as drawn, rules included: the geometry charts are read from.

    `subpaths` holds each connected run of segments as its vertices in drawing order (a curve by its end
    points, a rectangle as its four corners); `n_rects` and `n_curves` count those items.
    """

    bbox: BBox
    subpaths: tuple[tuple[Point, ...], ...]
    fill: Color | None
    stroke: Color | None
    width: float
    n_rects: int = 0
    n_curves: int = 0
    dashed: bool = False

    @property
    def center(self) -> Point:
        return ((self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2)


@dataclass(frozen=True)
class RasterImage:
    """A bitmap placed on the page."""

    bbox: BBox
    width_px: int
    height_px: int
    white_share: float | None = None  # share of near-white pixels (a rendered plot's background), when decoded
    n_colors: int | None = None  # distinct colours after coarse quantization (8 levels per channel)
    tick_axes: int | None = None  # axis directions with a ticked line in its pixels (a picture of a chart)
    tick_panels: int | None = None  # ticked plots side by side or stacked in its pixels (a picture of panels)


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
    shapes: tuple[DrawnShape, ...] = ()  # every drawing with its points and colours (read in the same pass)

    @property
    def bbox(self) -> BBox:
        return (0.0, 0.0, self.width, self.height)
