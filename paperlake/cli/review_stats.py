"""`paperlake review stats`: how often items of each confidence were exactly right, as a table and a diagram."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from paperlake.settings import load_settings

KIND_CHOICES = ("tables", "figures", "all")
NO_REVIEWS = ("push them to Label Studio (`paperlake review push`, or `paperlake review serve` first), "
              "review them there, then `paperlake review pull`")


def add_stats_parser(actions: argparse._SubParsersAction,
                     data_dir_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the `stats` action to `paperlake review`."""
    stats = actions.add_parser(
        "stats", help="reliability of confidence: per confidence bin, items reviewed and how many were exactly right",
        description="Per confidence bin (0.0-0.1 ... 0.9-1.0): items whose outcome is known, the share that was "
                    "exactly right (curators accepted them unchanged), their mean confidence and the gap "
                    "(exact share - mean confidence; below 0: over-confident); then the expected calibration "
                    "error, and the reliability diagram as a PNG. Truth: the curators' outcomes in the current "
                    "snapshot, or a benchmark's per-item rows (--corpus-items).")
    data_dir_option(stats)
    stats.add_argument("--kind", choices=KIND_CHOICES, default="all",
                       help="tables, figures, or all (default: each kind in its own table and panel)")
    stats.add_argument("--corpus-items", type=Path, default=None, metavar="PATH",
                       help="benchmarks/calibration.py's per-item rows (calibration_items.parquet or .csv): "
                            "benchmark truth instead of curators' outcomes")
    stats.add_argument("--out", type=Path, default=None, metavar="PATH",
                       help="where to write the diagram (default DATA_DIR/review/reliability_KIND.png; with "
                            "--corpus-items, beside that file)")
    stats.set_defaults(handler=_stats)


def _stats(args: argparse.Namespace) -> int:
    import pandas as pd

    from paperlake.review import reliability as rel

    try:
        items, source, label, default_out = _load(args)
    except _Refused as exc:
        print(f"paperlake: {exc}", file=sys.stderr)
        return 2
    kinds = ["tables", "figures"] if args.kind == "all" else [args.kind]
    chosen = pd.concat([rel.of_kind(items, kind) for kind in kinds], ignore_index=True)
    counts = rel.review_counts(chosen)
    if args.corpus_items is None and counts["reviewed"] == 0:
        what = "items" if args.kind == "all" else args.kind
        print(f"no reviewed {what} yet in {source} ({counts['pending']} pending, {counts['auto_accepted']} "
              f"auto-accepted): {NO_REVIEWS}")
        return 0
    if counts["with_truth"] == 0:
        print(f"no {args.kind if args.kind != 'all' else 'items'} with a known outcome in {source}")
        return 0
    print(f"reliability of confidence in {source}")
    print(_counts_line(counts, args.corpus_items is not None))
    panels = {}
    for kind in kinds:
        kind_items = rel.of_kind(items, kind)
        if not kind_items["exact"].notna().any():
            print(f"\n{kind}: none with a known outcome")
            continue
        table = rel.reliability_table(kind_items)
        panels[kind] = table
        ece = rel.expected_calibration_error(table)
        print(f"\n{kind}: {int(table['items'].sum())} with a known outcome, ECE {ece:.3f}")
        print(rel.format_reliability(table))
    from paperlake.review.reliability_report import write_diagram

    out = args.out or default_out(args.kind)
    try:
        written = write_diagram(panels, f"reliability of confidence: {label}", out)
    except OSError as exc:
        print(f"paperlake: cannot write the diagram to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"\ndiagram: {written}")
    return 0


class _Refused(Exception):
    """An input that cannot be read: the message says which and why."""


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """(items, where they come from, a short name of that, the default diagram path for a --kind)."""
    from paperlake.review import reliability_report as report

    if args.corpus_items is not None:
        path = args.corpus_items
        if not path.is_file():
            raise _Refused(f"--corpus-items {path}: no such file (benchmarks/calibration.py --items writes it)")
        try:
            items = report.read_corpus_items(path)
        except (ValueError, OSError) as exc:
            raise _Refused(f"--corpus-items {path}: {exc}") from exc
        return items, str(path), path.name, lambda kind: path.with_name(f"{path.stem}_reliability_{kind}.png")
    from paperlake.dataset.layout import current_snapshot
    from paperlake.store import DataStore

    data_dir = load_settings(args.data_dir).data_dir
    if not data_dir.is_dir():
        why = "not a folder" if data_dir.exists() else "no such folder"
        raise _Refused(f"{data_dir} is not a data dir ({why}): give --data-dir DIR of a `paperlake run`")
    try:
        snapshot = current_snapshot(data_dir)
    except (ValueError, OSError, KeyError) as exc:
        raise _Refused(f"{data_dir}: cannot read its current snapshot: {exc}") from exc
    if snapshot is None:
        raise _Refused(f"{data_dir} has no published snapshot: run `paperlake run PDF_DIR --data-dir {data_dir}` first")
    review_dir = DataStore(data_dir).review_dir
    try:
        items = report.snapshot_items(snapshot.path, review_dir)
    except (ValueError, OSError) as exc:
        raise _Refused(f"snapshot {snapshot.id} in {data_dir}: cannot read its tables and figures: {exc}") from exc
    return (items, f"{data_dir}, snapshot {snapshot.id}", f"snapshot {snapshot.id}",
            lambda kind: review_dir / f"reliability_{kind}.png")


def _counts_line(counts: dict[str, int], corpus: bool) -> str:
    if corpus:
        return (f"items {counts['items']}: {counts['with_truth']} judged by the benchmark, "
                f"{counts['items'] - counts['with_truth']} not judged; {counts['auto_accepted']} auto-accepted")
    return (f"reviewed {counts['reviewed']} ({counts['accepted_unchanged']} accepted unchanged, "
            f"{counts['corrected']} corrected, {counts['rejected']} rejected), "
            f"auto-accepted {counts['auto_accepted']}, pending {counts['pending']}")
