"""Charts whose text is drawn as glyph outlines (Origin and other exporters that outline fonts: realdev R05
Figure 12): the figure's region is OCR'd, the axes calibrated from what OCR reads, and the data read back.

Each case is a random matplotlib chart saved as SVG (matplotlib writes SVG text as glyph paths) and turned
into a vector PDF by PyMuPDF, so the page has the glyphs as filled paths and no text in the chart; only
the caption under it is text."""
from __future__ import annotations

import io
import random

import pymupdf
import pytest

from extractors.model import FigureItem
from extractors.ocr import ocr_available
from extractors.outlined_text import has_outlined_text, is_glyph, repaired_numbers
from extractors.page_content import TextLine, Word
from extractors.pdf_reader import read_page
from extractors.pipeline import ExtractionOptions, extract_document

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

CAPTION = "Figure 1: Measured response of each sample over the sweep."
pytestmark = pytest.mark.skipif(not ocr_available(), reason="rapidocr-onnxruntime is a core dependency")


def _chart(seed: int) -> tuple[bytes, dict[str, list[tuple[float, float]]], tuple[float, float, float, float]]:
    """A random outlined chart as PDF bytes, its series and its axis limits (x0, x1, y0, y1)."""
    rng = random.Random(seed)
    n_series = rng.randint(1, 2)
    n = rng.randint(5, 9)
    x = [round(rng.choice((0, 1, 2)) + k * rng.choice((0.5, 1, 2)), 2) for k in range(n)]
    x = sorted(set(x))
    scale = rng.choice((1, 10, 100))
    shift = rng.choice((0.0, 0.0, -5.0))  # some charts run below zero: minus signs in the tick labels
    series = {name: [(xv, round((rng.uniform(0.5, 9.5) + shift) * scale, 2)) for xv in x]
              for name in rng.sample(("Baseline", "Sample", "Model", "Control"), n_series)}
    ys = [y for pts in series.values() for _, y in pts]
    pad = 0.08 * (max(ys) - min(ys))
    limits = (x[0] - 0.5, x[-1] + 0.5, round(min(ys) - pad, 2), round(max(ys) + 3 * pad, 2))
    size = (rng.uniform(3.2, 4.2), rng.uniform(2.4, 3.0))
    with plt.rc_context({"font.size": rng.choice((8, 9, 10))}):
        fig, ax = plt.subplots(figsize=size)
        for (name, pts), marker in zip(series.items(), rng.sample(("o", "s", "^"), n_series)):
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker=marker, label=name)
        ax.set_xlim(limits[0], limits[1])
        ax.set_ylim(limits[2], limits[3])
        ax.set_xlabel(rng.choice(("Time (s)", "Dose (mg)", "Fluence")))
        ax.set_ylabel(rng.choice(("Signal", "Yield (%)", "Counts")))
        if n_series > 1:
            ax.legend(loc="upper left")
        fig.tight_layout()
        svg = io.BytesIO()
        fig.savefig(svg, format="svg")
        plt.close(fig)
    return pymupdf.open(stream=svg.getvalue(), filetype="svg").convert_to_pdf(), series, limits


def _page(chart_pdf: bytes) -> tuple[bytes, tuple[float, float, float, float]]:
    """A letter page with the chart and a caption (text) under it; and the chart's box."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    src = pymupdf.open("pdf", chart_pdf)
    w, h = src[0].rect.width, src[0].rect.height
    page.show_pdf_page(pymupdf.Rect(100, 80, 100 + w, 80 + h), src, 0)
    page.insert_text((100, 80 + h + 20), CAPTION, fontsize=9)
    return doc.tobytes(), (100, 80, 100 + w, 80 + h)


def _figure(pdf: bytes) -> FigureItem:
    result = extract_document(pdf, ExtractionOptions(crop_dpi=36))
    return next(f for f in result.figures if f.label == "Figure 1")


@pytest.mark.parametrize("seed", range(int(__import__("os").environ.get("OUTLINE_SEEDS", 6))))
def test_outlined_chart_is_read_through_ocr(seed: int) -> None:
    chart, truth, (x0, x1, y0, y1) = _chart(seed)
    pdf, box = _page(chart)
    page = read_page(pymupdf.open("pdf", pdf)[0])
    assert [ln.text for ln in page.lines] == [CAPTION]  # the chart's own text is outlines only
    assert has_outlined_text(page, box)
    figure = _figure(pdf)
    assert figure.kind == "chart" and dict(figure.evidence).get("chart_text_ocr") == 1.0, figure.evidence
    read: dict[str, list[tuple[float, float]]] = {}
    for p in figure.series:
        read.setdefault(p.series, []).append((p.x, p.y))
    tx, ty = 0.01 * (x1 - x0), 0.01 * (y1 - y0)
    for name, points in truth.items():
        for xv, yv in points:
            assert any(abs(px - xv) <= tx and abs(py - yv) <= ty for pts in read.values() for px, py in pts), \
                (seed, name, xv, yv, read)


def test_text_layer_charts_are_not_ocrd() -> None:
    """The same chart with its text as text: no OCR, no `chart_text_ocr` (the pass is only for outlines)."""
    matplotlib.use("pdf")
    try:
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.plot([0, 1, 2, 3], [1.0, 3.0, 2.0, 4.0], marker="o")
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf")
        plt.close(fig)
    finally:
        matplotlib.use("svg")
    figure = _figure(_page(buf.getvalue())[0])
    assert figure.series and "chart_text_ocr" not in dict(figure.evidence)


def test_square_and_stroked_markers_are_not_glyphs() -> None:
    """Filled square markers (rectangles) and stroked marks are never taken for letters; a filled, unstroked
    round mark is glyph-like (an `o`), which is why glyphs are only dropped under OCR'd words."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(100, 100, 104, 104), color=None, fill=(0, 0, 0))
    page.draw_circle((200, 200), 3, color=(0, 0, 0), fill=None)
    page.draw_circle((300, 200), 3, color=None, fill=(1, 0, 0))
    shapes = read_page(page).shapes
    glyphs = [s for s in shapes if is_glyph(s)]
    assert len(shapes) == 3 and [tuple(round(v) for v in s.bbox) for s in glyphs] == [(297, 197, 303, 203)]


def _label_column(values: list[str], x: float = 50.0) -> tuple[TextLine, ...]:
    """Tick labels set one under another, right-aligned at x, 20 pt apart (top first)."""
    lines = []
    for k, text in enumerate(values):
        box = (x - 4.0 * len(text), 100.0 + 20 * k, x, 106.0 + 20 * k)
        lines.append(TextLine(bbox=box, words=(Word(text=text, bbox=box, size=6.0),), block=k))
    return tuple(lines)


@pytest.mark.parametrize("seed", range(20))
def test_misread_minus_signs_are_repaired_on_the_axis_scale(seed: int) -> None:
    """A random linear axis's labels, top to bottom, with minus signs OCR dropped or read as `1`."""
    rng = random.Random(seed)
    step, top = rng.choice((1, 2, 5, 10)), rng.randint(2, 6)
    values = [(top - k) * step for k in range(rng.randint(5, 8))]  # runs below zero
    truth = [str(v) for v in values]
    read = [t if not t.startswith("-") else rng.choice((t, t[1:], "1" + t[1:])) for t in truth]
    fixed = [ln.words[0].text for ln in repaired_numbers(_label_column(read))]
    assert fixed == truth, (read, fixed)


def test_log_axis_labels_are_kept_and_unplaceable_columns_dropped() -> None:
    log = ["1000", "100", "10", "1", "0.1"]
    assert [ln.words[0].text for ln in repaired_numbers(_label_column(log))] == log
    assert repaired_numbers(_label_column(["7", "3", "12", "5"])) == ()  # no scale: not a basis for an axis
