"""A caption under its table may have a block of notes between them: numbered notes ('1. ...', '(2) ...')
over several lines, or a labelled line ('Keywords: ...'). Only notes opening with 'Note', 'Source', '*' or a
letter were passed over, so such a caption found no rows above and took the next table's rows below it: in a
real two-column paper (naacl06-shinyama, found corpus) three tables stacked in one column went out with
'Table 5' on Table 6's grid, 'Table 6' on Table 7's (both auto-accepted) and Table 7 unlabelled.

A generated family compiled with pdflatex: two or three tables stacked in one column of a two-column page,
each captioned below, each with numbered notes (one to three items of one to three lines) or a labelled line
between its tabular and its caption, random columns and rows. Expected: every table carries its own label,
its own first header cell and its own number of body rows."""
from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables
from tests.extractors.latex_pages import HEADS, PROSE, WORDS, compile_document, needs_pdflatex, number

pytestmark = needs_pdflatex

NOTE_WORDS = ("More than two thousand troops were put on alert as the storm slammed into the string of islands "
              "and headed west toward the coast while markets watched its progress nervously").split()
LABELS = ["Keywords", "Abbreviations", "Legend"]


def _notes(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rf"\par\smallskip{{\small {rng.choice(LABELS)}: " + ", ".join(rng.sample(WORDS, 5)) + r"}\par"
    items = []
    for _ in range(rng.randint(1, 3)):
        start = rng.randrange(len(NOTE_WORDS) - 12)
        words = NOTE_WORDS[start:start + rng.randint(8, 24)]
        items.append(r"\item " + " ".join(words) + ". ...")
    style = rng.choice([r"\begin{enumerate}", r"\begin{enumerate}\renewcommand\labelenumi{(\theenumi)}"])
    return r"{\small" + style + r"\itemsep0pt\parsep0pt" + "\n" + "\n".join(items) + r"\end{enumerate}}"


def _table(rng: random.Random, number_: int) -> tuple[str, str, int]:
    """One table float (its LaTeX), its first head and its body rows."""
    n_cols = rng.randint(2, 4)
    heads = rng.sample(HEADS, n_cols)
    n_rows = rng.randint(3, 9)
    rows = [" & ".join([rng.choice(WORDS)] + [number(rng) for _ in range(n_cols - 1)]) + r" \\" for _ in range(n_rows)]
    rule = rng.choice(["booktabs", "hline"])
    top, mid, bottom = (r"\toprule", r"\midrule", r"\bottomrule") if rule == "booktabs" else (r"\hline",) * 3
    tabular = "\n".join([rf"\begin{{tabular}}{{|{'l|' * n_cols}}}" if rule == "hline" else
                         rf"\begin{{tabular}}{{{'l' * n_cols}}}", top, " & ".join(heads) + r" \\", mid, *rows,
                         bottom, r"\end{tabular}"])
    caption = rf"\caption{{Summary of the runs of set {number_} and the expressions we used.}}"
    return "\n".join([r"\begin{table}[!h]\centering\small", tabular, _notes(rng), caption, r"\end{table}"]), heads[0], n_rows


def _document(seed: int) -> tuple[str, list[tuple[str, str, int]]]:
    rng = random.Random(seed)
    floats, expected = [], []
    for k in range(1, rng.randint(2, 3) + 1):
        tex, head, rows = _table(rng, k)
        floats.append(tex)
        expected.append((f"Table {k}", head, rows))
    body = PROSE * 3 + "\n\n" + "\n".join(floats) + "\n\n" + PROSE * 12
    tex = "\n".join([r"\documentclass[twocolumn,10pt]{article}", r"\usepackage[margin=2cm]{geometry}",
                     r"\usepackage{caption,booktabs}", r"\captionsetup[table]{labelsep=colon}", r"\begin{document}",
                     body, r"\end{document}", ""])
    return tex, expected


@pytest.mark.parametrize("seed", range(12))
def test_each_caption_below_labels_its_own_table_over_its_notes(seed: int, tmp_path: Path) -> None:
    tex, expected = _document(seed)
    doc = pymupdf.open(stream=compile_document(tex, tmp_path))
    tables = []
    for page in doc:
        content = read_page(page)
        tables += find_tables(content, find_captions(content))
    by_label = {t.label: t for t in tables if t.label}
    for label, head, rows in expected:
        table = by_label.get(label)
        assert table is not None, (label, [(t.label, t.n_rows) for t in tables])
        first = next(c.text for c in table.cells if c.row == 0 and c.col == 0)
        assert first == head, (label, first, head)
        assert table.n_rows - table.n_header_rows == rows, (label, table.n_rows, rows)
