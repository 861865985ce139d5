"""Group labels in a table whose borders are drawn cell by cell (\\cline, colortbl, word processors): the rule
under a label is a row of segments end to end, one per column, so its length says nothing; the label's
columns are the run of bordered cells it is centred between. A generated family: two levels of group labels
over 4-6 value columns, widths and sizes by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table


def _bordered(seed: int) -> tuple[bytes, list[tuple[int, int, int, str]]]:
    """The PDF and the header labels as (row, first column, span, text)."""
    rng = random.Random(seed)
    size = rng.uniform(7.0, 9.0)
    n_values = rng.choice([4, 6])
    widths = [rng.uniform(55, 75), rng.uniform(60, 90)] + [rng.uniform(38, 55) for _ in range(n_values)]
    left, top, pitch = 60.0, 110.0, 1.35 * size
    edges = [left]
    for width in widths:
        edges.append(edges[-1] + width)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((left, top - 8), "Table 1: Results per group.", fontsize=9)

    def centred(text: str, lo: int, hi: int, row: int) -> None:
        width = pymupdf.get_text_length(text, fontsize=size)
        page.insert_text(((edges[lo] + edges[hi + 1] - width) / 2, top + row * pitch + 0.95 * size), text,
                         fontsize=size)

    def borders(row: int, cells: list[tuple[int, int]]) -> None:  # one segment per column under each cell
        y = top + (row + 1) * pitch + 0.2 * size
        for lo, hi in cells:
            for c in range(lo, hi + 1):
                page.draw_line((edges[c], y), (edges[c + 1], y), width=0.4)

    groups = [(2, 1 + n_values, "Out-of-domain")]
    half = n_values // 2
    subgroups = [(2, 1 + half, "Simulation"), (2 + half, 1 + n_values, "Test")]
    heads = [(c, c, f"V{c - 1}/nm") for c in range(2, 2 + n_values)]
    labels = []
    for row, level in enumerate([groups, subgroups, heads]):
        for lo, hi, text in level:
            centred(text, lo, hi, row)
            labels.append((row, lo, hi - lo + 1, text))
        borders(row, [(lo, hi) for lo, hi, _ in level])
    centred("Model", 0, 0, 2)
    centred("Description", 1, 1, 2)
    for r in range(rng.randint(3, 6)):
        row = 3 + r
        centred(f"M{r}", 0, 0, row)
        centred(rng.choice(["baseline", "ours", "ablation"]), 1, 1, row)
        for c in range(2, 2 + n_values):
            centred(f"{rng.uniform(0, 99):.2f}", c, c, row)
    page.draw_line((left, top), (edges[-1], top), width=0.8)
    page.draw_line((left, top + (4 + r) * pitch + 0.2 * size), (edges[-1], top + (4 + r) * pitch + 0.2 * size),
                   width=0.8)
    return doc.tobytes(), labels


@pytest.mark.parametrize("seed", range(8))
def test_group_labels_span_the_bordered_cells_they_are_centred_over(seed: int) -> None:
    pdf, labels = _bordered(seed)
    table = only_table(pdf)
    found = {cell.text: (cell.col, cell.col_span) for cell in table.cells}
    for _, col, span, text in labels:
        assert found.get(text) == (col, span), text


def _bordered_by_cell(seed: int) -> tuple[bytes, list[tuple[int, int, str]]]:
    """Group labels set flush left (the last one maybe flush right) in cells whose border is one segment per cell (R06's word-processor
    tables: 'Denominator' over two columns): the PDF and the labels as (first column, span, text)."""
    rng = random.Random(seed)
    size = rng.uniform(7.0, 9.0)
    n_groups = rng.randint(2, 3)
    widths = [rng.uniform(60, 80)] + [rng.uniform(45, 65) for _ in range(2 * n_groups)]
    left, top, pitch = 57.0, 110.0, 1.4 * size
    edges = [left]
    for width in widths:
        edges.append(edges[-1] + width)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((left, top - 8), "Table 3 Researcher time per activity", fontsize=9)
    y_label, y_head = top + 0.95 * size, top + pitch + 0.95 * size
    labels = []
    for g in range(n_groups):
        lo, text = 1 + 2 * g, rng.choice(["Denominator", "To recruit 100", "Letter only", "Phone calls"])
        width = pymupdf.get_text_length(text, fontsize=size)
        flush_right = g == n_groups - 1 and rng.random() < 0.5  # (two labels flush against one border: one line)
        x = edges[lo + 2] - width - 2 if flush_right else edges[lo] + rng.uniform(0, 3)
        page.insert_text((x, y_label), text, fontsize=size)
        labels.append((lo, 2, text))
        page.draw_line((edges[lo], top + pitch), (edges[lo + 2], top + pitch), width=0.4)  # one border per cell
    page.draw_line((edges[0], top + pitch), (edges[1], top + pitch), width=0.4)
    page.insert_text((left, y_head), "Activity", fontsize=size)
    for c in range(1, 1 + 2 * n_groups):
        page.insert_text((edges[c], y_head), "Number" if c % 2 else "Time (min)", fontsize=size)
    n_body = rng.randint(3, 6)
    for r in range(n_body):
        y = y_head + (r + 1) * pitch
        page.insert_text((left, y), f"Activity {r + 1}", fontsize=size)
        for c in range(1, 1 + 2 * n_groups):
            page.insert_text((edges[c], y), f"{rng.randint(1, 2000):,}", fontsize=size)
    page.draw_line((left, top), (edges[-1], top), width=0.8)
    page.draw_line((left, y + 0.4 * size), (edges[-1], y + 0.4 * size), width=0.8)
    return doc.tobytes(), labels


@pytest.mark.parametrize("seed", range(8))
def test_a_label_set_flush_in_a_bordered_cell_spans_that_cell(seed: int) -> None:
    pdf, labels = _bordered_by_cell(seed)
    table = only_table(pdf)
    found = [(cell.col, cell.col_span, cell.text) for cell in table.cells if cell.row == 0 and cell.text]
    assert found == labels
