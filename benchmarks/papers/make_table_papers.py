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
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from table_papers_content import PAPERS  # noqa: E402


def _norm(text: str) -> str:
    """The scorer's normalization: NFKC, dashes and minus as '-', no whitespace, case-folded."""
    text = unicodedata.normalize("NFKC", text).replace("\u2206", "\u0394").replace("\u00b5", "\u03bc")
    for dash in "\u2212\u2013\u2014\u2010\u2011":
        text = text.replace(dash, "-")
    return "".join(text.split()).casefold()


def check_cells(pdf: Path, tables: list[dict]) -> list[str]:
    """Truth cells whose text is not printed on the table's pages (a typo in the content, not the engine)."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        texts = [_norm(page.get_text()) for page in doc]
    problems = []
    for table in tables:
        printed = "".join(texts[p - 1] for p in table["pages"])
        for r, row in enumerate(table["grid"]):
            for c, cell in enumerate(row):
                if cell and _norm(cell) not in printed:
                    problems.append(f"{pdf.name} {table['label']} [{r}][{c}] {cell!r} not on pages {table['pages']}")
        if table["footnote"] and _norm(table["footnote"]) not in printed:
            problems.append(f"{pdf.name} {table['label']} footnote not printed")
        head = _norm(table["label_text"] + table["caption"])[:30]
        if head[:len(head) - 8] not in printed.replace(":", "").replace(".", "") and \
                _norm(table["caption"])[:20] not in printed:
            problems.append(f"{pdf.name} {table['label']} caption not printed")
    return problems


def locate_pages(pdf: Path, tables: list[dict]) -> None:
    """Set each table's `pages`: the pages that print at least a third of its distinctive body cells."""
    import pymupdf

    with pymupdf.open(pdf) as doc:
        texts = [_norm(page.get_text()) for page in doc]
    for table in tables:
        cells = {_norm(c) for row in table["grid"][table["header_rows"]:] for c in row if c and len(_norm(c)) >= 4}
        counts = [sum(c in text for c in cells) for text in texts]
        table["pages"] = [n + 1 for n, k in enumerate(counts) if k >= len(cells) / 3]


def truth_record(name: str, n_pages: int, two_column: bool, tables: list[dict]) -> dict:
    """One paper's truth in the dev set's format (figures: none)."""
    out = []
    for t in tables:
        grid = t["grid"]
        out.append(dict(label=t["label"], label_text=t["label_text"], caption=t["caption"],
                        header_rows=t["header_rows"], n_rows=len(grid), n_cols=len(grid[0]), grid=grid,
                        spans=t["spans"], footnote=t["footnote"], style=sorted(t["style"]), page=t["pages"][0],
                        pages=t["pages"]))
    return {"doc": name, "n_pages": n_pages, "two_column": two_column, "tables": out, "figures": []}


def make_paper(name: str, paper: dict, out: Path, work: Path) -> list[str]:
    """Typeset one paper, copy its .tex/.pdf to `out`, write its truth; returns the cell-check problems."""
    import pymupdf

    source = paper["tex"]
    (work / f"{name}.tex").write_text(source)
    for _ in range(3):  # longtable and page references settle over several runs
        run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], cwd=work,
                             capture_output=True, text=True)
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
