"""A table of counts with no header row (NLP papers' corpus statistics: `Source articles  28,009` over `Basic
clusters  5,543`, ruled in boxes or groups) has no header row, though a rule lies under its first row: a text label
beside a plain number is a body row (found corpus: naacl06 Table 2 read its first row as a header). A table whose
first row is text heads over the rule (`Statistic  Count`) keeps it as its header. Generated: labels, counts, the
rules drawn and the box vary by seed."""
from __future__ import annotations

import random

import pymupdf
import pytest
from page_tables import only_table

LABELS = ["Source articles", "Basic clusters", "Basic patterns (token)", "Basic patterns (type)", "Metaclusters",
          "Documents", "Sentences", "Tokens", "Unique entities", "Relations (train)", "Relations (test)",
          "Annotated pairs", "Vocabulary size", "Average length (words)"]


def _page(seed: int, headed: bool) -> tuple[bytes, int]:
    """A caption under a two-column table of counts; returns the PDF and the number of rows printed."""
    rng = random.Random(f"count-tables/{seed}")
    labels = rng.sample(LABELS, rng.randint(3, 7))
    rows = ([("Statistic", "Count")] if headed else []) + [(lab, f"{rng.randint(5, 900000):,}") for lab in labels]
    size, pitch = rng.choice([9.0, 10.0]), rng.uniform(13, 16)
    x0, x1, split = 340.0, 340 + rng.uniform(150, 190), 0.0
    split = x1 - rng.uniform(40, 55)
    boxed = rng.random() < 0.5  # every row in a box (naacl06), or groups of rows ruled off
    groups = sorted(rng.sample(range(2, len(rows)), k=min(2, len(rows) - 2))) if not boxed else []
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 72.0
    page.draw_line((x0, y), (x1, y), width=0.4)
    for k, (label, count) in enumerate(rows):
        base = y + pitch * 0.75
        page.insert_text((x0 + 6, base), label, fontsize=size)
        page.insert_text((x1 - 6 - pymupdf.get_text_length(count, "helv", size), base), count, fontsize=size)
        if boxed:
            for x in (x0, split, x1):
                page.draw_line((x, y), (x, y + pitch), width=0.4)
        y += pitch
        if boxed or k == 0 or k + 1 in groups or k == len(rows) - 1:
            page.draw_line((x0, y), (x1, y), width=0.4)
    page.insert_text((330, y + 20), "Table 2: Articles and obtained metaclusters.", fontsize=10)
    return doc.tobytes(), len(rows)


@pytest.mark.parametrize("seed", range(12))
def test_counts_under_no_header_have_no_header_row(seed: int) -> None:
    pdf, n_rows = _page(seed, headed=False)
    table = only_table(pdf)
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (n_rows, 2, 0)


@pytest.mark.parametrize("seed", range(6))
def test_counts_under_text_heads_keep_their_header_row(seed: int) -> None:
    pdf, n_rows = _page(seed, headed=True)
    table = only_table(pdf)
    assert (table.n_rows, table.n_cols, table.n_header_rows) == (n_rows, 2, 1)
