"""Three-row headers as pdfLaTeX sets them with booktabs: a top label over every value column, then, in the
middle row, column heads set with \\multirow{2} (lowered half a row) beside a group label with a
\\cmidrule under it, its sub-heads in the bottom row; the stub head a \\multirow{3} over all three rows.
The lowered heads sit between the middle row's line and the bottom row's, below the stub head's own line:
two lines of lowered heads, neither of them a row. Each lowered head belongs in the middle row with
row_span 2 (it was lifted into the stub head's line, a fourth header row).

A generated family compiled with pdflatex, 24 seeds: 3-6 value columns, the group label over 2-3 of them, the
lowered heads left or right of it."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from page_tables import only_table

from tests.extractors.latex_pages import MULTIROW, compile_document, needs_pdflatex

pytestmark = needs_pdflatex

HEADS = ["Error/\\%", "Length/mm", "Mass", "Porosity", "Rate", "Count", "Loss", "Energy", "Dose", "Area"]
TALL = ["k (s$^{-1}$)", "Area (m$^{2}$)", "Flux (W m$^{-2}$)", "IC$_{50}$ (nM)", "Dose (mg kg$^{-1}$)"]  # sub-, superscripts
SUBS = ["Precision/\\%", "Accuracy/\\%", "Recall", "Weight", "Size, nm", "Ratio", "Strain", "F1"]
LABELS = ["Baseline", "Model 2", "Dataset Y", "Left", "Cohort B"]
TOPS = ["Stage 2", "Stage 1", "Measured", "Out-of-domain"]
STUBS = ["Compound", "Sample", "Dataset", "Model"]
ROWS = ["ZnO", "Model A", "Knockout", "Day 1", "Toluene", "Batch 3", "Control"]


def _printed(head: str) -> str:
    return head.replace("\\%", "%").replace("$^{-1}$", "−1").replace("$^{-2}$", "−2").replace("$^{2}$", "2") \
        .replace("$_{50}$", "50")


def _table(seed: int, small: bool = False) -> tuple[str, list[tuple[int, int, str, int, int]]]:
    """The LaTeX source of one table and its expected header cells (row, col, text, row_span, col_span); `small`:
    set at \\scriptsize or \\footnotesize with sub- and superscripts in the lowered heads, which lie 4-5.5 pt under
    the group label, banded with it."""
    rng = random.Random(seed)
    n = rng.randint(3, 6)
    group = rng.randint(2, min(3, n - 1))
    lowered = rng.sample(TALL if small else HEADS, n - group)  # a tall line bands the lowered heads with the label
    subs = rng.sample(SUBS, group)
    label, top, stub = rng.choice(LABELS), rng.choice(TOPS), rng.choice(STUBS)
    left = rng.random() < 0.5  # the lowered heads left of the group label, else right of it
    first_group = 2 + (n - group if left else 0)  # LaTeX column of the group label's first column
    mid_cells = [rf"\mr{{2}}{{{h}}}" for h in lowered]
    grp = rf"\multicolumn{{{group}}}{{c}}{{{label}}}"
    middle = [*mid_cells, grp] if left else [grp, *mid_cells]
    bottom = [""] * (n - group) + subs if left else subs + [""] * (n - group)
    rows = [rf"\mr{{3}}{{{stub}}} & \multicolumn{{{n}}}{{c}}{{{top}}} \\ \cmidrule(lr){{2-{n + 1}}}",
            " & " + " & ".join(middle) + rf" \\ \cmidrule(lr){{{first_group}-{first_group + group - 1}}}",
            " & " + " & ".join(bottom) + r" \\ \midrule"]
    for _ in range(rng.randint(3, 6)):
        values = [f"{rng.randint(1, 9999) / rng.choice([1, 10, 100])}" for _ in range(n)]
        rows.append(rng.choice(ROWS) + " & " + " & ".join(values) + r" \\")
    size = rng.choice([r"\scriptsize", r"\footnotesize"] if small else [r"\small", r"\footnotesize", ""])
    tex = "\n".join([r"\documentclass{article}", r"\usepackage[margin=2.5cm]{geometry}", r"\usepackage{booktabs}",
                     r"\usepackage{caption}", MULTIROW, r"\begin{document}", r"\begin{table}[t]\centering" + size,
                     r"\captionsetup{position=top}", r"\caption{Effect of the dose on the outcome by model.}",
                     rf"\begin{{tabular}}{{l{rng.choice('crl') * n}}}", r"\toprule", *rows, r"\bottomrule",
                     r"\end{tabular}", r"\end{table}", r"\end{document}", ""])
    low_cols = range(1, n - group + 1) if left else range(group + 1, n + 1)
    sub_cols = range(n - group + 1, n + 1) if left else range(1, group + 1)
    expected = [(0, 0, stub, 3, 1), (0, 1, top, 1, n), (1, sub_cols[0], label, 1, group)]
    expected += [(1, c, _printed(h), 2, 1) for c, h in zip(low_cols, lowered)]
    expected += [(2, c, _printed(h), 1, 1) for c, h in zip(sub_cols, subs)]
    return tex, expected



@pytest.mark.parametrize("seed", range(24))
def test_lowered_heads_beside_a_ruled_group_label_span_two_rows(seed: int, tmp_path: Path) -> None:
    _check(*_table(seed), tmp_path)


@pytest.mark.parametrize("seed", range(16))
def test_lowered_heads_banded_with_the_group_label(seed: int, tmp_path: Path) -> None:
    """At small sizes the lowered heads lie 4-5 pt under the group label, banded with it as one line: the
    band is two header lines (split_lowered_heads), the label's row and the lowered heads' line."""
    _check(*_table(seed, small=True), tmp_path)


def _check(tex: str, expected: list[tuple[int, int, str, int, int]], tmp_path: Path) -> None:
    table = only_table(compile_document(tex, tmp_path))
    assert table.n_header_rows == 3
    cells = {(c.row, c.col): c for c in table.cells}
    for row, col, text, row_span, col_span in expected:
        cell = cells.get((row, col))
        assert cell is not None and cell.text == text, (row, col, text, cell)
        assert (cell.row_span, cell.col_span) == (row_span, col_span), (text, cell)
