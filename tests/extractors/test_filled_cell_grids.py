"""Tables drawn as filled rectangles with white gaps between them and no stroked rule (spreadsheet exports; the
random generator's `filled_cells`): the gaps are the rules. A cell spanning rows (a `multirow` label, a stub head
across the header rows) is one tall rectangle, so no gap crosses it: it spans those rows, its label in the top
one, even where the label, centred on an even number of rows, sits level with the line between two of them.
Tables drawn by the random generator with fills forced, one per page."""
from __future__ import annotations

import random

import pytest
from page_tables import only_table
from random_table_pages import one_table_pdf, rt_content, rt_draw

FILLS = ((0.75, 0.8, 0.9), (0.8, 0.8, 0.8), (0.85, 0.9, 0.8))
BODY = ((0.92, 0.94, 0.97), (0.93, 0.93, 0.93), (0.95, 0.97, 0.93))


def _page(seed: int):  # -> (pdf, content); a draw with no cell spanning rows, or too wide, is drawn again
    for attempt in range(50):
        rng = random.Random(f"filled-cells/{seed}" + (f"/{attempt}" if attempt else ""))
        content = rt_content.make_table(rng, max_cols=7)
        style = rt_draw.TableStyle.draw(rng)
        style.filled = (rng.choice(FILLS), rng.choice(BODY), rng.choice([0.8, 1.0, 1.5, 2.0]))
        style.rules, style.header_shade, style.zebra = "none", None, None
        geometry = rt_draw.measure(content, style)
        spans_rows = any(cell is not None and cell.rs > 1 for row in content.rows for cell in row)
        if spans_rows and geometry.width <= 520 and geometry.height <= 640:
            break
    else:
        raise AssertionError(f"seed {seed}: no draw with a row span fits the page")
    return one_table_pdf(geometry, "Table 1. Measured values for each group and condition."), content


def _spans(content) -> set[tuple[int, int, int, int]]:  # type: ignore[no-untyped-def]
    return {(r, c, cell.rs, cell.cs) for r, row in enumerate(content.rows) for c, cell in enumerate(row)
            if cell is not None and (cell.rs > 1 or cell.cs > 1)}


@pytest.mark.parametrize("seed", range(24))
def test_filled_cells_spanning_rows_span_them(seed: int) -> None:
    pdf, content = _page(seed)
    table = only_table(pdf)
    got = {(c.row, c.col, c.row_span, c.col_span) for c in table.cells if c.row_span > 1 or c.col_span > 1}
    assert (table.n_rows, table.n_header_rows) == (len(content.rows), content.header_rows)
    assert got == _spans(content)
