"""A contents page (entries flush left, page numbers flush right) is not a table; a two-column data table is.

DP-Bench's book and report pages: 7 of the 13 tables found on its pages whose truth holds none were contents
lists read by the aligned or ruled finders."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables
from extractors.tables.front_matter import without_front_matter

TITLES = ["Hydrostatic Pressure", "Bernoulli's Theorem Demonstration", "Energy Loss in Pipe Fittings",
          "Impact of a Jet", "Orifice and Free Jet Flow", "Free and Forced Vortices", "Flow Over Weirs", "Pumps",
          "Descriptive Statistics", "Missing Data", "Checking Values", "Outliers and Normality"]


def _contents_page(seed: int) -> bytes:
    """A contents page in the seed's style: entries numbered as sections, chapters or experiments, front matter
    with roman page numbers or not, a heading or none (a contents list's second page)."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    size = rng.choice([10.0, 11.0, 12.0])
    y = 90.0
    if rng.random() < 0.6:
        page.insert_text((72, y), rng.choice(["Contents", "Table of Contents", "CONTENTS"]), fontsize=size + 6)
        y += 3 * size
    entries: list[tuple[str, str]] = []
    if rng.random() < 0.5:
        entries += [(t, r) for t, r in zip(["About the Publisher", "About This Project", "Acknowledgments"],
                                           ["vii", "ix", "xi"])]
    style = rng.choice(["Section 1.{}: {}", "{}. {}", "Experiment #{}: {}", "Chapter {} {}"])
    number = rng.randint(1, 9)
    for k, title in enumerate(rng.sample(TITLES, rng.choice([6, 8, 10]))):
        number += rng.randint(1, 12)
        entries.append((style.format(k + 1, title), str(number)))
    right = 540.0
    for entry, ref in entries:
        page.insert_text((72, y), entry, fontsize=size)
        page.insert_text((right - pymupdf.get_text_length(ref, fontsize=size), y), ref, fontsize=size)
        y += rng.choice([1.6, 2.0, 2.4]) * size
    return doc.tobytes()


def _tables(pdf: bytes) -> list:  # type: ignore[type-arg]
    page = read_page(pymupdf.open(stream=pdf)[0])
    return without_front_matter(find_tables(page, find_captions(page)))


@pytest.mark.parametrize("seed", range(8))
def test_a_contents_page_is_no_table(seed: int) -> None:
    assert _tables(_contents_page(seed)) == []


def _data_table(seed: int, head: bool) -> bytes:
    """A two-column table of words and numbers: with its column heads, its numbers rising; or without heads,
    its numbers in no order."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 120.0
    rows = [("Region", "Sites")] if head else []
    values = sorted(rng.sample(range(5, 400), 7)) if head else rng.sample(range(5, 400), 7)
    rows += [(name, str(v)) for name, v in zip(["North Coast", "Inland Valley", "High Plateau", "River Delta",
                                                  "Southern Hills", "Eastern Forest", "Western Lakes"], values)]
    for name, value in rows:
        page.insert_text((100, y), name, fontsize=10)
        page.insert_text((300, y), value, fontsize=10)
        y += 14
    return doc.tobytes()


@pytest.mark.parametrize("seed", range(3))
def test_two_column_data_tables_stay(seed: int) -> None:
    for head in (True, False):
        before = find_tables(*(lambda p: (p, find_captions(p)))(read_page(pymupdf.open(stream=_data_table(seed, head))[0])))
        assert len(_tables(_data_table(seed, head))) == len(before)
