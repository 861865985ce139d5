"""Pictures inside a drawn frame: a raster heatmap on ticked or labelled axes is a chart, but a picture in a
box with neither tick marks nor an axis of labels is a framed picture or a diagram's node (realdev R23
Figure 2, a state machine whose boxes hold small bitmaps, was typed a heatmap chart). Generated families."""
from __future__ import annotations

import io
import itertools
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


def _figures(doc: pymupdf.Document) -> list:
    content = read_page(pymupdf.open(stream=doc.tobytes())[0])
    return find_figures(content, find_captions(content))


def _photo(rng: random.Random, width: int = 120, height: int = 90) -> bytes:
    gen = np.random.default_rng(rng.randint(0, 10**6))
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([(x * rng.uniform(0.3, 0.8)) % 255, (y * rng.uniform(0.3, 0.8)) % 255,
                    (x + y) % 200 + 30], axis=-1) + gen.normal(0, 12, (height, width, 3))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("seed", range(6))
def test_a_raster_heatmap_on_ticked_or_labelled_axes_is_a_chart(seed: int) -> None:
    rng = np.random.default_rng(seed)
    fig, ax = plt.subplots(figsize=(rng.uniform(3, 4.5), rng.uniform(2.5, 3.5)))
    rows, cols = int(rng.integers(3, 9)), int(rng.integers(3, 9))
    ax.imshow(rng.random((rows, cols)), aspect="auto", cmap=str(rng.choice(["viridis", "Blues", "magma"])))
    if seed % 2:  # class labels with no tick marks, as confusion matrices are often set
        ax.set_xticks(range(cols), [f"c{k}" for k in range(cols)])
        ax.set_yticks(range(rows), [str(k * 10) for k in range(rows)])
        ax.tick_params(length=0)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf")
    plt.close(fig)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.show_pdf_page(pymupdf.Rect(100, 100, 400, 325), pymupdf.open(stream=buffer.getvalue()), 0)
    page.insert_text((100, 345), "Figure 1: Confusion between the classes.", fontsize=9)
    assert [(f.label, f.kind) for f in _figures(doc)] == [("Figure 1", "chart")]


@pytest.mark.parametrize("seed", range(6))
def test_boxes_holding_pictures_in_a_drawing_are_no_heatmap(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    top = rng.uniform(80, 300)
    boxes = []
    for k in range(rng.randint(3, 4)):
        x, y = 80 + k * 120, top + (k % 2) * 50
        box = pymupdf.Rect(x, y, x + rng.uniform(60, 80), y + rng.uniform(40, 60))
        page.draw_rect(box, color=(0, 0, 0), width=0.8)
        n = rng.randint(1, 3)
        for j in range(n):  # small bitmaps filling the box: icons, rendered labels
            w = (box.width - 4) / n
            page.insert_image(pymupdf.Rect(box.x0 + 2 + j * w, box.y0 + 2, box.x0 + 2 + (j + 1) * w, box.y1 - 2),
                              stream=_photo(rng, 60, 40), keep_proportion=False)
        page.insert_text((box.x0, box.y1 + 10), ["record", "compile", "run", "exit"][k], fontsize=8)
        boxes.append(box)
    for a, b in itertools.pairwise(boxes):
        page.draw_line((a.x1, (a.y0 + a.y1) / 2), (b.x0 - 6, (b.y0 + b.y1) / 2), color=(0, 0, 0))
        y = (b.y0 + b.y1) / 2
        page.draw_polyline([(b.x0 - 6, y - 3), (b.x0, y), (b.x0 - 6, y + 3), (b.x0 - 6, y - 3)],
                           color=(0, 0, 0), fill=(0, 0, 0))
    bottom = max(b.y1 for b in boxes) + 30
    page.insert_text((80, bottom), "Figure 2: State machine of the tracing interpreter.", fontsize=9)
    [figure] = _figures(doc)
    assert figure.kind == "diagram"
    assert "chart_heatmap" not in dict(figure.evidence)


@pytest.mark.parametrize("seed", range(4))
def test_a_framed_photo_is_an_image(seed: int) -> None:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    frame = pymupdf.Rect(90, 100, 90 + rng.uniform(200, 400), 100 + rng.uniform(120, 260))
    page.insert_image(frame, stream=_photo(rng, 300, 200), keep_proportion=False)
    page.draw_rect(frame, color=(0, 0, 0), width=rng.choice([0.5, 1.0]))
    page.insert_text((90, frame.y1 + 16), "Figure 3: The cavity mounted in the cryostat.", fontsize=9)
    assert [(f.label, f.kind) for f in _figures(doc)] == [("Figure 3", "image")]


def _screenshot(rng: random.Random, width: int = 480, height: int = 300) -> bytes:
    """A user-interface screenshot: white page, coloured buttons and lines of coloured text."""
    from PIL import ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for k in range(rng.randint(3, 6)):  # buttons and highlights
        x, y = rng.randint(0, width - 90), rng.randint(0, height - 30)
        draw.rectangle((x, y, x + rng.randint(40, 90), y + rng.randint(12, 28)),
                       fill=tuple(rng.randint(40, 230) for _ in range(3)))
    for row in range(12, height - 10, 22):  # lines of text
        x = 10
        while x < width - 60:
            word = "".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(3, 9)))
            draw.text((x, row), word, fill=tuple(rng.randint(0, 200) for _ in range(3)))
            x += 8 * len(word)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("seed", range(6))
def test_a_framed_screenshot_is_an_image_and_a_framed_pictured_chart_a_chart(seed: int) -> None:
    """LaTeX's \\fbox around a screenshot (realdev R16 Figure 5): a rule along each side of the picture. A
    pictured chart's axes are in its own pixels, so a frame around it leaves it a chart."""
    rng = random.Random(seed)
    kinds = []
    for picture in ("screenshot", "chart"):
        doc = pymupdf.open()
        page = doc.new_page(width=612, height=792)
        frame = pymupdf.Rect(90, 100, 90 + rng.uniform(220, 400), 100 + rng.uniform(140, 240))
        if picture == "screenshot":
            stream = _screenshot(rng)
        else:
            fig, ax = plt.subplots(figsize=(4, 3))
            x = np.arange(12)
            ax.plot(x, np.cumsum(np.random.default_rng(seed).normal(size=12)))
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=120)
            plt.close(fig)
            stream = buffer.getvalue()
        page.insert_image(frame, stream=stream, keep_proportion=False)
        pad = rng.choice([0.0, 1.0, 2.0])
        page.draw_rect(frame + (-pad, -pad, pad, pad), color=(0, 0, 0), width=rng.choice([0.4, 0.8]))
        page.insert_text((90, frame.y1 + 18), "Figure 5: Users adjust the length of the history.", fontsize=9)
        figures = _figures(doc)
        kinds.append([(f.label, f.kind) for f in figures])
    assert kinds == [[("Figure 5", "image")], [("Figure 5", "chart")]]
