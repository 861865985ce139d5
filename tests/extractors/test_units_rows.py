"""A header row of units under the column heads, each unit centred under its group label's columns
(`kg ha−1` under each year's heads: realdev R10 Table 2; the random generator's `units_row` style): it is a
header row of its own, each unit spanning its group's columns, not the wrapped second line of the head it
sits under. Tables drawn by the random generator with that style forced, one per page."""
from __future__ import annotations

import random
import unicodedata

import pytest
from page_tables import only_table
from random_table_pages import one_table_pdf, rt_content, rt_draw

STYLES = frozenset({"units_row"})


def _page(seed: int):  # -> (pdf, content); a draw with no units row or too wide is drawn again
    for attempt in range(50):
        rng = random.Random(f"units-rows/{seed}" + (f"/{attempt}" if attempt else ""))
        content = rt_content.make_table(rng, max_cols=8, styles=STYLES)
        style = rt_draw.TableStyle.draw(rng)
        style.rules, style.cmidrules, style.filled = "booktabs", True, None  # group labels read by their rules
        geometry = rt_draw.measure(content, style)
        if "units_row" in content.tags and geometry.width <= 520:
            break
    else:
        raise AssertionError(f"seed {seed}: no draw with a units row fits the page")
    return one_table_pdf(geometry, "Table 1. Yield of each treatment in the two seasons."), content


def _norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").replace("−", "-").split())


@pytest.mark.parametrize("seed", range(16))
def test_a_row_of_units_under_group_labels_is_a_header_row(seed: int) -> None:
    pdf, content = _page(seed)
    table = only_table(pdf)
    units = content.header_rows - 1
    want = {(c, cell.cs, _norm(cell.text)) for c, cell in enumerate(content.rows[units]) if cell and cell.text}
    got = {(cell.col, cell.col_span, _norm(cell.text)) for cell in table.cells if cell.row == units and cell.text}
    assert table.n_header_rows == content.header_rows
    assert got == want
