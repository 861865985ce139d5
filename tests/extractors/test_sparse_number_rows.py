"""Numbers in rows with empty cells, in columns set flush right, keep their own column: in a table ruled under
every row under a two-row header whose first-column labels are \\multirow cells set between rows (so no row
has every cell filled),
each row is placed cell by cell like a header row, and a number between empty cells was centred, within 4%,
over the run of its column and its empty neighbours and read as spanning them (lt1_0095's `0.3`). A number set
flush with the right edge of a column of numbers set right is that column's.

A generated family compiled with pdflatex: 4-6 value columns set r, groups of 2-3 rows under a \\multirow label
ruled by \\hline and \\cline, a quarter of the cells empty. Expected: every number in its own column."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from page_tables import only_table

from tests.extractors.latex_pages import MULTIROW, compile_document, needs_pdflatex

pytestmark = needs_pdflatex

HEADS = ["Strain", "Coverage, \\%", "Porosity", "n", "Ratio", "Mass", "Rate"]
GROUPS = ["Region 2", "Phase II", "Phase I", "Real", "Summer"]
ROWS = ["Al$_2$O$_3$", "Site B", "Pd/C", "Day 14", "North", "Pt/C", "MLP", "Juvenile", "CO$_2$", "Cohort II"]


def _value(rng: random.Random) -> str:
    return rng.choice([f"{rng.uniform(0, 300):.{rng.randint(1, 3)}f}", str(rng.randint(1, 9999))])


def _table(seed: int) -> tuple[str, list[tuple[int, int, str]]]:
    """The LaTeX source of one table and its expected body numbers (row, col, text) as printed."""
    rng = random.Random(seed)
    n = rng.randint(4, 6)
    heads = rng.sample(HEADS, n)
    rows = [r"\mr{2}{Method} & \mr{2}{Sample} & " + rf"\multicolumn{{{n}}}{{c}}{{Measured}} \\ \cline{{3-{n + 2}}}",
            " & & " + " & ".join(heads) + r" \\ \hline"]
    expected: list[tuple[int, int, str]] = []
    row = 2
    for label in rng.sample(GROUPS, rng.randint(2, 3)):
        size = rng.randint(2, 3)
        for k in range(size):
            values = ["" if rng.random() < 0.25 else _value(rng) for _ in range(n)]
            values[rng.randrange(n)] = values[rng.randrange(n)] or _value(rng)
            first = rf"\mr{{{size}}}{{{label}}}" if k == 0 else ""
            rule = r"\hline" if k == size - 1 else rf"\cline{{2-{n + 2}}}"
            rows.append(f"{first} & {rng.choice(ROWS)} & " + " & ".join(values) + rf" \\ {rule}")
            expected += [(row, 2 + c, v) for c, v in enumerate(values) if v]
            row += 1
    tex = "\n".join([r"\documentclass{article}", r"\usepackage[margin=2.5cm]{geometry}", r"\usepackage{caption}",
                     MULTIROW, r"\begin{document}", r"\begin{table}[t]\centering" + rng.choice([r"\small", ""]),
                     r"\captionsetup{position=top}", r"\caption{Measured values for each sample and site.}",
                     rf"\begin{{tabular}}{{ll{'r' * n}}}", r"\hline", *rows, r"\end{tabular}", r"\end{table}",
                     r"\end{document}", ""])
    return tex, expected


@pytest.mark.parametrize("seed", range(16))
def test_numbers_between_empty_cells_keep_their_column(seed: int, tmp_path: Path) -> None:
    tex, expected = _table(seed)
    table = only_table(compile_document(tex, tmp_path))
    cells = {(c.row, c.col): c for c in table.cells}
    for row, col, text in expected:
        cell = cells.get((row, col))
        assert cell is not None and cell.text == text and cell.col_span == 1, (row, col, text, cell)
