"""Fitting calibrators on generated rows whose truth is known, and the fitting command end to end."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from paperlake.calibration.fit import TooFewRows, accept_gate, fit, predict_rows
from paperlake.calibration.model import ENGINE_CONFIDENCE, Calibrator, Feature

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def generated(n: int = 400, seed: int = 0) -> pd.DataFrame:
    """Rows where being right depends on the engine's confidence and a failed check halves the odds."""
    rng = np.random.default_rng(seed)
    engine = rng.uniform(0.3, 1.0, n)
    failed = rng.random(n) < 0.2
    p = np.clip(engine ** 2 * np.where(failed, 0.1, 1.0), 0, 1)
    return pd.DataFrame({ENGINE_CONFIDENCE: engine, "numeric_column_text": failed.astype(float),
                         "exact": (rng.random(n) < p).astype(float), "group": [f"doc{i // 4}" for i in range(n)],
                         "corpus": "gen"})


FEATURES = (Feature(ENGINE_CONFIDENCE), Feature("numeric_column_text", "flag"))


def test_a_fit_learns_the_evidence_and_is_calibrated_on_fresh_rows():
    model = fit(generated(), "table", "tables-test", FEATURES)
    fresh = generated(2000, seed=1)
    predicted = np.array(predict_rows(model, fresh))
    assert abs(predicted.mean() - fresh["exact"].mean()) < 0.05
    high = predicted >= 0.7
    assert abs(fresh["exact"][high].mean() - predicted[high].mean()) < 0.1
    assert model.coef[0] > 0 and model.coef[1] < 0
    failed = {ENGINE_CONFIDENCE: 0.95, "numeric_column_text": 1.0}
    assert model.predict_flat(failed) < 0.3 < model.predict_flat({ENGINE_CONFIDENCE: 0.95})
    assert Calibrator.from_json(json.loads(model.dumps())) == model  # what is written is what is read


def test_the_engines_confidence_never_counts_against_an_item():
    rows = generated()
    rows["exact"] = (rows[ENGINE_CONFIDENCE] < 0.6).astype(float)  # a perverse corpus
    model = fit(rows, "table", "tables-test", FEATURES)
    values = [model.predict_flat({ENGINE_CONFIDENCE: k / 10}) for k in range(11)]
    assert values == sorted(values)


def test_too_few_rows_or_one_verdict_cannot_be_fitted():
    with pytest.raises(TooFewRows, match="at least 20"):
        fit(generated(10), "table", "t", FEATURES)
    rows = generated()
    rows["exact"] = 1.0
    with pytest.raises(TooFewRows):
        fit(rows, "table", "t", FEATURES)


def _items(n_docs: int = 30) -> pd.DataFrame:
    """A small calibration_items frame as benchmarks/calibration.py writes it: two corpora, tables and figures."""
    rng = np.random.default_rng(2)
    rows = []
    for corpus, skill in (("easy", 0.9), ("hard", 0.4)):
        for d in range(n_docs):
            for kind in ("table", "figure"):
                engine = float(rng.uniform(0.4, 1.0))
                right = float(rng.random() < skill * engine)
                rows.append({"corpus": corpus, "doc": f"{corpus}{d}", "kind": kind, "item_id": f"{corpus}{d}{kind}",
                             "confidence": engine, "review_status": "auto_accepted", "review_reason": None,
                             "panel": 0.0 if kind == "figure" else None, "matched": 1.0, "exact": right,
                             "header_ok": 1.0 if kind == "table" else None, "ev_caption": 1.0, "ev_header_rows": 1.0,
                             "ev_figure_kind": "chart" if kind == "figure" else None})
    return pd.DataFrame(rows)


def test_the_fitting_command_prints_held_out_figures_and_writes_both_calibrators(tmp_path, capsys):
    items = tmp_path / "items.parquet"
    _items().to_parquet(items)
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("paperlake_fit_calibration", BENCH / "fit_calibration.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    finally:
        sys.path.remove(str(BENCH))
    out = tmp_path / "models"
    assert module.main([str(items), "--out", str(out), "--version", "9", "--markdown", str(tmp_path / "h.md")]) == 0
    printed = capsys.readouterr().out
    assert "**tables, leave one corpus out, threshold 0.9**" in printed
    assert "**figures, by document (5 folds), threshold 0.9**" in printed
    assert "| easy | 30 |" in printed and "| hard | 30 |" in printed
    table = json.loads((out / "tables-9.json").read_text())
    assert table["version"] == "tables-9" and table["info"]["rows"] == {"easy": 30, "hard": 30}
    assert "leave one corpus out" in table["info"]["held_out"]
    assert Calibrator.from_json(json.loads((out / "figures-9.json").read_text())).kind == "figure"
    for kind in ("tables", "figures"):  # the gate written is the one measured held out, and routing reads it
        model = Calibrator.from_json(json.loads((out / f"{kind}-9.json").read_text()))
        assert model.auto_accept == model.info["auto_accept_gate"]["trusted"]


def test_the_fitting_command_fits_on_the_rows_of_several_item_files_together(tmp_path, capsys):
    items = _items()
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    items[items["corpus"] == "easy"].to_parquet(first)
    items[items["corpus"] == "hard"].to_parquet(second)  # e.g. a second seed's corpora, measured apart
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("paperlake_fit_calibration2", BENCH / "fit_calibration.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    finally:
        sys.path.remove(str(BENCH))
    out = tmp_path / "models"
    assert module.main([str(first), str(second), "--out", str(out), "--version", "9"]) == 0
    assert "| easy | 30 |" in capsys.readouterr().out
    table = json.loads((out / "tables-9.json").read_text())
    assert table["info"]["rows"] == {"easy": 30, "hard": 30}


@pytest.mark.parametrize(("right", "matched", "held", "trusted"), [
    ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1] * 10, [False] * 10, True),     # 10 of 10 right
    ([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], [1] * 10, [False] * 10, True),     # 9 of 10: the threshold's 0.9
    ([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [1] * 10, [False] * 10, False),    # 8 of 10: below what it claims
    ([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], [1] * 9 + [0], [False] * 10, False),  # a non-item among them
    ([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], [1] * 10, [False] * 8 + [True] * 2, True),  # the wrong two were held anyway
    ([1, 1], [1, 1], [True, True], False),                                # nothing auto-accepted: no evidence
])
def test_a_calibrator_may_auto_accept_only_when_its_held_out_confident_items_are_right_as_often_as_claimed(
        right, matched, held, trusted):
    predicted = [0.95] * len(right)
    gate = accept_gate(right, predicted, held, matched, 0.9)
    assert gate["trusted"] is trusted
    assert gate["auto"] == sum(1 for h in held if not h)


def test_items_below_the_threshold_do_not_count_for_the_gate():
    gate = accept_gate([1, 1, 0, 0], [0.95, 0.92, 0.5, float("nan")], [False] * 4, [1, 1, 0, 1], 0.9)
    assert gate == {"threshold": 0.9, "auto": 2, "right": 2, "non_items": 0, "trusted": True}
