"""Whether paperlake's confidence can be trusted: per corpus, what is auto-accepted and how often it is right.

    python benchmarks/calibration.py [--corpora dev,...] [--work DIR] [--rerun] [--items OUT.parquet] [--json OUT]

The corpora are those of benchmarks/score_corpora.py. A corpus's data dir WORK/<corpus> is reused when it
already holds a published snapshot (--rerun makes a fresh one); otherwise `paperlake run` makes it. Every
published table and figure (rejected ones left out) is then judged by the benchmark's own scorer
(../shared/bench/score.py --json, else its copy benchmarks/score.py): which truth item it matched, exact grid,
structure, header rows, caption, figure kind. Printed per corpus:
- tables: truth tables, tables found, share auto-accepted (review_status = 'auto_accepted'), exact share among
  the auto-accepted and among those sent to review, non-tables auto-accepted (matched to no truth table), and
  the expected calibration error (ECE: mean |exact share - mean confidence| over deciles, weighted by items);
- figures: the same, where right means matched with the right kind and caption (panels of a multi-panel
  figure are not judged: the truth has none);
- reliability tables: per confidence decile, items, observed right share and mean confidence.
Written: one row per item (default WORK/calibration_items.parquet, and .csv beside it) with corpus, doc, kind,
item_id, page, confidence, review_status, review_reason, ev_<key> for each key of its evidence JSON (per-series
keys such as series_confidence:<name> become _min, _mean and _n), exact, matched, structure, header_ok, caption_ok,
kind_ok, teds (empty where there is no verdict: header_ok and caption_ok on icdar2013-eu, whose truth has
neither), for fitting a calibrator.
DP-Bench's scorer gives TEDS per document, not per table: a table is judged only where its document has one
truth table and one predicted table (that document's TEDS is then the table's, exact = TEDS >= 0.95,
structure = TEDS-S) or no truth table (the table is a non-table); other tables get no verdict.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from score_corpora import CORPORA, REPO, SHARED, Corpus, run_corpus

sys.path.insert(0, str(REPO))
from paperlake.calibration.model import flatten  # the checkout's package, as in fit_calibration.py

Row = dict[str, Any]
TEDS_EXACT = 0.95


@dataclass(frozen=True)
class Bin:
    lo: float
    hi: float
    n: int
    right: float | None  # observed share of items that are right
    confidence: float | None  # mean confidence


@dataclass(frozen=True)
class Summary:
    truth: int | None  # truth items in the corpus (None: not known)
    found: int
    auto: int
    auto_share: float | None
    judged_auto: int
    right_auto: float | None
    right_review: float | None
    wrong_item_auto: int  # auto-accepted items matched to no truth item
    ece: float | None


# ------------------------------------------------------------------------------------------ pure logic
def share(flags: Iterable[float | None]) -> float | None:
    """Mean of the 0/1 verdicts that are known; None when there is none."""
    known = [float(f) for f in flags if f is not None and not math.isnan(f)]
    return sum(known) / len(known) if known else None


def decile(confidence: float, bins: int = 10) -> int:
    """The bin of a confidence in [0, 1]: [0, 0.1) is 0, ..., [0.9, 1.0] is 9."""
    return min(max(math.floor(confidence * bins + 1e-9), 0), bins - 1)


def reliability(pairs: Sequence[tuple[float, float]], bins: int = 10) -> list[Bin]:
    """Per confidence bin of (confidence, right 0/1) pairs: items, right share, mean confidence."""
    groups: list[list[tuple[float, float]]] = [[] for _ in range(bins)]
    for conf, right in pairs:
        groups[decile(conf, bins)].append((conf, right))
    return [Bin(k / bins, (k + 1) / bins, len(g), share(r for _, r in g) if g else None,
                sum(c for c, _ in g) / len(g) if g else None) for k, g in enumerate(groups)]


def calibration_error(table: Sequence[Bin]) -> float | None:
    """Expected calibration error: |right share - mean confidence| per bin, weighted by its items."""
    n = sum(b.n for b in table)
    if not n:
        return None
    return sum(b.n * abs((b.right or 0.0) - (b.confidence or 0.0)) for b in table if b.n) / n


def summarize(items: Sequence[Row], truth: int | None) -> Summary:
    """The corpus-level figures of one kind of item (rows with review_status, matched, exact, confidence)."""
    judged = [r for r in items if r.get("exact") is not None]
    auto = [r for r in items if r["review_status"] == "auto_accepted"]
    auto_judged = [r for r in auto if r.get("exact") is not None]
    review = [r for r in judged if r["review_status"] != "auto_accepted"]
    return Summary(truth, len(items), len(auto), len(auto) / len(items) if items else None, len(auto_judged),
                   share(r["exact"] for r in auto_judged), share(r["exact"] for r in review),
                   sum(1 for r in auto_judged if r.get("matched") == 0),
                   calibration_error(reliability([(r["confidence"], r["exact"]) for r in judged])))


def flatten_evidence(text: str | None) -> dict[str, float | str]:
    """An item's evidence JSON as ev_<key> columns (the calibrator's own flattening, prefixed):
    keys 'name:part' become ev_name_min/_mean/_n."""
    return {f"ev_{key}": value for key, value in flatten(text).items()}


def judge_tables(tables: Sequence[Row], details: Sequence[Row]) -> list[Row]:
    """Predicted tables joined to score.py's per-truth-table details (every part of a merged chain)."""
    by_part = {part: d for d in details if d.get("matched") for part in d.get("parts") or [d["pred_id"]]}
    out = []
    for t in tables:
        d = by_part.get(t["item_id"])
        verdict = {"matched": 1, "exact": float(d["exact"]), "structure": float(d["structure"]),
                   "header_ok": float(d["header"]), "caption_ok": float(d["caption"])} if d else \
            {"matched": 0, "exact": 0.0, "structure": 0.0, "header_ok": None, "caption_ok": None}
        out.append(t | verdict)
    return out


def judge_figures(figures: Sequence[Row], details: Sequence[Row]) -> list[Row]:
    """Predicted figures joined to score.py's details: right = matched with the right kind and caption."""
    by_id = {d["pred_id"]: d for d in details if d.get("matched")}
    out = []
    for f in figures:
        d = by_id.get(f["item_id"])
        if f.get("panel"):
            verdict: Row = {"matched": None, "exact": None}
        elif d:
            verdict = {"matched": 1, "exact": float(d["kind"] and d["caption"]), "kind_ok": float(d["kind"]),
                       "caption_ok": float(d["caption"])}
        else:
            verdict = {"matched": 0, "exact": 0.0, "kind_ok": None, "caption_ok": None}
        out.append(f | verdict)
    return out


def judge_dpbench(tables: Sequence[Row], docs: Sequence[Row], truth_tables: dict[str, int]) -> list[Row]:
    """DP-Bench tables judged from per-document TEDS where the document pins the table down (see above)."""
    teds = {d["doc"]: d for d in docs}
    per_doc: dict[str, int] = {}
    for t in tables:
        per_doc[t["doc"]] = per_doc.get(t["doc"], 0) + 1
    out = []
    for t in tables:
        n_truth, score = truth_tables.get(t["doc"]), teds.get(t["doc"], {}).get("teds")
        if n_truth == 0:
            verdict: Row = {"matched": 0, "exact": 0.0, "structure": 0.0}
        elif n_truth == 1 and per_doc[t["doc"]] == 1 and score is not None:
            verdict = {"matched": 1, "exact": float(score >= TEDS_EXACT), "structure": teds[t["doc"]]["teds_s"],
                       "teds": score}
        else:
            verdict = {"matched": None, "exact": None}
        out.append(t | verdict)
    return out


# ------------------------------------------------------------------------------------------ output
def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def summary_table(rows: dict[str, Summary], noun: str, right: str) -> str:
    """Markdown: one line per corpus."""
    head = (f"| corpus | truth {noun}s | {noun}s found | auto-accepted | {right} among auto (judged) | "
            f"{right} in review | non-{noun}s auto-accepted | ECE |")
    lines = [head, "|---|" + "---|" * 7]
    for name, s in rows.items():
        auto = f"{s.auto} ({_fmt(s.auto_share, '{:.0%}')})"
        lines.append(f"| {name} | {_fmt(s.truth, '{:d}')} | {s.found} | {auto} | {_fmt(s.right_auto)} "
                     f"({s.judged_auto}) | {_fmt(s.right_review)} | {s.wrong_item_auto} | {_fmt(s.ece, '{:.3f}')} |")
    return "\n".join(lines)


def reliability_table(tables: dict[str, list[Bin]]) -> str:
    """Markdown: one line per decile holding items, one column per corpus, 'items: right share / mean conf'."""
    names = list(tables)
    lines = ["| confidence | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for k, b in enumerate(next(iter(tables.values()), [])):
        if not any(t[k].n for t in tables.values()):
            continue
        cells = [f"{t[k].n}: {_fmt(t[k].right)} / {_fmt(t[k].confidence)}" if t[k].n else "" for t in tables.values()]
        lines.append(f"| {b.lo:.1f}-{b.hi:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ side effects
def snapshot_of(data_dir: Path) -> Path | None:
    current = data_dir / "published" / "CURRENT"
    return data_dir / "published" / current.read_text().strip() if current.exists() else None


def published_items(snapshot: Path, corpus: str) -> tuple[list[Row], list[Row]]:
    """(tables, figures) of a snapshot as item rows with their flattened evidence; rejected ones left out."""
    import pandas as pd

    stems = {d.doc_id: Path(str(d.file_name)).stem for d in pd.read_parquet(snapshot / "documents.parquet").itertuples()}
    out: list[list[Row]] = []
    for name, id_col in (("tables", "table_id"), ("figures", "figure_id")):
        path = snapshot / f"{name}.parquet"
        frame = pd.read_parquet(path) if path.exists() else pd.DataFrame(columns=[id_col, "doc_id"])
        rows = []
        for r in frame.to_dict("records"):
            if r.get("review_status") == "rejected":
                continue
            row: Row = {"corpus": corpus, "doc": stems.get(r["doc_id"]), "kind": name[:-1], "item_id": r[id_col],
                        "page": r.get("page"), "confidence": float(r["confidence"]),
                        "review_status": r["review_status"], "review_reason": r.get("review_reason")}
            if name == "figures":
                row["panel"] = int(isinstance(r.get("parent_figure_id"), str))
            rows.append(row | flatten_evidence(r.get("evidence")))
        out.append(rows)
    return out[0], out[1]


def truth_details(corpus: Corpus, snapshot: Path) -> dict[str, Any]:
    scorer = SHARED / "score.py"
    scorer = scorer if scorer.exists() else REPO / "benchmarks" / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "score.json"
        subprocess.run([sys.executable, str(scorer), "--truth", str(corpus.truth), "--pred", str(snapshot),
                        "--json", str(out)], check=True, capture_output=True)
        return json.loads(out.read_text())


_COUNT_TRUTH = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1] + "/third_party")
from converter_markdown_table import convert_to_markdown_with_html_tables
from evaluator_table import extract_tables
print(json.dumps({p.stem: len(extract_tables(convert_to_markdown_with_html_tables(p.read_text())))
                  for p in sorted(Path(sys.argv[1], "truth").glob("*.md"))}))
"""
"""Counts each DP-Bench truth document's tables with the benchmark's own table reader."""


def dpbench_scores(data_dir: Path, python: str) -> tuple[list[Row], dict[str, int]]:
    bench = SHARED / "dpbench"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dp.json"
        subprocess.run([python, str(bench / "score_dpbench.py"), str(data_dir), "--json", str(out)], check=True,
                       capture_output=True)
        docs = json.loads(out.read_text())["docs"]
    counts = subprocess.run([python, "-c", _COUNT_TRUTH, str(bench)], check=True, capture_output=True, text=True)
    return docs, json.loads(counts.stdout)


def ensure_snapshot(corpus: Corpus, data_dir: Path, rerun: bool) -> Path:
    """The corpus's published snapshot in data_dir, running paperlake when there is none (or on --rerun)."""
    snapshot = snapshot_of(data_dir)
    if snapshot is not None and not rerun:
        print(f"{corpus.name}: reusing snapshot {snapshot.name} in {data_dir}", file=sys.stderr, flush=True)
        return snapshot
    shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{corpus.name}: running paperlake on {corpus.pdfs} ...", file=sys.stderr, flush=True)
    run_corpus(corpus, data_dir)
    found = snapshot_of(data_dir)
    if found is None:
        raise RuntimeError(f"{corpus.name}: no snapshot published in {data_dir}")
    return found


def measure(corpus: Corpus, data_dir: Path, rerun: bool, dp_python: str) -> tuple[list[Row], list[Row], Row]:
    """(judged tables, judged figures, truth counts) of one corpus."""
    snapshot = ensure_snapshot(corpus, data_dir, rerun)
    tables, figures = published_items(snapshot, corpus.name)
    if corpus.truth is None:
        docs, counts = dpbench_scores(data_dir, dp_python)
        return judge_dpbench(tables, docs, counts), [], {"tables": sum(counts.values()), "figures": None}
    result = truth_details(corpus, snapshot)
    details = result["details"]
    known = set(result.get("extra_docs_in_prediction") or [])
    tables = [t for t in tables if t["doc"] not in known]
    figures = [f for f in figures if f["doc"] not in known]
    counts = {"tables": result["tables"]["overall"]["n"], "figures": result["figures"]["overall"]["n"]}
    tables = judge_tables(tables, details["tables"])
    unknown = {"header_ok", "caption_ok"} - known_fields(corpus.truth)  # icdar2013-eu: neither
    tables = [t | dict.fromkeys(unknown) for t in tables]
    figures = judge_figures(figures, details["figures"]) if counts["figures"] else \
        [f | {"matched": None, "exact": None} for f in figures]  # a truth with no figures says nothing of them
    return tables, figures, counts


def known_fields(truth: Path) -> set[str]:
    """Which table verdicts the truth folder supports: header rows (not -1) and captions (not null)."""
    tables = [t for p in truth.glob("*.truth.json") for t in json.loads(p.read_text()).get("tables", [])]
    return ({"header_ok"} if any((t.get("header_rows") or 0) >= 0 for t in tables) else set()) | \
        ({"caption_ok"} if any(t.get("caption") for t in tables) else set())


def write_items(items: list[Row], path: Path) -> None:
    import pandas as pd

    base = ["corpus", "doc", "kind", "item_id", "page", "confidence", "review_status", "review_reason", "panel",
            "matched", "exact", "structure", "header_ok", "caption_ok", "kind_ok", "teds"]
    evidence = sorted({k for r in items for k in r if k.startswith("ev_")})
    frame = pd.DataFrame(items).reindex(columns=base + evidence)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(path.with_suffix(".parquet"), index=False)
    frame.to_csv(path.with_suffix(".csv"), index=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", default=",".join(c.name for c in CORPORA),
                        help="comma-separated (default: all)")
    parser.add_argument("--work", type=Path, help="data dirs WORK/<corpus>, reused (default: a temporary folder)")
    parser.add_argument("--rerun", action="store_true", help="run paperlake again even where a snapshot exists")
    parser.add_argument("--items", type=Path, help="per-item rows (default WORK/calibration_items.parquet; +.csv)")
    parser.add_argument("--json", type=Path, help="write the summaries and reliability tables here")
    parser.add_argument("--dpbench-python", default=os.environ.get("PAPERLAKE_SCORE_PYTHON", sys.executable))
    parser.add_argument("--generated-n", type=int, default=200, help="documents of random-tables (200)")
    parser.add_argument("--latex-n", type=int, default=120, help="documents of the latex-tables corpus (120)")
    parser.add_argument("--generated-seed", type=int, default=1, help="its seed (1)")
    args = parser.parse_args(argv)
    by_name = {c.name: c for c in CORPORA}
    wanted = args.corpora.split(",")
    if unknown := set(wanted) - set(by_name):
        parser.error(f"unknown corpora: {', '.join(sorted(unknown))}")
    work = args.work or Path(tempfile.mkdtemp(prefix="paperlake-calibration-"))
    judged: dict[str, dict[str, list[Row]]] = {"table": {}, "figure": {}}
    truth: dict[str, dict[str, int | None]] = {"table": {}, "figure": {}}
    items: list[Row] = []  # every item, panels included
    for name in wanted:
        corpus = by_name[name]
        if corpus.make is not None:  # generated: its PDFs and truth live in the work folder, made once
            folder = work / corpus.pdfs
            if args.rerun or not any(folder.glob("*.truth.json")):
                n = args.latex_n if name == "latex-tables" else args.generated_n
                print(f"{name}: generating {n} documents into {folder} ...", file=sys.stderr)
                corpus.make(folder, n, args.generated_seed)
            corpus = replace(corpus, pdfs=folder, truth=folder)
        if not corpus.pdfs.is_dir():
            print(f"{name}: {corpus.pdfs} not found, left out", file=sys.stderr)
            continue
        tables, figures, counts = measure(corpus, work / name, args.rerun, args.dpbench_python)
        judged["table"][name], judged["figure"][name] = tables, [f for f in figures if not f.get("panel")]
        items += tables + figures
        truth["table"][name], truth["figure"][name] = counts["tables"], counts["figures"]
    write_items(items, args.items or work / "calibration_items.parquet")
    report: dict[str, Any] = {}
    for kind, right in (("table", "exact"), ("figure", "right kind+caption")):
        corpora = {n: rows for n, rows in judged[kind].items() if truth[kind].get(n)}
        if not corpora:
            continue
        everything = [r for rows in corpora.values() for r in rows]
        sums = {n: summarize(rows, truth[kind][n]) for n, rows in corpora.items()}
        sums["all"] = summarize(everything, None)
        bins = {n: reliability([(r["confidence"], r["exact"]) for r in rows if r.get("exact") is not None])
                for n, rows in (corpora | {"all": everything}).items()}
        print(f"\n## {kind.capitalize()}s: {right}" + (" (dpbench: TEDS >= 0.95 counts as exact)"
                                                       if kind == "table" and "dpbench" in corpora else ""))
        print(summary_table(sums, kind, right))
        print(f"\nReliability of {kind} confidence (cells: items: {right} share / mean confidence)")
        print(reliability_table(bins))
        report[kind] = {"summary": {n: asdict(s) for n, s in sums.items()},
                        "reliability": {n: [asdict(b) for b in t] for n, t in bins.items()}}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
