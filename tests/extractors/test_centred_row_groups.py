"""Group labels in the first column set once per group of rows, centred on it (LaTeX \\multirow{k}, a merged
cell centred vertically): each spans its whole group, its text in the group's top row, whatever the group
sizes (a label on a row for odd sizes, between two rows for even ones). Labels that head their groups (set
on the group's top row, empty cells under them) stay as they are. Generated families: group sizes, fonts,
columns and rules vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

from extractors.model import TableItem

GROUPS = ["Sediment", "Catalyst", "Support", "Winter", "Control", "Treated", "Region 1", "Low dose"]
ITEMS = ["Patient 3", "Site A", "Hexane", "Batch 3", "Core 2", "GRU", "Model B", "KBr", "Ethanol", "Group 2",
         "Juvenile", "Adult", "Lake Ohrid", "SVM", "Pt/C", "S-7"]


def _grouped_rows(seed: int, centred: bool) -> tuple[bytes, list[int]]:
    """A booktabs-like table: group label, item, numeric columns; returns the PDF and the group sizes."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size = rng.uniform(7.5, 9.5)
    pitch = rng.uniform(1.45, 1.7) * size  # closer, a label between two rows shares their band (docs/tables.md)
    font = rng.choice(["helv", "tiro", "cour"])
    n_values = rng.randint(2, 4)
    left, widths = 70.0, [rng.uniform(70, 90), rng.uniform(70, 90)] + [rng.uniform(55, 70)] * n_values
    xs = [left + sum(widths[:k]) for k in range(len(widths))]
    right = xs[-1] + widths[-1]
    sizes = [rng.choice([2, 3, 3, 4, 5]) for _ in range(rng.randint(2, 4))]
    if not centred:
        sizes = [max(2, s) for s in sizes]
    page.insert_text((left, 90), "Table 2. Measured values per group.", fontsize=size, fontname=font)
    page.draw_line((left, 96), (right, 96), width=0.8)
    y = 96 + pitch
    for x, head in zip(xs, ["Group", "Item"] + [f"Value {k + 1}" for k in range(n_values)]):
        page.insert_text((x, y), head, fontsize=size, fontname=font)
    page.draw_line((left, y + 0.4 * size), (right, y + 0.4 * size), width=0.5)
    items = iter(rng.sample(ITEMS, len(ITEMS)))
    for label, k in zip(rng.sample(GROUPS, len(sizes)), sizes):
        top = y + pitch
        for _ in range(k):
            y += pitch
            page.insert_text((xs[1], y), next(items), fontsize=size, fontname=font)
            for x in xs[2:]:
                page.insert_text((x, y), f"{rng.uniform(0, 100):.2f}", fontsize=size, fontname=font)
        label_y = (top + y) / 2 if centred else top
        page.insert_text((xs[0], label_y), label, fontsize=size, fontname=font)
    page.draw_line((left, y + 0.5 * size), (right, y + 0.5 * size), width=0.8)
    return doc.tobytes(), sizes



def _first_column(table: TableItem) -> list[tuple[int, int, str]]:
    return sorted((c.row, c.row_span, c.text) for c in table.cells if c.col == 0 and c.row >= table.n_header_rows)


@pytest.mark.parametrize("seed", range(16))
def test_a_centred_group_label_spans_its_group_from_the_top_row(seed: int) -> None:
    pdf, sizes = _grouped_rows(seed, centred=True)
    table = only_table(pdf)
    assert table.n_rows == 1 + sum(sizes)
    starts = [1 + sum(sizes[:g]) for g in range(len(sizes))]
    labelled = [(row, span) for row, span, text in _first_column(table) if text]
    assert labelled == list(zip(starts, sizes))


@pytest.mark.parametrize("seed", range(6))
def test_labels_heading_their_groups_keep_their_rows(seed: int) -> None:
    pdf, sizes = _grouped_rows(seed, centred=False)
    table = only_table(pdf)
    assert table.n_rows == 1 + sum(sizes)
    starts = [1 + sum(sizes[:g]) for g in range(len(sizes))]
    assert [row for row, _, text in _first_column(table) if text] == starts
