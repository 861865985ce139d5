"""Write N random LaTeX table papers with exact truth: NAME.tex, NAME.pdf and NAME.truth.json.

    python benchmarks/papers/latex_tables/generate.py --n 120 --seed 1 --out DIR [--no-check] [--styles S,...]

Unlike random_tables (pages drawn with PyMuPDF), these are typeset by pdfLaTeX, so table rules are
checked against what LaTeX really prints (booktabs rule widths, \\multicolumn centring, longtable page
breaks, floats, two-column pages). The truth is in the format of ../shared/bench/dev, scored by
../shared/bench/score.py --truth DIR. Deterministic for a seed: document i of seed s is drawn from
random.Random(f"latex-tables/{s}/{i}") alone, so the first 10 of --n 120 are the documents of --n 10.
Every document is checked after it is written (lt_check.py); a problem stops the run. Needs pdflatex.
--styles forces styles on every table that are never drawn otherwise (random_tables' rt_content.STYLES:
a family of one table style); without it a seed gives the same bytes as before they existed.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _p in (HERE, HERE.parent, HERE.parent / "random_tables"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from lt_build import build
from lt_check import check_document
from lt_doc import draw_document
from rt_content import STYLES


def generate_one(seed: int, index: int, out: Path, check: bool = True,
                 styles: frozenset[str] = frozenset()) -> tuple[Path, dict]:
    """Draw, compile and check document `index` of `seed`; returns its PDF and truth."""
    name = f"lt{seed}_{index:04d}"
    plan = draw_document(random.Random(f"latex-tables/{seed}/{index}"), name, styles)
    pdf, truth = build(plan, out)
    truth.update(seed=seed, index=index)
    (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    if check:
        problems = check_document(pdf, truth)
        if problems:
            raise RuntimeError("self-check failed:\n  " + "\n  ".join(problems[:20]))
    return pdf, truth


def generate(n: int, seed: int, out: Path, check: bool = True, styles: frozenset[str] = frozenset()) -> list[Path]:
    """Documents 0..n-1 of `seed` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    return [generate_one(seed, i, out, check, styles)[0] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-check", action="store_true", help="skip the self-check of each document")
    ap.add_argument("--styles", default="", help=f"comma-separated styles forced on every table: {sorted(STYLES)}")
    a = ap.parse_args(argv)
    styles = frozenset(s for s in a.styles.split(",") if s)
    if styles - STYLES:
        ap.error(f"unknown styles {sorted(styles - STYLES)}; known: {sorted(STYLES)}")
    pdfs = generate(a.n, a.seed, a.out, check=not a.no_check, styles=styles)
    truths = [json.loads(p.with_name(p.stem + ".truth.json").read_text()) for p in pdfs]
    n_tables = sum(len(t["tables"]) for t in truths)
    print(f"{len(pdfs)} documents, {sum(t['n_pages'] for t in truths)} pages, {n_tables} tables -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
