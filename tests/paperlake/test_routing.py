import pandas as pd

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
