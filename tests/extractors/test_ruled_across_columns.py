"""A short caption at the left of a page over a ruled table that runs across it, on a page the reader takes for
two columns (two columns of running text under the table, or a table's own wrapped cells): the caption takes the
whole table when the rules right under it, its top rule or its column rules, start in its column and cross the
gutter. Before, only the caption's half of the table was read when the line right under the caption (a wrapped
head centred on its cell, a group label over the right-hand columns) did not cross the gutter itself (found
corpus: the CGEP appendix's landscape Table A-1 kept 4 of its 8 columns, Wells Fargo's Table 5.14 went out
unlabelled in three pieces). Tables drawn by the random table generator with heads that wrap, one per page."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table
from random_table_pages import rt_content, rt_draw

PROSE = ("The reasons for ineligibility were similar across the recruitment methods and the sites. " * 10)


def _page(seed: int) -> tuple[bytes, object]:
    """A two-column Letter page: a short caption at the top left, a ruled table across both columns whose first
    header line does not cross the gutter, and running text in two columns under it."""
    for attempt in range(80):
        rng = random.Random(f"ruled-across/{seed}/{attempt}")
        content = rt_content.make_table(rng, max_cols=rng.randint(5, 8))
        style = rt_draw.TableStyle.draw(rng)
        style.rules = rng.choice(["booktabs", "grid", "hlines"])
        style.filled, style.header_wrap, style.valign = None, True, "middle"
        geometry = rt_draw.measure(content, style, min_width=rng.uniform(470, 512))
        if geometry.width > 512 or geometry.height > 420 or content.n_cols < 4:
            continue
        doc = pymupdf.open()
        page = doc.new_page(width=612, height=792)
        page.insert_text((50, 62), f"Table {rng.randint(1, 9)}: {rng.choice(['Sites', 'Projects', 'Results'])}.",
                         fontsize=9)
        canvas = rt_draw.Canvas(doc, 0)
        rt_draw.draw_table(geometry, canvas, 50, 70)
        canvas.flush()
        top = 70 + geometry.height + 24
        page.insert_textbox(pymupdf.Rect(50, top, 298, 760), PROSE, fontsize=9)
        page.insert_textbox(pymupdf.Rect(314, top, 562, 760), PROSE, fontsize=9)
        first = min((ln for ln in _lines(page) if ln[1] > 64 and ln[1] < 70 + geometry.height), key=lambda ln: ln[1])
        if first[0] > 150 or first[2] < 330:  # the first header line stays clear of the caption or of the gutter
            return doc.tobytes(), content
    raise AssertionError(f"seed {seed}: no draw whose first header line stays in one column")


def _lines(page: pymupdf.Page) -> list[tuple[float, float, float]]:
    """Each text line's left, top and right."""
    return [(ln["bbox"][0], ln["bbox"][1], ln["bbox"][2]) for block in page.get_text("dict")["blocks"]
            for ln in block.get("lines", [])]


@pytest.mark.parametrize("seed", range(16))
def test_caption_takes_the_table_ruled_across_the_page(seed: int) -> None:
    pdf, content = _page(seed)
    table = only_table(pdf)
    assert table.label is not None and table.label.startswith("Table")
    assert (table.n_rows, table.n_cols) == (len(content.rows), content.n_cols)
