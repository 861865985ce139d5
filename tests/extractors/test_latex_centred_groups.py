"""Row groups whose first-column label is centred on them (\\multirow), in tables typeset by pdfLaTeX with
short text cells in narrow columns, a family over seeds: each line of a group is a row of its own, and each
label spans its group from the group's first row (lt1_0113, lt1_0071: the lines under a centred label read
as one cell's wrapped lines and were joined, since a short word after a short word overflows a narrow
column)."""
from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables
from tests.extractors.latex_pages import SECTIONS, VALUES, WORDS, compile_pages, needs_pdflatex

pytestmark = needs_pdflatex
SEEDS = range(6)


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_lines_of_a_centred_group_stay_rows(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"centred-groups/{seed}")
    labels = rng.sample(SECTIONS, rng.randint(3, 5))
    items = rng.sample(WORDS, len(WORDS))
    sizes = [rng.randint(2, 4) for _ in labels]
    sizes[0] = 3  # the first label centred on its group's middle line: the first body row has no label
    lines, column = [], []
    for label, size in zip(labels, sizes):
        for k in range(size):
            item = items.pop()
            lines.append((f"\\mr{{{size}}}{{{label}}}" if k == 0 else "") + f" & {item} & {rng.choice(VALUES)} \\\\")
            column.append(item)
    rules = rng.choice([("", "", ""), ("\\toprule", "\\midrule", "\\bottomrule"), ("", "\\hline", "")])
    body = ("\\begin{table}[h]\\centering" + rng.choice(["", "\\small", "\\footnotesize"]) + "\n"
            "\\caption{Parameters of the fitted model for each sample.}\n\\begin{tabular}{llr}\n" + rules[0] + "\n"
            "Method & Strain & Accuracy \\\\ " + rules[1] + "\n" + "\n".join(lines) + "\n" + rules[2]
            + "\n\\end{tabular}\n\\end{table}\n")
    page = read_page(pymupdf.open(compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"])))[0])
    tables = find_tables(page, find_captions(page))
    assert [t.label for t in tables] == ["Table 1"]
    table = tables[0]
    assert table.n_rows == 1 + len(column) and table.n_header_rows == 1
    by_slot = {(c.row, c.col): c for c in table.cells}
    assert [by_slot[(r, 1)].text for r in range(1, table.n_rows)] == column
    first = 1
    for label, size in zip(labels, sizes):
        assert by_slot[(first, 0)].text == label and by_slot[(first, 0)].row_span == size
        first += size
