"""Where a figure is and that it is found once, on layouts seen on real papers (realdev R06-R08, R11, R20),
each as a generated family: a side caption whose label has no delimiter ("Fig. 1 Paired ..."), a caption
set inside the lower half of its picture's canvas, rows of pictures stacked over one caption, and a
first page's masthead banner above the title, which is no figure at all."""
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

BODY = "The animals were kept in pairs and observed for ten minutes every morning of the trial period. " * 6


def _picture(rng: random.Random, width: int = 320, height: int = 200) -> bytes:
    """A photo-like picture: smooth colour gradients with noise (no white background, no lines)."""
    gen = np.random.default_rng(rng.randint(0, 10**6))
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([(x * rng.uniform(0.3, 0.8)) % 255, (y * rng.uniform(0.3, 0.8)) % 255,
                    (x + y) % 200 + 30], axis=-1) + gen.normal(0, 12, (height, width, 3))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _figures(doc: pymupdf.Document, number: int = 0) -> list:
    content = read_page(pymupdf.open(stream=doc.tobytes())[number])
    return find_figures(content, find_captions(content))


@pytest.mark.parametrize("seed", range(6))
def test_a_side_caption_with_a_bare_label_names_the_picture_beside_it(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    size, top, left = rng.choice([8.0, 8.5, 9.0]), rng.uniform(300, 500), 51.0
    lines = ["Fig. 1 Paired pen trial design,", "with each holding pen containing", "six weaned seals and",
             "individuals from either pen"][:rng.randint(2, 4)]
    for k, line in enumerate(lines):
        page.insert_text((left, top + size + 1.2 * size * k), line, fontsize=size)
    picture_left = left + 115 + rng.uniform(10, 60)
    page.insert_image(pymupdf.Rect(picture_left, top - rng.uniform(0, 4), 544, top + 150), stream=_picture(rng), keep_proportion=False)
    page.insert_textbox(pymupdf.Rect(51, 60, 544, top - 30), BODY, fontsize=9)
    figures = _figures(doc)
    assert [(f.label, f.kind) for f in figures] == [("Figure 1", "image")]
    assert figures[0].caption.startswith("Paired pen trial design")
    assert figures[0].bbox[0] >= picture_left - 1


@pytest.mark.parametrize("seed", range(6))
def test_a_caption_inside_its_pictures_canvas_is_one_figure_cut_at_the_caption(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    canvas = pymupdf.Rect(43, 68, 553, 68 + rng.uniform(380, 480))
    caption_top = canvas.y1 - rng.uniform(40, 75)  # the canvas runs on under the caption's lines
    page.insert_image(pymupdf.Rect(canvas.x0, canvas.y0, canvas.x1, caption_top - 4), stream=_picture(rng), keep_proportion=False)
    page.draw_rect(canvas, color=(1, 1, 1), fill=None, width=0.1)  # the canvas' invisible frame
    page.draw_rect(pymupdf.Rect(canvas.x0 + 2, caption_top - 2, canvas.x0 + 30, caption_top - 0.5), fill=(0, 0, 0))
    page.insert_textbox(pymupdf.Rect(canvas.x0, caption_top, canvas.x1, canvas.y1),
                        "Figure 2. Time course of the response to the stimulus in both groups. " * 2, fontsize=8)
    figures = _figures(doc)
    assert [f.label for f in figures] == ["Figure 2"]
    assert figures[0].bbox[3] <= caption_top
    assert dict(figures[0].evidence)["graphic_found"] == 1.0


@pytest.mark.parametrize("seed", range(6))
def test_rows_of_pictures_over_one_caption_are_one_figure(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    top, gap, height = 60.0, rng.uniform(3, 35), rng.uniform(90, 140)
    rows = rng.randint(2, 3)
    for r in range(rows):
        y = top + r * (height + gap)
        if rng.random() < 0.5:
            page.insert_image(pymupdf.Rect(63, y, 459, y + height), stream=_picture(rng), keep_proportion=False)
        else:  # two pictures side by side in this row
            page.insert_image(pymupdf.Rect(63, y, 256, y + height), stream=_picture(rng), keep_proportion=False)
            page.insert_image(pymupdf.Rect(271, y, 459, y + height), stream=_picture(rng), keep_proportion=False)
    bottom = top + rows * (height + gap) - gap
    page.insert_textbox(pymupdf.Rect(56, bottom + 10, 467, bottom + 60),
                        "Figure 3. Gel images of the milk samples taken on the days after birth.", fontsize=9)
    page.insert_textbox(pymupdf.Rect(56, bottom + 70, 540, 760), BODY, fontsize=9)
    figures = _figures(doc)
    assert [f.label for f in figures] == ["Figure 3"]
    assert figures[0].bbox[1] == pytest.approx(top, abs=1)


def test_running_text_between_two_pictures_keeps_them_apart() -> None:
    rng = random.Random(7)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    page.insert_image(pymupdf.Rect(63, 60, 459, 200), stream=_picture(rng), keep_proportion=False)
    assert page.insert_textbox(pymupdf.Rect(56, 204, 540, 226), BODY[:120], fontsize=8) >= 0
    page.insert_image(pymupdf.Rect(63, 230, 459, 380), stream=_picture(rng), keep_proportion=False)
    page.insert_textbox(pymupdf.Rect(56, 390, 467, 420), "Figure 4. The lower picture only.", fontsize=9)
    figures = _figures(doc)
    captioned = [f for f in figures if f.label == "Figure 4"]
    assert len(captioned) == 1 and captioned[0].bbox[1] >= 229


@pytest.mark.parametrize("seed", range(4))
def test_a_first_page_banner_above_the_title_is_no_figure(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    for number in range(2):
        page = doc.new_page(width=595, height=790)
        page.insert_image(pymupdf.Rect(32, 40, 553, 40 + rng.uniform(70, 110)), stream=_picture(rng, 600, 120), keep_proportion=False)
        page.insert_text((40, 180), "A study of how seals recognise each other", fontsize=rng.uniform(14, 20))
        page.insert_textbox(pymupdf.Rect(40, 200, 550, 700), BODY * 2, fontsize=9)
    assert _figures(doc, 0) == []
    assert len(_figures(doc, 1)) == 1  # the same picture on a later page is an (uncaptioned) figure


def test_a_picture_above_a_heading_further_down_a_first_page_is_content_not_a_masthead() -> None:
    """A one-page document or a report: a large section heading mid-page is no paper's title, and what
    stands above it is content (DP-Bench 053 lost its table to the masthead rule before it was bounded)."""
    rng = random.Random(3)
    doc = pymupdf.open()
    page = doc.new_page(width=432, height=648)
    page.insert_image(pymupdf.Rect(45, 72, 370, 260), stream=_picture(rng), keep_proportion=False)
    page.insert_text((45, 458), "Barriers to participation in the labour market", fontsize=14)
    page.insert_textbox(pymupdf.Rect(45, 470, 390, 620), BODY, fontsize=9)
    assert len(_figures(doc)) == 1


@pytest.mark.parametrize("seed", range(4))
def test_a_graphic_far_above_its_caption_still_gets_it_when_it_fills_the_space(seed: int) -> None:
    """R's pdf() device: wide margins and axis titles set the plot 60 pt and more above the caption. The
    caption takes the graphic standing in its space; one filling only part of that space (a figure the
    grouping did not see whole) leaves the caption its whole space, as before."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    page.insert_textbox(pymupdf.Rect(72, 60, 540, 120), BODY, fontsize=9)
    top, bottom = 140.0, 140.0 + rng.uniform(150, 220)
    gap = rng.uniform(70, 110)
    page.insert_image(pymupdf.Rect(90, top, 520, bottom), stream=_picture(rng), keep_proportion=False)
    page.insert_text((260, bottom + 25), "Time (s)", fontsize=9)  # an axis title between
    page.insert_text((72, bottom + gap), "Figure 1: Signal over the run.", fontsize=9)
    figures = _figures(doc)
    assert [(f.label, dict(f.evidence)["graphic_found"]) for f in figures] == [("Figure 1", 1.0)]
    assert figures[0].bbox[3] <= bottom + 1

    narrow = pymupdf.open()
    page = narrow.new_page(width=595, height=790)
    page.insert_textbox(pymupdf.Rect(72, 60, 540, 120), BODY, fontsize=9)
    page.insert_image(pymupdf.Rect(330, top, 520, bottom), stream=_picture(rng), keep_proportion=False)
    page.insert_text((72, bottom + gap), "Figure 1: A table and a chart side by side.", fontsize=9)
    wide = [f for f in _figures(narrow) if f.label == "Figure 1"]
    assert len(wide) == 1 and wide[0].bbox[0] < 300  # the caption's whole space, not the narrow graphic
