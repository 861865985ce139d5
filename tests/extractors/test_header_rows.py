"""Header rows that real papers set in ways the first rules missed, each drawn here as a generated family:

- a group label ruled off from its column heads by a full-width rule (PLOS): both rows are header;
- a quantity with its unit centred under the column heads over all the data columns (`Grain yield
  (kg ha−1)`): a header row of its own, one cell spanning the data columns, never glued to a head above;
- a stub head set between two header lines: no empty header row is left where it stood;
- a header closed by its rule over body rows of symbols (`∗∗`, `NS`): the rows stay rows.
"""
from __future__ import annotations

import random

import pymupdf
import pytest

from extractors.model import Cell, TableItem
from extractors.pipeline import extract_document

STUBS = ["Treatment", "Sample", "Site", "Method"]
HEADS = ["Perkins", "Perry", "Morrison", "Stillwater", "Enid", "Tulsa"]
QUANTITIES = ["Grain yield (kg/ha)", "P uptake (kg/ha)", "Biomass (g/m2)", "Latency (ms)"]  # base-14 fonts lack U+2212
ROW_LABELS = ["Nontreated", "NP 100%", "P only", "P + N", "N 75%", "Control", "Dose 2", "Dose 3"]


def _page(caption: str, top_rule: bool = True) -> tuple[pymupdf.Document, pymupdf.Page]:
    """A page with the table's caption and, unless told otherwise, its top rule."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((60, 80), caption, fontsize=9)
    if top_rule:
        _rule(page, 88)
    return doc, page


def _rule(page: pymupdf.Page, y: float) -> None:
    page.draw_line((58, y), (552, y), width=0.5)


def _centred(page: pymupdf.Page, text: str, centre: float, baseline: float, size: float = 9) -> None:
    width = pymupdf.get_text_length(text, fontname="helv", fontsize=size)
    page.insert_text((centre - width / 2, baseline), text, fontsize=size)


def _columns(n_data: int, x0: float = 60.0, x1: float = 550.0) -> list[float]:
    """Centres of the stub column (left-aligned at x0) and the data columns spread over the rest."""
    step = (x1 - 170.0) / n_data
    return [x0] + [170.0 + step * (k + 0.5) for k in range(n_data)]


def _body(page: pymupdf.Page, rng: random.Random, centres: list[float], top: float, n_rows: int,
          symbols: bool = False, bottom_rule: bool = True) -> list[list[str]]:
    """Rows of a label and numbers (or significance marks) from `top` down, 13 pt apart, ruled off below."""
    rows = []
    for r in range(n_rows):
        values = [rng.choice(["*", "**", "***", "NS"]) if symbols else f"{rng.randint(100, 1999)}"
                  for _ in centres[1:]]
        label = ROW_LABELS[r % len(ROW_LABELS)]
        page.insert_text((centres[0], top + 13 * r), label, fontsize=9)
        for centre, value in zip(centres[1:], values):
            _centred(page, value, centre, top + 13 * r)
        rows.append([label, *values])
    if bottom_rule:
        _rule(page, top + 13 * n_rows - 8)
    return rows


def _table(pdf: bytes) -> tuple[TableItem, dict[tuple[int, int], Cell]]:
    tables = extract_document(pdf).tables
    assert len(tables) == 1, [t.label for t in tables]
    table = tables[0]
    return table, {(c.row, c.col): c for c in table.cells}


@pytest.mark.parametrize("seed", range(5))
def test_a_group_label_ruled_off_from_its_column_heads_is_a_second_header_row(seed: int) -> None:
    rng = random.Random(seed)
    n_data = rng.randint(2, 4)
    centres = _columns(n_data)
    doc, page = _page(f"Table {seed + 1}. Measurements of the specimens by sex.")
    group = rng.choice(["Limnonectes larvaepartus", "All specimens", "Field survey 2019"])
    _centred(page, group, (centres[1] + centres[-1]) / 2, 100)
    _rule(page, 105)  # a full-width rule between the group and its heads
    heads = rng.sample(["Males (31)", "Females (30)", "Holotype", "Juveniles (4)"], n_data)
    for centre, head in zip(centres[1:], heads):
        _centred(page, head, centre, 117)
    _rule(page, 122)
    rows = _body(page, rng, centres, 135, rng.randint(3, 6))
    table, cells = _table(doc.tobytes())
    assert table.n_header_rows == 2
    assert [cells[(1, c)].text for c in range(1, n_data + 1)] == heads
    assert [cells[(2, c)].text for c in range(n_data + 1)] == rows[0]


@pytest.mark.parametrize("seed", range(5))
def test_a_quantity_centred_under_the_heads_spans_the_data_columns(seed: int) -> None:
    rng = random.Random(seed)
    n_data = rng.randint(3, 5)
    centres = _columns(n_data)
    doc, page = _page(f"Table {seed + 2}: Mean winter wheat yield as affected by treatment.")
    stub, heads, quantity = rng.choice(STUBS), rng.sample(HEADS, n_data), rng.choice(QUANTITIES)
    page.insert_text((centres[0], 100), stub, fontsize=9)
    for centre, head in zip(centres[1:], heads):
        _centred(page, head, centre, 100)
    _centred(page, quantity, (centres[1] + centres[-1]) / 2, 112)  # right under the heads, no rule between
    _rule(page, 117)
    rows = _body(page, rng, centres, 130, rng.randint(3, 6))
    table, cells = _table(doc.tobytes())
    assert table.n_header_rows == 2
    assert [cells[(0, c)].text for c in range(n_data + 1)] == [stub, *heads]  # no head took the quantity in
    assert (cells[(1, 1)].text, cells[(1, 1)].col_span) == (quantity, n_data)
    assert [cells[(2, c)].text for c in range(n_data + 1)] == rows[0]


@pytest.mark.parametrize("seed", range(5))
def test_a_stub_head_set_between_two_header_lines_leaves_no_empty_row(seed: int) -> None:
    rng = random.Random(seed)
    n_data = rng.randint(3, 5)
    centres = _columns(n_data)
    doc, page = _page(f"Table {seed + 3}: Mean P uptake by treatment and location.")
    stub, heads, quantity = rng.choice(STUBS), rng.sample(HEADS, n_data), rng.choice(QUANTITIES)
    for centre, head in zip(centres[1:], heads):
        _centred(page, head, centre, 100)
    page.insert_text((centres[0], 108), stub, fontsize=9)  # half a line lower: centred on both header lines
    _centred(page, quantity, (centres[1] + centres[-1]) / 2, 116)
    _rule(page, 121)
    rows = _body(page, rng, centres, 134, rng.randint(3, 6))
    table, cells = _table(doc.tobytes())
    assert (table.n_rows, table.n_header_rows) == (len(rows) + 2, 2)
    assert [cells[(0, c)].text for c in range(n_data + 1)] == [stub, *heads]
    assert cells[(1, 1)].text == quantity
    assert all(any(cell.text for (r, _), cell in cells.items() if r == row) for row in range(table.n_rows))


@pytest.mark.parametrize("seed", range(4))
def test_rows_of_symbols_under_a_ruled_header_stay_rows(seed: int) -> None:
    rng = random.Random(seed)
    n_data = rng.randint(3, 4)
    centres = _columns(n_data)
    doc, page = _page(f"Table {seed + 1}: Analysis of variance for the measured traits.")
    heads = rng.sample(["Grain yield", "P uptake", "Tillers", "Biomass", "Height"], n_data)
    page.insert_text((centres[0], 100), "Source of variation", fontsize=9)
    for centre, head in zip(centres[1:], heads):
        _centred(page, head, centre, 100)
    _rule(page, 105)
    rows = _body(page, rng, centres, 118, rng.randint(3, 5), symbols=True, bottom_rule=False)
    top = 118 + 13 * len(rows)
    page.insert_text((centres[0], top), "R-Square", fontsize=9)
    for centre in centres[1:]:
        _centred(page, f"0.{rng.randint(10, 99)}", centre, top)
    _rule(page, top + 5)
    table, cells = _table(doc.tobytes())
    assert (table.n_rows, table.n_header_rows) == (len(rows) + 2, 1)
    assert [cells[(1, c)].text for c in range(n_data + 1)] == rows[0]


@pytest.mark.parametrize("seed", range(4))
def test_group_labels_that_are_quantities_over_text_heads_are_a_header_row(seed: int) -> None:
    """Group labels such as `298 K` or `1 h` over a full row of text heads, no rules at all (random corpus,
    `norules` with grouped heads): the quantity is a label, not the first number of the body."""
    rng = random.Random(seed)
    n_groups = rng.randint(2, 3)
    centres = _columns(2 * n_groups)
    doc, page = _page(f"Table {seed + 1}: Uptake and ratio at each temperature.", top_rule=False)
    groups = rng.sample(["298 K", "350 K", "1 h", "24 h", "Day 1"], n_groups)
    for g, label in enumerate(groups):
        _centred(page, label, (centres[1 + 2 * g] + centres[2 + 2 * g]) / 2, 100)
    heads = ["Uptake", "Ratio"] * n_groups
    page.insert_text((centres[0], 113), "Variable", fontsize=9)
    for centre, head in zip(centres[1:], heads):
        _centred(page, head, centre, 113)
    rows = _body(page, rng, centres, 128, rng.randint(3, 6), bottom_rule=False)
    table, cells = _table(doc.tobytes())
    assert table.n_header_rows == 2
    assert [cells[(1, c)].text for c in range(1, 2 * n_groups + 1)] == heads
    assert [cells[(2, c)].text for c in range(2 * n_groups + 1)] == rows[0]


@pytest.mark.parametrize("seed", range(4))
def test_stub_heads_at_both_ends_between_header_lines_head_their_own_columns(seed: int) -> None:
    """`Method` and `Ratio` set between a group label's line and the heads under it, at the table's two ends
    (LaTeX `\\multirow` stub heads): each heads its own column; they are no pair of group labels sharing out
    the columns between them."""
    rng = random.Random(seed)
    centres = _columns(3)
    doc, page = _page(f"Table {seed + 1}: Long-term pressure and temperature by method.")
    group = rng.choice(["Long term", "Short term", "Field"])
    _centred(page, group, (centres[1] + centres[2]) / 2, 100)
    page.insert_text((centres[0], 108), "Method", fontsize=9)
    _centred(page, "Ratio", centres[3], 108)
    heads = ["Pressure, kPa", "Temperature, K"]
    for centre, head in zip(centres[1:3], heads):
        _centred(page, head, centre, 116)
    _rule(page, 121)
    _body(page, rng, centres, 134, rng.randint(3, 6))
    table, cells = _table(doc.tobytes())
    assert table.n_header_rows == 2
    assert [cells[(0, c)].text for c in range(4) if (0, c) in cells] == ["Method", group, "Ratio"]
    assert cells[(0, 3)].text == "Ratio"
    assert [cells[(1, c)].text for c in (1, 2)] == heads
