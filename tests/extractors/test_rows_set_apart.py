"""Rows set apart by space, each cell centred on its row and several of them wrapping (realdev R05 Table 1,
MNRAS; the random generator's `wrap_cells` style): a row is the lines between two wider gaps, however the
lines of its cells interleave. Tables drawn by the random generator with that style forced, one per page."""
from __future__ import annotations

import random
import unicodedata

import pytest
from page_tables import only_table
from random_table_pages import one_table_pdf, rt_content, rt_draw

STYLES = frozenset({"wrap_cells"})


def _page(seed: int) -> tuple[bytes, list[list[str | None]], int]:
    """A one-table page of the `wrap_cells` family: the PDF, the truth grid and its header rows (a table drawn
    too wide for the page is drawn again from the seed's next draw)."""
    for attempt in range(50):
        rng = random.Random(f"rows-set-apart/{seed}" + (f"/{attempt}" if attempt else ""))
        content = rt_content.make_table(rng, max_cols=6, styles=STYLES)
        style = rt_draw.TableStyle.draw(rng, STYLES)
        style.rules = "booktabs"  # unruled, such a table's wide gaps end it before its last rows (not read yet)
        geometry = rt_draw.measure(content, style)
        if geometry.width <= 520:
            break
    else:
        raise AssertionError(f"seed {seed}: no draw fits the page")
    return one_table_pdf(geometry, "Table 1. Properties of the samples prepared by each method."), content.grid(), content.header_rows


def _body(grid: list[list[str | None]], n_header: int) -> list[list[str]]:
    """The body rows' texts as the scorer compares them (NFKC: a raised ᵃ reads `a`; − reads -)."""
    return [[" ".join(unicodedata.normalize("NFKC", text or "").replace("−", "-").split()) for text in row]
            for row in grid[n_header:]]


@pytest.mark.parametrize("seed", range(12))
def test_rows_set_apart_by_space_are_one_row_each(seed: int) -> None:
    pdf, truth, n_header = _page(seed)
    table = only_table(pdf)
    grid: list[list[str | None]] = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert table.n_rows == len(truth)
    assert _body(grid, table.n_header_rows) == _body(truth, n_header)
