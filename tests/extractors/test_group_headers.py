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


def _three_row_header(seed: int) -> tuple[bytes, int]:
    """A booktabs-like table with a three-row header: a group label, two sub-groups under it (cmidrules), the
    column heads; the stub heads set once, centred across the three rows (\\multirow{3}): on the middle row."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size = rng.uniform(7.5, 9.0)
    pitch = 1.3 * size
    n_values = rng.choice([4, 6])
    left, stub = 70.0, rng.uniform(60, 80)
    width = rng.uniform(42, 55)
    edges = [left + stub + k * width for k in range(n_values + 1)]
    top = 110.0
    page.insert_text((left, top - 8), "Table 2: Results by group.", fontsize=9)
    page.draw_line((left, top), (edges[-1], top), width=0.8)

    def centred(text: str, x0: float, x1: float, row: int) -> None:
        w = pymupdf.get_text_length(text, fontsize=size)
        page.insert_text(((x0 + x1 - w) / 2, top + row * pitch + 0.95 * size), text, fontsize=size)

    half = n_values // 2
    centred("Out-of-domain", edges[0], edges[-1], 0)
    page.draw_line((edges[0] + 2, top + pitch + 0.15 * size), (edges[-1] - 2, top + pitch + 0.15 * size), width=0.4)
    for lo, hi, text in [(0, half, "Simulation"), (half, n_values, "Test")]:
        centred(text, edges[lo], edges[hi], 1)
        page.draw_line((edges[lo] + 2, top + 2 * pitch + 0.15 * size), (edges[hi] - 2, top + 2 * pitch + 0.15 * size),
                       width=0.4)
    for k in range(n_values):
        centred(f"V{k + 1}", edges[k], edges[k + 1], 2)
    centred("Model", left, left + stub, 1)  # centred across the three header rows
    y = top + 3 * pitch + 0.2 * size
    page.draw_line((left, y), (edges[-1], y), width=0.5)
    n_body = rng.randint(3, 6)
    for r in range(n_body):
        page.insert_text((left, y + (r + 1) * pitch), f"M{r}", fontsize=size)
        for k in range(n_values):
            centred(f"{rng.uniform(0, 99):.2f}", edges[k], edges[k + 1], 3 + r)
    page.draw_line((left, y + (n_body + 0.5) * pitch), (edges[-1], y + (n_body + 0.5) * pitch), width=0.8)
    return doc.tobytes(), n_values


@pytest.mark.parametrize("seed", range(6))
def test_a_stub_head_centred_across_three_header_rows_spans_them(seed: int) -> None:
    pdf, _ = _three_row_header(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert len(tables) == 1
    table = tables[0]
    assert table.n_header_rows == 3
    model = next(cell for cell in table.cells if cell.text == "Model")
    assert (model.row, model.col, model.row_span) == (0, 0, 3)


def _centred_sections(seed: int) -> tuple[bytes, int, int]:
    """Blocks of numbers under section labels set centred across the first `in_domain` columns (`Development
    Set`), the second block's label with a second one centred over the remaining columns."""
    rng = random.Random(seed)
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=794)
    size = rng.uniform(7.5, 9.0)
    pitch = 1.35 * size
    n_cols = rng.randint(6, 9)
    in_domain = n_cols - rng.randint(2, 3)
    left, stub, width = 60.0, 60.0, min(50.0, (530 - 60 - 60) / (n_cols - 1))
    edges = [left, left + stub] + [left + stub + k * width for k in range(1, n_cols)]
    top = 110.0
    page.insert_text((left, top - 8), "Table 4: Scores per language.", fontsize=9)
    page.draw_line((left, top), (edges[-1], top), width=0.8)

    def centred(text: str, lo: int, hi: int, row: int) -> None:
        w = pymupdf.get_text_length(text, fontsize=size)
        page.insert_text(((edges[lo] + edges[hi + 1] - w) / 2, top + row * pitch + 0.95 * size), text, fontsize=size)

    page.insert_text((left + 2, top + 0.95 * size), "Language", fontsize=size)
    for c in range(1, n_cols):
        centred(f"L{c}", c, c, 0)
    page.draw_line((left, top + pitch + 0.2 * size), (edges[-1], top + pitch + 0.2 * size), width=0.5)
    row = 1
    for block, title in enumerate(["Development Set", "Test Set"]):
        centred(title, 0, in_domain - 1, row)
        if block:
            centred("Out-of-domain data", in_domain, n_cols - 1, row)
        row += 1
        for k in range(rng.randint(2, 4)):
            page.insert_text((left + 2, top + row * pitch + 0.95 * size), f"Score {k}", fontsize=size)
            for c in range(1, n_cols if block else in_domain):
                centred(f"{rng.uniform(60, 99):.2f}", c, c, row)
            row += 1
    page.draw_line((left, top + row * pitch + 0.2 * size), (edges[-1], top + row * pitch + 0.2 * size), width=0.8)
    return doc.tobytes(), n_cols, in_domain


@pytest.mark.parametrize("seed", range(6))
def test_a_section_label_set_centred_spans_the_columns_it_is_centred_over(seed: int) -> None:
    pdf, n_cols, in_domain = _centred_sections(seed)
    page = read_page(pymupdf.open(stream=pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert len(tables) == 1 and tables[0].n_cols == n_cols
    cells = {cell.text: (cell.col, cell.col_span) for cell in tables[0].cells}
    assert cells["Development Set"] == (0, in_domain) and cells["Test Set"] == (0, in_domain)
    assert cells["Out-of-domain data"] == (in_domain, n_cols - in_domain)
