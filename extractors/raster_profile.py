"""Whether a raster image is laid out like a table, from its ink profile alone (no OCR, a few milliseconds).

OCR costs a second or more per image, so an uncaptioned image is only read when its pixels look like a
table: rows of text in bands of even height (a photo, a chart or a drawing has no such bands) that leave
one or more blank gutters running down through most bands (a paragraph of text leaves none; a chart's
curve crosses every band). Full-width and full-height rules (a ruled grid's lines) are set aside before
the bands are counted, so that ruled and open tables are judged alike.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from extractors.raster_axes import runs as _runs

INK_LEVEL = 160  # grey levels below this are ink
RULE_SHARE = 0.5  # a pixel row (column) inked across this share of the image is a rule, not text
MIN_BAND_PX = 3  # text bands thinner than this are specks or underlines
GUTTER_BAND_SHARE = 0.2  # a gutter column may be inked in at most this share of the bands
MIN_GUTTER_SHARE = 0.015  # and must be this wide, as a share of the image width (at least 3 px)
MAX_BAND_SPREAD = 0.3  # table rows are of one height: the table images seen spread 0.10-0.11, the pictures
# that otherwise passed (bar charts, slides of bars, forms) 0.26-0.46


@dataclass(frozen=True)
class InkProfile:
    """What an image's ink says about its layout."""

    white_share: float  # near-white pixels
    h_rules: int  # full-width horizontal rules
    v_rules: int  # full-height vertical rules
    bands: int  # horizontal bands of text, rules set aside
    band_spread: float  # standard deviation of band heights over their mean (0: all alike)
    gutters: int  # blank vertical strips between inked columns, through most bands

    @property
    def looks_like_table(self) -> bool:
        """Four or more even bands of text with a gutter between columns, on a light background."""
        return (self.white_share >= 0.5 and self.bands >= 4 and self.band_spread <= MAX_BAND_SPREAD
                and self.gutters >= 1)


def channel_mean(rgb: np.ndarray) -> np.ndarray:
    """rgb.mean(axis=2) of an H×W×3 image, the same float64s nine times faster: a uint8 image's channel sums
    are exact integers, so adding them in any order and dividing by 3 gives mean's very values."""
    if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3:
        return rgb.mean(axis=2)
    return (rgb[..., 0].astype(np.float64) + rgb[..., 1] + rgb[..., 2]) / 3


def ink_profile(gray: np.ndarray) -> InkProfile | None:
    """The ink profile of a greyscale image (H×W uint8); None when it is too small to say."""
    if gray.ndim != 2 or min(gray.shape) < 10:
        return None
    ink = gray < INK_LEVEL
    h_rule_rows = ink.mean(axis=1) >= RULE_SHARE
    v_rule_cols = ink.mean(axis=0) >= RULE_SHARE
    text = ink.copy()
    text[h_rule_rows, :] = False
    text[:, v_rule_cols] = False
    bands = _runs(text.any(axis=1) & (text.mean(axis=1) > 0.002))
    bands = [(a, b) for a, b in bands if b - a >= MIN_BAND_PX]
    heights = np.array([b - a for a, b in bands], dtype=float)
    spread = float(heights.std() / heights.mean()) if len(heights) else float("inf")
    return InkProfile(
        white_share=float((gray >= 235).mean()),
        h_rules=len(_runs(h_rule_rows)),
        v_rules=len(_runs(v_rule_cols)),
        bands=len(bands),
        band_spread=round(spread, 3),
        gutters=_gutters(text, bands),
    )


def _gutters(text: np.ndarray, bands: list[tuple[int, int]]) -> int:
    """Blank vertical strips, wide enough, between the first and last inked columns of the bands."""
    if not bands:
        return 0
    inked = np.array([text[a:b].any(axis=0) for a, b in bands]).mean(axis=0) > GUTTER_BAND_SHARE
    columns = np.flatnonzero(inked)
    if len(columns) == 0:
        return 0
    inner = ~inked[columns[0]:columns[-1] + 1]
    wide = max(3.0, MIN_GUTTER_SHARE * text.shape[1])
    return sum(1 for a, b in _runs(inner) if b - a >= wide)
