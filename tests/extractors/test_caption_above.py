"""A caption set over its figure (MDPI, BMC): the panels in the row under it are one figure, as they are under
a caption below (realdev R19 Figure 5, a 2 x 2 grid of line charts, was one panel's fragment and three
uncaptioned figures). Generated: rows of two or three drawn plots, one or two rows, under a caption."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.figures import find_figures
from extractors.pdf_reader import read_page

BODY = "The volatile profile of the infected samples was compared with that of the controls on each day. " * 4


def _plot(page: pymupdf.Page, x0: float, y0: float, w: float, h: float, rng: random.Random) -> None:
    """An open-axes line plot (no frame), with numbered ticks, error bars and a title, as Origin draws."""
    page.draw_line((x0, y0 + h), (x0 + w, y0 + h), color=(0, 0, 0), width=0.6)
    page.draw_line((x0, y0), (x0, y0 + h), color=(0, 0, 0), width=0.6)
    for k in range(5):
        x, y = x0 + (k + 0.5) * w / 5, y0 + h - k * h / 4
        page.draw_line((x, y0 + h), (x, y0 + h + 3), color=(0, 0, 0), width=0.5)
        page.draw_line((x0 - 3, y), (x0, y), color=(0, 0, 0), width=0.5)
        page.insert_text((x - 2, y0 + h + 11), str([0, 1, 2, 5, 7][k]), fontsize=6)
        page.insert_text((x0 - 18, y + 2), f"{k * 0.05:.2f}", fontsize=6)
    for series, fill in enumerate(((0, 0, 0), (1, 1, 1))):
        points = [(x0 + (k + 0.5) * w / 5, y0 + h - rng.uniform(5, h - 10)) for k in range(5)]
        page.draw_polyline(points, color=(0.3, 0.3, 0.3), width=0.5)
        for x, y in points:
            page.draw_line((x, y - 4), (x, y + 4), color=(0, 0, 0), width=0.4)
            page.draw_circle((x, y), 1.8, color=(0, 0, 0), fill=fill, width=0.4)
    page.insert_text((x0 + 10, y0 + 8), rng.choice(["propanol", "ethyl acetate", "2-methyl furan"]), fontsize=6)
    page.insert_text((x0 + w / 2 - 15, y0 + h + 22), "time (days)", fontsize=6)


@pytest.mark.parametrize("seed", range(8))
def test_the_row_of_panels_under_a_caption_set_over_them_is_one_figure(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_textbox(pymupdf.Rect(70, 60, 525, 140), BODY, fontsize=10)
    caption_top = 150.0
    page.insert_textbox(pymupdf.Rect(110, caption_top, 525, caption_top + 40),
                        "Figure 5. Time course of the metabolites detected on each day of analysis in the "
                        "infected samples and in the controls.", fontsize=9)
    cols, rows = rng.choice([2, 3]), rng.choice([1, 2])
    width = (430 - (cols - 1) * 40) / cols
    top = caption_top + 60
    for r in range(rows):
        for c in range(cols):
            _plot(page, 110 + c * (width + 40), top + r * 170, width, 120, rng)
    bottom = top + rows * 170
    page.insert_textbox(pymupdf.Rect(70, bottom + 20, 525, bottom + 100), BODY, fontsize=10)
    content = read_page(pymupdf.open(stream=doc.tobytes())[0])
    figures = find_figures(content, find_captions(content))
    assert [(f.label, f.kind) for f in figures] == [("Figure 5", "multi")]
    x0, _, x1, y1 = figures[0].bbox
    assert x0 <= 110 and x1 >= 110 + cols * width + (cols - 1) * 40 - 2 and y1 >= bottom - 50 + 2
