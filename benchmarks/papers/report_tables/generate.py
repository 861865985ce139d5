"""Write N random US-government-report table documents with exact truth: NAME.pdf and NAME.truth.json.

    python benchmarks/papers/report_tables/generate.py --n 150 --seed 1 --out DIR [--no-check] [--styles labels]

Same truth format as ../shared/bench/dev; drawing (Canvas, fonts, text) and the structure and overlap
checks come from ../random_tables. Deterministic: document i of seed s is drawn from
random.Random(f"report-tables/{s}/{i}") alone. Every document is checked after it is written (rp_check.py).
--styles labels draws every caption's label from the forms real documents print (rp_labels.py: `Table 5.14:`,
`TABLE IV`, `Supplementary Table S2`, `表7-1：`, separators from `.` to a line break, captions above or below).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for p in (HERE, HERE.parent / "random_tables"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from rp_check import check_document  # noqa: E402
from rp_page import build_document  # noqa: E402


STYLES = frozenset({"labels"})


def generate_one(seed: int, index: int, out: Path, check: bool = True,
                 styles: frozenset[str] = frozenset()) -> tuple[Path, dict]:
    name = f"rp{seed}_{index:04d}"
    doc, truth = build_document(random.Random(f"report-tables/{seed}/{index}"), name, styles)
    truth.update(seed=seed, index=index)
    pdf = out / f"{name}.pdf"
    doc.set_metadata({"title": name, "producer": "paperlake report_tables", "creator": "", "author": "",
                      "creationDate": "", "modDate": ""})
    doc.subset_fonts()
    doc.save(pdf, garbage=3, deflate=True, no_new_id=True)
    doc.close()
    (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")
    if check:
        problems = check_document(pdf, truth)
        if problems:
            raise RuntimeError("self-check failed:\n  " + "\n  ".join(problems[:20]))
    return pdf, truth


def generate(n: int, seed: int, out: Path, check: bool = True, styles: frozenset[str] = frozenset()) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    return [generate_one(seed, i, out, check, styles)[0] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--no-check", action="store_true", help="skip the self-check of each document")
    ap.add_argument("--styles", default="", help=f"comma-separated styles forced on every table: {sorted(STYLES)}")
    a = ap.parse_args(argv)
    styles = frozenset(s for s in a.styles.split(",") if s)
    if styles - STYLES:
        ap.error(f"unknown styles: {sorted(styles - STYLES)}")
    pdfs = generate(a.n, a.seed, a.out, check=not a.no_check, styles=styles)
    truths = [json.loads(p.with_name(p.stem + ".truth.json").read_text()) for p in pdfs]
    n_tables = sum(len(t["tables"]) for t in truths)
    print(f"{len(pdfs)} documents, {sum(t['n_pages'] for t in truths)} pages, {n_tables} tables -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
