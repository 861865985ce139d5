"""Two-row headers as pdfLaTeX sets them: a group label (\\multicolumn{g}{c}{...}) in the middle of the value
columns with \\multirow{2} heads on both sides of it, the stub head a \\multirow{2} too, the group's heads in the
second row. The lowered heads are a line of their own between the label's line and its heads' line, so the
label is alone on its line: it was read as the line's one label over all the data columns (centred on them
within 4% when the heads either side balance), and a lowered head set flush right in its column (`r`) was
given a run of columns it happened to be centred over (lt2_0093, lt2_0096, lt2_0099).

A generated family compiled with pdflatex: 4-7 value columns, the label over 2-4 of them with heads lowered on
both sides, booktabs with or without a \\cmidrule under the label, or \\hline rules; columns set c, r or l.
Expected: the label over its columns, each lowered head in the top row with row_span 2."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from page_tables import only_table

from tests.extractors.latex_pages import MULTIROW, compile_document, needs_pdflatex

pytestmark = needs_pdflatex

HEADS = ["Time", "Site", "p-value", "Strain", "Parameter", "Model", "Dose (mg)", "Rate (s$^{-1}$)", "Count"]
SUBS = ["Energy (eV)", "Precision (\\%)", "Viscosity (mPa s)", "Latency (ms)", "Half-life [h]", "F1", "Mass, g",
        "Accuracy, \\%", "Rate", "Temperature, K"]
LABELS = ["Right", "350 K", "Train", "Cohort B", "Stage 2", "Out-of-domain"]
STUBS = ["Condition", "Compound", "Material", "Method"]
ROWS = ["Validation", "Lake Ohrid", "Pd/C", "Adult", "S-7", "Transformer", "Toluene"]


def _printed(head: str) -> str:
    return head.replace("\\%", "%").replace("$^{-1}$", "−1")


def _table(seed: int) -> tuple[str, list[tuple[int, int, str, int, int]]]:
    """The LaTeX source of one table and its expected header cells (row, col, text, row_span, col_span)."""
    rng = random.Random(seed)
    n = rng.randint(4, 7)
    group = rng.randint(2, min(4, n - 2))
    at = rng.randint(1, n - group - 1)  # lowered heads left of the label (at least one), the rest right of it
    lowered = rng.sample(HEADS, n - group)
    subs = rng.sample(SUBS, group)
    label, stub = rng.choice(LABELS), rng.choice(STUBS)
    rules = rng.choice(["booktabs", "cmidrule", "hline"])
    top = [rf"\mr{{2}}{{{stub}}}"] + [rf"\mr{{2}}{{{h}}}" for h in lowered[:at]] \
        + [rf"\multicolumn{{{group}}}{{c}}{{{label}}}"] + [rf"\mr{{2}}{{{h}}}" for h in lowered[at:]]
    under = rf"\cmidrule(lr){{{at + 2}-{at + group + 1}}}" if rules == "cmidrule" else ""
    mid, bottom_rule = (r"\hline", r"\hline") if rules == "hline" else (r"\midrule", r"\bottomrule")
    rows = [" & ".join(top) + rf" \\ {under}",
            " & " * (at + 1) + " & ".join(subs) + " & " * (n - group - at) + rf" \\ {mid}"]
    for _ in range(rng.randint(3, 6)):
        values = [f"{rng.randint(1, 99999) / rng.choice([1, 10, 100, 1000])}" for _ in range(n)]
        rows.append(rng.choice(ROWS) + " & " + " & ".join(values) + r" \\")
    size = rng.choice([r"\small", r"\footnotesize", r"\scriptsize", ""])
    tex = "\n".join([r"\documentclass{article}", r"\usepackage[margin=2.5cm]{geometry}", r"\usepackage{booktabs}",
                     r"\usepackage{caption}", MULTIROW, r"\begin{document}", r"\begin{table}[t]\centering" + size,
                     r"\captionsetup{position=top}", r"\caption{Effect of the dose on the outcome by model.}",
                     rf"\begin{{tabular}}{{l{rng.choice('crl') * n}}}", r"\hline" if rules == "hline" else r"\toprule",
                     *rows, bottom_rule, r"\end{tabular}", r"\end{table}", r"\end{document}", ""])
    expected = [(0, 0, stub, 2, 1), (0, at + 1, label, 1, group)]
    expected += [(0, c, _printed(h), 2, 1)
                 for c, h in zip([*range(1, at + 1), *range(at + group + 1, n + 1)], lowered)]
    expected += [(1, at + 1 + k, _printed(s), 1, 1) for k, s in enumerate(subs)]
    return tex, expected


@pytest.mark.parametrize("seed", range(24))
def test_label_between_lowered_heads_takes_its_columns(seed: int, tmp_path: Path) -> None:
    tex, expected = _table(seed)
    table = only_table(compile_document(tex, tmp_path))
    assert table.n_header_rows == 2
    cells = {(c.row, c.col): c for c in table.cells}
    for row, col, text, row_span, col_span in expected:
        cell = cells.get((row, col))
        assert cell is not None and cell.text == text, (row, col, text, cell)
        assert (cell.row_span, cell.col_span) == (row_span, col_span), (text, cell)
