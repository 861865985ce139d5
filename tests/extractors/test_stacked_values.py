"""Two values stacked in one cell (R06's "24*" over "157**": two estimates, one per footnote): the line holding
the lower value alone is part of its row, not a row of its own. Generated family: where the stacked cell
sits, sizes and widths vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

ACTIVITIES = ["Database searching", "Initial screening", "Mailing invitations", "GP screening", "Follow-up calls",
              "Data entry", "Researcher time"]


def _table_with_stack(seed: int) -> tuple[bytes, int, tuple[int, int, str]]:
    """The PDF, its row count with the header, and the stacked cell as (row, column, text)."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size = rng.uniform(7.0, 9.0)
    n_values = rng.randint(3, 5)
    left, stub = 57.0, rng.uniform(110, 140)
    xs = [left + stub + k * rng.uniform(55, 70) for k in range(n_values)]
    right = xs[-1] + 50
    page.insert_text((left, 90), "Table 3 Time per activity (minutes)", fontsize=8)
    page.draw_line((left, 96), (right, 96), width=0.5)
    y = 96 + 1.3 * size
    page.insert_text((left, y), "Activity", fontsize=size)
    for k, x in enumerate(xs):
        page.insert_text((x, y), f"Site {k + 1}", fontsize=size)
    page.draw_line((left, y + 0.4 * size), (right, y + 0.4 * size), width=0.4)
    n_body = rng.randint(3, 6)
    stacked_row, stacked_col = 1 + rng.randrange(n_body), 1 + rng.randrange(n_values)
    stacked = ""
    for r in range(1, n_body + 1):
        y += 1.5 * size
        page.insert_text((left, y), ACTIVITIES[r - 1], fontsize=size)
        for k, x in enumerate(xs):
            value = f"{rng.randint(1, 900)}"
            if (r, k + 1) == (stacked_row, stacked_col):
                second = f"{rng.randint(1, 900)}**"
                value += "*"
                stacked = f"{value} {second}"
                page.insert_text((x, y + 1.2 * size), second, fontsize=size)
            page.insert_text((x, y), value, fontsize=size)
        if r == stacked_row:
            y += 1.2 * size
    page.draw_line((left, y + 0.5 * size), (right, y + 0.5 * size), width=0.5)
    return doc.tobytes(), 1 + n_body, (stacked_row, stacked_col, stacked)


@pytest.mark.parametrize("seed", range(10))
def test_a_value_stacked_under_another_stays_in_its_cell(seed: int) -> None:
    pdf, n_rows, (row, col, text) = _table_with_stack(seed)
    table = only_table(pdf)
    assert table.n_rows == n_rows
    assert next(cell.text for cell in table.cells if (cell.row, cell.col) == (row, col)) == text
