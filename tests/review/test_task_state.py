"""Task states from the data dir: one truth for Label Studio's Data Manager and `paperlake review status`."""
from __future__ import annotations

import pandas as pd

from paperlake.review.corrections import Correction, apply_corrections, extraction_hashes
from paperlake.review.task_state import (
    ItemView,
    queue_states,
    shows_out_of_date,
    state_counts,
    task_state,
)
from tests.review.test_corrections import DOC, _correct, _frames, _table_task

ROW = {"review_status": "needs_review", "page": 1, "label": "Table 1", "review_reason": "low", "doc_id": DOC}


def _with_documents(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return frames | {"documents": pd.DataFrame({"doc_id": [DOC], "file_name": ["smith2020.pdf"]})}


def test_the_rules_in_order():
    applied = _correct(_table_task())
    assert task_state(ItemView(None, refused=("x",))).state == "superseded: no longer extracted"
    refused = task_state(ItemView(ROW, refused=("9 header rows, but the table has 6 rows",)))
    assert refused.state == "refused: 9 header rows, but the table has 6 rows" and refused.open
    assert task_state(ItemView({**ROW, "review_status": "reviewed"}, correction=applied, outcome="applied")) \
        .state == "applied: accepted unchanged"
    reopened = task_state(ItemView(ROW, correction=applied, outcome="reopened"))
    assert (reopened.state, reopened.open) == ("needs review", True)
    auto = {**ROW, "review_status": "auto_accepted"}
    assert task_state(ItemView(auto, "h2", "h1")).state == "superseded: re-extracted, no longer needs review"
    closed = task_state(ItemView(auto, "h1", "h1"))
    assert (closed.state, closed.open, closed.word) == ("no longer needs review", False, "no longer needs review")


def test_queue_states_follow_the_items_and_count_like_the_dataset():
    frames = _with_documents(_frames())
    corrections = {"f1": Correction.from_json({**_correct(_table_task()).to_json(), "item_id": "f1",
                                                "kind": "figure", "verdict": "reject"})}
    hashes = extraction_hashes(frames)
    corrections["f1"] = Correction.from_json({**corrections["f1"].to_json(), "extraction_hash": hashes["f1"]})
    overlay = apply_corrections(frames, corrections)
    items = {"t1": {"content_hash": hashes["t1"]}, "f1": {"content_hash": hashes["f1"]}, "gone": {}}
    states = queue_states(items, overlay.frames, corrections, overlay.outcomes, {})
    assert {k: s.state for k, (s, _) in states.items()} == {
        "t1": "needs review", "f1": "applied: rejected", "gone": "superseded: no longer extracted"}
    fields = states["t1"][1]
    assert fields == {"review_state": "needs review", "review_reason": "confidence 0.40 below threshold 0.60",
                      "file": "smith2020.pdf", "location": "Table 1, page 1 of smith2020.pdf"}
    assert states["gone"][1] == {"review_state": "superseded: no longer extracted"}
    counts = state_counts(s for s, _ in states.values())
    pending = int((overlay.frames["tables"]["review_status"] == "needs_review").sum()) + int(
        (overlay.frames["figures"]["review_status"] == "needs_review").sum())
    assert counts == {"needs review": 1, "refused": 0, "applied": 1, "no longer needs review": 0, "superseded": 1,
                      "open": 1}
    assert counts["open"] == pending, "open tasks are the pending items"

    refused = queue_states(items, overlay.frames, corrections, overlay.outcomes, {"t1": ["too many header rows"]})
    assert refused["t1"][0].state == "refused: too many header rows"
    # a run at a lower threshold: the table no longer needs review, and its task closes
    lower = {**overlay.frames, "tables": overlay.frames["tables"].assign(review_status="auto_accepted")}
    closed = queue_states(items, lower, corrections, overlay.outcomes, {})["t1"][0]
    assert (closed.state, closed.open) == ("no longer needs review", False)


def test_a_task_is_out_of_date_until_it_shows_its_state():
    state = task_state(ItemView(ROW))
    fields = {"review_state": "needs review", "file": "a.pdf"}
    assert shows_out_of_date({}, state, fields)
    assert shows_out_of_date({"shown": fields, "open": None}, state, fields), "openness not known yet"
    assert not shows_out_of_date({"shown": {**fields, "other": "x"}, "open": True}, state, fields)
    assert shows_out_of_date({"shown": {**fields, "review_state": "applied: corrected"}, "open": True}, state, fields)
