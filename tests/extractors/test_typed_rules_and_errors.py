"""Two habits of tables typed in a word processor (mejsr-silkworm Tables A and B): a rule typed as a line of hyphens
under a group label (`Phytojuvenoid concentration (%)` over `-------`) is a rule, not a row, and the label spans
the columns under it; a mean set over its `±S.E.` on the next line (`10.60` / `±0.23`, the stub's `Single` /
`(V)`) is one cell of one row. Generated with PyMuPDF: fonts, sizes, column counts, line spacings, stub labels
with or without a second line, hyphens or equals signs, tables with one habit or both."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

STAGES = [("Single", "(V)"), ("Double", "(IV-V)"), ("Triple", "(III-V)"), ("Fourth", "(II-V)"), ("Fifth", "(I-V)")]


def _page(seed: int, typed_rule: bool, stacked: bool) -> tuple[bytes, int, list[list[str]]]:
    """The PDF, the number of value columns, and the body rows' cells as they should read."""
    rng = random.Random(f"typed-rules/{seed}/{typed_rule}/{stacked}")
    size, font = rng.choice([7.5, 8.0, 9.0, 10.0]), rng.choice(["tiro", "helv"])
    lead = rng.uniform(1.45, 1.65) * size
    n_values = rng.choice([3, 4, 5])
    x0, stub, width = 72.0, rng.uniform(100, 120), rng.uniform(58, 72)
    xs = [x0 + stub + k * width for k in range(n_values)]
    second = rng.random() < 0.6  # the stub's label has a second line, level with the errors
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((x0, 90), "Table A: Effect of phytojuvenoid treatment on the total protein content (µg/mg).",
                     fontsize=size, fontname=font)
    y = 90 + 2 * lead
    page.insert_text((xs[0], y), "Phytojuvenoid concentration (%)", fontsize=size, fontname=font)
    y += lead
    if typed_rule:
        dash = rng.choice(["-", "-", "="])
        n = int((xs[-1] + 0.6 * width - xs[0]) / pymupdf.get_text_length(dash, font, size))
        page.insert_text((xs[0], y), dash * n, fontsize=size, fontname=font)
        y += lead
    else:
        page.draw_line((xs[0], y - 0.7 * lead), (xs[-1] + 0.6 * width, y - 0.7 * lead), width=0.5)
    page.insert_text((x0, y), "Stage of treatment", fontsize=size, fontname=font)
    heads = ["Control"] + [f"Dose {10 * k}" for k in range(1, n_values)]
    for x, head in zip(xs, heads):
        page.insert_text((x, y), head, fontsize=size, fontname=font)
    y += lead
    rows: list[list[str]] = []
    for name, more in rng.sample(STAGES, rng.choice([3, 4, 5])):
        values = [f"{rng.uniform(8, 14):.2f}" for _ in range(n_values)]
        errors = [f"±{rng.uniform(0.05, 0.4):.2f}" for _ in range(n_values)]
        page.insert_text((x0, y), name, fontsize=size, fontname=font)
        for x, v in zip(xs, values):
            page.insert_text((x, y), v, fontsize=size, fontname=font)
        if stacked:
            y += lead
            if second:
                page.insert_text((x0, y), more, fontsize=size, fontname=font)
            for x, e in zip(xs, errors):
                page.insert_text((x, y), e, fontsize=size, fontname=font)
            rows.append([f"{name} {more}" if second else name] + [f"{v} {e}" for v, e in zip(values, errors)])
        else:
            rows.append([name] + values)
        y += lead
    page.insert_text((x0, y + 2 * lead), "ANOVA indicates that the variation in protein content was significant.",
                     fontsize=size + 1, fontname=font)
    return doc.tobytes(), n_values, rows


def _body(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        grid[c.row][c.col] = c.text
    return grid[table.n_header_rows:]


@pytest.mark.parametrize("seed", range(10))
def test_a_typed_rule_is_a_rule_under_its_group_label(seed: int) -> None:
    pdf, n_values, rows = _page(seed, typed_rule=True, stacked=seed % 2 == 0)
    table = only_table(pdf)
    assert not any(set(c.text) <= set("-=") for c in table.cells if c.text)
    group = [c for c in table.cells if c.text == "Phytojuvenoid concentration (%)"]
    assert len(group) == 1 and group[0].col == 1 and group[0].col_span == n_values
    assert _body(table) == rows


@pytest.mark.parametrize("seed", range(10))
def test_errors_set_under_their_values_are_their_cells(seed: int) -> None:
    pdf, _, rows = _page(seed, typed_rule=seed % 2 == 0, stacked=True)
    assert _body(only_table(pdf)) == rows
