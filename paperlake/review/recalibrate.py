"""A data dir's own calibrator, refitted from its curators' outcomes (`paperlake review calibrate`).

An item a curator accepted unchanged was exactly right; one corrected or rejected was not (the same truth as
`paperlake review stats`). Those outcomes refit the shipped calibrator's last step: a logistic map of its
probability, `p' = sigmoid(a * logit(p) + b)` (Platt scaling). Two numbers are what a few dozen reviews can
estimate; they move the whole scale to this data dir's papers (a corpus whose tables are harder than the
benchmarks' gets lower probabilities everywhere) while the shipped model keeps ranking items by their evidence.
Reviewed items are the ones routing sent to review, mostly below the threshold: the map is fitted where the
reviews are and carried above them by the logistic curve.

Fitting needs scikit-learn (imported here only); predicting does not.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from paperlake.calibration.model import ENGINE_CONFIDENCE, NAME, Calibrator, flatten, logit
from paperlake.review.corrections import Correction

MIN_REVIEWS = 20
"""Fewest reviewed items of a kind (with both outcomes among them) a refit is made from."""
REVIEWED = ("reviewed", "rejected")
ID_COLUMNS = {"table": "table_id", "figure": "figure_id"}


class TooFewReviews(ValueError):
    """Not enough curators' outcomes of one kind to refit its calibrator."""


def reviewed_rows(items: pd.DataFrame, kind: str, corrections: Mapping[str, Correction]) -> pd.DataFrame:
    """The reviewed items of one kind of a snapshot (tables or figures frame): `flat` evidence (the engine's
    confidence from `engine_confidence`, else `confidence` when no calibrator had set it), `exact`, `doc_id`.
    Items whose review no longer applies (extracted differently since) are left out."""
    rows = []
    for record in items.to_dict("records"):
        item_id = str(record[ID_COLUMNS[kind]])
        correction = corrections.get(item_id)
        if correction is None or correction.kind != kind or str(record.get("review_status")) not in REVIEWED:
            continue
        flat = flatten(record.get("evidence"))
        if ENGINE_CONFIDENCE not in flat and f"+{NAME}/" not in str(record.get("method") or ""):
            flat[ENGINE_CONFIDENCE] = float(record["confidence"])
        rows.append({"item_id": item_id, "doc_id": str(record.get("doc_id")), "flat": flat,
                     "outcome": correction.outcome, "exact": float(correction.outcome == "accepted_unchanged")})
    return pd.DataFrame(rows, columns=["item_id", "doc_id", "flat", "outcome", "exact"])


def check_enough(rows: pd.DataFrame, kind: str, minimum: int = MIN_REVIEWS) -> None:
    """TooFewReviews, saying how many there are and how many are needed, unless the rows can be fitted."""
    right = int(rows["exact"].sum()) if len(rows) else 0
    if len(rows) < minimum or right in (0, len(rows)):
        raise TooFewReviews(f"{len(rows)} reviewed {kind}s ({right} accepted unchanged, {len(rows) - right} "
                            f"corrected or rejected): a refit needs at least {minimum}, with both outcomes among them")


def platt(base: Calibrator, flats: Sequence[Mapping[str, Any]], exact: Sequence[float]) -> tuple[float, float]:
    """(a, b) of the map sigmoid(a * logit(p) + b) fitted on the base calibrator's p; a kept >= 0 (monotone)."""
    from sklearn.linear_model import LogisticRegression

    x = [[logit(base.predict_flat(flat))] for flat in flats]
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, list(exact))
    a, b = float(model.coef_[0][0]), float(model.intercept_[0])
    if a < 0:  # the reviews say nothing usable about the ranking: keep it, fit the level alone
        a = 0.0
        share = min(max(sum(exact) / len(exact), 1e-3), 1 - 1e-3)
        b = math.log(share / (1 - share))
    return a, b


def refit(base: Calibrator, rows: pd.DataFrame, version: str, info: Mapping[str, Any] | None = None) -> Calibrator:
    """The base calibrator with a Platt map fitted on the reviewed rows."""
    a, b = platt(base, list(rows["flat"]), list(rows["exact"]))
    return dataclasses.replace(base, version=version, platt=(round(a, 6), round(b, 6)), info=info)


def out_of_fold(base: Calibrator, rows: pd.DataFrame, folds: int = 5) -> list[float]:
    """Each reviewed row's refitted probability from a map fitted on the other documents' reviews (the
    before/after comparison, not flattered by fitting on the rows it is judged on). A fold whose other rows
    cannot be fitted keeps the base probability."""
    docs = sorted(set(rows["doc_id"]))
    fold_of = {doc: i % folds for i, doc in enumerate(docs)}
    out = []
    for record in rows.to_dict("records"):
        train = rows[[fold_of[d] != fold_of[record["doc_id"]] for d in rows["doc_id"]]]
        if len(train) < 2 or train["exact"].nunique() < 2:
            out.append(base.predict_flat(record["flat"]))
            continue
        a, b = platt(base, list(train["flat"]), list(train["exact"]))
        out.append(dataclasses.replace(base, platt=(a, b)).predict_flat(record["flat"]))
    return out
