"""Fitting a calibrator (scikit-learn, imported here only): logistic regression over the evidence, then an
isotonic map of its output fitted on out-of-fold predictions, so the map corrects what the regression gets
wrong without learning the training rows by heart.

Training rows are flattened evidence (`paperlake.calibration.model.flatten`, or the `ev_<key>` columns of
`benchmarks/calibration.py`'s items file with the prefix dropped) with a 0/1 verdict `exact` and a `group`
(the document: folds never split one).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from paperlake.calibration.model import ENGINE_CONFIDENCE, Calibrator, Feature

TABLE_FEATURES = (
    Feature(ENGINE_CONFIDENCE), Feature("caption"), Feature("fill_ratio", default=1.0),
    Feature("numeric_share"), Feature("row_consistency", default=1.0), Feature("rules"),
    Feature("spanning_cells", "log1p"), Feature("layout_table", "present"), Feature("layout_table"),
    Feature("layout_picture"), Feature("layout_prose"), Feature("layout_anchored", "flag"),
    Feature("layout_extended", "flag"), Feature("image_table", "flag"), Feature("ocr_score"),
    Feature("damaged_cells", "flag"), Feature("disagreement", "flag"), Feature("garbled_text", "flag"),
    Feature("n_rows", "log1p"), Feature("n_cols", "log1p"), Feature("header_rows", default=1.0),
    Feature("header_empty_share"), Feature("covered_share"), Feature("header_in_body", "flag"),
    Feature("numeric_column_text", "flag"), Feature("continuation_rows", "flag"), Feature("header_without_words", "flag"),
    Feature("columns_differ", "flag"),  # version 3: the text-only column reading disagrees (extractors/table_checks.py)
    # version 4: the page's words and rules against the grid (extractors/table_checks.py), a wrapped label's row
    Feature("words_lost", "flag"), Feature("cell_gaps", "flag"), Feature("rules_in_cells", "flag"),
    Feature("label_continuation", "flag"),
    # version 5: labels split over rows their neighbours span, body rows read into the header (consistency.py)
    Feature("split_label", "flag"), Feature("header_label_split", "flag"), Feature("header_numbers", "flag"),
    Feature("short_group_label", "flag"), Feature("row_below", "flag"),
)
FIGURE_FEATURES = (
    Feature(ENGINE_CONFIDENCE), Feature("caption"), Feature("kind_score"), Feature("graphic_found", default=1.0),
    Feature("axes"), Feature("raster_share"), Feature("raster_white"), Feature("text_share"),
    Feature("paths", "log1p"), Feature("numeric_labels", "log1p"), Feature("chart_series", "log1p"),
    Feature("series_confidence_min"), Feature("series_confidence_n", "present"), Feature("panels", "log1p"),
    Feature("panel", "flag"), Feature("disagreement", "flag"), Feature("garbled_text", "flag"),
    *(Feature("figure_kind", "equals", arg=kind) for kind in ("chart", "image", "diagram", "multi", "other")),
)
FEATURES = {"table": TABLE_FEATURES, "figure": FIGURE_FEATURES}
C = 0.5
"""Inverse L2 strength of the logistic regression (on standardized features)."""
FOLDS = 5
MIN_ROWS = 20
"""Fewer judged rows than this (or only one verdict among them) cannot be fitted."""


class TooFewRows(ValueError):
    """Not enough judged rows (or only right, or only wrong, ones) to fit a calibrator."""


def rows_from_items(items: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The judged rows of one kind of a calibration items frame, evidence as un-prefixed columns, with
    `exact`, `group` (corpus/doc) and `corpus`; the engine's confidence from ev_engine_confidence, else
    `confidence` (items written before routing kept it)."""
    rows = items[(items["kind"] == kind) & items["exact"].notna()]
    if "panel" in rows:
        rows = rows[rows["panel"].fillna(0) == 0]
    out = rows[[c for c in rows.columns if c.startswith("ev_")]].rename(columns=lambda c: c[3:]).copy()
    if ENGINE_CONFIDENCE not in out:
        out[ENGINE_CONFIDENCE] = rows["confidence"].astype(float)
    else:
        out[ENGINE_CONFIDENCE] = out[ENGINE_CONFIDENCE].astype(float).fillna(rows["confidence"].astype(float))
    out["exact"] = rows["exact"].astype(float)
    out["corpus"] = rows["corpus"].astype(str)
    out["group"] = rows["corpus"].astype(str) + "/" + rows["doc"].astype(str)
    for column in ("review_reason", "review_status"):
        if column in rows:
            out[column] = rows[column]
    return out.reset_index(drop=True)


def matrix(rows: pd.DataFrame, features: Sequence[Feature]) -> list[list[float]]:
    """Each row's feature vector (missing keys take their feature's default)."""
    records = rows.to_dict("records")
    return [[f.read(_clean(r)) for f in features] for r in records]


def _clean(record: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and not (isinstance(v, float) and math.isnan(v))}


def fit(rows: pd.DataFrame, kind: str, version: str, features: Sequence[Feature] | None = None,
        isotonic: bool = True, weights: Sequence[float] | None = None,
        info: Mapping[str, Any] | None = None) -> Calibrator:
    """A calibrator fitted on judged rows (columns: flattened evidence keys, `exact`, `group`)."""
    import numpy as np
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression

    features = tuple(features or FEATURES[kind])
    y = rows["exact"].to_numpy(dtype=float)
    if len(rows) < MIN_ROWS or y.min() == y.max():
        raise TooFewRows(f"{len(rows)} judged {kind}s ({int(y.sum()) if len(y) else 0} right): at least {MIN_ROWS}, "
                         "with both right and wrong ones, are needed")
    x = np.array(matrix(rows, features), dtype=float)
    w = None if weights is None else np.asarray(weights, dtype=float)
    keep = [i for i in range(len(features)) if x[:, i].std() > 0]  # a constant feature says nothing
    coef = np.zeros(len(features))
    means, scales = np.zeros(len(features)), np.ones(len(features))
    share = float(np.average(y, weights=w))
    intercept = math.log(share / (1 - share))  # what is left when no feature says anything
    while keep:
        mean, scale = x[:, keep].mean(axis=0), x[:, keep].std(axis=0)
        model = LogisticRegression(C=C, max_iter=5000).fit((x[:, keep] - mean) / scale, y, sample_weight=w)
        engine = [j for j, i in enumerate(keep) if features[i].key == ENGINE_CONFIDENCE]
        if not engine or model.coef_[0][engine[0]] >= 0:
            coef[keep], means[keep], scales[keep] = model.coef_[0], mean, scale
            intercept = float(model.intercept_[0])
            break
        keep = [i for i in keep if features[i].key != ENGINE_CONFIDENCE]  # keep predict monotone in it
    calibrator = Calibrator(kind, version, features, intercept, tuple(map(float, coef)),
                            tuple(map(float, means)), tuple(map(float, scales)), info=info)
    if not isotonic:
        return calibrator
    out_of_fold = _out_of_fold(rows, kind, version, features, weights)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(out_of_fold, y, sample_weight=w)
    xs, ys = _breakpoints(iso.X_thresholds_, iso.y_thresholds_)
    return Calibrator(kind, version, features, calibrator.intercept, calibrator.coef, calibrator.mean,
                      calibrator.scale, xs, ys, info)


def _out_of_fold(rows: pd.DataFrame, kind: str, version: str, features: Sequence[Feature],
                 weights: Sequence[float] | None) -> list[float]:
    """Each row's logistic prediction from a fit on the folds without its document."""
    from sklearn.model_selection import GroupKFold

    groups = rows["group"].to_numpy()
    n_folds = min(FOLDS, len(set(groups)))
    predicted = [math.nan] * len(rows)
    if n_folds < 2:
        return [_logistic_only(rows, kind, version, features, weights).predict_flat(r)
                for r in map(_clean, rows.to_dict("records"))]
    for train, test in GroupKFold(n_splits=n_folds).split(rows, groups=groups):
        part = rows.iloc[train]
        w = None if weights is None else [weights[i] for i in train]
        try:
            model = _logistic_only(part, kind, version, features, w)
        except TooFewRows:
            model = _logistic_only(rows, kind, version, features, weights)
        for i, record in zip(test, rows.iloc[test].to_dict("records")):
            predicted[i] = model.predict_flat(_clean(record))
    return predicted


def _logistic_only(rows: pd.DataFrame, kind: str, version: str, features: Sequence[Feature],
                   weights: Sequence[float] | None) -> Calibrator:
    return fit(rows, kind, version, features, isotonic=False, weights=weights)


def _breakpoints(xs: Sequence[float], ys: Sequence[float]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Isotonic breakpoints rounded and with runs of equal y reduced to their ends (same map, fewer numbers)."""
    points = [(round(float(x), 6), round(float(y), 6)) for x, y in zip(xs, ys)]
    kept = [p for i, p in enumerate(points)
            if i in (0, len(points) - 1) or not (points[i - 1][1] == p[1] == points[i + 1][1])]
    return tuple(p[0] for p in kept), tuple(p[1] for p in kept)


def predict_rows(calibrator: Calibrator, rows: pd.DataFrame) -> list[float]:
    """The calibrated probability of each row."""
    return [calibrator.predict_flat(_clean(r)) for r in rows.to_dict("records")]


def accept_gate(right: Sequence[float], predicted: Sequence[float], held: Sequence[bool], matched: Sequence[float],
                threshold: float) -> dict[str, Any]:
    """Whether a calibrator may auto-accept, from held-out predictions: the items it would auto-accept
    (predicted >= threshold, no rule holding them) must be right at least `threshold` of the time and hold no
    non-item (matched to nothing). A calibrator whose confident items are right less often than it claims, or
    that auto-accepts nothing held out (no evidence either way), keeps its kind in review.

    Returns {"threshold", "auto", "right", "non_items", "trusted"}."""
    chosen = [(r, m) for r, p, h, m in zip(right, predicted, held, matched)
              if not h and not math.isnan(float(p)) and float(p) >= threshold]
    n_right = int(sum(float(r) for r, _ in chosen))
    non_items = sum(1 for _, m in chosen if float(m) == 0)
    trusted = bool(chosen) and n_right >= threshold * len(chosen) and non_items == 0
    return {"threshold": threshold, "auto": len(chosen), "right": n_right, "non_items": non_items, "trusted": trusted}
