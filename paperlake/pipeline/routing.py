"""Confidence routing: which items a curator must look at, and why. Pure functions over frames."""
from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd

ID_COLUMN = {"tables": "table_id", "figures": "figure_id"}


def route_items(frames: Mapping[str, pd.DataFrame], failures: Mapping[str, list[str]],
                threshold: float) -> dict[str, pd.DataFrame]:
    """Copy of the frames with review_status and review_reason set on every table and figure.

    An item needs review when its confidence is below the threshold, it failed validation, a model read
    it differently from the vector path (its evidence's `disagreement`, naming both readings), or some of its
    cells hold characters the text layer could not decode (`damaged_cells`); otherwise it is auto_accepted.
    No item is ever dropped.
    """
    routed = dict(frames)
    for table, id_column in ID_COLUMN.items():
        frame = frames[table].copy()
        evidence = frame["evidence"] if "evidence" in frame else pd.Series([None] * len(frame), index=frame.index)
        reasons = [_reasons(row.confidence, failures.get(item_id, []), threshold, _disagreement(item_evidence),
                            _damaged_cells(item_evidence))
                   for item_id, row, item_evidence in zip(frame[id_column], frame.itertuples(), evidence)]
        frame["review_reason"] = pd.Series([r or None for r in reasons], index=frame.index, dtype=frame["review_reason"].dtype)
        frame["review_status"] = pd.Series(["needs_review" if r else "auto_accepted" for r in reasons],
                                           index=frame.index, dtype=frame["review_status"].dtype)
        routed[table] = frame
    return routed


def _disagreement(evidence: object) -> str | None:
    """The `disagreement` line of an item's evidence JSON (vector vs model readings), if any."""
    if not isinstance(evidence, str) or "disagreement" not in evidence:
        return None
    try:
        value = json.loads(evidence).get("disagreement")
    except (ValueError, AttributeError):
        return None
    return str(value) if value else None


def _damaged_cells(evidence: object) -> int:
    """The `damaged_cells` count of an item's evidence JSON (cells with undecodable characters), 0 if none."""
    if not isinstance(evidence, str) or "damaged_cells" not in evidence:
        return 0
    try:
        return int(json.loads(evidence).get("damaged_cells") or 0)
    except (ValueError, AttributeError, TypeError):
        return 0


def _reasons(confidence: float, item_failures: list[str], threshold: float, disagreement: str | None = None,
             damaged_cells: int = 0) -> str:
    reasons = []
    if confidence < threshold:
        reasons.append(f"confidence {confidence:.2f} below threshold {threshold:.2f}")
    if disagreement:
        reasons.append(f"vector and model readings differ: {disagreement}")
    if damaged_cells:
        reasons.append(f"{damaged_cells} cell{'s' if damaged_cells > 1 else ''} with characters the PDF's text "
                       "layer could not decode (U+FFFD or private-use glyphs): compare them with the page")
    reasons.extend(f"invalid: {failure}" for failure in item_failures)
    return "; ".join(reasons)
