import dataclasses
import json

import pandas as pd
import pytest

from paperlake.calibration.model import Calibrator
from paperlake.pipeline.routing import route_items


def _frames():
    tables = pd.DataFrame({"table_id": ["t1", "t2", "t3"], "confidence": [0.9, 0.3, 0.95],
                           "review_status": ["needs_review"] * 3, "review_reason": pd.Series([None] * 3, dtype="object")})
    figures = pd.DataFrame({"figure_id": ["f1"], "confidence": [0.8], "review_status": ["needs_review"],
                            "review_reason": pd.Series([None], dtype="object")})
    return {"tables": tables, "figures": figures, "table_cells": pd.DataFrame()}


def test_low_confidence_and_invalid_items_need_review_and_none_are_dropped():
    routed = route_items(_frames(), {"t3": ["span outside grid"]}, threshold=0.6)
    tables = routed["tables"].set_index("table_id")
    assert list(tables.index) == ["t1", "t2", "t3"]
    assert tables.loc["t1", "review_status"] == "auto_accepted" and pd.isna(tables.loc["t1", "review_reason"])
    assert tables.loc["t2", "review_status"] == "needs_review"
    assert "confidence 0.30 below threshold 0.60" in tables.loc["t2", "review_reason"]
    assert tables.loc["t3", "review_status"] == "needs_review"
    assert tables.loc["t3", "review_reason"] == "invalid: span outside grid"
    assert routed["figures"].loc[0, "review_status"] == "auto_accepted"


def test_threshold_is_a_setting():
    routed = route_items(_frames(), {}, threshold=0.99)
    assert set(routed["tables"]["review_status"]) == {"needs_review"}


def test_cells_the_text_layer_could_not_decode_send_a_confident_table_to_review():
    frames = _frames()
    frames["tables"]["evidence"] = ['{"damaged_cells": 3, "fill_ratio": 1.0}', '{}', None]
    tables = route_items(frames, {}, threshold=0.6)["tables"].set_index("table_id")
    assert tables.loc["t1", "review_status"] == "needs_review"
    assert tables.loc["t1", "review_reason"].startswith("3 cells with characters the PDF's text layer could not decode")
    assert tables.loc["t3", "review_status"] == "auto_accepted"  # no evidence, nothing damaged


# ------------------------------------------------------------------------------------------ calibrated routing


CALIBRATOR = Calibrator.from_json({
    "kind": "table", "version": "tables-test", "features": [{"key": "engine_confidence"}],
    "logistic": {"intercept": 0.0, "coef": [1.0], "mean": [0.75], "scale": [0.05]}})
"""p = sigmoid((engine - 0.75) / 0.05): 0.5 at an engine confidence of 0.75, 0.95 at 0.90."""


def _table(cells: list[list[str]], n_header: int = 1, confidence: float = 0.99, evidence: dict | None = None):
    """One-table frames: the table row and its cells (header rows first)."""
    tables = pd.DataFrame({"table_id": ["t"], "doc_id": ["d"], "confidence": [confidence], "method": ["vector/1"],
                           "n_rows": [len(cells)], "n_cols": [len(cells[0])], "n_header_rows": [n_header],
                           "evidence": [json.dumps(evidence or {"caption": 1.0})],
                           "review_status": ["needs_review"], "review_reason": pd.Series([None], dtype="object")})
    rows = [{"table_id": "t", "doc_id": "d", "row": r, "col": c, "row_span": 1, "col_span": 1, "is_header": r < n_header,
             "text": text} for r, line in enumerate(cells) for c, text in enumerate(line)]
    figures = pd.DataFrame({"figure_id": pd.Series([], dtype=object), "confidence": pd.Series([], dtype=float),
                            "review_status": pd.Series([], dtype=object), "review_reason": pd.Series([], dtype=object)})
    return {"tables": tables, "table_cells": pd.DataFrame(rows), "figures": figures}


GRID = [["Sample", "Mass (g)", "Volume"], ["A", "1.5", "3.0"], ["B", "2.25", "4.5"], ["C", "2.0", "4.1"],
        ["D", "1.0", "2.2"], ["E", "0.5", "1.2"], ["F", "0.7", "1.5"], ["G", "0.9", "1.9"]]


def test_confidence_becomes_the_calibrated_probability_and_method_names_the_calibrator():
    routed = route_items(_table(GRID, confidence=0.8), {}, 0.9, {"table": CALIBRATOR})["tables"].iloc[0]
    evidence = json.loads(routed["evidence"])
    assert routed["confidence"] == pytest.approx(0.7311, abs=1e-4)  # sigmoid(1)
    assert evidence["engine_confidence"] == 0.8 and evidence["header_rows"] == 1.0
    assert routed["method"] == "vector/1+calibrated/tables-test"
    assert routed["review_reason"] == "confidence 0.73 below threshold 0.90"
    again = route_items({**_table(GRID), "tables": pd.DataFrame([routed])}, {}, 0.9, {"table": CALIBRATOR})
    assert again["tables"].iloc[0]["method"] == "vector/1+calibrated/tables-test"  # named once
    assert again["tables"].iloc[0]["confidence"] == routed["confidence"]  # from engine_confidence, not twice


def test_a_confident_engine_is_not_enough_when_the_calibrator_disagrees():
    engine_says = route_items(_table(GRID, confidence=0.8), {}, 0.75)["tables"].iloc[0]
    calibrated = route_items(_table(GRID, confidence=0.8), {}, 0.75, {"table": CALIBRATOR})["tables"].iloc[0]
    assert engine_says["review_status"] == "auto_accepted" and calibrated["review_status"] == "needs_review"
    assert route_items(_table(GRID, confidence=0.95), {}, 0.9, {"table": CALIBRATOR})["tables"].iloc[0][
        "review_status"] == "auto_accepted"


def test_a_table_without_a_header_row_is_never_auto_accepted():
    routed = route_items(_table(GRID, n_header=0), {}, 0.0)["tables"].iloc[0]
    assert routed["review_status"] == "needs_review"
    assert routed["review_reason"].split("; ") == [
        "no header row found: mark the rows that name the columns",
        "row 1 reads like a header ('Mass (g)', 'Volume') over columns of numbers"]


def test_a_failed_strong_consistency_check_holds_a_table_and_says_where():
    grid = [row[:] for row in GRID]
    grid[3][1] = "see text"
    routed = route_items(_table(grid), {}, 0.0)["tables"].iloc[0]
    assert routed["review_status"] == "needs_review"
    assert routed["review_reason"] == "column 2 is numbers except 'see text' in row 4"
    assert json.loads(routed["evidence"])["numeric_column_text"] == 1.0


def test_a_weak_check_feeds_the_calibrator_but_holds_nothing():
    routed = route_items(_table([["2005", "2006"], ["1.0", "2.0"], ["3.0", "4.0"]]), {}, 0.0)["tables"].iloc[0]
    assert json.loads(routed["evidence"])["header_without_words"] == 1.0
    assert routed["review_status"] == "auto_accepted"


def test_words_the_grid_lost_or_merged_on_the_page_hold_a_table_and_say_where():
    routed = route_items(_table(GRID, evidence={"words_lost": 2.0, "words_lost_text": "'Vision', 'Text'"}), {}, 0.0)
    row = routed["tables"].iloc[0]
    assert row["review_status"] == "needs_review"
    assert row["review_reason"] == ("2 words printed in the table's box are in no cell ('Vision', 'Text'): check for "
                                    "a lost row, column or turned label")
    merged = route_items(_table(GRID, evidence={"cell_gaps": 1.0}), {}, 0.0)["tables"].iloc[0]
    assert merged["review_status"] == "needs_review" and "a column gutter apart" in merged["review_reason"]
    ruled = route_items(_table(GRID, evidence={"rules_in_cells": 1.0}), {}, 0.0)["tables"].iloc[0]
    assert ruled["review_status"] == "auto_accepted"  # a calibrator feature only


def test_a_wrapped_row_label_read_as_a_row_holds_a_table():
    grid = [row[:] for row in GRID] + [["and more,", "", ""]]
    grid[-2][0] = grid[-2][0] + " and"
    routed = route_items(_table(grid), {}, 0.0)["tables"].iloc[0]
    assert routed["review_status"] == "needs_review"
    assert "goes on from the label above it" in routed["review_reason"]


def test_a_confidence_just_under_the_threshold_is_not_shown_equal_to_it():
    routed = route_items(_table(GRID, confidence=0.8999), {}, 0.9)["tables"].iloc[0]
    assert routed["review_reason"] == "confidence 0.8999 below threshold 0.90"
    assert route_items(_table(GRID, confidence=0.42), {}, 0.9)["tables"].iloc[0][
        "review_reason"] == "confidence 0.42 below threshold 0.90"


def test_a_table_no_caption_names_is_never_auto_accepted():
    routed = route_items(_table(GRID, evidence={"caption": 0.0}), {}, 0.0)["tables"].iloc[0]
    assert routed["review_status"] == "needs_review"
    assert routed["review_reason"] == "no caption names it a table: check that it is one"


def test_a_continued_part_whose_width_differs_is_never_auto_accepted():
    routed = route_items(_table(GRID, evidence={"continued_width_differs": 1.0}), {}, 0.0)["tables"].iloc[0]
    assert routed["review_status"] == "needs_review"
    assert "different number of columns" in routed["review_reason"]


def test_no_item_of_a_kind_whose_calibrator_is_not_trusted_is_auto_accepted_and_the_reason_says_why():
    untrusted = dataclasses.replace(CALIBRATOR, auto_accept=False, info={"auto_accept_gate": {
        "threshold": 0.9, "auto": 74, "right": 64, "non_items": 0, "trusted": False}})
    trusted = route_items(_table(GRID, confidence=0.99), {}, 0.9, {"table": CALIBRATOR})["tables"].iloc[0]
    routed = route_items(_table(GRID, confidence=0.99), {}, 0.9, {"table": untrusted})["tables"].iloc[0]
    assert trusted["review_status"] == "auto_accepted"
    assert routed["review_status"] == "needs_review" and routed["confidence"] == trusted["confidence"]
    assert routed["review_reason"] == ("tables are not auto-accepted by calibrated/tables-test: held out, 64 of the "
                                       "74 tables it put at or above 0.90 were right")


def test_the_column_reading_says_where_to_look_on_a_table_sent_to_review_but_holds_nothing():
    checked = {"caption": 1.0, "columns_differ": 1.0, "text_columns": 4.0}
    held = route_items(_table(GRID, confidence=0.8, evidence=checked), {}, 0.9, {"table": CALIBRATOR})["tables"].iloc[0]
    assert held["review_reason"].split("; ") == [
        "confidence 0.73 below threshold 0.90",
        ("the page's gutters show another number of columns than the grid (4 on the page, 3 in the grid): "
         "check for a column split in two or two columns read as one")]
    passed = route_items(_table(GRID, confidence=0.99, evidence=checked), {}, 0.9, {"table": CALIBRATOR})["tables"]
    assert passed.iloc[0]["review_status"] == "auto_accepted" and pd.isna(passed.iloc[0]["review_reason"])
