"""Corrections: Label Studio results -> corrected items, validation, the publish overlay and review stats."""
from __future__ import annotations

import pandas as pd
import pytest

from paperlake.review.annotations import annotation_to_correction, edit_distance
from paperlake.review.corrections import (
    Correction,
    CorrectionError,
    apply_corrections,
    dumps,
    extraction_hashes,
    grid_to_cells,
    loads,
    review_stats,
    validate_correction,
)
from paperlake.review.tasks import figure_task, table_task
from schemas.dataset import empty_frame

DOC = "ab" * 32
CROP = (76.0, 76.0, 324.0, 224.0)
WHEN = "2026-11-29T05:00:00Z"


def _frames() -> dict[str, pd.DataFrame]:
    tables = pd.DataFrame([{
        "table_id": "t1", "doc_id": DOC, "page": 1, "x0": 100.0, "y0": 100.0, "x1": 300.0, "y1": 200.0,
        "label": "Table 1", "caption": "Yields", "footnotes": None, "n_rows": 3, "n_cols": 2, "n_header_rows": 1,
        "continued_from": None, "confidence": 0.4, "method": "vector-tables 0.1", "review_status": "needs_review",
        "reviewed_by": None, "reviewed_at": None, "review_reason": "confidence 0.40 below threshold 0.60",
        "evidence": "{}"}])
    texts = [["Catalyst", "Yield (%)"], ["Pd", "87.1"], ["Pt", "91.3 ± 0.2"]]
    cells = pd.DataFrame([{"table_id": "t1", "doc_id": DOC, "row": r, "col": c, "row_span": 1, "col_span": 1,
                           "is_header": r == 0, "text": texts[r][c], "value": None, "uncertainty": None,
                           "unit": None} for r in range(3) for c in range(2)])
    figures = pd.DataFrame([{
        "figure_id": "f1", "doc_id": DOC, "page": 1, "x0": 100.0, "y0": 300.0, "x1": 300.0, "y1": 500.0,
        "label": "Figure 1", "caption": "Signal over time", "figure_kind": "chart",
        "image_path": f"figures/{DOC}/f1.png", "parent_figure_id": None, "confidence": 0.3,
        "method": "vector-figures 0.1", "review_status": "needs_review", "reviewed_by": None, "reviewed_at": None,
        "review_reason": "low", "evidence": "{}"}])
    frames = {"tables": tables, "table_cells": cells, "figures": figures, "figure_series": empty_frame("figure_series")}
    for name in ("tables", "table_cells", "figures"):
        frames[name] = empty_frame(name).pipe(lambda e, f=frames[name]: pd.concat([e, f], ignore_index=True))
        frames[name] = frames[name].astype(empty_frame(name).dtypes.to_dict())
    return frames


def _table_task() -> dict:
    frames = _frames()
    return table_task(frames["tables"].iloc[0].to_dict(), frames["table_cells"], "data:,", CROP)


def _figure_task() -> dict:
    return figure_task(_frames()["figures"].iloc[0].to_dict(), "data:,", (76.0, 276.0, 324.0, 524.0))


def _result(task: dict, verdict: str, **edits) -> list[dict]:
    """What Label Studio stores when a curator starts from the prediction, edits fields and submits."""
    result = [dict(item, value=dict(item["value"])) for item in task["predictions"][0]["result"]]
    for item in result:
        if item["from_name"] == "grid_csv" and "grid_csv" in edits:
            item["value"]["text"] = [edits["grid_csv"]]
        if item["from_name"] == "caption" and "caption" in edits:
            item["value"]["text"] = [edits["caption"]]
        if item["from_name"] == "figure_kind" and "figure_kind" in edits:
            item["value"]["choices"] = [edits["figure_kind"]]
        if "dx" in edits and "x" in item["value"]:
            item["value"]["x"] += edits["dx"]
    return result + [{"id": "v", "from_name": "verdict", "to_name": "image", "type": "choices",
                      "value": {"choices": [verdict]}}]


def _correct(task: dict, verdict: str = "accept", **edits) -> Correction:
    return annotation_to_correction(task["data"], _result(task, verdict, **edits), reviewed_by="cur@example.com",
                                    reviewed_at=WHEN, task_id=7, annotation_id=9)


def test_accept_unchanged_is_not_a_correction():
    correction = _correct(_table_task())
    assert correction.verdict == "accept" and correction.changed == () and correction.edit_distance == 0
    assert correction.outcome == "accepted_unchanged"
    assert correction.box == pytest.approx((100.0, 100.0, 300.0, 200.0), abs=0.01)
    assert correction.grid[2] == ("Pt", "91.3 ± 0.2") and correction.n_header_rows == 1
    assert correction.seen_hash == _table_task()["data"]["content_hash"]


def test_a_corrected_cell_and_moved_box():
    task = _table_task()
    correction = _correct(task, grid_csv="Catalyst,Yield (%)\nPd,88.1\nPt,91.3 ± 0.2", dx=2.0)
    assert correction.changed == ("box", "cells") and correction.edit_distance == 1
    assert correction.box[0] == pytest.approx(100.0 + 0.02 * 248.0, abs=0.01), "2 % of the crop's width"
    assert correction.outcome == "corrected"


def test_figure_kind_and_caption_edits():
    correction = _correct(_figure_task(), figure_kind="diagram", caption="Signal over  time.")
    assert correction.figure_kind == "diagram" and correction.caption == "Signal over  time."
    assert correction.changed == ("figure_kind", "caption") and correction.edit_distance == 1 + 2


def test_reject_needs_nothing_else_and_a_verdict_is_required():
    rejected = annotation_to_correction(_table_task()["data"], [{"from_name": "verdict", "type": "choices",
                                                                 "value": {"choices": ["reject"]}}],
                                        reviewed_by="c", reviewed_at=WHEN)
    assert rejected.outcome == "rejected" and rejected.box is None
    with pytest.raises(CorrectionError, match="verdict"):
        annotation_to_correction(_table_task()["data"], [], reviewed_by="c", reviewed_at=WHEN)
    with pytest.raises(CorrectionError, match="box"):
        annotation_to_correction(_table_task()["data"], _result(_table_task(), "accept")[-1:],
                                 reviewed_by="c", reviewed_at=WHEN)


def test_json_round_trip():
    correction = _correct(_table_task(), grid_csv="a,b\n1,2")
    assert loads(dumps(correction)) == correction


def test_edit_distance():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3 and edit_distance("same", "same") == 0
    assert edit_distance("a,1.2\nb,3", "a,1.3\nb,3") == 1


def test_grid_to_cells_reparses_numbers_and_units():
    cells = grid_to_cells([["Catalyst", "Yield (%)"], ["Pd", "88.1"], ["Pt", "−1.5 ± 0.2"]], 1, "t1", DOC)
    body = cells[~cells["is_header"]].set_index(["row", "col"])
    assert body.loc[(1, 1), "value"] == 88.1 and body.loc[(1, 1), "unit"] == "%"
    assert body.loc[(2, 1), "value"] == -1.5 and body.loc[(2, 1), "uncertainty"] == 0.2
    assert pd.isna(body.loc[(1, 0), "value"])
    assert cells["is_header"].tolist() == [True, True, False, False, False, False]


def test_grid_to_cells_keeps_a_span_whose_slots_stay_empty():
    original = pd.DataFrame([{"row": 0, "col": 0, "row_span": 1, "col_span": 2}])
    kept = grid_to_cells([["Both", ""], ["1", "2"]], 1, "t", DOC, original)
    assert len(kept) == 3 and kept.iloc[0]["col_span"] == 2
    split = grid_to_cells([["Left", "Right"], ["1", "2"]], 1, "t", DOC, original)
    assert len(split) == 4 and split["col_span"].max() == 1


def _stored(correction: Correction, frames: dict[str, pd.DataFrame]) -> Correction:
    """A correction as the pull stores it: made against the current extraction."""
    return Correction.from_json({**correction.to_json(), "extraction_hash": extraction_hashes(frames)[correction.item_id]})


def test_hashes_of_some_items_equal_those_of_all_items():
    frames = _frames()
    every = extraction_hashes(frames)
    assert extraction_hashes(frames, ["t1"]) == {"t1": every["t1"]}
    assert extraction_hashes(frames, ["f1", "missing"]) == {"f1": every["f1"]}
    assert extraction_hashes(frames, []) == {}


def test_overlay_applies_corrections_and_rejections():
    frames = _frames()
    fixed = _stored(_correct(_table_task(), grid_csv="Catalyst,Yield (%)\nPd,88.1\nPt,91.3 ± 0.2"), frames)
    gone = _stored(_correct(_figure_task(), "reject"), frames)
    overlay = apply_corrections(frames, {"t1": fixed, "f1": gone})
    assert overlay.outcomes == {"t1": "applied", "f1": "applied"}
    table = overlay.frames["tables"].iloc[0]
    assert table["review_status"] == "reviewed" and table["reviewed_by"] == "cur@example.com"
    assert table["reviewed_at"] == pd.Timestamp(WHEN)
    cells = overlay.frames["table_cells"].set_index(["row", "col"])
    assert cells.loc[(1, 1), "value"] == 88.1 and cells.loc[(1, 1), "text"] == "88.1"
    assert overlay.frames["figures"].iloc[0]["review_status"] == "rejected"
    assert frames["tables"].iloc[0]["review_status"] == "needs_review", "input frames untouched"
    assert validate_correction(fixed, frames) == []


def test_a_changed_extraction_reopens_review_but_keeps_the_correction():
    frames = _frames()
    fixed = _stored(_correct(_table_task(), grid_csv="Catalyst,Yield (%)\nPd,88.1\nPt,91.3 ± 0.2"), frames)
    frames["table_cells"].loc[3, "text"] = "87.9"  # a newer extractor reads the cell differently
    frames["tables"].loc[0, "method"] = "vector-tables 0.2"
    overlay = apply_corrections(frames, {"t1": fixed})
    assert overlay.outcomes == {"t1": "reopened"}
    table = overlay.frames["tables"].iloc[0]
    assert table["review_status"] == "needs_review" and "extraction changed" in table["review_reason"]
    assert overlay.frames["table_cells"].set_index(["row", "col"]).loc[(1, 1), "value"] == 88.1
    stats = review_stats(frames, {"t1": fixed}, overlay.outcomes)
    row = stats[stats["kind"] == "table"].iloc[0]
    assert row["method"] == "vector-tables 0.1" and row["reopened"] == 1 and row["reviewed"] == 0


def test_no_corrections_give_copies_of_the_frames_and_no_outcomes(monkeypatch):
    """Most documents have no correction: the overlay is a copy of each frame (the caller's own), nothing hashed."""
    import paperlake.review.corrections as corrections

    frames = _frames()
    monkeypatch.setattr(corrections, "extraction_hashes", lambda *a, **k: pytest.fail("hashed with nothing to compare"))
    overlay = apply_corrections(frames, {})
    assert overlay.outcomes == {} and overlay.frames.keys() == frames.keys()
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(overlay.frames[name], frame)
        assert overlay.frames[name] is not frame
    overlay.frames["tables"].loc[0, "caption"] = "changed by the caller"
    assert frames["tables"].loc[0, "caption"] != "changed by the caller"


def test_an_orphaned_correction_changes_nothing():
    frames = _frames()
    ghost = Correction.from_json({**_correct(_table_task()).to_json(), "item_id": "t9"})
    overlay = apply_corrections(frames, {"t9": ghost})
    assert overlay.outcomes == {"t9": "orphan"}
    assert overlay.frames["tables"].equals(frames["tables"])


def test_invalid_corrections_are_refused_with_reasons():
    frames = _frames()
    empty = _correct(_table_task(), grid_csv="")
    assert "no cells" in validate_correction(empty, frames)[0]
    task = _table_task()
    result = _result(task, "accept")
    for item in result:
        if item["from_name"] == "n_header_rows":
            item["value"]["number"] = 5
    too_many = annotation_to_correction(task["data"], result, reviewed_by="c", reviewed_at=WHEN)
    reasons = validate_correction(too_many, frames)
    rows = len(too_many.grid)
    expected = f"5 header rows, but the table has {rows} rows: set the number of header rows to at most {rows}"
    assert reasons == [expected], "refusals are in plain words"


def test_review_stats_per_kind_and_method():
    frames = _frames()
    fixed = _stored(_correct(_table_task(), grid_csv="Catalyst,Yield (%)\nPd,88.1\nPt,91.3 ± 0.2"), frames)
    overlay = apply_corrections(frames, {"t1": fixed})
    stats = review_stats(frames, {"t1": fixed}, overlay.outcomes).set_index("kind")
    assert stats.loc["table", "sent"] == 1 and stats.loc["table", "corrected"] == 1
    assert stats.loc["table", "edit_distance_total"] == 1 and stats.loc["table", "edit_distance_mean"] == 1.0
    assert stats.loc["figure", "sent"] == 1 and stats.loc["figure", "pending"] == 1
    assert pd.isna(stats.loc["figure", "edit_distance_mean"])


def test_review_stats_satisfy_the_reviews_schema():
    from schemas.dataset import ReviewsSchema
    from schemas.dataset import empty_frame as empty

    frames = _frames()
    gone = _stored(_correct(_figure_task(), "reject"), frames)
    stats = review_stats(frames, {"f1": gone}, apply_corrections(frames, {"f1": gone}).outcomes)
    ReviewsSchema.validate(stats)
    assert list(stats.columns) == list(empty("reviews").columns)
    ReviewsSchema.validate(review_stats({k: v.iloc[0:0] for k, v in frames.items()}, {}, {}))


def test_results_of_the_older_per_region_fields_still_read():
    """Tasks pushed before the table fields became top-level keep their annotations' shape: fields sharing
    the box's id and carrying its geometry."""
    task = _table_task()
    result = _result(task, "accept", grid_csv="Catalyst,Yield (%)\nPd,88.0\nPt,91.3 ± 0.2")
    box = next(item for item in result if item["from_name"] == "box")
    old_shape = [dict(item, id=box["id"], value={**{k: box["value"][k] for k in ("x", "y", "width", "height")},
                                                  **item["value"]})
                 if item["from_name"] in ("grid_csv", "n_header_rows", "caption") else item for item in result]
    correction = annotation_to_correction(task["data"], old_shape, reviewed_by="c", reviewed_at=WHEN)
    assert correction.grid[1] == ("Pd", "88.0") and correction.changed == ("cells",)
