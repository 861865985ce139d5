"""Pictured charts on real layouts (realdev R22, a JACoW paper): a chart stored as stacked bitmap strips is
read as one picture, and a turned margin note running down the page (licence text, an arXiv stamp) is no
label of the figure beside it, so the figure's box stays its own. Generated families of both."""
from __future__ import annotations

import io
import random

import matplotlib
import numpy as np
import pymupdf
import pytest
from PIL import Image

from extractors.captions import find_captions
from extractors.figures import find_figures
from extractors.pdf_reader import read_page

matplotlib.use("Agg")
import matplotlib.pyplot as plt

BODY = "The tuner was tested in the cryostat and its response was measured against the drive voltage. " * 5


def _chart(seed: int) -> np.ndarray:
    """A matplotlib line or scatter chart with ticked axes, as RGB pixels."""
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(rng.uniform(3.5, 5), rng.uniform(2.6, 3.6)))
    x = np.arange(int(rng.integers(8, 25)))
    for k in range(int(rng.integers(1, 4))):
        ax.plot(x, np.cumsum(rng.normal(size=len(x))) + k, marker="o" if k % 2 else None, markersize=3)
    ax.set_xlabel("Voltage (V)")
    ax.set_ylabel("Frequency (MHz)")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120)
    plt.close(fig)
    return np.asarray(Image.open(buffer).convert("RGB"))


def _png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def _figures(doc: pymupdf.Document) -> list:
    content = read_page(pymupdf.open(stream=doc.tobytes())[0])
    return find_figures(content, find_captions(content))


@pytest.mark.parametrize("seed", range(6))
def test_a_chart_stored_in_strips_is_one_pictured_chart(seed: int) -> None:
    rng = random.Random(seed)
    pixels = _chart(seed)
    bands = rng.randint(3, 6)  # strips, as PDF writers slice large bitmaps
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    left, top, width = 60.0, rng.uniform(60, 200), rng.uniform(220, 300)
    height = width * pixels.shape[0] / pixels.shape[1]
    cuts = np.linspace(0, pixels.shape[0], bands + 1).astype(int)
    for k in range(bands):
        y0, y1 = top + height * cuts[k] / pixels.shape[0], top + height * cuts[k + 1] / pixels.shape[0]
        page.insert_image(pymupdf.Rect(left, y0, left + width, y1), stream=_png(pixels[cuts[k]:cuts[k + 1]]),
                          keep_proportion=False)
    page.insert_text((left, top + height + 14), "Figure 7: Cavity transfer function and noise.", fontsize=9)
    figures = _figures(doc)
    assert [(f.label, f.kind) for f in figures] == [("Figure 7", "chart")]
    assert dict(figures[0].evidence)["raster_tick_axes"] >= 1


@pytest.mark.parametrize("seed", range(6))
def test_a_turned_margin_note_is_no_label_of_the_figure_beside_it(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=790)
    right = rng.random() < 0.5
    column = (310.0, 545.0) if right else (50.0, 285.0)
    top = rng.uniform(300, 420)
    page.insert_textbox(pymupdf.Rect(column[0], 50, column[1], top - 10), BODY, fontsize=9)
    picture = _chart(seed + 10)
    height = (column[1] - column[0]) * picture.shape[0] / picture.shape[1]
    page.insert_image(pymupdf.Rect(column[0], top, column[1], top + height), stream=_png(picture))
    page.insert_text((column[0] + 10, top + height + 14), "Figure 4: Detuning the cavity with the piezo tuner.",
                     fontsize=9)
    note = "Content from this work may be used under the terms of the licence; any distribution must cite the work."
    x = column[1] + rng.uniform(3, 8) if right else column[0] - rng.uniform(6, 12)
    page.insert_text((x, 760), note, fontsize=8, rotate=90)  # reads upwards along the margin
    figures = _figures(doc)
    assert [(f.label, f.kind) for f in figures] == [("Figure 4", "chart")]
    assert figures[0].bbox[1] >= top - 2 and figures[0].bbox[3] <= top + height + 2
