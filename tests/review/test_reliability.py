"""paperlake.review.reliability on hand-built frames: bins, exact shares, gaps, ECE, outcomes, empty input."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from paperlake.review.corrections import Correction
from paperlake.review.reliability import (
    confidence_bin,
    corpus_items,
    expected_calibration_error,
    format_reliability,
    of_kind,
    reliability_markdown,
    reliability_table,
    review_counts,
    review_items,
)

DOC = "ab" * 32


def _items(pairs: list[tuple[float, float | None]], kind: str = "table") -> pd.DataFrame:
    return corpus_items(pd.DataFrame({"kind": kind, "confidence": [c for c, _ in pairs],
                                      "exact": [e for _, e in pairs]}))


def test_bins_are_deciles_with_one_in_the_last():
    bins = confidence_bin(pd.Series([0.0, 0.05, 0.1, 0.3, 0.7, 0.89999, 0.9, 0.95, 1.0]))
    assert bins.tolist() == [0, 0, 1, 3, 7, 8, 9, 9, 9]


def test_table_counts_shares_means_and_gaps():
    items = _items([(0.95, 1), (0.92, 0), (1.0, 1), (1.0, 1),  # bin 9: 3 of 4 exact, mean 0.9675
                    (0.55, 0), (0.51, 1),                      # bin 5: 1 of 2, mean 0.53
                    (0.05, 0),                                 # bin 0: 0 of 1
                    (0.75, None)])                             # not judged: left out
    table = reliability_table(items)
    assert table["bin"].tolist()[0] == "0.0-0.1" and table["bin"].tolist()[-1] == "0.9-1.0"
    assert table["items"].tolist() == [1, 0, 0, 0, 0, 2, 0, 0, 0, 4]
    top = table.iloc[9]
    assert top["exact_share"] == pytest.approx(0.75) and top["mean_confidence"] == pytest.approx(0.9675)
    assert top["gap"] == pytest.approx(0.75 - 0.9675)
    assert table.iloc[5]["exact_share"] == pytest.approx(0.5) and table.iloc[5]["gap"] == pytest.approx(-0.03)
    assert table.iloc[0]["gap"] == pytest.approx(-0.05)
    assert math.isnan(table.iloc[7]["exact_share"]), "a bin whose only item has no verdict is empty"
    # ECE: (4 * 0.2175 + 2 * 0.03 + 1 * 0.05) / 7
    assert expected_calibration_error(table) == pytest.approx((4 * 0.2175 + 2 * 0.03 + 0.05) / 7)


def test_perfect_calibration_has_zero_error():
    items = _items([(0.25, 0), (0.25, 0), (0.25, 0), (0.25, 1), (1.0, 1), (1.0, 1)])
    table = reliability_table(items)
    assert expected_calibration_error(table) == pytest.approx(0.0)
    assert table.loc[table["items"] > 0, "gap"].abs().max() == pytest.approx(0.0)


def test_empty_input():
    table = reliability_table(_items([]))
    assert len(table) == 10 and table["items"].sum() == 0
    assert expected_calibration_error(table) is None
    assert reliability_markdown(table) == "_no items with a known outcome yet_"
    assert format_reliability(table).splitlines()[1].split() == ["0.0-0.1", "0", "-", "-", "-"]


def test_text_and_markdown_show_the_numbers():
    table = reliability_table(_items([(0.95, 1), (0.92, 0)]))
    last = format_reliability(table).splitlines()[-1].split()
    assert last == ["0.9-1.0", "2", "0.50", "0.94", "-0.44"]
    markdown = reliability_markdown(table).splitlines()
    assert markdown[-1] == "| 0.9-1.0 | 2 | 0.50 | 0.94 | -0.44 |" and len(markdown) == 3


def _correction(item_id: str, kind: str, verdict: str, changed: tuple[str, ...] = ()) -> Correction:
    return Correction(item_id=item_id, kind=kind, doc_id=DOC, verdict=verdict, reviewed_by="c@example.com",
                      reviewed_at="2026-12-06T10:00:00Z", method="m 0.1", seen_hash="h", changed=changed)


def test_review_items_take_outcomes_of_applied_corrections_only():
    tables = pd.DataFrame({"table_id": ["t1", "t2", "t3", "t4", "t5", "t6"],
                           "confidence": [0.95, 0.55, 0.45, 0.97, 0.3, 0.58],
                           "review_status": ["reviewed", "reviewed", "rejected", "auto_accepted", "needs_review",
                                             "needs_review"]})
    figures = pd.DataFrame({"figure_id": ["f1"], "confidence": [0.5], "review_status": ["reviewed"]})
    corrections = {"t1": _correction("t1", "table", "accept"),
                   "t2": _correction("t2", "table", "accept", ("cells",)),
                   "t3": _correction("t3", "table", "reject"),
                   "t6": _correction("t6", "table", "accept"),  # reopened: extracted differently since
                   "f1": _correction("f1", "figure", "accept", ("figure_kind",))}
    items = review_items(tables, figures, corrections)
    by_id = items.set_index("item_id")
    assert by_id["outcome"].to_dict() == {"t1": "accepted_unchanged", "t2": "corrected", "t3": "rejected",
                                          "t4": None, "t5": None, "t6": None, "f1": "corrected"}
    assert by_id["exact"].dropna().to_dict() == {"t1": 1.0, "t2": 0.0, "t3": 0.0, "f1": 0.0}
    assert review_counts(of_kind(items, "tables")) == {
        "items": 6, "reviewed": 3, "accepted_unchanged": 1, "corrected": 1, "rejected": 1,
        "auto_accepted": 1, "pending": 2, "with_truth": 3}
    assert review_counts(of_kind(items, "figures"))["corrected"] == 1 and len(of_kind(items, "all")) == 7
    table = reliability_table(of_kind(items, "tables"))
    assert table.loc[table["items"] > 0, ["bin", "items", "exact_share"]].values.tolist() == [
        ["0.4-0.5", 1, 0.0], ["0.5-0.6", 1, 0.0], ["0.9-1.0", 1, 1.0]]


def test_corpus_rows_need_their_columns_and_keep_unjudged_items_out_of_the_table():
    with pytest.raises(ValueError, match="no column exact"):
        corpus_items(pd.DataFrame({"kind": ["table"], "confidence": [0.5]}))
    rows = pd.DataFrame({"corpus": ["dev", "dev", "realdev"], "kind": ["table", "figure", "table"],
                         "item_id": ["a", "b", "c"], "confidence": [0.9, 0.8, 0.95],
                         "review_status": ["auto_accepted", "auto_accepted", "needs_review"],
                         "exact": [1.0, None, 0.0]})
    items = corpus_items(rows)
    counts = review_counts(items)
    assert (counts["with_truth"], counts["auto_accepted"], counts["pending"], counts["reviewed"]) == (2, 2, 1, 0)
    assert reliability_table(of_kind(items, "figures"))["items"].sum() == 0
    assert reliability_table(of_kind(items, "tables"))["items"].tolist()[9] == 2
