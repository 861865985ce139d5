"""Two tables whose rows ran together into one, in pdfLaTeX papers drawn by seed:

- a caption under its table (a drawn grid, [h!]) right after a table captioned above ([t]), with a section
  and running text under the caption: the page's style said "below", so the caption labelled the running text
  and the first table grew over the second's rows (lt1_0104);
- a caption at the top of a two-column page's left column, its label set off by a quad, level with the right
  column's first line across the 8 to 11 pt gutter (under a word gap of the caption's type): the caption took
  that line in, spanned both columns, and its table took the other column's text (lt1_0053).
Skipped where pdflatex is missing, as the LaTeX corpus tests are."""
from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pymupdf
import pytest

from extractors.captions import find_captions
from extractors.pdf_reader import read_page
from extractors.tables import find_tables

pytestmark = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")

PROSE = ["The fitted curve matches the detection limit at all three sites.",
         "The second campaign exceeds the theoretical value under dry conditions.",
         "The network differs from a linear dependence on temperature across both cohorts.",
         "Each sample follows the detection limit after calibration.",
         "The proposed model depends on the expected trend in most runs.",
         "Our method is limited by the theoretical value when the dose is doubled."]
NAMES = ["Basalt", "Granite", "Juvenile", "North", "Hexane", "Control", "Sandstone", "Placebo", "Urban"]
HEADS = ["Parameter", "Volume", "Stress", "Area", "Loss", "Score", "Count"]


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(PROSE) for _ in range(sentences))


def _rows(rng: random.Random, n_rows: int, n_cols: int) -> list[list[str]]:
    return [[rng.choice(NAMES)] + [f"{rng.uniform(0, 900):.{rng.randint(1, 3)}f}" for _ in range(n_cols - 1)]
            for _ in range(n_rows)]


def _tabular(rows: list[list[str]], spec: str, rules: tuple[str, str, str]) -> str:
    top, mid, bottom = rules
    body = " \\\\\n".join(" & ".join(row) for row in rows[1:])
    return f"\\begin{{tabular}}{{{spec}}}{top}\n{' & '.join(rows[0])} \\\\ {mid}\n{body} \\\\ {bottom}\n\\end{{tabular}}"


def _compile(tex: str, folder: Path) -> bytes:
    (folder / "t.tex").write_text(tex)
    subprocess.run(["pdflatex", "-interaction=batchmode", "t.tex"], cwd=folder, capture_output=True, timeout=120,
                   check=True)
    return (folder / "t.pdf").read_bytes()


def _tables(pdf: bytes, page_number: int = 0) -> dict[str | None, list[list[str]]]:
    page = read_page(pymupdf.open(stream=pdf)[page_number])
    out = {}
    for table in find_tables(page, find_captions(page)):
        rows: dict[int, list[str]] = {}
        for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
            rows.setdefault(cell.row, []).append(cell.text)
        out[table.label] = [rows[r] for r in sorted(rows)]
    return out


def _stacked(seed: int, folder: Path) -> tuple[bytes, list[list[str]], list[list[str]]]:
    rng = random.Random(seed)
    cols = rng.randint(5, 7)
    first = [HEADS[:cols]] + _rows(rng, rng.randint(2, 4), cols)
    second = [["Dataset", "Compound", "Wavelength"]] + _rows(rng, rng.randint(3, 6), 3)
    tex = "\n".join([
        "\\documentclass[10pt]{article}", "\\usepackage[margin=1in]{geometry}", "\\usepackage{booktabs}",
        "\\pagestyle{empty}", "\\begin{document}",
        "\\begin{table}[t]\\centering\\small", "\\caption{Effect of concentration on the outcome by method.}",
        _tabular(first, "l" * cols, ("\\toprule", "\\midrule", "\\bottomrule")), "\\end{table}",
        "\\begin{table}[h!]\\centering\\small",
        _tabular(second, "|l|l|l|", ("\\hline", "\\hline", "\\hline")),
        "\\caption{Effect of accuracy on the outcome by strain.}", "\\end{table}",
        f"\\section{{{rng.choice(['Conclusions', 'Discussion', 'Outlook'])}}}",
        _prose(rng, 8), "", _prose(rng, 8), "\\end{document}"])
    return _compile(tex, folder), first, second


@pytest.mark.parametrize("seed", range(6))
def test_a_caption_under_its_table_labels_it_on_a_page_of_captions_above(seed: int, tmp_path: Path) -> None:
    pdf, first, second = _stacked(seed, tmp_path)
    tables = _tables(pdf)
    assert tables.get("Table 1") == first
    assert tables.get("Table 2") == second


def _two_columns(seed: int, folder: Path) -> tuple[bytes, list[list[str]]]:
    rng = random.Random(seed)
    rows = [["Material", "Group", "Rate", "Count"]] + _rows(rng, rng.randint(3, 6), 4)
    tex = "\n".join([
        "\\documentclass[10pt,twocolumn]{article}", "\\usepackage[margin=1in]{geometry}",
        "\\usepackage{booktabs}", "\\usepackage[labelsep=quad,skip=0pt]{caption}",
        f"\\setlength\\columnsep{{{rng.uniform(8.0, 11.0):.1f}pt}}", "\\pagestyle{empty}", "\\begin{document}",
        "\\begin{table}[t]\\centering",
        f"\\caption{{Parameters of the fitted model for each model. {_prose(rng, 2)}}}",
        "\\small", _tabular(rows, "llrr", ("\\toprule", "\\midrule", "\\bottomrule")), "\\end{table}",
        *[_prose(rng, 6) + "\n" for _ in range(14)], "\\end{document}"])
    return _compile(tex, folder), rows


@pytest.mark.parametrize("seed", range(6))
def test_a_caption_keeps_to_its_column_across_a_narrow_gutter(seed: int, tmp_path: Path) -> None:
    pdf, rows = _two_columns(seed, tmp_path)
    page = read_page(pymupdf.open(stream=pdf)[0])
    caption = next(c for c in find_captions(page) if c.label == "Table 1")
    assert caption.bbox[2] < page.width / 2
    assert _tables(pdf).get("Table 1") == rows
