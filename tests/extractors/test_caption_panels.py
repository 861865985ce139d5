"""A caption that walks through its panels names a multi-panel figure (extractors/figure_panels.py)."""
from __future__ import annotations

import itertools

import pytest

from extractors.figure_panels import caption_panel_count

MARKERS = {  # how papers mark panels, each with the letters' own case
    "paren": "({})", "close": "{})", "bracket": "[{}]",
}


@pytest.mark.parametrize(("style", "upper", "n"), list(itertools.product(MARKERS, (False, True), (2, 3, 4))))
def test_letter_markers_in_every_style_count_their_panels(style: str, upper: bool, n: int) -> None:
    letters = "ABCD" if upper else "abcd"
    parts = [f"{MARKERS[style].format(letters[k])} measurement number {k} of the series" for k in range(n)]
    assert caption_panel_count("Results of the run. " + "; ".join(parts) + ".") == n


@pytest.mark.parametrize(("caption", "n"), [
    ("Spectra of the samples (a, b) and their difference (c).", 3),
    ("Micrographs (A–D) of the dust after irradiation.", 4),
    ("Gel images of day 1 (a, green) and day 152 (b, red).", 2),
    ("Efficiency for PuBe (upper) and background (lower) data sets.", 2),
    ("Left: best-fit curves. Right: posterior distributions.", 2),
    ("Distributions (left panels) and widths (right panels) for each run.", 2),
    ("The drift coefficient in the three panels is shown against temperature.", 2),
])
def test_lists_ranges_places_and_the_word_panels(caption: str, n: int) -> None:
    assert caption_panel_count(caption) == n


@pytest.mark.parametrize("caption", [
    "Precipitation at the closest weather stations in 2009 and 2010.",
    "Fraction of time spent in the interpreter (see Section 4.2 a).",
    "Ternary diagram for materials containing hydrogen (H).",
    "The ratio between the left and right sides of equation (1).",
    "Loss of model (a) only.",
    None,
    "",
])
def test_one_or_no_panel_marker_is_not_a_multi_panel_figure(caption: str | None) -> None:
    assert caption_panel_count(caption) < 2
