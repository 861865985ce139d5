"""The calibrator's pure predict function against JSON models: bounded, monotone in the engine's confidence,
defined for any evidence; the shipped models load; a data dir's own calibrator wins over the shipped one."""
from __future__ import annotations

import json

import pytest

from paperlake.calibration.model import (
    ENGINE_CONFIDENCE,
    SHIPPED_VERSION,
    Calibrator,
    calibrators_for,
    data_dir_path,
    fingerprint,
    flatten,
    load,
    shipped_path,
)

MODEL = {
    "kind": "table", "version": "tables-test",
    "features": [{"key": "engine_confidence"}, {"key": "caption", "default": 1.0},
                 {"key": "damaged_cells", "transform": "flag"}, {"key": "n_rows", "transform": "log1p"},
                 {"key": "figure_kind", "transform": "equals", "arg": "chart"},
                 {"key": "layout_table", "transform": "present"}],
    "logistic": {"intercept": -0.5, "coef": [3.0, 0.8, -2.0, 0.1, 0.4, -0.3], "mean": [0.7, 0.8, 0.1, 2.0, 0.2, 0.3],
                 "scale": [0.2, 0.4, 0.3, 0.5, 0.4, 0.45]},
    "isotonic": {"x": [0.0, 0.3, 0.6, 0.9, 1.0], "y": [0.0, 0.1, 0.5, 0.9, 0.97]},
}
EVIDENCE = [{}, {"caption": 0.0}, {"damaged_cells": 3, "n_rows": 40}, {"layout_table": 0.9, "figure_kind": "chart"},
            {"disagreement": "grid: vector 4x3, m 6x3", "caption": "odd"}, {"n_rows": None, "caption": float("nan")}]


def test_predict_is_a_probability_monotone_in_the_engines_confidence():
    model = Calibrator.from_json(MODEL)
    for evidence in EVIDENCE:
        values = [model.predict({**evidence, ENGINE_CONFIDENCE: k / 20}) for k in range(21)]
        assert all(0.0 <= v <= 1.0 for v in values)
        assert values == sorted(values), evidence
        assert values[-1] > values[0]


def test_missing_features_take_their_defaults():
    model = Calibrator.from_json(MODEL)
    assert model.predict({ENGINE_CONFIDENCE: 0.8}) == model.predict({ENGINE_CONFIDENCE: 0.8, "caption": 1.0})
    assert model.predict({}, engine_confidence=0.8) == model.predict({ENGINE_CONFIDENCE: 0.8})
    assert model.predict({ENGINE_CONFIDENCE: 0.8, "damaged_cells": 2}) < model.predict({ENGINE_CONFIDENCE: 0.8})


def test_a_platt_map_moves_the_whole_scale_and_round_trips_through_json():
    model = Calibrator.from_json(MODEL)
    lower = Calibrator.from_json({**model.to_json(), "platt": {"a": 1.0, "b": -1.0}})
    for k in range(1, 20):
        assert lower.predict({ENGINE_CONFIDENCE: k / 20}) < model.predict({ENGINE_CONFIDENCE: k / 20})
    assert Calibrator.from_json(json.loads(lower.dumps())) == lower
    same = Calibrator.from_json({**model.to_json(), "platt": {"a": 1.0, "b": 0.0}})
    assert same.predict({ENGINE_CONFIDENCE: 0.7}) == pytest.approx(model.predict({ENGINE_CONFIDENCE: 0.7}), abs=1e-6)


@pytest.mark.parametrize("broken", [{"features": [{"key": "x", "transform": "cube"}]},
                                    {"logistic": {"intercept": 0, "coef": [1.0], "mean": [0.0], "scale": [1.0]}},
                                    {"kind": "chart"}])
def test_a_file_that_is_not_a_calibrator_is_refused(broken):
    with pytest.raises(ValueError, match="not a paperlake calibrator"):
        Calibrator.from_json({**MODEL, **broken})


@pytest.mark.parametrize("kind", ["table", "figure"])
def test_the_shipped_calibrators_load_and_are_monotone(kind):
    model = load(shipped_path(kind))
    assert model.kind == kind and model.method == f"calibrated/{kind}s-{SHIPPED_VERSION}"
    for evidence in EVIDENCE:
        values = [model.predict({**evidence, ENGINE_CONFIDENCE: k / 10}) for k in range(11)]
        assert values == sorted(values) and all(0.0 <= v <= 1.0 for v in values)


def test_a_data_dirs_own_calibrator_is_used_instead_of_the_shipped_one(tmp_path):
    shipped = calibrators_for(tmp_path)
    assert shipped["table"].method == f"calibrated/tables-{SHIPPED_VERSION}"
    own = data_dir_path(tmp_path, "table")
    own.parent.mkdir()
    own.write_text(json.dumps(MODEL))
    mine = calibrators_for(tmp_path)
    assert mine["table"].version == "tables-test" and mine["figure"] == shipped["figure"]
    assert fingerprint(mine) != fingerprint(shipped)


def test_flatten_reads_evidence_as_the_benchmark_writes_its_columns():
    from tests.test_calibration_bench import cal

    flatten_evidence = cal.flatten_evidence
    evidence = {"caption": 1.0, "series_confidence:A": 0.5, "series_confidence:B": 0.9, "axes": True,
                "layout": {"table": 0.5}, "panels": [1, 2], "disagreement": "kind: vector chart, m image", "x": None}
    text = json.dumps(evidence)
    assert {f"ev_{k}": v for k, v in flatten(text).items()} == flatten_evidence(text)
    assert flatten("not json") == {"unreadable": 1.0}


def test_a_calibrator_not_trusted_to_auto_accept_says_so_in_its_json_and_keeps_predicting():
    trusted = Calibrator.from_json(MODEL)
    untrusted = Calibrator.from_json({**MODEL, "auto_accept": False})
    assert trusted.auto_accept and "auto_accept" not in trusted.to_json()
    assert not untrusted.auto_accept and untrusted.to_json()["auto_accept"] is False
    assert not Calibrator.from_json(json.loads(untrusted.dumps())).auto_accept
    assert untrusted.predict({"caption": 1.0}, 0.9) == trusted.predict({"caption": 1.0}, 0.9)
