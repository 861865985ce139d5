"""Multi-row headers as pdfLaTeX sets them: a group label (\\multicolumn{g}{c}{...}) over some value columns
and, beside it, column heads that span the header's rows (\\multirow, lowered to the middle of their rows).
Four causes put such heads in the wrong row or columns: the row's \\cline{1-k}, drawn from the table's left
edge round the \\multirow cells, was read as the label's own rule (the label took the stub column); a lowered
head with an empty cell above was kept in the lower row (each lowered head vouching for its neighbour's
baseline); a lowered head beside group labels was given a share of their columns; a label wider than four
columns, or over columns whose heads are lowered, was cut to the two columns its text covers.

A generated family compiled with pdflatex: 4-7 value columns, a label over 2-4, a 2-row header (group label, then \\multirow
heads of two rows) ruled under every row (\\cline round the \\multirow cells) or not, or a 3-row one ruled
above and below (a top label over every value column, a group label and \\multirow heads of two rows). Expected: the label over its columns, each lowered head in
the top row of its span with row_span 2."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from page_tables import only_table

from tests.extractors.latex_pages import MULTIROW, compile_document, needs_pdflatex

pytestmark = needs_pdflatex

HEADS = ["Power [W]", "Mass", "Yield/\\%", "Porosity", "Depth, m", "Size/nm", "Rate", "Count", "Loss",
         "Energy", "Dose", "Time [s]", "Area", "Score", "Velocity"]
LONG = ["Conductivity [S m$^{-1}$]", "Throughput [MB s$^{-1}$]", "Wavelength [nm]", "Concentration"]
LABELS = ["Pre-treatment", "Stage 1", "Long term", "Out-of-domain", "Dataset X", "Measured", "Cohort B"]
STUBS = ["Toluene", "Day 14", "Group 2", "Batch 3", "Treatment", "GRU", "Sample 7", "Control"]


def _table(seed: int) -> tuple[str, int, list[tuple[int, int, str, int, int]]]:
    """The LaTeX source of one table, its header rows, and the expected header cells (row, col, text,
    row_span, col_span) of the group label and the lowered heads."""
    rng = random.Random(seed)
    n = rng.randint(4, 7)
    group = rng.randint(2, min(4, n - 1))  # the label's value columns; the rest are \multirow heads
    three = seed % 2 == 1
    hlines = not three and rng.random() < 0.7  # (a rule under every row of a 3-row header: not yet read)
    heads = [rng.choice(LONG)] + rng.sample(HEADS, n - 1)  # a wide first column: no shorter run of the
    # label's columns is centred under it as well (a label over four columns, centred over the middle two too,
    # is geometry no rule can read without a rule under it)
    label, top = rng.sample(LABELS, 2)
    align = "l" + rng.choice("crl") * n
    sep = rf"\cline{{1-{group + 1}}}" if hlines else ""  # the row's rule, broken round the \multirow cells
    rows = []
    if three:
        rows.append(rf" & \multicolumn{{{n}}}{{c}}{{{top}}} \\")
    lowered = " & ".join(rf"\mr{{2}}{{{h}}}" for h in heads[group:])
    rows.append(rf" & \multicolumn{{{group}}}{{c}}{{{label}}} & {lowered} \\ {sep}")
    rows.append("Model & " + " & ".join(heads[:group]) + " & " * (n - group) + r" \\ \hline")
    for _ in range(rng.randint(3, 6)):
        values = [str(rng.randint(1, 9999) / rng.choice([1, 10, 100])) for _ in range(n)]
        rows.append(rng.choice(STUBS) + " & " + " & ".join(values) + (r" \\ \hline" if hlines else r" \\"))
    size = rng.choice([r"\small", r"\footnotesize", ""])
    tex = "\n".join([r"\documentclass{article}", r"\usepackage[margin=2.5cm]{geometry}", r"\usepackage{caption}",
                     MULTIROW, r"\begin{document}", r"\begin{table}[t]\centering" + size, r"\captionsetup{position=top}",
                     r"\caption{Effect of the dose on the outcome by model.}", rf"\begin{{tabular}}{{{align}}}",
                     r"\hline", *rows, r"\hline" if not hlines else "", r"\end{tabular}", r"\end{table}",
                     r"\end{document}", ""])
    first = 1 if three else 0
    expected = [(first, 1, label, 1, group)]
    expected += [(first, group + 1 + k, _printed(h), 2, 1) for k, h in enumerate(heads[group:])]
    if three:
        expected.append((0, 1, top, 1, n))
    return tex, 3 if three else 2, expected


def _printed(head: str) -> str:
    return head.replace("\\%", "%").replace("$^{-1}$", "−1")



@pytest.mark.parametrize("seed", range(30))
def test_group_labels_and_lowered_heads_take_their_cells(seed: int, tmp_path: Path) -> None:
    tex, n_header, expected = _table(seed)
    table = only_table(compile_document(tex, tmp_path))
    assert table.n_header_rows == n_header
    cells = {(c.row, c.col): c for c in table.cells}
    for row, col, text, row_span, col_span in expected:
        cell = cells.get((row, col))
        assert cell is not None and cell.text == text, (row, col, text, cell)
        assert (cell.row_span, cell.col_span) == (row_span, col_span), (text, cell)
