"""Confidence routing: which items a curator must look at, and why. Pure functions over frames."""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from paperlake.calibration.evidence import Added, added_evidence
from paperlake.calibration.geometry import GEOMETRY_HOLDS, geometry_reason, geometry_reasons
from paperlake.calibration.model import ENGINE_CONFIDENCE, NAME, Calibrator

ID_COLUMN = {"tables": "table_id", "figures": "figure_id"}
KIND = {"tables": "table", "figures": "figure"}
STRONG_CHECKS = ("header_in_body", "numeric_column_text", "continuation_rows", "label_continuation",
                 "list_or_equations", "split_label", "header_label_split", "header_numbers", "short_group_label")
"""Consistency checks whose failure alone keeps a table from being auto-accepted: on the benchmark corpora
few of the tables failing them are exactly right (docs/confidence.md): the first five 4% or fewer
(`label_continuation`: none of 4); those added in the fifteenth session `split_label` none of 4,
`header_numbers` none of 5, `header_label_split` 3 of 27, `short_group_label` 2 of 35."""


def route_items(frames: Mapping[str, pd.DataFrame], failures: Mapping[str, list[str]], threshold: float,
                calibrators: Mapping[str, Calibrator] | None = None) -> dict[str, pd.DataFrame]:
    """Copy of the frames with review_status and review_reason set on every table and figure.

    Each item's evidence first gains the routing evidence (`paperlake.calibration.evidence`: its shape, figure
    kind, consistency checks). With `calibrators` (kind -> Calibrator) it also gains `engine_confidence`, the
    extractor's own confidence; `confidence` becomes the calibrated probability of the item being exactly
    right, and `method` gains `+calibrated/<version>`. Without, confidence stays the extractor's.

    An item is auto_accepted when its confidence reaches the threshold and no rule keeps it from that:
    it failed validation, a model read it differently from the vector path (`disagreement`, naming both
    readings), some of its cells hold characters the text layer could not decode (`damaged_cells`), or, for a
    table, no caption names it, it has no header row, it fails a strong consistency check (STRONG_CHECKS) or the
    page shows what its grid lost or merged (GEOMETRY_HOLDS: words in its box in no cell, a cell holding words a
    column gutter apart, a line under it that reads as one more row);
    nor is any item whose calibrator is not trusted to auto-accept (`Calibrator.auto_accept`: held out, its
    confident items were right less often than the threshold claims). Every reason is said in `review_reason`,
    followed, for a table sent to review, by what the extractor's geometric checks found
    (`paperlake.calibration.geometry`). No item is ever dropped.
    """
    routed = dict(frames)
    added = added_evidence(frames)
    for table, id_column in ID_COLUMN.items():
        frame = frames[table].copy()
        kind = KIND[table]
        calibrator = (calibrators or {}).get(kind)
        evidence_in = frame["evidence"] if "evidence" in frame else pd.Series([None] * len(frame), index=frame.index)
        confidences, evidences, reasons = [], [], []
        for item_id, confidence, item_evidence in zip(frame[id_column], frame["confidence"], evidence_in):
            evidence = _evidence(item_evidence)
            extra = added.get(str(item_id), Added())
            evidence = {**evidence, **extra.evidence}
            if calibrators is not None:
                engine = float(evidence.get(ENGINE_CONFIDENCE, confidence))
                evidence[ENGINE_CONFIDENCE] = engine
                confidence = round(calibrator.predict(evidence), 4) if calibrator is not None else engine
            confidences.append(float(confidence))
            evidences.append(evidence)
            held = never_auto_accepted(kind, evidence, extra.reasons)
            if calibrator is not None and not calibrator.auto_accept:
                held.append(untrusted_reason(calibrator))
            notes = geometry_reasons(evidence) if kind == "table" else []
            reasons.append(_reasons(float(confidence), failures.get(item_id, []), threshold, held, notes))
        if "evidence" in frame or calibrators is not None:
            frame["evidence"] = pd.Series([json.dumps(e, sort_keys=True) for e in evidences], index=frame.index,
                                          dtype=frame["evidence"].dtype if "evidence" in frame else object)
        if calibrators is not None:
            frame["confidence"] = pd.Series(confidences, index=frame.index, dtype=frame["confidence"].dtype)
            if calibrator is not None and "method" in frame:
                frame["method"] = pd.Series([with_calibrator(m, calibrator) for m in frame["method"]],
                                            index=frame.index, dtype=frame["method"].dtype)
        frame["review_reason"] = pd.Series([r or None for r in reasons], index=frame.index, dtype=frame["review_reason"].dtype)
        frame["review_status"] = pd.Series(["needs_review" if r else "auto_accepted" for r in reasons],
                                           index=frame.index, dtype=frame["review_status"].dtype)
        routed[table] = frame
    return routed


def with_calibrator(method: object, calibrator: Calibrator) -> str:
    """The extractor's method with the calibrator named after it (once: a previous calibrator is replaced)."""
    base = str(method).split(f"+{NAME}/")[0]
    return f"{base}+{calibrator.method}"


def untrusted_reason(calibrator: Calibrator) -> str:
    """Why no item of a calibrator's kind is auto-accepted: held out, its confident items were not right often
    enough (the figures the fit recorded in its `info`, where it did)."""
    gate = (calibrator.info or {}).get("auto_accept_gate") or {}
    measured = ""
    if gate.get("auto"):
        measured = (f": held out, {gate['right']} of the {gate['auto']} {calibrator.kind}s it put at or above "
                    f"{gate['threshold']:.2f} were right")
    return f"{calibrator.kind}s are not auto-accepted by {calibrator.method}{measured}"


def never_auto_accepted(kind: str, evidence: Mapping[str, Any], check_reasons: Mapping[str, str] | None = None
                        ) -> list[str]:
    """Why an item must go to a curator whatever its confidence, from its evidence (raw or flattened):
    readings that differ, undecodable characters, and for a table no caption (most uncaptioned tables on the
    benchmark corpora are not tables at all), no header row, a continued part whose width differs from the
    part before, a failed strong consistency check (its reason from `check_reasons` when given), or a second
    reading of the page that holds it (`GEOMETRY_HOLDS`)."""
    reasons = []
    disagreement = evidence.get("disagreement")
    if isinstance(disagreement, str) and disagreement:
        reasons.append(f"vector and model readings differ: {disagreement}")
    damaged = _count(evidence.get("damaged_cells"))
    if damaged:
        reasons.append(f"{damaged} cell{'s' if damaged > 1 else ''} with characters the PDF's text "
                       "layer could not decode (U+FFFD or private-use glyphs): compare them with the page")
    if kind != "table":
        return reasons
    if evidence.get("caption") is not None and not _count(evidence.get("caption")):
        reasons.append("no caption names it a table: check that it is one")
    header = evidence.get("header_rows")
    if header is not None and _count(header) == 0 and _count(evidence.get("n_rows")) > 0:
        reasons.append("no header row found: mark the rows that name the columns")
    if _count(evidence.get("continued_width_differs")):
        reasons.append("this part of a table continued from the page before has a different number of columns: "
                       "check both parts' columns")
    for key in STRONG_CHECKS:
        if _count(evidence.get(key)):
            reasons.append((check_reasons or {}).get(key) or f"consistency check failed: {key.replace('_', ' ')}")
    for key in GEOMETRY_HOLDS:  # the extractor's second readings of the page (extractors/table_checks.py)
        if (reason := geometry_reason(key, evidence)) is not None:
            reasons.append(reason)
    return reasons


def _evidence(text: object) -> dict[str, Any]:
    """An item's evidence JSON as a dict ({} when absent or unreadable)."""
    if not isinstance(text, str) or not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _count(value: object) -> int:
    try:
        return int(float(value or 0))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def _reasons(confidence: float, item_failures: list[str], threshold: float, held: list[str],
             notes: list[str] | None = None) -> str:
    """The item's review reasons ("" when it is auto-accepted); `notes` (where to look) are said only when
    there is a reason to review it: they never send an item to review themselves."""
    reasons = []
    if confidence < threshold:
        shown = f"{confidence:.2f}"
        if shown == f"{threshold:.2f}":  # 0.8999 read as 0.90 would be "0.90 below 0.90"
            shown = f"{confidence:.4f}".rstrip("0")
        reasons.append(f"confidence {shown} below threshold {threshold:.2f}")
    reasons.extend(held)
    reasons.extend(f"invalid: {failure}" for failure in item_failures)
    return "; ".join(reasons + (notes or [])) if reasons else ""
