"""Typeset the table test papers with LaTeX and write their exact ground truth.

    python benchmarks/papers/make_table_papers.py [--out benchmarks/papers/tables] [--only NAME]

Each paper is real-paper shaped (title, running text that mentions "Table 3", equations, an algorithm
or tabbing layout, references, page headers) and holds tables in the harder styles: rotated floats and
headers, landscape pages, two-column pages with one-column and spanning tables, longtables continued
across pages, grouped headers, multirow labels, siunitx/dcolumn decimals, ± and scientific notation,
captions above and below in several label styles, threeparttable notes, fully ruled and unruled grids.
Every table's LaTeX rows are rendered from the same grid its truth JSON holds (tables_tex.py), in the
format of ../shared/bench/dev/*.truth.json. After typesetting, every truth cell is checked against the
text of its pages. Needs pdflatex with texlive-latex-extra, texlive-science and texlive-publishers; the
PDFs and truth files are committed, so the tests need no LaTeX.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPRODUCIBLE = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "FORCE_SOURCE_DATE": "1"}  # same bytes every run
sys.path += [str(HERE), str(HERE.parent)]  # the content and the scorer sit beside this script
from score_tables import norm  # the scorer's own normalization
from table_papers_content import PAPERS


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's text lines, normalized (a cell is printed on one line, or word by word over several)."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return [[norm(line) for line in page.get_text().splitlines() if norm(line)] for page in doc]


def _printed(text: str, lines: list[str]) -> bool:
    """Printed on one line, word by word, or wrapped over lines with line-break hyphens ('coef- ficients')."""
    if any(norm(text) in line for line in lines) or \
            all(any(norm(word) in line for line in lines) for word in text.split()):
        return True
    joined = "".join(line[:-1] if line.endswith("-") and nxt[:1].islower() else line
                     for line, nxt in zip(lines, [*lines[1:], ""]))
    return norm(text) in joined


def check_cells(pdf: Path, tables: list[dict]) -> list[str]:
    """Truth cells whose text is not printed on the table's pages (a typo in the content, not the engine)."""
    pages = page_lines(pdf)
    problems = []
    for table in tables:
        lines = [line for p in table["pages"] for line in pages[p - 1]]
        for r, row in enumerate(table["grid"]):
            for c, cell in enumerate(row):
                if cell and not _printed(cell, lines):
                    problems.append(f"{pdf.name} {table['label']} [{r}][{c}] {cell!r} not on pages {table['pages']}")
        if table["footnote"] and not _printed(table["footnote"], lines):
            problems.append(f"{pdf.name} {table['label']} footnote not printed")
        if not _printed(table["label_text"] + " " + table["caption"], lines):
            problems.append(f"{pdf.name} {table['label']} caption not printed")
    return problems


def locate_pages(pdf: Path, tables: list[dict]) -> None:
    """Set each table's `pages`: the pages that print a third (or at least 3) of its distinctive body cells as lines."""
    pages = [set(lines) for lines in page_lines(pdf)]
    for table in tables:
        cells = {norm(c) for row in table["grid"][table["header_rows"]:] for c in row if c and len(norm(c)) >= 4}
        counts = [len(cells & lines) for lines in pages]
        table["pages"] = [n + 1 for n, k in enumerate(counts) if k >= min(3, len(cells) / 3)]


def truth_record(name: str, n_pages: int, two_column: bool, tables: list[dict]) -> dict:
    """One paper's truth in the dev set's format (figures: none)."""
    out = []
    for t in tables:
        grid = t["grid"]
        out.append({"label": t["label"], "label_text": t["label_text"], "caption": t["caption"],
                        "header_rows": t["header_rows"], "n_rows": len(grid), "n_cols": len(grid[0]), "grid": grid,
                        "spans": t["spans"], "footnote": t["footnote"], "style": sorted(t["style"]), "page": t["pages"][0],
                        "pages": t["pages"]})
    return {"doc": name, "n_pages": n_pages, "two_column": two_column, "tables": out, "figures": []}


def make_paper(name: str, paper: dict, out: Path, work: Path) -> list[str]:
    """Typeset one paper, copy its .tex/.pdf to `out`, write its truth; returns the cell-check problems."""
    import pymupdf

    source = paper["tex"]
    (work / f"{name}.tex").write_text(source)
    for _ in range(3):  # longtable and page references settle over several runs
        run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], cwd=work,
                             capture_output=True, text=True, env=REPRODUCIBLE, check=False)
        if run.returncode:
            raise SystemExit(f"{name}: pdflatex failed\n{run.stdout[-3000:]}")
    shutil.copy(work / f"{name}.tex", out / f"{name}.tex")
    shutil.copy(work / f"{name}.pdf", out / f"{name}.pdf")
    with pymupdf.open(out / f"{name}.pdf") as doc:
        n_pages = doc.page_count
    locate_pages(out / f"{name}.pdf", paper["tables"])
    truth = truth_record(name, n_pages, paper["two_column"], paper["tables"])
    (out / f"{name}.truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    return check_cells(out / f"{name}.pdf", paper["tables"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "tables")
    parser.add_argument("--only", help="typeset only this paper")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, paper in PAPERS.items():
            if args.only and name != args.only:
                continue
            problems += make_paper(name, paper, args.out, Path(tmp))
            print("wrote", args.out / f"{name}.pdf")
    if problems:
        raise SystemExit("truth cells not found in the PDFs:\n" + "\n".join(problems))


if __name__ == "__main__":
    main()
