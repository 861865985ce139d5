"""Section rows (a lone italic label across the table) in tables typeset by pdfLaTeX, a family over seeds:

- a booktabs table with its caption below it and a section row first under the \\midrule: read upwards from
  the caption, the header line above the rule's padding is the table's (lt1_0044: the header was lost);
- an unruled table whose stub head is centred across a group label and its sub-heads, with one section row
  right under the header: the section row is a body row of its own and the rows under it stay apart
  (lt1_0029: the header took the section row and the two rows after it).
"""
from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables
from tests.extractors.latex_pages import (
    HEADS,
    PROSE,
    SECTIONS,
    VALUES,
    WORDS,
    compile_pages,
    needs_pdflatex,
    number,
)

PROSE_BLOCK = PROSE + "\n\n"

pytestmark = needs_pdflatex
SEEDS = range(6)


def _rows(table) -> list[list[str]]:
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def _read(pdf: Path) -> list:
    page = read_page(pymupdf.open(pdf)[0])
    return find_tables(page, find_captions(page))


def _body(rng: random.Random, n_cols: int, sections: list[str]) -> tuple[list[str], list[list[str]]]:
    """Body lines (LaTeX) and the grid they print: each section a lone label, then two to four rows."""
    tex, grid = [], []
    words = rng.sample(WORDS, len(WORDS))
    for k, section in enumerate(sections):
        tex.append(f"\\multicolumn{{{n_cols}}}{{l}}{{\\textit{{{section}}}}} \\\\")
        grid.append([section] + [""] * (n_cols - 1))
        for _ in range(rng.randint(2, 4)):
            row = [words.pop()] + [number(rng) if c % 2 else rng.choice(VALUES) for c in range(1, n_cols)]
            tex.append(" & ".join(row) + " \\\\" + (" \\midrule" if k + 1 < len(sections) and rng.random() < 0.5 else ""))
            grid.append([cell.replace("\\%", "%") for cell in row])
    return tex, grid


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_a_caption_below_keeps_the_header_over_the_midrule(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"section-below/{seed}")
    n_cols = rng.randint(4, 7)
    heads = ["Model"] + rng.sample(HEADS, n_cols - 1)
    tex, grid = _body(rng, n_cols, rng.sample(SECTIONS, rng.randint(1, 3)))
    size = rng.choice(["\\footnotesize", "\\small", "\\scriptsize"])
    body = (PROSE_BLOCK + "\\begin{table}[h]\\centering" + size + "\n\\begin{tabular}{l" + "r" * (n_cols - 1) + "}\n"
            "\\toprule\n" + " & ".join(heads) + " \\\\ \\midrule\n" + "\n".join(tex) + "\n\\bottomrule\n\\end{tabular}\n"
            "\\caption{Characteristics of the samples included in the study.}\n\\end{table}\n" + PROSE_BLOCK)
    tables = _read(compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"])))
    assert [t.label for t in tables] == ["Table 1"]
    rows = _rows(tables[0])
    assert rows[0] == heads and tables[0].n_header_rows == 1
    assert rows[1:] == grid


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_a_section_row_under_an_unruled_grouped_header_is_a_row_of_its_own(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"section-unruled/{seed}")
    n_cols = rng.randint(3, 5)
    heads = rng.sample(HEADS, n_cols - 1)
    group = rng.choice(["24 h", "Cohort B", "Before", "Simulation"])
    tex, grid = _body(rng, n_cols, rng.sample(SECTIONS, 1))
    tex = [line.replace(" \\midrule", "") for line in tex]
    body = ("\\begin{table}[h]\\centering\\small\n\\caption{Characteristics of the patients included in the study.}\n"
            "\\begin{tabular}{l" + "c" * (n_cols - 1) + "}\n"
            f"\\mr{{2}}{{Method}} & \\multicolumn{{{n_cols - 1}}}{{c}}{{{group}}} \\\\\n"
            " & " + " & ".join(heads) + " \\\\\n" + "\n".join(tex) + "\n\\end{tabular}\n\\end{table}\n" + PROSE_BLOCK)
    tables = _read(compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"])))
    assert [t.label for t in tables] == ["Table 1"]
    rows = _rows(tables[0])
    assert tables[0].n_header_rows == 2
    assert rows[1][1:] == heads
    assert rows[2:] == grid


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_a_caption_below_keeps_a_grouped_header_and_its_starred_note(seed: int, tmp_path: Path) -> None:
    """Group labels over \\cmidrule, then the heads and the \\midrule, and a note `∗ p < 0.05` between the
    table and its caption: read upwards, the note is the table's (TeX's asterisk is U+2217) and every header
    line over a rule's padding is kept (lt2_0046: the caption labelled nothing)."""
    rng = random.Random(f"grouped-below/{seed}")
    groups = rng.sample(["In-domain", "Baseline", "Site 2", "Cohort B", "Before", "After"], 2)
    heads = ["Dataset"] + rng.sample(HEADS, 4)
    labels = rng.sample(WORDS, rng.randint(5, 10))
    rows = [[label] + [number(rng) for _ in range(4)] for label in labels]
    body = (PROSE_BLOCK + "\\begin{table}[h]\\centering" + rng.choice(["\\footnotesize", "\\small"]) + "\n"
            "\\begin{tabular}{lrrrr}\n\\toprule\n"
            f" & \\multicolumn{{2}}{{c}}{{{groups[0]}}} & \\multicolumn{{2}}{{c}}{{{groups[1]}}} \\\\ "
            "\\cmidrule(lr){2-3} \\cmidrule(lr){4-5}\n" + " & ".join(heads) + " \\\\ \\midrule\n"
            + "\n".join(" & ".join(row) + " \\\\" for row in rows) + "\n\\bottomrule\n\\end{tabular}\n\n"
            "{\\footnotesize $^{*}$ $p<0.05$ compared with the control.}\n"
            "\\caption{Summary of the porosity measured for each sample.}\n\\end{table}\n" + PROSE_BLOCK)
    tables = _read(compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"])))
    assert [t.label for t in tables] == ["Table 1"]
    table = tables[0]
    assert table.n_header_rows == 2 and "0.05 compared" in (table.footnotes or "")
    assert _rows(table)[2:] == [[c.replace("\\%", "%") for c in row] for row in rows]
    assert {c.text for c in table.cells if c.row == 0} >= set(groups)
