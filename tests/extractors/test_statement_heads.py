"""US financial statements set their column heads at the bottom of the header, wrapped over up to five lines, and
the `$` of the first and total rows apart at the left of the amounts' cells: a head wider than its amounts reaches
over the `$`'s place, so while the signs still read as a column of their own the head's upper lines spanned two
columns and were taken for a group label, not the first lines of a head (found corpus: Wells Fargo's Table 5.14
read three header rows for two). A generated family of such statements, unruled but for a rule under the header
and rules over the totals; heads, widths and amounts vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

HEADS = ["Principal forgiveness", "Interest rate reduction", "Other concessions", "Total", "Charge offs",
         "Weighted average interest rate reduction", "Recorded investment related to interest rate reduction",
         "Net interest income", "Noninterest expense", "Provision for credit losses", "Average loans",
         "Total deposits held at period end", "Income before income tax expense"]
LABELS = ["Commercial and industrial", "Commercial real estate", "Lease financing", "Residential mortgage",
          "Credit card", "Auto", "Other consumer", "Trial modifications", "Wholesale banking", "Corporate"]


def _wrap(text: str, width: float, size: float) -> list[str]:
    """The head's lines within `width`."""
    lines: list[str] = []
    for word in text.split():
        if lines and pymupdf.get_text_length(f"{lines[-1]} {word}", "helv", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _page(seed: int) -> tuple[bytes, int, list[str]]:
    """A statement page: caption, rule, bottom-aligned heads, rule, rows with `$` set apart on the first and the
    total row, a rule over the total. Returns the PDF, the column count and the heads as they should read."""
    rng = random.Random(f"statement-heads/{seed}")
    size, n_val = rng.choice([6.5, 7.0, 8.0]), rng.randint(3, 6)
    heads = rng.sample(HEADS, n_val)
    col_w = rng.uniform(44, 60)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((36, 56), "Table 5.14: Modifications", fontsize=9, fontname="hebo")
    x_stub, x0 = 36.0, 200.0
    page.draw_line((36, 60), (x0 + n_val * (col_w + 12), 60), width=0.5)
    wrapped = [_wrap(h, col_w - 4, size) for h in heads]
    depth = max(len(w) for w in wrapped)
    lead = size * 1.15
    bottom = 62 + depth * lead + 2
    for k, lines in enumerate(wrapped):
        right = x0 + k * (col_w + 12) + col_w
        for i, line in enumerate(lines):
            y = bottom - (len(lines) - 1 - i) * lead
            page.insert_text((right - pymupdf.get_text_length(line, "helv", size), y), line, fontsize=size)
    page.insert_text((x_stub + 3, bottom), "($ in millions)", fontsize=size)
    y = bottom + 4
    page.draw_line((36, y), (x0 + n_val * (col_w + 12), y), width=0.5)
    labels = rng.sample(LABELS, rng.randint(3, 6)) + ["Total"]
    for r, label in enumerate(labels):
        y += lead * 1.4
        if label == "Total":
            page.draw_line((36, y - lead), (x0 + n_val * (col_w + 12), y - lead), width=0.5)
        page.insert_text((x_stub + (3 if label == "Total" else 12), y), label, fontsize=size)
        for k in range(n_val):
            right = x0 + k * (col_w + 12) + col_w
            amount = f"{rng.randint(1, 2500):,}"
            page.insert_text((right - pymupdf.get_text_length(amount, "helv", size), y), amount, fontsize=size)
            if r in (0, len(labels) - 1):
                page.insert_text((right - col_w + 2, y), "$", fontsize=size)
    return doc.tobytes(), n_val + 1, [" ".join(lines) for lines in wrapped]


@pytest.mark.parametrize("seed", range(16))
def test_wrapped_heads_over_signs_set_apart_are_one_header_row(seed: int) -> None:
    pdf, n_cols, heads = _page(seed)
    table = only_table(pdf)
    assert (table.n_cols, table.n_header_rows) == (n_cols, 1)
    assert [c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == 0 and c.col > 0] == heads
