"""The curator's reason for the extractor's text-only column reading (paperlake/calibration/geometry.py)."""
from __future__ import annotations

from paperlake.calibration.geometry import GEOMETRY_HOLDS, geometry_reason, geometry_reasons


def test_no_reason_when_the_readings_agree() -> None:
    assert geometry_reasons({"columns_differ": 0.0, "text_columns": 4.0, "n_cols": 4.0}) == []
    assert geometry_reasons({}) == []


def test_a_disagreement_says_both_counts() -> None:
    assert geometry_reasons({"columns_differ": 1.0, "text_columns": 3.0, "n_cols": 4.0}) == [
        ("the page's gutters show another number of columns than the grid (3 on the page, 4 in the grid): "
         "check for a column split in two or two columns read as one")]


def test_each_second_reading_has_its_sentence_and_the_holds_are_said_by_routing():
    evidence = {"words_lost": 2.0, "words_lost_text": "'Vision', 'Text'", "cell_gaps": 1.0, "rules_in_cells": 3.0}
    assert geometry_reason("words_lost", evidence) == (
        "2 words printed in the table's box are in no cell ('Vision', 'Text'): check for a lost row, column or "
        "turned label")
    assert geometry_reason("cell_gaps", evidence) == (
        "1 cell of one line holds words a column gutter apart: check for two columns read as one, or prose taken "
        "into the table")
    assert geometry_reason("rules_in_cells", evidence) == (
        "a rule crosses 3 cells between their lines: check for two header rows read as one")
    assert set(GEOMETRY_HOLDS) == {"words_lost", "cell_gaps", "row_below"}
    assert geometry_reasons(evidence) == [geometry_reason("rules_in_cells", evidence)]  # holds are said elsewhere
    assert geometry_reason("words_lost", {"words_lost": 0.0}) is None


def test_a_row_left_under_the_table_is_quoted_and_holds_it() -> None:
    evidence = {"row_below": 1.0, "row_below_text": "PubTables-1M (ours) 761,262 153,705 0 0% 0%"}
    assert geometry_reason("row_below", evidence) == (
        "the line just under the table ('PubTables-1M (ours) 761,262 153,705 0 0% 0%') reads as one more row of its "
        "columns: check for a last row left outside the table")
    assert geometry_reasons(evidence) == []  # a hold: routing says it
    assert geometry_reason("row_below", {"row_below": 0.0}) is None
