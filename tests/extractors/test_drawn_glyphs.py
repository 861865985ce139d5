"""Text that the PDF draws in pieces reads as one word: LaTeX's drawn underscore, and a subscript stacked
under a superscript (asymmetric uncertainties). Each case is a family of random sizes, positions and texts."""
from __future__ import annotations

import random
import string

import pymupdf
import pytest

from extractors.pdf_reader import read_page


def _identifier(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(2, 9)))


def _words(doc: pymupdf.Document) -> list[str]:
    page = pymupdf.open(stream=doc.tobytes())[0]
    return [word.text for line in read_page(page).lines for word in line.words]


def _underscored(seed: int, stroke_at_em: float | None) -> tuple[pymupdf.Document, str, str]:
    """Two identifiers set with a LaTeX-like \\_ between them: a 0.3 em stroke after a 0.06 em kern,
    `stroke_at_em` above the baseline (None: no stroke at all)."""
    rng = random.Random(seed)
    size, x, y = rng.uniform(6.5, 12.0), rng.uniform(40, 200), rng.uniform(80, 700)
    left, right = _identifier(rng), _identifier(rng)
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((x, y), left, fontsize=size)
    end = x + pymupdf.get_text_length(left, fontsize=size)
    if stroke_at_em is not None:
        height = y - stroke_at_em * size
        page.draw_line((end + 0.06 * size, height), (end + 0.36 * size, height), width=0.4)
    page.insert_text((end + 0.36 * size, y), right, fontsize=size)
    return doc, left, right


@pytest.mark.parametrize("seed", range(12))
def test_a_drawn_underscore_joins_the_two_halves_of_an_identifier(seed: int) -> None:
    doc, left, right = _underscored(seed, stroke_at_em=0.0)
    assert _words(doc) == [f"{left}_{right}"]


@pytest.mark.parametrize("seed", range(6))
def test_a_stroke_on_the_math_axis_is_not_an_underscore(seed: int) -> None:
    """A minus drawn as a stroke sits a quarter em above the baseline: the words stay apart."""
    doc, _, _ = _underscored(seed, stroke_at_em=0.27)
    assert "_" not in "".join(_words(doc))


@pytest.mark.parametrize("seed", range(4))
def test_a_gap_without_a_stroke_stays_a_gap(seed: int) -> None:
    doc, _, _ = _underscored(seed, stroke_at_em=None)
    assert "_" not in "".join(_words(doc)) and len(_words(doc)) == 2


def test_a_table_rule_under_a_line_joins_nothing() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "alpha", fontsize=10)
    page.insert_text((72 + pymupdf.get_text_length("alpha", fontsize=10) + 3.6, 100), "beta", fontsize=10)
    page.draw_line((60, 100.5), (300, 100.5), width=0.4)
    assert _words(doc) == ["alpha", "beta"]


def _uncertainty(seed: int, sub_drop_em: float) -> tuple[pymupdf.Document, str]:
    """A value with a superscript and a subscript stacked at one x, the subscript `sub_drop_em` below the
    value's baseline; returns the document and the value as one string."""
    rng = random.Random(seed)
    size, x, y = rng.uniform(7.0, 11.0), rng.uniform(40, 300), rng.uniform(80, 700)
    value = f"{rng.uniform(0.1, 99):.2f}"
    up, down = f"+{rng.uniform(0.01, 9):.2f}", f"-{rng.uniform(0.01, 9):.2f}"  # base-14 fonts have no U+2212
    small = 0.7 * size
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((x, y), value, fontsize=size)
    end = x + pymupdf.get_text_length(value, fontsize=size)
    page.insert_text((end, y - 0.4 * size), up, fontsize=small)
    page.insert_text((end, y + sub_drop_em * size), down, fontsize=small)
    return doc, value + up + down


@pytest.mark.parametrize("seed", range(10))
def test_a_subscript_stacked_under_a_superscript_stays_with_its_value(seed: int) -> None:
    doc, expected = _uncertainty(seed, sub_drop_em=0.25)
    words = _words(doc)
    assert words == [expected]


def test_a_small_line_well_below_stays_a_line_of_its_own() -> None:
    doc, _ = _uncertainty(3, sub_drop_em=1.6)
    assert len(_words(doc)) == 2
