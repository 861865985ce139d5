"""A two-column paper whose right column holds a table and its caption and no running text (the text ends
in the left column), typeset by pdfLaTeX, a family over seeds: the table's rows are its own, not joined with
the lines of the left column's text level with them (lt1_0114: with no prose on the right, the page did not
read as set in columns, and the caption took the left column's lines into its table)."""
from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables
from tests.extractors.latex_pages import HEADS, WORDS, compile_pages, needs_pdflatex, number

pytestmark = needs_pdflatex
SEEDS = range(4)
SENTENCES = ["The alloy matches the previous estimate despite the larger spread.",
             "This effect exceeds the results of the pilot study on the held-out data.",
             "The second campaign differs from the expected trend when the dose is doubled.",
             "The reference material reaches a clear seasonal cycle across both cohorts.",
             "The network converges to the value reported earlier after calibration."]


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_a_table_alone_in_the_right_column_keeps_to_it(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"right-column/{seed}")
    n_cols = rng.randint(3, 5)
    heads = ["Model"] + rng.sample(HEADS, n_cols - 1)
    labels = rng.sample(WORDS, rng.randint(6, 12))
    rows = [[label] + [number(rng) for _ in range(n_cols - 1)] for label in labels]
    prose = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(14, 22)))
    body = (prose + "\n\n\\newpage\n\\begin{table}[h]\\centering" + rng.choice(["\\small", "\\footnotesize"]) + "\n"
            "\\caption{Effect of yield on the outcome by method.}\n\\begin{tabular}{l" + "r" * (n_cols - 1) + "}\n"
            "\\toprule\n" + " & ".join(heads) + " \\\\ \\midrule\n"
            + "\n".join(" & ".join(row) + " \\\\" for row in rows) + "\n\\bottomrule\n\\end{tabular}\n\\end{table}\n")
    pdf = compile_pages(body, tmp_path, options="twocolumn," + rng.choice(["10pt", "11pt"]))
    page = read_page(pymupdf.open(pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert [t.label for t in tables] == ["Table 1"]
    table = tables[0]
    assert table.bbox[0] > page.width / 2 - 10  # in the right column only
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert grid == [heads] + [[c.replace("\\%", "%") for c in row] for row in rows]
