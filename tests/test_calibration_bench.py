"""benchmarks/calibration.py's pure parts: deciles, reliability, shares, evidence columns, joining verdicts.

Only hand-made rows: the corpora and ../shared are not needed.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _calibration():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))  # calibration imports score_corpora beside it
    try:
        spec = importlib.util.spec_from_file_location("paperlake_bench_calibration", BENCH / "calibration.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules[spec.name] = module  # type: ignore[union-attr]  # its dataclasses look it up
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module
    finally:
        sys.path.remove(str(BENCH))


cal = _calibration()


@pytest.mark.parametrize(("confidence", "expected"), [
    (0.0, 0), (0.05, 0), (0.1, 1), (0.3, 3), (0.6, 6), (0.7, 7), (0.6999, 6), (0.95, 9), (1.0, 9)])
def test_decile_puts_each_boundary_in_the_bin_above_and_one_in_the_last(confidence: float, expected: int) -> None:
    assert cal.decile(confidence) == expected


def test_reliability_counts_items_right_share_and_mean_confidence_per_decile() -> None:
    pairs = [(0.95, 1.0), (0.97, 0.0), (1.0, 1.0), (0.91, 1.0), (0.62, 0.0), (0.68, 1.0), (0.05, 0.0)]
    bins = cal.reliability(pairs)
    assert [b.n for b in bins] == [1, 0, 0, 0, 0, 0, 2, 0, 0, 4]
    assert bins[9].right == pytest.approx(0.75)
    assert bins[9].confidence == pytest.approx((0.95 + 0.97 + 1.0 + 0.91) / 4)
    assert bins[6].right == pytest.approx(0.5) and bins[6].confidence == pytest.approx(0.65)
    assert bins[3].right is None and bins[3].confidence is None
    assert (bins[0].lo, bins[0].hi, bins[9].lo, bins[9].hi) == (0.0, 0.1, 0.9, 1.0)
    # ECE: (1 * |0 - 0.05| + 2 * |0.5 - 0.65| + 4 * |0.75 - 0.9575|) / 7
    assert cal.calibration_error(bins) == pytest.approx((0.05 + 2 * 0.15 + 4 * 0.2075) / 7)
    assert cal.calibration_error(cal.reliability([])) is None


def test_share_ignores_unknown_verdicts() -> None:
    assert cal.share([1.0, 0.0, None, float("nan"), 1.0]) == pytest.approx(2 / 3)
    assert cal.share([None]) is None


def _item(status: str, exact: float | None, matched: int | None, confidence: float = 0.9) -> dict:
    return {"review_status": status, "exact": exact, "matched": matched, "confidence": confidence}


def test_summarize_splits_auto_accepted_from_review_and_counts_non_tables() -> None:
    items = [_item("auto_accepted", 1.0, 1), _item("auto_accepted", 0.0, 1), _item("auto_accepted", 0.0, 0),
             _item("auto_accepted", 1.0, 1), _item("needs_review", 1.0, 1, 0.4), _item("needs_review", 0.0, 0, 0.3),
             _item("auto_accepted", None, None)]  # no verdict: counted as found and auto, not judged
    s = cal.summarize(items, truth=5)
    assert (s.truth, s.found, s.auto, s.judged_auto, s.wrong_item_auto) == (5, 7, 5, 4, 1)
    assert s.auto_share == pytest.approx(5 / 7)
    assert s.right_auto == pytest.approx(0.5)
    assert s.right_review == pytest.approx(0.5)
    assert s.ece is not None and 0.0 < s.ece < 1.0


def test_flatten_evidence_names_keys_groups_per_series_keys_and_survives_bad_json() -> None:
    text = ('{"caption": 1.0, "rules": 3, "layout_anchored": true, "kind": "chart", "readings": {"ocr": 0.5},'
            ' "cells": [1, 2], "series_confidence:A": 0.9, "series_confidence:B": 0.5, "missing": null}')
    assert cal.flatten_evidence(text) == {
        "ev_caption": 1.0, "ev_rules": 3.0, "ev_layout_anchored": 1.0, "ev_kind": "chart", "ev_readings.ocr": 0.5,
        "ev_cells_n": 2.0, "ev_series_confidence_min": 0.5, "ev_series_confidence_mean": pytest.approx(0.7),
        "ev_series_confidence_n": 2.0}
    assert cal.flatten_evidence(None) == {}
    assert cal.flatten_evidence("{not json") == {"ev_unreadable": 1.0}


def test_judge_tables_gives_every_part_of_a_merged_chain_its_verdict_and_unmatched_ones_none() -> None:
    tables = [{"item_id": "t1"}, {"item_id": "t2"}, {"item_id": "t3"}]
    details = [{"matched": True, "pred_id": "t1", "parts": ["t1", "t2"], "exact": 1.0, "structure": 1.0,
                "header": 1.0, "caption": 0.0},
               {"matched": False, "structure": 0.0, "exact": 0.0, "header": 0.0, "caption": 0.0}]
    got = {r["item_id"]: r for r in cal.judge_tables(tables, details)}
    assert got["t1"]["exact"] == got["t2"]["exact"] == 1.0 and got["t2"]["matched"] == 1
    assert got["t1"]["caption_ok"] == 0.0
    assert (got["t3"]["matched"], got["t3"]["exact"], got["t3"]["header_ok"]) == (0, 0.0, None)


def test_judge_figures_needs_both_kind_and_caption_and_leaves_panels_unjudged() -> None:
    figures = [{"item_id": "f1"}, {"item_id": "f2"}, {"item_id": "f3"}, {"item_id": "p1", "panel": 1}]
    details = [{"matched": True, "pred_id": "f1", "kind": 1.0, "caption": 1.0},
               {"matched": True, "pred_id": "f2", "kind": 0.0, "caption": 1.0}]
    got = {r["item_id"]: r for r in cal.judge_figures(figures, details)}
    assert [got[k]["exact"] for k in ("f1", "f2", "f3", "p1")] == [1.0, 0.0, 0.0, None]
    assert [got[k]["matched"] for k in ("f1", "f2", "f3", "p1")] == [1, 1, 0, None]


def test_judge_dpbench_uses_document_teds_only_where_it_is_one_table_against_one() -> None:
    tables = [{"doc": "one", "item_id": "a"}, {"doc": "none", "item_id": "b"},
              {"doc": "two", "item_id": "c"}, {"doc": "two", "item_id": "d"}, {"doc": "low", "item_id": "e"}]
    docs = [{"doc": "one", "teds": 0.96, "teds_s": 0.99}, {"doc": "none", "teds": None, "teds_s": None},
            {"doc": "two", "teds": 0.9, "teds_s": 0.9}, {"doc": "low", "teds": 0.94, "teds_s": 1.0}]
    got = {r["item_id"]: r for r in cal.judge_dpbench(tables, docs, {"one": 1, "none": 0, "two": 1, "low": 1})}
    assert (got["a"]["exact"], got["a"]["matched"], got["a"]["teds"]) == (1.0, 1, 0.96)
    assert (got["b"]["exact"], got["b"]["matched"]) == (0.0, 0)
    assert got["c"]["exact"] is None and got["d"]["matched"] is None
    assert got["e"]["exact"] == 0.0 and got["e"]["structure"] == 1.0
