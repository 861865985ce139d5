"""Underscores that are drawn, not typed: LaTeX's \\_ in its default (OT1) fonts is a short rule on the baseline.

Such a PDF holds no "_" character, only a stroke 0.3 em long in a gap between two glyphs, so "GW190412_053044"
reads as two words "GW190412 053044". Identifiers, file and model names in tables are where this bites. A
stroke counts as an underscore only where it fills the gap between two glyphs of one line, at that line's
baseline: a minus sits on the math axis, well above it, and table rules are far longer than a gap.
"""
from __future__ import annotations

from collections.abc import Sequence

from extractors.page_content import Rule
from extractors.types import BBox

MIN_LENGTH_EM, MAX_LENGTH_EM = 0.2, 0.7  # LaTeX's \_ is 0.3 em long
BASELINE_ABOVE_EM, BASELINE_BELOW_EM = 0.12, 0.2  # how far from the baseline the stroke may sit
GAP_SLACK_EM = 0.5  # the gap may be this much wider than the stroke (LaTeX kerns 0.06 em before it)


def underscore_candidates(rules: Sequence[Rule]) -> tuple[BBox, ...]:
    """Short, thin horizontal strokes: the only rules that may be drawn underscores."""
    return tuple(r.bbox for r in rules if r.horizontal and 0.8 <= r.length <= 12.0 and r.thickness <= 1.2)


def underscore_between(left: BBox, right: BBox, baseline: float, size: float,
                       strokes: Sequence[BBox]) -> BBox | None:
    """The stroke that fills the gap between two glyph boxes of one line at its baseline, if one does."""
    gap_start, gap_end = left[2], right[0]
    for stroke in strokes:
        length = stroke[2] - stroke[0]
        middle = (stroke[1] + stroke[3]) / 2
        if (MIN_LENGTH_EM * size <= length <= MAX_LENGTH_EM * size
                and gap_start - 0.5 <= stroke[0] and stroke[2] <= gap_end + 0.5
                and gap_end - gap_start <= length + GAP_SLACK_EM * size
                and baseline - BASELINE_ABOVE_EM * size <= middle <= baseline + BASELINE_BELOW_EM * size):
            return stroke
    return None
