"""A group label over an odd number of columns of like widths, with no rule under it, is centred over the middle
one as well: it kept that one column (lt1_0055's 'Train' over three, lt2_0034's 'Wet'); over five, the run was
never tried (lt1_0014's 'Secondary outcome', lt2_0063's 'Primary outcome'). The label takes the widest run it
is centred over to a point, the columns as wide as their heads, when every column of it has a head below and
none holds a label or a lowered head beside it.

A generated family compiled with pdflatex: 4-8 value columns of numbers of one format (so of like widths), a
label over 3 or 5 of them with \\multirow heads lowered beside it, the heads under it of like widths too,
booktabs or \\hline rules, columns set c, r or l. Expected: the label over its columns."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from page_tables import only_table

from tests.extractors.latex_pages import MULTIROW, compile_document, needs_pdflatex

pytestmark = needs_pdflatex

SUBS = ["Mean", "Mass", "Rate", "Area", "Loss", "Size", "Dose", "Gain", "Flux"]  # heads of like widths
LOWERED = ["Count", "Site", "Strain", "Time"]
LABELS = ["Train", "Wet", "Secondary outcome", "Primary outcome", "Stage 1", "Cohort A"]
ROWS = ["Dry season", "S-7", "CaCO$_3$", "Cohort I", "Pt/C", "Station 4", "Patient 3"]


def _table(seed: int) -> tuple[str, list[tuple[int, int, str, int]]]:
    """The LaTeX source of one table and its expected header cells (row, col, text, col_span)."""
    rng = random.Random(seed)
    group = rng.choice([3, 3, 5])
    n = rng.randint(group + 1, min(8, group + 3))
    at = rng.randint(0, n - group)  # lowered heads left of the label
    label = rng.choice(LABELS)
    subs = rng.sample(SUBS, group)
    lowered = rng.sample(LOWERED, n - group)
    rules = rng.choice(["booktabs", "hline"])
    top = [r"\mr{2}{Method}"] + [rf"\mr{{2}}{{{h}}}" for h in lowered[:at]] \
        + [rf"\multicolumn{{{group}}}{{c}}{{{label}}}"] + [rf"\mr{{2}}{{{h}}}" for h in lowered[at:]]
    mid, last = (r"\hline", r"\hline") if rules == "hline" else (r"\midrule", r"\bottomrule")
    rows = [" & ".join(top) + r" \\",
            " & " * (at + 1) + " & ".join(subs) + " & " * (n - group - at) + rf" \\ {mid}"]
    digits = rng.randint(1, 3)
    for _ in range(rng.randint(3, 6)):
        values = [f"{rng.uniform(10, 99):.{digits}f}" for _ in range(n)]
        rows.append(rng.choice(ROWS) + " & " + " & ".join(values) + r" \\")
    size = rng.choice([r"\small", r"\footnotesize", ""])
    tex = "\n".join([r"\documentclass{article}", r"\usepackage[margin=2.5cm]{geometry}", r"\usepackage{booktabs}",
                     r"\usepackage{caption}", MULTIROW, r"\begin{document}", r"\begin{table}[t]\centering" + size,
                     r"\captionsetup{position=top}", r"\caption{Scores of each method on the held-out sets.}",
                     rf"\begin{{tabular}}{{l{rng.choice('crl') * n}}}", r"\hline" if rules == "hline" else r"\toprule",
                     *rows, last, r"\end{tabular}", r"\end{table}", r"\end{document}", ""])
    return tex, [(0, at + 1, label, group)] + [(1, at + 1 + k, s, 1) for k, s in enumerate(subs)]


@pytest.mark.parametrize("seed", range(24))
def test_label_over_like_columns_takes_them_all(seed: int, tmp_path: Path) -> None:
    tex, expected = _table(seed)
    table = only_table(compile_document(tex, tmp_path))
    assert table.n_header_rows == 2
    cells = {(c.row, c.col): c for c in table.cells}
    for row, col, text, col_span in expected:
        cell = cells.get((row, col))
        assert cell is not None and cell.text == text and cell.col_span == col_span, (row, col, text, cell)
