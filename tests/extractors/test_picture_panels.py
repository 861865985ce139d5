"""Separate pictures under one caption are a multi-panel figure (realdev R03 Fig. 1, a 2 x 5 grid of photos;
R05 Figs. 1-2, 2 x 2 and 3 x 3 micrographs with drawn scale bars), as generated families: grids with and
without gutters, rows and stacks; and what is not: one picture cut in bands, a drawing with small pictures
in it, and a region that runs past another figure's caption."""
from __future__ import annotations

import io
import random

import numpy as np
import pymupdf
import pytest
from PIL import Image

from extractors.captions import find_captions
from extractors.figures import find_figures
from extractors.pdf_reader import read_page
from extractors.picture_panels import is_caption_start, join_bands, picture_panels


def _picture(rng: random.Random, width: int = 160, height: int = 120) -> bytes:
    """A photo-like picture: colour gradients with noise (no white background, no lines)."""
    gen = np.random.default_rng(rng.randint(0, 10**6))
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([(x * rng.uniform(0.3, 0.8)) % 255, (y * rng.uniform(0.3, 0.8)) % 255,
                    (x + y) % 200 + 30], axis=-1) + gen.normal(0, 12, (height, width, 3))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _figures(doc: pymupdf.Document) -> list:
    content = read_page(pymupdf.open(stream=doc.tobytes())[0])
    return find_figures(content, find_captions(content))


def _grid(rng: random.Random, rows: int, cols: int, box: tuple[float, float, float, float],
          gutter: float) -> list[tuple[float, float, float, float]]:
    w = (box[2] - box[0] - (cols - 1) * gutter) / cols
    h = (box[3] - box[1] - (rows - 1) * gutter) / rows
    return [(box[0] + c * (w + gutter), box[1] + r * (h + gutter), box[0] + c * (w + gutter) + w,
             box[1] + r * (h + gutter) + h) for r in range(rows) for c in range(cols)]


@pytest.mark.parametrize("seed", range(8))
def test_a_grid_of_pictures_under_one_caption_is_multi(seed: int) -> None:
    rng = random.Random(seed)
    rows, cols = rng.choice([(1, 2), (1, 3), (2, 2), (2, 5), (3, 3), (2, 1)])
    gutter = rng.choice([0.0, 0.5, rng.uniform(3, 14)])
    left, top = rng.uniform(50, 120), rng.uniform(60, 140)
    box = (left, top, left + rng.uniform(200, 400), top + rng.uniform(90, 300))
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    for cell in _grid(rng, rows, cols, box, gutter):
        page.insert_image(pymupdf.Rect(cell), stream=_picture(rng), keep_proportion=False)
        if rng.random() < 0.5:  # a drawn scale bar and its label on the picture, as micrographs have
            page.draw_rect(pymupdf.Rect(cell[2] - 30, cell[3] - 8, cell[2] - 8, cell[3] - 6), fill=(1, 1, 1))
            page.insert_text((cell[2] - 30, cell[3] - 10), "10 µm", fontsize=5, color=(1, 1, 1))
    page.insert_textbox(pymupdf.Rect(box[0], box[3] + 8, box[0] + 300, box[3] + 40),
                        "Figure 1. Micrographs of the samples at three magnifications.", fontsize=9)
    figures = _figures(doc)
    assert [(f.label, f.kind) for f in figures] == [("Figure 1", "multi")]


@pytest.mark.parametrize("seed", range(6))
def test_one_picture_cut_in_bands_is_one_picture(seed: int) -> None:
    """PDF writers slice a large bitmap into strips: stacked bands along a full edge are one image."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    left, top, width = 60.0, rng.uniform(60, 120), rng.uniform(200, 400)
    bands = rng.randint(2, 5)
    band = width * rng.uniform(0.1, 0.3)
    for k in range(bands):
        page.insert_image(pymupdf.Rect(left, top + k * band, left + width, top + (k + 1) * band),
                          stream=_picture(rng, 200, 40), keep_proportion=False)
    bottom = top + bands * band
    page.insert_textbox(pymupdf.Rect(left, bottom + 8, left + 300, bottom + 40),
                        "Figure 2. The sample surface.", fontsize=9)
    figures = _figures(doc)
    assert [(f.label, f.kind) for f in figures] == [("Figure 2", "image")]
    assert "picture_panels" not in dict(figures[0].evidence)


def test_pictures_that_are_not_panels() -> None:
    box = (0.0, 0.0, 400.0, 200.0)
    two = [(0.0, 0.0, 195.0, 200.0), (205.0, 0.0, 400.0, 200.0)]
    assert picture_panels(two, box) == 2
    assert picture_panels(two[:1], box) == 0  # one picture
    assert picture_panels([(0, 0, 40, 30), (300, 100, 340, 130)], box) == 0  # icons in a drawing
    assert picture_panels([(0.0, 0.0, 300.0, 200.0), (100.0, 0.0, 400.0, 200.0)], box) == 0  # layers
    assert picture_panels(two, box, caption_lines=[(0.0, 100.0, 150.0, 110.0)]) == 0  # past another caption
    assert picture_panels([(0, 0, 100, 200), (100, 0, 200, 200), (200, 0, 300, 200)], box) == 3  # abutting tiles
    assert join_bands([(0, 0, 400, 50), (0, 50, 400, 100), (0, 100, 400, 150)]) == [(0, 0, 400, 150)]
    assert is_caption_start("Figure 5: Histogram") and is_caption_start("Fig. 2 Paired")
    assert not is_caption_start("Figures show") and not is_caption_start("(a) Figure of merit")


@pytest.mark.parametrize("seed", range(4))
def test_a_drawing_with_small_pictures_in_it_stays_a_diagram(seed: int) -> None:
    """A pipeline drawn with arrows between small thumbnails: the pictures cover little of it."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    top = rng.uniform(80, 160)
    for k in range(3):
        x = 60 + k * 160
        page.draw_oval(pymupdf.Rect(x, top, x + 120, top + 110), color=(0, 0, 0))
        page.insert_image(pymupdf.Rect(x + 30, top + 10, x + 90, top + 55), stream=_picture(rng), keep_proportion=False)
        page.insert_text((x + 40, top + 80), ["Input", "Filter", "Output"][k], fontsize=9)
        if k:
            page.draw_polyline([(x - 40, top + 55), (x - 4, top + 55)], color=(0, 0, 0))
            page.draw_polyline([(x - 8, top + 51), (x, top + 55), (x - 8, top + 59), (x - 8, top + 51)],
                               color=(0, 0, 0), fill=(0, 0, 0))
    page.insert_textbox(pymupdf.Rect(60, top + 120, 500, top + 150), "Figure 3. The processing pipeline.", fontsize=9)
    figures = _figures(doc)
    assert [(f.label, f.kind) for f in figures] == [("Figure 3", "diagram")]
