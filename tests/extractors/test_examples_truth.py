"""Every table of the bundled example papers reads exactly as its ground truth says (grid, spans, header).

The examples are drawn by examples/make_examples.py from the same data as their truth files, so this
is a regression net over ruled, booktabs, unruled, grouped-header, multirow and two-column tables.
"""
import json
from pathlib import Path

import pytest

from extractors.pipeline import extract_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pdfs"
CASES = [(pdf, table["label"]) for pdf in sorted(EXAMPLES.glob("*.pdf"))
         for table in json.loads(pdf.with_suffix(".truth.json").read_text())["tables"]]


@pytest.fixture(scope="module")
def extracted():
    return {pdf: extract_document(pdf) for pdf in sorted(EXAMPLES.glob("*.pdf"))}


@pytest.mark.parametrize("pdf, label", CASES, ids=[f"{p.stem}-{label}" for p, label in CASES])
def test_example_table_matches_truth(pdf, label, extracted):
    truth = next(t for t in json.loads(pdf.with_suffix(".truth.json").read_text())["tables"] if t["label"] == label)
    (table,) = [t for t in extracted[pdf].tables if t.label == label]
    grid = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert grid == truth["grid"]
    spans = sorted([c.row, c.col, c.row_span, c.col_span] for c in table.cells if c.row_span > 1 or c.col_span > 1)
    assert spans == sorted(truth["spans"])
    assert table.n_header_rows == truth["header_rows"]
    assert table.caption == truth["caption"]
