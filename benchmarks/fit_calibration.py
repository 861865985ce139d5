"""Fit the shipped calibrators on benchmarks/calibration.py's per-item rows, and say how they do held out.

    python benchmarks/fit_calibration.py ITEMS.parquet [MORE_ITEMS.parquet ...] [--out paperlake/calibration/models]
        [--version 1] [--threshold 0.9] [--markdown OUT.md]

Right means, for a table, the whole grid exact and (where the truth has header rows) the header rows right;
for a figure, matched with the right kind and caption (the items file's `exact`). Panels and items without a
verdict are left out.

Held-out figures, printed before the fit is written:
- leave one corpus out: each corpus predicted by a calibrator fitted on the others (a corpus whose rows are
  all right or all wrong cannot be fitted alone, but can be held out);
- by document: 5 folds of documents over all corpora, each predicted by a fit on the other four.
For each: per corpus the share auto-accepted (calibrated confidence >= --threshold and no never-auto-accept
rule of paperlake.pipeline.routing, nor a validation failure in the item's review_reason), right among the
auto-accepted, non-items auto-accepted (matched to no truth item), and the per-decile reliability (items:
right share / mean confidence; deciles with 10+ items more than 0.10 apart are marked `!`).
A calibrator is written with `auto_accept` false (routing then sends its whole kind to review, saying why)
unless, held out by document, the items it would auto-accept are right at least --threshold of the time and
include no non-item (paperlake.calibration.fit.accept_gate).
The calibrators written are fitted on every row (their figures on those rows follow, in-sample); their `info`
records the rows and the held-out summary.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import math
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from paperlake.calibration.fit import FOLDS, TooFewRows, accept_gate, fit, predict_rows, rows_from_items
from paperlake.calibration.model import SHIPPED_VERSION
from paperlake.pipeline.routing import never_auto_accepted

MODELS = REPO / "paperlake" / "calibration" / "models"
BOUND = 0.10
MIN_BIN = 10


def judged_rows(items: pd.DataFrame, kind: str) -> pd.DataFrame:
    """rows_from_items with `exact` made the issue's "exactly right": tables need their header rows right too."""
    rows = rows_from_items(items, kind)
    judged = items[(items["kind"] == kind) & items["exact"].notna()]
    if "panel" in judged:
        judged = judged[judged["panel"].fillna(0) == 0]
    judged = judged.reset_index(drop=True)
    if kind == "table" and "header_ok" in judged:
        rows["exact"] = rows["exact"] * judged["header_ok"].astype(float).fillna(1.0)
    rows["matched"] = judged["matched"].astype(float)
    return rows


def held(rows: pd.DataFrame, kind: str) -> list[bool]:
    """Whether each row is kept from auto-acceptance whatever its confidence (routing's rules, validation)."""
    out = []
    for record in rows.to_dict("records"):
        evidence = {k: v for k, v in record.items() if v is not None and not (isinstance(v, float) and math.isnan(v))}
        invalid = "invalid:" in str(record.get("review_reason") or "")
        out.append(invalid or bool(never_auto_accepted(kind, evidence)))
    return out


def leave_one_corpus_out(rows: pd.DataFrame, kind: str) -> pd.Series:
    predicted = pd.Series(float("nan"), index=rows.index)
    for corpus in sorted(rows["corpus"].unique()):
        train, test = rows[rows["corpus"] != corpus], rows[rows["corpus"] == corpus]
        try:
            model = fit(train.reset_index(drop=True), kind, "held-out")
        except TooFewRows as exc:
            print(f"  {kind}s without {corpus}: {exc}", file=sys.stderr)
            continue
        predicted[test.index] = predict_rows(model, test)
    return predicted


def by_document(rows: pd.DataFrame, kind: str) -> pd.Series:
    from sklearn.model_selection import GroupKFold

    predicted = pd.Series(float("nan"), index=rows.index)
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, groups=rows["group"]):
        model = fit(rows.iloc[train].reset_index(drop=True), kind, "held-out")
        predicted[rows.index[test]] = predict_rows(model, rows.iloc[test])
    return predicted


def bins(confidence: Sequence[float], right: Sequence[float]) -> list[tuple[int, float, float]]:
    """Per decile ([0.9, 1.0] closed): items, right share, mean confidence (0 items: nan)."""
    groups: list[list[tuple[float, float]]] = [[] for _ in range(10)]
    for c, r in zip(confidence, right):
        groups[min(int(c * 10 + 1e-9), 9)].append((c, r))
    return [(len(g), sum(r for _, r in g) / len(g) if g else float("nan"),
             sum(c for c, _ in g) / len(g) if g else float("nan")) for g in groups]


def summary(rows: pd.DataFrame, predicted: pd.Series, hold: list[bool], threshold: float) -> dict[str, Any]:
    """Per corpus and all: items, auto-accepted share, right among auto, non-items auto, reliability."""
    frame = rows.assign(p=predicted, hold=hold).dropna(subset=["p"])
    frame["auto"] = (frame["p"] >= threshold) & ~frame["hold"]
    out: dict[str, Any] = {}
    for name, part in [*frame.groupby("corpus"), ("all", frame)]:
        auto = part[part["auto"]]
        table = bins(part["p"].tolist(), part["exact"].tolist())
        out[str(name)] = {
            "items": len(part), "right": float(part["exact"].mean()), "auto": len(auto),
            "auto_share": len(auto) / len(part) if len(part) else None,
            "right_auto": float(auto["exact"].mean()) if len(auto) else None,
            "non_items_auto": int((auto["matched"] == 0).sum()),
            "ece": sum(n * abs(r - c) for n, r, c in table if n) / len(part) if len(part) else None,
            "bins": table,
            "off": [f"{k / 10:.1f}-{(k + 1) / 10:.1f}" for k, (n, r, c) in enumerate(table)
                    if n >= MIN_BIN and abs(r - c) > BOUND],
        }
    return out


def _f(value: float | None, pattern: str = "{:.2f}") -> str:
    return "-" if value is None or math.isnan(value) else pattern.format(value)


def markdown(title: str, result: dict[str, Any]) -> str:
    names = list(result)
    head = ("| corpus | items | right | auto-accepted | right among auto | non-items auto | ECE "
            "| deciles (10+ items) off by > 0.10 |")
    lines = [f"**{title}**", "", head, "|---|---|---|---|---|---|---|---|"]
    for name in names:
        s = result[name]
        lines.append(f"| {name} | {s['items']} | {_f(s['right'])} | {s['auto']} ({_f(s['auto_share'], '{:.0%}')}) | "
                     f"{_f(s['right_auto'])} | {s['non_items_auto']} | {_f(s['ece'], '{:.3f}')} | "
                     f"{', '.join(s['off']) or 'none'} |")
    lines += ["", "| confidence | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for k in range(10):
        cells = [result[n]["bins"][k] for n in names]
        if not any(n for n, _, _ in cells):
            continue
        shown = [f"{n}: {_f(r)} / {_f(c)}{' !' if n >= MIN_BIN and abs(r - c) > BOUND else ''}" if n else ""
                 for n, r, c in cells]
        lines.append(f"| {k / 10:.1f}-{(k + 1) / 10:.1f} | " + " | ".join(shown) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("items", type=Path, nargs="+",
                        help="calibration_items.parquet written by benchmarks/calibration.py (several: their rows "
                             "together, e.g. a second seed of the generated corpora)")
    parser.add_argument("--out", type=Path, default=MODELS, help=f"where the calibrators go (default {MODELS})")
    parser.add_argument("--version", default=SHIPPED_VERSION, help="the calibrators' version (in `method`)")
    parser.add_argument("--threshold", type=float, default=0.9, help="review_threshold the held-out routing uses")
    parser.add_argument("--markdown", type=Path, help="also write the held-out tables here")
    parser.add_argument("--no-write", action="store_true", help="print the held-out figures only")
    args = parser.parse_args(argv)
    items = pd.concat([pd.read_parquet(path) for path in args.items], ignore_index=True)
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in args.items)).hexdigest()[:16]
    report = []
    for kind in ("table", "figure"):
        rows = judged_rows(items, kind)
        if rows.empty:
            continue
        hold = held(rows, kind)
        documents = by_document(rows, kind)
        results = {"leave one corpus out": summary(rows, leave_one_corpus_out(rows, kind), hold, args.threshold),
                   "by document (5 folds)": summary(rows, documents, hold, args.threshold)}
        gate = accept_gate(rows["exact"].tolist(), documents.tolist(), hold, rows["matched"].tolist(), args.threshold)
        print(f"{kind}s held out by document: {gate['right']} of {gate['auto']} auto-accepted right, "
              f"{gate['non_items']} non-{kind}s: {'may' if gate['trusted'] else 'may NOT'} auto-accept\n")
        for title, result in results.items():
            text = markdown(f"{kind}s, {title}, threshold {args.threshold}", result)
            print(text + "\n")
            report.append(text)
        if args.no_write:
            continue
        info = {"fitted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "items_sha256": digest,
                "rows": {str(k): int(v) for k, v in rows["corpus"].value_counts().sort_index().items()},
                "right": round(float(rows["exact"].mean()), 4), "threshold": args.threshold, "auto_accept_gate": gate,
                "held_out": {title: {n: {k: s[k] for k in ("items", "auto_share", "right_auto", "non_items_auto",
                                                           "ece", "off")} for n, s in result.items()}
                             for title, result in results.items()}}
        model = dataclasses.replace(fit(rows, kind, f"{kind}s-{args.version}", info=info), auto_accept=gate["trusted"])
        gated = [h or not model.auto_accept for h in hold]
        text = markdown(f"{kind}s, the calibrator written, on the rows it was fitted on (in-sample), threshold "
                        f"{args.threshold}", summary(rows, pd.Series(predict_rows(model, rows)), gated, args.threshold))
        print(text + "\n")
        report.append(text)
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"{kind}s-{args.version}.json"
        path.write_text(model.dumps(), encoding="utf-8")
        print(f"wrote {path} ({len(rows)} rows)\n", file=sys.stderr)
    if args.markdown:
        args.markdown.write_text("\n\n".join(report) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
