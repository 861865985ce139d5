"""A currency sign set apart from its amount (US financial statements: `$` flush left in the cell on the first
row and the total row, the amount flush right) is part of the amount's cell, not a column of its own (found
corpus: Wells Fargo's Table 5.14 read ten columns for eight). Tables drawn by the random table generator with
its `currency_apart` style, one per page."""
from __future__ import annotations

import random

import pytest
from page_tables import only_table
from random_table_pages import one_table_pdf, rt_content, rt_draw

STYLES = frozenset({"currency_apart"})


def _page(seed: int):  # -> (pdf, content); a draw with no sign set apart, or too wide, is drawn again
    for attempt in range(50):
        rng = random.Random(f"currency-apart/{seed}/{attempt}")
        content = rt_content.make_table(rng, max_cols=7, styles=STYLES)
        style = rt_draw.TableStyle.draw(rng, STYLES)
        geometry = rt_draw.measure(content, style)
        if "currency_apart" in content.tags and geometry.width <= 520 and geometry.height <= 640:
            return one_table_pdf(geometry, "Table 1. Net revenue by segment and year."), content
    raise AssertionError(f"seed {seed}: no draw with a currency sign fits the page")


@pytest.mark.parametrize("seed", range(16))
def test_currency_sign_set_apart_is_its_amounts(seed: int) -> None:
    pdf, content = _page(seed)
    table = only_table(pdf)
    assert table.n_cols == content.n_cols
    want = {(r - content.header_rows, c, cell.text) for r, row in enumerate(content.rows) for c, cell in enumerate(row)
            if cell is not None and cell.text.startswith("$ ")}  # body rows counted from the header's end
    got = {(cell.row - table.n_header_rows, cell.col, cell.text) for cell in table.cells if cell.text.startswith("$")}
    assert got == want
