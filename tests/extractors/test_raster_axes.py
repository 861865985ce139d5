"""Ticked axes in a picture's pixels (extractors/raster_axes.py): charts drawn by matplotlib in the styles
that draw tick marks, at screen and print resolutions, are found; photos, flow charts, hatched bars and
ruled tables of numbers are not. Each family is generated, not one fixture."""
from __future__ import annotations

import io
import itertools
import random

import matplotlib
import numpy as np
import pymupdf
import pytest
from PIL import Image
from sklearn.datasets import load_sample_images

from extractors.captions import find_captions
from extractors.figures import find_figures
from extractors.pdf_reader import read_page
from extractors.raster_axes import thumbnail, tick_axes

matplotlib.use("Agg")
import matplotlib.pyplot as plt

KINDS = ("line", "scatter", "bar", "errorbar")


def _gray(fig: plt.Figure, dpi: int) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return np.asarray(Image.open(buffer).convert("L"))


def _chart(kind: str, seed: int, direction: str, grid: bool, dpi: int, style: str) -> np.ndarray:
    rng = np.random.default_rng(seed)
    with plt.style.context(style):
        fig, ax = plt.subplots(figsize=(rng.uniform(3, 6), rng.uniform(2.2, 4)))
        x = np.arange(int(rng.integers(6, 30)))
        y = np.cumsum(rng.normal(size=len(x)))
        if kind == "line":
            ax.plot(x, y)
            ax.plot(x, 0.5 * y + 1, "--")
        elif kind == "scatter":
            ax.scatter(x, y, s=8)
        elif kind == "bar":
            ax.bar(x[:8], np.abs(y[:8]) + 1)
        else:
            ax.errorbar(x, y, yerr=0.3, fmt="o", capsize=2)
        ax.tick_params(direction=direction)
        ax.grid(grid)
        ax.set_xlabel("time (s)")
        ax.set_ylabel("signal")
        return _gray(fig, dpi)


def test_ticked_charts_are_found_across_styles_resolutions_and_tick_directions() -> None:
    cases = list(itertools.product(KINDS, ("out", "in"), (False, True), (72, 150), ("default", "classic")))
    found = [tick_axes(_chart(k, i, d, g, dpi, s)) for i, (k, d, g, dpi, s) in enumerate(cases)]
    assert np.mean([n >= 1 for n in found]) >= 0.9, found
    assert np.mean([n == 2 for n in found]) >= 0.6, found


def test_photos_have_no_ticked_axes() -> None:
    for photo in load_sample_images().images:
        gray = np.asarray(Image.fromarray(photo).convert("L"))
        assert tick_axes(gray) == 0
        assert tick_axes(gray[::2, ::2]) == 0


@pytest.mark.parametrize("seed", range(6))
def test_flow_charts_hatched_bars_and_ruled_tables_have_none(seed: int) -> None:
    rng = random.Random(seed)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.set_axis_off()
    for k in range(rng.randint(3, 6)):  # boxes joined by arrows
        x, y = rng.uniform(0.05, 0.6), rng.uniform(0.05, 0.8)
        ax.add_patch(plt.Rectangle((x, y), 0.3, 0.12, fill=False, lw=1.2))
        ax.text(x + 0.02, y + 0.04, f"step {k}", fontsize=8)
        ax.annotate("", xy=(x + 0.15, y), xytext=(x + 0.15, y - 0.1), arrowprops={"arrowstyle": "->"})
    ax.bar([0.2, 0.5, 0.8], [0.3, 0.5, 0.2], width=0.12, hatch=rng.choice(["//", "xx", ".."]), fill=False)
    assert tick_axes(_gray(fig, rng.choice([72, 150]))) == 0

    fig, ax = plt.subplots(figsize=(5, 2))
    ax.set_axis_off()
    n_cols = rng.randint(4, 8)
    cells = [[f"{rng.uniform(0, 99):.2f}" for _ in range(n_cols)] for _ in range(rng.randint(3, 7))]
    ax.table(cellText=cells, loc="center")
    assert tick_axes(_gray(fig, rng.choice([72, 150]))) == 0


def test_thumbnail_keeps_hairlines() -> None:
    image = np.full((1200, 900), 255, dtype=np.uint8)
    image[600, 100:800] = 0  # one pixel thick
    small = thumbnail(image)
    assert max(small.shape) <= 400
    assert (small < 100).any(axis=1).sum() == 1


def test_a_pictured_chart_is_typed_chart_on_the_page(tmp_path) -> None:
    png = io.BytesIO()
    Image.fromarray(_chart("line", 3, "out", False, 150, "default")).save(png, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(pymupdf.Rect(100, 100, 420, 330), stream=png.getvalue())
    page.insert_text((100, 350), "Figure 1. Signal over time for the two sensors.", fontsize=9)
    path = tmp_path / "pictured_chart.pdf"
    doc.save(path)
    content = read_page(pymupdf.open(path)[0])
    figures = find_figures(content, find_captions(content))
    assert [f.kind for f in figures] == ["chart"]
    assert dict(figures[0].evidence)["raster_tick_axes"] >= 1


def _panels(seed: int, rows: int, cols: int, dpi: int, style: str) -> np.ndarray:
    rng = np.random.default_rng(seed)
    with plt.style.context(style):
        fig, axes = plt.subplots(rows, cols, figsize=(rng.uniform(2.6, 3.4) * cols, rng.uniform(2.0, 2.8) * rows))
        for k, ax in enumerate(np.ravel(axes)):
            x = np.arange(int(rng.integers(6, 30)))
            if k % 2:
                ax.hist(rng.normal(size=200), bins=int(rng.integers(8, 20)))
            else:
                ax.plot(x, np.cumsum(rng.normal(size=len(x))))
            ax.set_xlabel("D")
        fig.tight_layout()
        return _gray(fig, dpi)


def test_plots_side_by_side_or_stacked_in_one_picture_are_counted_apart() -> None:
    """realdev R15 Figure 1: two histograms in one bitmap. A single chart, its frame's mirrored axes
    included, is one plot."""
    from extractors.raster_axes import axis_evidence

    layouts = list(itertools.product(((1, 2), (2, 1), (2, 2), (1, 3)), (72, 150), ("default", "classic")))
    multi = [axis_evidence(_panels(i, r, c, dpi, s))[1] for i, ((r, c), dpi, s) in enumerate(layouts)]
    assert np.mean([n >= 2 for n in multi]) >= 0.3, multi  # each panel's axis must itself be found ticked
    cases = list(itertools.product(KINDS, ("out", "in"), (False, True), (72, 150), ("default", "classic")))
    single = [axis_evidence(_chart(k, i, d, g, dpi, s))[1] for i, (k, d, g, dpi, s) in enumerate(cases)]
    assert all(n <= 1 for n in single), single  # when it says several, it is right


@pytest.mark.parametrize(("seed", "style"), [(0, "default"), (4, "default"), (5, "classic"), (7, "classic")])
def test_a_picture_of_plots_side_by_side_is_multi_on_the_page(seed: int, style: str) -> None:
    png = io.BytesIO()
    Image.fromarray(_panels(seed, 1, 2, 150, style)).save(png, format="PNG")
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_image(pymupdf.Rect(60, 100, 300, 230), stream=png.getvalue())
    page.insert_text((60, 250), "Figure 1. The distribution of the difference and the ratio.", fontsize=9)
    content = read_page(pymupdf.open(stream=doc.tobytes())[0])
    assert [(f.label, f.kind) for f in find_figures(content, find_captions(content))] == [("Figure 1", "multi")]
