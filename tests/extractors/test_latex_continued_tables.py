"""Longtables that pdfLaTeX breaks across pages, a family over seeds: every part is found whole and linked to
the part before it, so the table's rows come out once each.

- booktabs with section rows ruled off by \\midrule: a continuation page's last section, taller than 80 pt
  between its \\midrule and the \\bottomrule, stays in the part (lt1_0013 lost it: the ruled finder split
  the stack of rules at every gap over 80 pt);
- unruled, with a stub head centred across a group label and its sub-heads in the repeated head: the
  continuation's head is found with its group label, so the part starts where the page's text starts and is
  linked (lt1_0038, lt1_0089: the group label was dropped as a heading and the part published apart).
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from extractors.pipeline import ExtractionOptions, extract_document
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

pytestmark = needs_pdflatex
SEEDS = range(4)


def _labels(rng: random.Random, n: int) -> list[str]:
    """n distinct row labels."""
    pool = [f"{w} {k}" for k in range(1, 9) for w in WORDS]
    return rng.sample(pool, n)


def _chains(pdf: Path) -> list[list]:
    """The document's tables as chains of parts, each continuation after the part it continues."""
    tables = extract_document(pdf, ExtractionOptions(layout=False)).tables
    chains: list[list] = []
    index_of: dict[int, list] = {}
    for i, table in enumerate(tables):
        if table.continued_from is not None and table.continued_from in index_of:
            index_of[table.continued_from].append(table)
            index_of[i] = index_of[table.continued_from]
        else:
            chains.append([table])
            index_of[i] = chains[-1]
    return chains


def _first_column(chain: list) -> list[str]:
    """The first column's body texts of every part, in order."""
    return [c.text for part in chain for c in sorted(part.cells, key=lambda c: c.row)
            if c.col == 0 and not c.is_header and c.text]


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_a_booktabs_longtable_keeps_its_last_section_on_each_page(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"longtable-sections/{seed}")
    n_cols = rng.randint(4, 6)
    heads = ["Group"] + rng.sample(HEADS, n_cols - 1)
    labels = _labels(rng, 80)
    lines, expected = [], []
    for k, section in enumerate(rng.sample(SECTIONS, 8)):
        lines.append(f"\\multicolumn{{{n_cols}}}{{l}}{{\\textit{{{section}}}}} \\\\")
        expected.append(section)
        for _ in range(rng.randint(6, 9)):
            label = labels.pop()
            lines.append(" & ".join([label] + [number(rng) if c % 2 else rng.choice(VALUES)
                                               for c in range(1, n_cols)]) + " \\\\")
            expected.append(label)
        lines[-1] += " \\midrule" if k < 7 else ""
    head = " & ".join(heads) + " \\\\ \\midrule"
    body = (PROSE * 6 + "\n\n\\begin{longtable}{l" + "r" * (n_cols - 1) + "}\n"
            "\\caption{Porosity of the samples under the two conditions.}\\\\\n\\toprule\n" + head + "\n\\endfirsthead\n"
            "\\toprule\n" + head + "\n\\endhead\n\\bottomrule\n\\endfoot\n\\bottomrule\n\\endlastfoot\n"
            + "\n".join(lines) + "\n\\end{longtable}\n\n" + PROSE * 3)
    chains = _chains(compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"]), runs=3))
    assert len(chains) == 1 and len(chains[0]) >= 2  # one table, in parts
    assert _first_column(chains[0]) == expected


@needs_pdflatex
@pytest.mark.parametrize("seed", SEEDS)
def test_an_unruled_longtable_continues_under_its_grouped_head(seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"longtable-unruled/{seed}")
    n_cols = rng.randint(4, 5)
    heads = rng.sample(HEADS, n_cols - 1)
    group = rng.choice(["Before", "After", "Cohort B", "Day", "Simulation"])
    head = (f"\\mr{{2}}{{Parameter}} & \\multicolumn{{{n_cols - 1}}}{{c}}{{{group}}} \\\\\n"
            " & " + " & ".join(heads) + " \\\\")
    expected = _labels(rng, rng.randint(45, 60))
    lines = [" & ".join([label] + [number(rng) for _ in range(1, n_cols)]) + " \\\\" for label in expected]
    body = (PROSE * 8 + "\n\n{\\small\\begin{longtable}{l" + "c" * (n_cols - 1) + "}\n"
            "\\caption{Characteristics of the runs included in the study.}\\\\\n" + head + "\n\\endfirsthead\n"
            + head + "\n\\endhead\n\\endfoot\n\\endlastfoot\n" + "\n".join(lines) + "\n\\end{longtable}}\n\n" + PROSE * 3)
    chains = _chains(compile_pages(body, tmp_path, options=rng.choice(["10pt", "11pt", "12pt"]), runs=3))
    assert len(chains) == 1 and len(chains[0]) >= 2
    assert _first_column(chains[0]) == expected
    assert all(part.n_header_rows == 2 for part in chains[0])
