"""Pages typeset by pdfLaTeX for the table tests: a document body in, the compiled PDF out (in tmp_path).

LaTeX sets rules, rule padding, multirow cells and page breaks as the papers do, which PyMuPDF-drawn pages
only imitate. The preamble is the generated corpus's (benchmarks/papers/latex_tables): booktabs, longtable,
and \\mr{rows}{text}, a multirow cell lowered to the middle of its rows (this TeX Live has no multirow.sty).
Tests using it skip where pdflatex is missing.
"""
from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

HAVE_PDFLATEX = shutil.which("pdflatex") is not None
needs_pdflatex = pytest.mark.skipif(not HAVE_PDFLATEX, reason="pdflatex is not installed (texlive-latex-recommended)")

MULTIROW = r"\newcommand\mr[2]{\raisebox{-\dimexpr\normalbaselineskip*\numexpr#1-1\relax/2\relax}[0pt][0pt]{#2}}"
"""\\mr{rows}{text}: a multirow cell lowered to the middle of its rows, as multirow.sty sets it."""

PREAMBLE = r"""\documentclass[%(options)s]{article}
\usepackage[margin=1in]{geometry}
\usepackage{booktabs,array,longtable,graphicx}
\usepackage{caption}
\pdfinfoomitdate=1 \pdftrailerid{}
%(multirow)s
\captionsetup[table]{labelfont=bf,labelsep=period}
\begin{document}
"""

WORDS = ["Toluene", "Control", "Baseline", "Granite", "Hexane", "Placebo", "Knockout", "Urban", "Linear",
         "Juvenile", "Female", "Sandstone", "Transformer", "Week 6", "Day 14", "Site B", "Core 2", "Run 17",
         "Batch 3", "Model A", "Cohort II", "Station 4", "Wild type", "Pd/C", "Dry season", "Random forest"]
SECTIONS = ["In vivo", "Series A", "Series B", "Training", "Validation", "Region 2", "Phase II", "Soil",
            "Low dose", "High dose", "Summer", "Winter", "Support", "Catalyst"]
HEADS = ["F1", "Weight", "Size", "Pressure", "Rate", "Recall", "Loss", "Depth", "Area", "Mass", "Count"]
VALUES = ["open", "closed", "stable", "high", "low", "yes", "no", "positive", "negative", "moderate"]
PROSE = ("The measured signal converges to the theoretical value on the held-out data while the control "
         "group follows the expected trend for the smaller samples across both cohorts. ")


def number(rng: random.Random) -> str:
    """A table value as the papers print them: a decimal, an integer or a percentage."""
    kind = rng.randrange(3)
    if kind == 0:
        return f"{rng.uniform(0, 900):.{rng.randint(1, 3)}f}"
    if kind == 1:
        return str(rng.randint(1, 99999))
    return f"{rng.uniform(0, 99):.1f}\\%"


def compile_pages(body: str, out: Path, name: str = "page", options: str = "10pt", runs: int = 1) -> Path:
    """The PDF pdfLaTeX makes of `body` under the corpus preamble (`options`: the article class's); a
    longtable needs `runs` 3 for its columns to line up across its pages (widths go through the .aux)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.tex").write_text(PREAMBLE % {"options": options, "multirow": MULTIROW} + body + "\n\\end{document}\n")
    for _ in range(runs):
        subprocess.run(["pdflatex", "-interaction=batchmode", "-halt-on-error", f"{name}.tex"], cwd=out,
                       check=True, capture_output=True, timeout=120)
    return out / f"{name}.pdf"


def compile_document(tex: str, out: Path) -> bytes:
    """The PDF pdfLaTeX makes of a whole document `tex` (its own preamble), as bytes."""
    (out / "t.tex").write_text(tex)
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=out,
                   capture_output=True, check=True, timeout=60)
    return (out / "t.pdf").read_bytes()
