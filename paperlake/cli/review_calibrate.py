"""`paperlake review calibrate`: refit the data dir's confidence calibrators from its curators' outcomes."""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from paperlake.settings import load_settings

KINDS = {"tables": "table", "figures": "figure"}


def add_calibrate_parser(actions: argparse._SubParsersAction,
                         data_dir_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the `calibrate` action to `paperlake review`."""
    calibrate = actions.add_parser(
        "calibrate", help="refit confidence from curators' outcomes (this data dir's own calibrator)",
        description="Refit what `confidence` means on this data dir from its curators' outcomes (accepted "
                    "unchanged: exactly right; corrected or rejected: not) in the current snapshot: the shipped "
                    "calibrator's probability is mapped by a logistic curve fitted on the reviewed items. Prints "
                    "the reliability of the reviewed items before and after (after: each item predicted by a fit "
                    "on the other documents' reviews), writes DATA_DIR/calibration/<kind>s.json, which routing "
                    "uses instead of the shipped calibrator from the next `paperlake run` on this data dir.")
    data_dir_option(calibrate)
    calibrate.add_argument("--kind", choices=("tables", "figures", "all"), default="all")
    calibrate.add_argument("--min-reviews", type=int, default=None, metavar="N",
                           help="fewest reviewed items of a kind to refit from (default 20)")
    calibrate.add_argument("--dry-run", action="store_true", help="print before/after, write nothing")
    calibrate.add_argument("--force", action="store_true",
                           help="write the refit even when it predicts the reviews worse than the calibrator in force")
    calibrate.add_argument("--reset", action="store_true",
                           help="remove this data dir's calibrators: the shipped ones apply again")
    calibrate.set_defaults(handler=_calibrate)


def _calibrate(args: argparse.Namespace) -> int:
    import pandas as pd

    from paperlake.calibration import model as cal
    from paperlake.dataset.layout import current_snapshot
    from paperlake.review.recalibrate import (
        MIN_REVIEWS,
        TooFewReviews,
        check_enough,
        out_of_fold,
        refit,
        reviewed_rows,
    )
    from paperlake.review.state import CorrectionStore
    from paperlake.store import DataStore

    settings = load_settings(args.data_dir)
    data_dir = settings.data_dir
    kinds = list(KINDS) if args.kind == "all" else [args.kind]
    if args.reset:
        for name in kinds:
            path = cal.data_dir_path(data_dir, KINDS[name])
            print(f"{name}: {'removed ' + str(path) if path.exists() else 'no calibrator of its own'}; "
                  f"the shipped one applies from the next `paperlake run`")
            path.unlink(missing_ok=True)
        return 0
    snapshot = current_snapshot(data_dir)
    if snapshot is None:
        print(f"paperlake: no published snapshot in {data_dir}: run `paperlake run PDF_DIR --data-dir {data_dir}` "
              "first", file=sys.stderr)
        return 2
    corrections = CorrectionStore(DataStore(data_dir).review_dir).load_all()
    minimum = args.min_reviews if args.min_reviews is not None else MIN_REVIEWS
    for name in kinds:
        kind = KINDS[name]
        base = cal.load(cal.shipped_path(kind))
        in_force = cal.calibrators_for(data_dir).get(kind, base)
        items = pd.read_parquet(snapshot.path / f"{name}.parquet")
        rows = reviewed_rows(items, kind, corrections)
        try:
            check_enough(rows, kind, minimum)
        except TooFewReviews as exc:
            print(f"{name}: too few reviews to refit: {exc}. {in_force.method} stays in force; review more "
                  f"(`paperlake review push`, then `paperlake review pull`) and run this again.")
            continue
        before = [in_force.predict_flat(flat) for flat in rows["flat"]]
        after = out_of_fold(base, rows)
        digest = hashlib.sha256(pd.util.hash_pandas_object(rows[["item_id", "exact"]]).values.tobytes())
        version = f"{base.version}-reviews-{digest.hexdigest()[:8]}"
        info = {"fitted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "base": base.method,
                "reviews": len(rows), "accepted_unchanged": int(rows["exact"].sum()), "snapshot": snapshot.id}
        fitted = refit(base, rows, version, info)
        a, b = fitted.platt or (1.0, 0.0)
        print(f"{name}: {len(rows)} reviewed ({int(rows['exact'].sum())} accepted unchanged); "
              f"refit of {base.method}: p' = sigmoid({a:.3f} * logit(p) {'-' if b < 0 else '+'} {abs(b):.3f})")
        eces = _print_reliability(rows["exact"].tolist(), before, after, in_force.method)
        if args.dry_run:
            continue
        if eces[1] > eces[0] and not args.force:
            print(f"not written: out of fold the refit predicts these reviews worse than {in_force.method} "
                  f"(ECE {eces[1]:.3f} against {eces[0]:.3f}); review more, or --force to write it anyway\n")
            continue
        path = cal.data_dir_path(data_dir, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fitted.dumps(), encoding="utf-8")
        print(f"wrote {path}: {fitted.method} routes this data dir from the next `paperlake run`\n")
    return 0


def _print_reliability(exact: list[float], before: list[float], after: list[float], was: str
                       ) -> tuple[float, float]:
    """Per decile of the reviewed items: items, exact share, mean confidence before (the calibrator in force)
    and after (the refit, out of fold); then each one's ECE, which it returns."""
    import pandas as pd

    from paperlake.review import reliability as rel

    tables = {}
    for label, confidence in (("before", before), ("after", after)):
        frame = pd.DataFrame({"kind": "item", "item_id": range(len(exact)), "confidence": confidence,
                              "review_status": "reviewed", "outcome": None, "exact": exact})
        tables[label] = rel.reliability_table(frame)
    print("  cells: reviewed items: share accepted unchanged / mean confidence")
    print(f"  {'confidence':<11}{'before (' + was + ')':>44}   {'after (refit, out of fold)':>30}")
    for k in range(len(tables["before"])):
        cells = []
        for label in ("before", "after"):
            row = tables[label].iloc[k]
            cells.append(f"{int(row['items'])}: {row['exact_share']:.2f} / {row['mean_confidence']:.2f}"
                         if row["items"] else "")
        if any(cells):
            print(f"  {tables['before'].iloc[k]['bin']:<11}{cells[0]:>44}   {cells[1]:>30}")
    eces = [rel.expected_calibration_error(tables[label]) for label in ("before", "after")]
    print(f"  {'ECE':<11}{eces[0]:>44.3f}   {eces[1]:>30.3f}")
    return float(eces[0] or 0.0), float(eces[1] or 0.0)
