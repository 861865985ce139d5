"""Reliability of confidence: per confidence decile, how often an item was exactly right. Pure functions.

Truth is either curators' review outcomes (an item accepted unchanged was exactly right; one corrected or
rejected was not) or a benchmark's verdicts (benchmarks/calibration.py's per-item rows, column `exact`).
Both become one items frame (`ITEM_COLUMNS`); `reliability_table` bins it by confidence the way
benchmarks/calibration.py does ([0, 0.1), ..., [0.9, 1.0], 1.0 in the last bin) and
`expected_calibration_error` weighs each bin's gap by its items. Reading files and drawing the diagram are
paperlake.review.reliability_report's; printing is the CLI's.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from paperlake.review.corrections import Correction

BINS = 10
KINDS = {"tables": "table", "figures": "figure"}
"""`--kind` choice (dataset table) -> the kind an item row carries."""
ID_COLUMNS = {"table": "table_id", "figure": "figure_id"}
ITEM_COLUMNS = ["kind", "item_id", "confidence", "review_status", "outcome", "exact"]
"""One row per item: `outcome` (accepted_unchanged, corrected, rejected) is None where nobody reviewed it;
`exact` is 1.0 / 0.0 where the truth is known, NaN where it is not."""
REVIEWED = ("reviewed", "rejected")
"""review_status of an item whose curator's decision is applied in the snapshot."""
TABLE_COLUMNS = ["bin", "lower", "upper", "items", "exact_share", "mean_confidence", "gap"]


def review_items(tables: pd.DataFrame, figures: pd.DataFrame, corrections: Mapping[str, Correction]) -> pd.DataFrame:
    """Items of a snapshot with the outcome of their applied review (`exact`: accepted unchanged or not)."""
    parts = []
    for kind, frame in (("table", tables), ("figure", figures)):
        ids = frame[ID_COLUMNS[kind]].astype(str)
        status = frame["review_status"].astype(str)
        outcomes = [_applied_outcome(corrections.get(item_id), kind, s) for item_id, s in zip(ids, status)]
        parts.append(pd.DataFrame({
            "kind": kind, "item_id": ids.to_numpy(), "confidence": frame["confidence"].astype(float).to_numpy(),
            "review_status": status.to_numpy(), "outcome": pd.Series(outcomes, dtype=object).to_numpy(),
            "exact": [np.nan if o is None else float(o == "accepted_unchanged") for o in outcomes]}))
    return _items(pd.concat(parts, ignore_index=True))


def _applied_outcome(correction: Correction | None, kind: str, status: str) -> str | None:
    if correction is None or correction.kind != kind or status not in REVIEWED:
        return None  # not reviewed, or reviewed but extracted differently since (back in review)
    return correction.outcome


def corpus_items(rows: pd.DataFrame) -> pd.DataFrame:
    """benchmarks/calibration.py's per-item rows (confidence, exact, kind, ...) as an items frame."""
    missing = {"confidence", "exact", "kind"} - set(rows.columns)
    if missing:
        raise ValueError(f"not calibration item rows: no column {', '.join(sorted(missing))}")
    exact = pd.to_numeric(rows["exact"], errors="coerce").astype(float)
    return _items(pd.DataFrame({
        "kind": rows["kind"].astype(str).to_numpy(),
        "item_id": (rows["item_id"] if "item_id" in rows else pd.Series(range(len(rows)))).astype(str).to_numpy(),
        "confidence": pd.to_numeric(rows["confidence"], errors="coerce").astype(float).to_numpy(),
        "review_status": (rows["review_status"] if "review_status" in rows else pd.Series([None] * len(rows)))
        .to_numpy(),
        "outcome": None, "exact": exact.to_numpy()}))


def _items(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=ITEM_COLUMNS).astype(
        {"kind": object, "item_id": object, "confidence": "float64", "review_status": object, "outcome": object,
         "exact": "float64"})
    frame["outcome"] = frame["outcome"].where(frame["outcome"].notna(), None)
    return frame


def of_kind(items: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The items of one `--kind` choice (tables, figures); `all` keeps every item."""
    return items if kind == "all" else items[items["kind"] == KINDS[kind]]


def confidence_bin(confidence: pd.Series, bins: int = BINS) -> pd.Series:
    """The bin of each confidence in [0, 1]: [0, 0.1) is 0, ..., [0.9, 1.0] is 9 (as benchmarks/calibration.py)."""
    index = np.floor(confidence.astype(float).to_numpy() * bins + 1e-9)
    return pd.Series(np.clip(index, 0, bins - 1).astype(int), index=confidence.index)


def reliability_table(items: pd.DataFrame, bins: int = BINS) -> pd.DataFrame:
    """Per confidence bin (all of them, empty ones too): items with known truth, exact share, mean confidence, gap.

    gap = exact share - mean confidence: below 0 the confidence promised more than the items delivered.
    """
    known = items[items["exact"].notna() & items["confidence"].notna()]
    grouped = known.groupby(confidence_bin(known["confidence"], bins))
    counts, shares, means = grouped.size(), grouped["exact"].mean(), grouped["confidence"].mean()
    rows = []
    for k in range(bins):
        n = int(counts.get(k, 0))
        share = float(shares[k]) if n else math.nan
        mean = float(means[k]) if n else math.nan
        rows.append({"bin": f"{k / bins:.1f}-{(k + 1) / bins:.1f}", "lower": k / bins, "upper": (k + 1) / bins,
                     "items": n, "exact_share": share, "mean_confidence": mean, "gap": share - mean})
    return pd.DataFrame(rows, columns=TABLE_COLUMNS).astype({"items": "int64"})


def expected_calibration_error(table: pd.DataFrame) -> float | None:
    """|gap| per bin weighted by its items (None when no bin has items)."""
    filled = table[table["items"] > 0]
    total = int(filled["items"].sum())
    return float((filled["items"] * filled["gap"].abs()).sum() / total) if total else None


def review_counts(items: pd.DataFrame) -> dict[str, int]:
    """Items reviewed (and how: accepted unchanged, corrected, rejected), auto-accepted, pending, with truth."""
    outcome, status = items["outcome"], items["review_status"]
    counts = {"items": len(items), "reviewed": int(outcome.notna().sum())}
    counts |= {name: int((outcome == name).sum()) for name in ("accepted_unchanged", "corrected", "rejected")}
    counts |= {"auto_accepted": int((status == "auto_accepted").sum()),
               "pending": int((status == "needs_review").sum()), "with_truth": int(items["exact"].notna().sum())}
    return counts


def _cell(value: float, pattern: str = "{:.2f}") -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else pattern.format(value)


def format_reliability(table: pd.DataFrame) -> str:
    """The reliability table as aligned text, one line per bin ('-' where a bin has no items)."""
    lines = [f"{'confidence':<12}{'items':>7}{'exact share':>14}{'mean confidence':>18}{'gap':>8}"]
    for row in table.itertuples(index=False):
        lines.append(f"{row.bin:<12}{row.items:>7}{_cell(row.exact_share):>14}{_cell(row.mean_confidence):>18}"
                     f"{_cell(row.gap, '{:+.2f}'):>8}")
    return "\n".join(lines)


def reliability_markdown(table: pd.DataFrame) -> str:
    """The reliability table as Markdown (bins with items only), for the Dagster UI."""
    filled = table[table["items"] > 0]
    if filled.empty:
        return "_no items with a known outcome yet_"
    lines = ["| confidence | items | exact share | mean confidence | gap |", "|---|---|---|---|---|"]
    lines += [f"| {row.bin} | {row.items} | {row.exact_share:.2f} | {row.mean_confidence:.2f} | {row.gap:+.2f} |"
              for row in filled.itertuples(index=False)]
    return "\n".join(lines)
