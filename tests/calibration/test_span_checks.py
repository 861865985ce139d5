"""The checks that read a table's spans and header cells (version 5), on hand-built tables whose answers are
known: each is the shape of a wrong table the calibrator auto-accepted on a real document (docs/confidence.md)."""
from __future__ import annotations

import json

import pandas as pd

from paperlake.calibration.consistency import (
    header_label_split,
    header_numbers,
    short_group_label,
    split_label,
    table_checks,
)
from paperlake.pipeline.routing import route_items
from tests.calibration.test_consistency_checks import cells

# eu-021: each illness spans its Count and Percentage rows, but a wrapped one was read as two labels
ILLNESS = [["Illness", "", "Suffered", "Treated"], ["Asthma", "Count", "31", "22"], [None, "Percentage", "6.3%", "4.4%"],
           ["Chronic fatigue", "Count", "19", "4"], ["syndrome", "Percentage", "3.8%", "0.8%"],
           ["Diabetes", "Count", "1", "1"], [None, "Percentage", "0.2%", "0.2%"]]
ILLNESS_SPANS = {(1, 0): (2, 1), (5, 0): (2, 1)}


def test_a_wrapped_label_split_over_rows_its_neighbours_span_is_found_and_named():
    check = split_label(cells(ILLNESS, spans=ILLNESS_SPANS), 1)
    assert check.value == 1.0
    assert check.reason == ("rows 4 and 5 of column 1 hold 'Chronic fatigue' / 'syndrome', where the column's other "
                            "labels span their rows: one wrapped label read as two?")


def test_labels_in_a_column_without_spans_or_that_do_not_go_on_are_no_split_label():
    fixed = [row[:] for row in ILLNESS]
    fixed[4][0] = "Syndrome X"  # a label of its own: upper case, and the one above ends with no joining word
    assert split_label(cells(fixed, spans=ILLNESS_SPANS), 1).value == 0.0
    assert split_label(cells([r if r[0] is not None else ["", *r[1:]] for r in ILLNESS]), 1).value == 0.0


# qwen2-report: `Test set` spans both header rows; `Percent of` / `Contamination` is one label read as two rows
CONTAMINATION = [["Test set", "Percent of", "Qwen2-72B", None], [None, "Contamination", "Original", "Non-Contam."],
                 ["MMLU", "11.2%", "82.3", "83.2"], ["GPQA", "1.0%", "42.4", "41.8"]]
CONTAMINATION_SPANS = {(0, 0): (2, 1), (0, 2): (1, 2)}


def test_a_header_label_in_two_rows_beside_one_spanning_both_is_found():
    check = header_label_split(cells(CONTAMINATION, 2, CONTAMINATION_SPANS), 2)
    assert check.value == 1.0  # column 3 and 4 are under a group label: sub-labels, not a split one
    assert check.reason == ("column 2's header is 'Percent of' over 'Contamination' in separate rows while other "
                            "header labels span all 2: one label read as two?")


def test_a_header_whose_labels_all_stand_in_rows_is_no_split_label():
    spans = {(0, 2): (1, 2)}
    grid = [["Test set", *CONTAMINATION[0][1:]], ["", *CONTAMINATION[1][1:]], *CONTAMINATION[2:]]
    assert header_label_split(cells(grid, 2, spans), 2).value == 0.0  # nothing spans the header rows
    assert header_label_split(cells(CONTAMINATION, 2, CONTAMINATION_SPANS), 1).value == 0.0  # one header row


def test_numbers_in_a_header_cell_are_body_rows_read_into_the_header():
    grid = [["Model Baseline 1 – sol-gel", "Precision 0.54 0.53 0.57", "Recall 0.61 0.72 0.75"],
            ["Baseline 2", "0.84", "0.50"], ["bi-LSTM", "0.90", "0.88"]]
    check = header_numbers(cells(grid), 1)
    assert check.value == 2.0
    assert check.reason == ("the header cell 'Precision 0.54 0.53 0.57' holds 3 numbers; the header cell 'Recall 0.61 "
                            "0.72 0.75' holds 3 numbers: body rows read into the header?")
    years = [["Item", "1992 2", "2005 1"], ["A", "1", "2"]]  # a year and its footnote mark: a header
    assert header_numbers(cells(years), 1).value == 0.0


# R10 Table 3: `2010/2011` spans Perkins, Morrison and Perry but was read over Perry alone
SEASONS = [["Treatment", "2009/2010", None, "", "", "2010/2011"], [None, "Perkins", "Perry", "Perkins", "Morrison", "Perry"],
           ["Nontreated", "3350", "4450", "3365", "2605", "3485"]]
SEASONS_SPANS = {(0, 0): (2, 1), (0, 1): (1, 2)}


def test_a_group_label_over_one_column_beside_an_empty_cell_is_found():
    check = short_group_label(cells(SEASONS, 2, SEASONS_SPANS), 2)
    assert check.value == 1.0
    assert check.reason == ("the header label '2010/2011' in row 1 stands over column 6 only, with column 5's cell "
                            "empty beside it: a group label over both columns read as one column's?")
    spanned = [["Treatment", "2009/2010", None, "2010/2011", None, None], *SEASONS[1:]]
    assert short_group_label(cells(spanned, 2, SEASONS_SPANS | {(0, 3): (1, 3)}), 2).value == 0.0


def test_a_clean_grouped_header_passes_every_new_check():
    checks = {c.key: c.value for c in table_checks(cells(CONTAMINATION[:1] + [["", *CONTAMINATION[1][1:]]]
                                                         + CONTAMINATION[2:], 2, {(0, 2): (1, 2)}), 2)}
    assert [checks[k] for k in ("split_label", "header_label_split", "header_numbers", "short_group_label")] == [0.0] * 4


def test_routing_holds_a_table_a_new_check_fails_and_says_why():
    frame = cells(ILLNESS, spans=ILLNESS_SPANS).assign(doc_id="d")
    tables = pd.DataFrame({"table_id": ["t"], "doc_id": ["d"], "confidence": [0.99], "method": ["vector/1"],
                           "n_rows": [7], "n_cols": [4], "n_header_rows": [1], "evidence": [json.dumps({"caption": 1.0})],
                           "review_status": ["needs_review"], "review_reason": pd.Series([None], dtype="object")})
    figures = pd.DataFrame({"figure_id": pd.Series([], dtype=object), "confidence": pd.Series([], dtype=float),
                            "review_status": pd.Series([], dtype=object), "review_reason": pd.Series([], dtype=object)})
    routed = route_items({"tables": tables, "table_cells": frame, "figures": figures}, {}, 0.0)["tables"].iloc[0]
    assert routed["review_status"] == "needs_review"
    assert "'Chronic fatigue' / 'syndrome'" in routed["review_reason"]
    assert json.loads(routed["evidence"])["split_label"] == 1.0
