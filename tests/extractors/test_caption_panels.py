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
    ("Loss curves (left, line chart) and final accuracy (right, bar chart).", 2),
])
def test_lists_ranges_places_and_the_word_panels(caption: str, n: int) -> None:
    assert caption_panel_count(caption) == n


@pytest.mark.parametrize("caption", [
    "Precipitation at the closest weather stations in 2009 and 2010.",
    "Fraction of time spent in the interpreter (see Section 4.2 a).",
    "Ternary diagram for materials containing hydrogen (H).",
    "The ratio between the left and right sides of equation (1).",
    "Loss of model (a) only.",
    "FTIR spectra in micro mode (top, orange) and in transmission mode (bottom, black).",
    "Fits to the data (upper, dashed line) and to the model (lower, solid line).",
    "Raman spectra before deposition (top, blue curve) and after (bottom, red curve).",
    None,
    "",
])
def test_one_or_no_panel_marker_is_not_a_multi_panel_figure(caption: str | None) -> None:
    assert caption_panel_count(caption) < 2


# A caption naming parts types the figure: a drawing told in parts stays one diagram (realdev R23 Figures 7-8,
# control-flow graphs "(a)"/"(b)", "(left)"/"(right)"), while pictures and plots so named are panels.
PART_CAPTIONS = [
    "Figure 1. Control flow graph of a nested loop (a). The inner tree is nested inside the outer tree (b).",
    "Figure 1. (a) The encoder and (b) the decoder of the model.",
    "Figure 1. The loop with two nested loops (left) and its trace tree configuration (right).",
    "Figure 1. Architecture (A), training schedule (B) and deployment (C).",
]


def _diagram(page, x0: float, y0: float, rng) -> None:  # type: ignore[no-untyped-def]
    """Boxes joined by arrows, with words in them (no numbers): a drawn diagram in one piece, its parts
    (the rows) joined by an arrow, as a control-flow graph and its trace tree are."""
    import pymupdf

    def arrow(a: tuple[float, float], b: tuple[float, float]) -> None:
        page.draw_polyline([a, b], color=(0, 0, 0))
        page.draw_polyline([(b[0] - 4, b[1] - 6), b, (b[0] + 4, b[1] - 6), (b[0] - 4, b[1] - 6)]
                           if a[0] == b[0] else [(b[0] - 6, b[1] - 4), b, (b[0] - 6, b[1] + 4), (b[0] - 6, b[1] - 4)],
                           color=(0, 0, 0), fill=(0, 0, 0))

    n = rng.randint(2, 4)
    for row in range(2):
        y = y0 + row * 70
        for k in range(n):
            x = x0 + k * 110
            page.draw_rect(pymupdf.Rect(x, y, x + 70, y + 30), color=(0, 0, 0))
            page.insert_text((x + 8, y + 19), ["loop", "guard", "exit", "call"][k], fontsize=8)
            if k:
                arrow((x - 40, y + 15), (x, y + 15))
    arrow((x0 + 35, y0 + 30), (x0 + 35, y0 + 70))


def _plot(page, x0: float, y0: float, rng) -> None:  # type: ignore[no-untyped-def]
    """A small line plot: axes, numbered ticks and a curve."""

    w, h = 180.0, 110.0
    page.draw_line((x0, y0 + h), (x0 + w, y0 + h), color=(0, 0, 0))
    page.draw_line((x0, y0), (x0, y0 + h), color=(0, 0, 0))
    for k in range(5):
        x, y = x0 + k * w / 4, y0 + h - k * h / 4
        page.draw_line((x, y0 + h), (x, y0 + h + 3), color=(0, 0, 0))
        page.draw_line((x0 - 3, y), (x0, y), color=(0, 0, 0))
        page.insert_text((x - 3, y0 + h + 12), str(k * 10), fontsize=7)
        page.insert_text((x0 - 16, y + 2), str(k * 5), fontsize=7)
    points = [(x0 + k * w / 8, y0 + h - rng.uniform(10, h - 10)) for k in range(9)]
    page.draw_polyline(points, color=(0.8, 0.1, 0.1), width=1.2)
    page.insert_text((x0 + w / 2 - 10, y0 + h + 24), "time", fontsize=8)


@pytest.mark.parametrize(("seed", "caption"), list(itertools.product(range(3), PART_CAPTIONS)))
def test_a_drawing_told_in_parts_is_a_diagram_and_plots_so_named_are_multi(seed: int, caption: str) -> None:
    import random

    import pymupdf

    from extractors.captions import find_captions
    from extractors.figures import find_figures
    from extractors.pdf_reader import read_page

    kinds = []
    for draw in (_diagram, _plot):
        rng = random.Random(seed)
        doc = pymupdf.open()
        page = doc.new_page(width=595, height=790)
        top = rng.uniform(80, 200)
        draw(page, 80, top, rng)
        if draw is _plot:  # a second plot beside the first
            draw(page, 330, top + rng.uniform(0, 10), rng)
        page.insert_textbox(pymupdf.Rect(60, top + 150, 540, top + 200), caption, fontsize=9)
        content = read_page(pymupdf.open(stream=doc.tobytes())[0])
        kinds.append([(f.label, f.kind) for f in find_figures(content, find_captions(content))])
    assert kinds == [[("Figure 1", "diagram")], [("Figure 1", "multi")]]
