"""Confidence routing: which items a curator must look at, and why. Pure functions over frames."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

ID_COLUMN = {"tables": "table_id", "figures": "figure_id"}


def route_items(frames: Mapping[str, pd.DataFrame], failures: Mapping[str, list[str]],
                threshold: float) -> dict[str, pd.DataFrame]:
    """Copy of the frames with review_status and review_reason set on every table and figure.

    An item needs review when its confidence is below the threshold or it failed validation;
    otherwise it is auto_accepted. No item is ever dropped.
    """
    routed = dict(frames)
    for table, id_column in ID_COLUMN.items():
        frame = frames[table].copy()
        reasons = [_reasons(row.confidence, failures.get(item_id, []), threshold)
                   for item_id, row in zip(frame[id_column], frame.itertuples())]
        frame["review_reason"] = pd.Series([r or None for r in reasons], index=frame.index, dtype=frame["review_reason"].dtype)
        frame["review_status"] = pd.Series(["needs_review" if r else "auto_accepted" for r in reasons],
                                           index=frame.index, dtype=frame["review_status"].dtype)
        routed[table] = frame
    return routed


def _reasons(confidence: float, item_failures: list[str], threshold: float) -> str:
    reasons = []
    if confidence < threshold:
        reasons.append(f"confidence {confidence:.2f} below threshold {threshold:.2f}")
    reasons.extend(f"invalid: {failure}" for failure in item_failures)
    return "; ".join(reasons)
