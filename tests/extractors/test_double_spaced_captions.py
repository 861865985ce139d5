"""Captions on double-spaced pages (theses, manuscripts for review): the caption's second line sits a whole line
under its first, as every line of the page does, and belongs to it (the found corpus's Portuguese dissertation
lost the end of all three captions). On a page set tight, a line that far under a caption is not its own.
Drawn from seeds: spacing 1.5 or 2, type size 10-12, the caption above or under a ruled table."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.line_spacing import body_line_gap
from extractors.pdf_reader import read_page

BODY = ("The samples were prepared in three batches and measured twice on separate days with the same settings "
        "so that the spread between the two runs could be compared with the spread between the batches over the "
        "whole of the campaign and the results are listed in the table on this page together with their errors "
        "as estimated from the repeated measurements of every sample of every batch in the laboratory")
FIRST = "Number of events generated and the cross section of the double diffraction events (DD)"
SECOND = "and of the minimum bias events (MB)."


def _paragraph(page: pymupdf.Page, top: float, size: float, pitch: float, lines: int) -> float:
    words = BODY.split()
    per_line = len(words) // lines
    for k in range(lines):
        page.insert_text((60, top + k * pitch), " ".join(words[k * per_line:(k + 1) * per_line]), fontsize=size)
    return top + lines * pitch


def _page(seed: int, spacing: float) -> tuple[pymupdf.Page, str]:
    rng = random.Random(seed)
    size = rng.choice([10.0, 11.0, 12.0])
    pitch = size * 1.2 * spacing
    below = rng.random() < 0.5
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = _paragraph(page, 80, size, pitch, 5) + pitch
    caption_lines = [f"Table {seed + 1}: {FIRST}", SECOND]
    if not below:
        for k, text in enumerate(caption_lines):
            page.insert_text((60, y + k * pitch), text, fontsize=size)
        y += len(caption_lines) * pitch
    page.draw_line((60, y - size), (535, y - size), width=0.8)
    for r, row in enumerate([("Sample", "Events", "Cross section"), ("DD", "10000", "1.2"), ("MB", "20000", "65.3")]):
        for c, cell in enumerate(row):
            page.insert_text((70 + 150 * c, y + r * pitch), cell, fontsize=size)
    y += 2 * pitch
    page.draw_line((60, y + 0.5 * size), (535, y + 0.5 * size), width=0.8)
    y += pitch
    if below:
        for k, text in enumerate(caption_lines):
            page.insert_text((60, y + k * pitch), text, fontsize=size)
        y += len(caption_lines) * pitch
    _paragraph(page, y + pitch, size, pitch, 5)
    return page, f"{FIRST} {SECOND}"


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("spacing", [1.5, 2.0])
def test_a_caption_on_a_double_spaced_page_keeps_its_second_line(seed: int, spacing: float) -> None:
    page, text = _page(seed, spacing)
    content = read_page(page)
    assert body_line_gap(content.lines) is not None
    assert [(c.label, c.text) for c in find_captions(content)] == [(f"Table {seed + 1}", text)]


@pytest.mark.parametrize("seed", range(4))
def test_on_a_page_set_tight_a_line_a_line_apart_is_not_the_captions(seed: int) -> None:
    """Single spacing: the page's lines are a fifth of an em apart, so a line under a one-line caption at the
    gap a double-spaced page would leave is a paragraph of its own."""
    rng = random.Random(seed)
    size = rng.choice([9.0, 10.0])
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = _paragraph(page, 80, size, 1.2 * size, 5) + 2 * size
    page.insert_text((60, y), f"Table {seed + 1}: {FIRST}", fontsize=size)
    page.insert_text((60, y + 2.0 * size), "The note below the caption is a paragraph of its own.", fontsize=size)
    page.draw_line((60, y + 3 * size), (535, y + 3 * size), width=0.8)
    content = read_page(page)
    assert [(c.label, c.text) for c in find_captions(content)] == [(f"Table {seed + 1}", FIRST)]
