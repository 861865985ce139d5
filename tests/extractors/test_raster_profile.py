"""An image's ink profile tells a table (even bands of text, gutters between columns) from a paragraph,
a chart or a photo, before any OCR is spent on it. Each picture is drawn with PyMuPDF and rendered."""
from __future__ import annotations

import random

import numpy as np
import pymupdf
import pytest

from extractors.raster_profile import ink_profile

WORDS = "the sample was measured twice at room temperature and the mean of both readings is reported here".split()


def _gray(draw, width: float = 300, height: float = 160, dpi: int = 100) -> np.ndarray:  # type: ignore[no-untyped-def]
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    draw(page)
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.stride)[:, :pix.width].copy()


def _table(rules: str, n_rows: int, n_cols: int, seed: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)

    def draw(page: pymupdf.Page) -> None:
        pitch, col = 16, 280 / n_cols
        for r in range(n_rows):
            for c in range(n_cols):
                text = rng.choice(WORDS[:6]) if c == 0 else f"{rng.uniform(0, 99):.{rng.randint(0, 2)}f}"
                page.insert_text((12 + col * c, 20 + pitch * r), text, fontsize=rng.choice([8, 9, 10]))
            if rules in ("rows", "grid"):
                page.draw_line((6, 24 + pitch * r), (292, 24 + pitch * r), width=0.6)
        if rules == "grid":
            for c in range(n_cols + 1):
                page.draw_line((6 + col * c, 6), (6 + col * c, 24 + pitch * (n_rows - 1)), width=0.6)
    return draw


def _paragraph(page: pymupdf.Page) -> None:
    page.insert_textbox(pymupdf.Rect(8, 8, 292, 152), " ".join(WORDS * 4), fontsize=9)


def _chart(page: pymupdf.Page) -> None:
    page.draw_line((30, 10), (30, 130), width=0.8)
    page.draw_line((30, 130), (290, 130), width=0.8)
    for k in range(6):
        page.insert_text((8, 134 - 24 * k), f"{k * 10}", fontsize=8)
        page.insert_text((26 + 50 * k, 145), f"{2000 + k}", fontsize=8)
    points = [(30 + 5 * i, 120 - 100 * abs(np.sin(i / 9))) for i in range(52)]
    page.draw_polyline(points, width=1.2)


def _photo(page: pymupdf.Page) -> None:
    rng = np.random.default_rng(0)
    noise = rng.integers(40, 200, size=(160, 300, 3), dtype=np.uint8)
    page.insert_image(page.rect, pixmap=pymupdf.Pixmap(pymupdf.csRGB, 300, 160, noise.tobytes(), False))


@pytest.mark.parametrize("rules", ["none", "rows", "grid"])
@pytest.mark.parametrize("n_rows,n_cols,seed", [(4, 3, 1), (6, 4, 2), (8, 5, 3), (9, 2, 4)])
def test_tables_of_every_ruling_look_like_tables(rules: str, n_rows: int, n_cols: int, seed: int) -> None:
    profile = ink_profile(_gray(_table(rules, n_rows, n_cols, seed)))
    assert profile is not None and profile.looks_like_table, profile
    assert profile.bands >= n_rows - 1 and profile.gutters >= 1


@pytest.mark.parametrize("draw", [_paragraph, _chart, _photo], ids=["paragraph", "chart", "photo"])
def test_paragraphs_charts_and_photos_do_not(draw) -> None:  # type: ignore[no-untyped-def]
    profile = ink_profile(_gray(draw))
    assert profile is not None and not profile.looks_like_table, profile


def test_a_ruled_grid_counts_its_rules_apart_from_its_text() -> None:
    profile = ink_profile(_gray(_table("grid", 5, 4, 7)))
    assert profile is not None and profile.h_rules >= 4 and profile.v_rules >= 3


def test_an_image_too_small_to_judge_has_no_profile() -> None:
    assert ink_profile(np.full((6, 40), 255, np.uint8)) is None
    assert ink_profile(np.full((20, 20, 3), 255, np.uint8)) is None  # not greyscale
