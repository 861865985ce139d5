"""Group labels over column pairs that wrap onto a second line ("To recruit 100" / "(letter only)"), ruled
off from a row of column heads that has its own stub head ("Activity"): one group row, one head row. And
feature lists, every cell a short entry starting in lower case: each line is a row of its own. Generated
families: columns, labels, sizes and positions vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables

ACTIVITIES = ["Database searching", "Initial screening", "Mailing invitations", "GP screening", "Follow-up calls",
              "Data entry", "Researcher time"]


def _grouped(seed: int) -> tuple[bytes, int, list[str]]:
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size = rng.uniform(7.0, 8.5)
    n_groups = rng.randint(2, 3)
    left, stub_width = 57.0, rng.uniform(100, 130)
    pair_width = min(rng.uniform(120, 150), (540 - left - stub_width) / n_groups)  # on the page
    page.insert_text((left, 92), "Table 3 Estimated researcher time per activity", fontsize=8)
    page.draw_line((left, 98), (left + stub_width + n_groups * pair_width, 98), width=0.5)
    groups = []
    for g in range(n_groups):
        x = left + stub_width + g * pair_width
        second = f"({rng.choice(['letter only', 'plus calls', 'and leaflet'])}: {rng.uniform(2, 12):.1f}%)"
        page.insert_text((x, 98 + 1.3 * size), f"To recruit {rng.choice([50, 100, 200])}", fontsize=size)
        page.insert_text((x, 98 + 2.5 * size), second, fontsize=size)
        groups.append(second)
    rule = 98 + 2.9 * size
    page.draw_line((left, rule), (left + stub_width + n_groups * pair_width, rule), width=0.4)
    y = rule + 1.3 * size
    page.insert_text((left, y), "Activity", fontsize=size)
    for g in range(n_groups):
        x = left + stub_width + g * pair_width
        page.insert_text((x, y), "Number", fontsize=size)
        page.insert_text((x + pair_width / 2, y), "Time (minutes)", fontsize=size)
    n_body = rng.randint(3, 6)
    for r in range(n_body):
        y += 1.5 * size
        page.insert_text((left, y), ACTIVITIES[r], fontsize=size)
        for g in range(n_groups):
            x = left + stub_width + g * pair_width
            page.insert_text((x, y), f"{rng.randint(1, 2000):,}", fontsize=size)
            page.insert_text((x + pair_width / 2, y), str(rng.randint(1, 900)), fontsize=size)
    page.draw_line((left, y + 4), (left + stub_width + n_groups * pair_width, y + 4), width=0.5)
    return doc.tobytes(), 2 + n_body, groups


@pytest.mark.parametrize("seed", range(8))
def test_wrapped_group_labels_are_one_row_over_a_row_of_heads(seed: int) -> None:
    pdf, n_rows, groups = _grouped(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_header_rows) == (n_rows, 2)
    top = sorted((cell for cell in table.cells if cell.row == 0 and cell.text), key=lambda c: c.col)
    assert [cell.text.split(" ", 3)[-1] for cell in top] == groups and all(cell.col_span == 2 for cell in top)
    assert [cell.text for cell in table.cells if cell.row == 1][:2] == ["Activity", "Number"]
