"""The curator's reason for the extractor's text-only column reading (paperlake/calibration/geometry.py)."""
from __future__ import annotations

from paperlake.calibration.geometry import geometry_reasons


def test_no_reason_when_the_readings_agree() -> None:
    assert geometry_reasons({"columns_differ": 0.0, "text_columns": 4.0, "n_cols": 4.0}) == []
    assert geometry_reasons({}) == []


def test_a_disagreement_says_both_counts() -> None:
    assert geometry_reasons({"columns_differ": 1.0, "text_columns": 3.0, "n_cols": 4.0}) == [
        ("the page's gutters show another number of columns than the grid (3 on the page, 4 in the grid): "
         "check for a column split in two or two columns read as one")]
