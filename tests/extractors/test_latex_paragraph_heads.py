"""A paragraph column's head set flush left (a ragged p{} column beside a \\multirow stub head, under a group
label) is its own column's head, typeset by pdfLaTeX, a family over seeds: a label flush with its column's
left edge is centred over the stub and its column only by chance, and was read as their group label (lt2_0050's
'Notes', lt2_0101's 'Observation': the stub column took the head and the text column was left without one)."""
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
SEEDS = range(12)
TEXT_HEADS = ["Notes", "Remarks", "Comment", "Observation", "Description", "Details"]
STUBS = ["Compound", "Method", "Sample", "Material", "Site", "Dataset"]
GROUPS = ["Female", "After", "Day 1", "Cohort B", "Measured", "Baseline"]
PHRASES = ["Strong and reversible binding observed only in the presence of excess ligand",
           "Reach of the river measured in triplicate under nitrogen",
           "Collected after heavy rainfall from the upper reach", "Partly weathered surface layer",
           "Fine-tuned on the full corpus then evaluated on the held-out split", "Stable over the whole run"]


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_a_flush_left_paragraph_head_keeps_its_own_column(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"paragraph-head/{seed}")
    n_num = rng.randint(1, 3)
    stub, group, text_head = rng.choice(STUBS), rng.choice(GROUPS), rng.choice(TEXT_HEADS)
    heads = rng.sample(HEADS, n_num)
    width = rng.choice(["2.2cm", "2.5cm", "3cm", "3.5cm"])
    rows = [[rng.choice(WORDS), rng.choice(PHRASES)] + [number(rng) for _ in range(n_num)]
            for _ in range(rng.randint(3, 6))]
    body = ("\\begin{table}[h]\\centering" + rng.choice(["\\small", "\\footnotesize", ""]) + "\n"
            "\\caption{Characteristics of the samples included in the study.}\n"
            "\\begin{tabular}{l>{\\raggedright\\arraybackslash}p{" + width + "}" + "c" * n_num + "}\n\\toprule\n"
            f"\\mr{{2}}{{{stub}}} & \\multicolumn{{{n_num + 1}}}{{c}}{{{group}}} \\\\ \\cmidrule(lr){{2-{n_num + 2}}}\n"
            " & " + " & ".join([text_head, *heads]) + " \\\\ \\midrule\n"
            + "\n".join(" & ".join(row) + " \\\\" for row in rows) + "\n\\bottomrule\n\\end{tabular}\n\\end{table}\n")
    pdf = compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"]))
    page = read_page(pymupdf.open(pdf)[0])
    tables = find_tables(page, find_captions(page))
    assert [t.label for t in tables] == ["Table 1"]
    cells = {(c.row, c.col): c for c in tables[0].cells}
    assert cells[(0, 0)].text == stub and cells[(0, 1)].text == group and cells[(0, 1)].col_span == n_num + 1
    assert cells[(1, 1)].text == text_head, [(c.row, c.col, c.text) for c in tables[0].cells if c.row < 2]
    assert [cells[(1, 2 + k)].text for k in range(n_num)] == heads
