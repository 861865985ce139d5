"""A captioned table whose bottom rule is drawn cell by cell (Word's tables, MDPI's scoring sheet): the rows
over that rule are the table's, even when each fills few of its cells (one mark per row of a rating scale);
they were taken for notes under the head's rule, and the caption labelled nothing."""
from __future__ import annotations

import random

import pymupdf
import pytest

from tests.extractors.page_tables import only_table

ITEMS = ["User", "Social", "Urban", "Environmental", "Economic", "Energy Requirements", "Safety"]
SCALE = ["Poor (1)", "Average (2)", "Good (3)", "Very Good (4)", "Excellent (5)"]


def _page(seed: int) -> tuple[bytes, list[list[str]]]:
    """A rating sheet under a `Table N.` caption: a head row of scale points between two full rules, rows of an
    enumerated item with one mark each, and a bottom rule drawn as one piece per column."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    size = rng.choice([9.0, 10.0, 11.0])
    n_scale = rng.choice([3, 4, 5])
    marker = rng.choice(["{}. ", "{}) ", "({}) "])
    mark = rng.choice(["O", "X", "+"])
    left, right = 50.0, 545.0
    edges = [left, left + 140.0] + [left + 140.0 + (right - left - 140.0) * (k + 1) / n_scale for k in range(n_scale)]
    top = rng.choice([120.0, 300.0, 520.0])
    caption = f"Table {seed % 5 + 1}. Technology scoring process."
    page.insert_text((200, top), caption, fontsize=size + 1)
    y = top + 1.2 * size
    page.draw_line((left, y), (right, y), width=0.6)
    heads = ["1. Usefulness"] + SCALE[:n_scale]
    y += 1.3 * size
    for k, head in enumerate(heads):
        page.insert_text((edges[k] + 4, y), head, fontsize=size)
    y += 0.5 * size
    page.draw_line((left, y), (right, y), width=0.6)
    grid = [heads]
    for i in range(rng.choice([4, 5, 6])):
        y += 1.35 * size
        label = marker.format("abcdefg"[i]) + ITEMS[i]
        column = rng.randrange(n_scale)
        page.insert_text((edges[0] + 4, y), label, fontsize=size)
        page.insert_text(((edges[column + 1] + edges[column + 2]) / 2, y), mark, fontsize=size)
        grid.append([label] + [mark if k == column else "" for k in range(n_scale)])
    y += 0.5 * size
    for a, b in zip(edges, edges[1:]):  # the bottom rule, one piece under each cell
        page.draw_line((a, y), (b, y), width=0.6)
    page.insert_text((50, y + 3 * size), "The scores of every criterion are summed over the technologies of "
                     "the city's strategy and", fontsize=size)
    page.insert_text((50, y + 4.3 * size), "compared with the city's own objectives in the next section.", fontsize=size)
    return doc.tobytes(), grid


@pytest.mark.parametrize("seed", range(6))
def test_rows_over_a_bottom_rule_drawn_cell_by_cell_are_the_tables(seed: int) -> None:
    pdf, grid = _page(seed)
    table = only_table(pdf)
    assert table.label == f"Table {seed % 5 + 1}"
    assert table.n_rows == len(grid), (table.n_rows, len(grid))
    assert table.footnotes is None or not any(item in table.footnotes for item in ITEMS)
