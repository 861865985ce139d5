"""Frames with the contract's dtypes are proven valid without pandera's per-column machinery (schemas/quick_pass.py),
and every frame the quick proof does not pass is reported exactly as the pandera model reports it."""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest
from schemas_frames import valid_frames
from test_validation_fast_paths import _reference_failures

from paperlake.pipeline.frames import _typed
from schemas.dataset import CONTRACT_TABLES, has_contract_dtypes, uncoerced_schema
from schemas.quick_pass import passes
from schemas.validate import schema_failures, validate_frames


def _typed_frames() -> dict[str, pd.DataFrame]:
    return {table: _typed(frame, table) for table, frame in valid_frames().items()}


def test_valid_typed_frames_pass_without_pandera_validating_them(monkeypatch: pytest.MonkeyPatch) -> None:
    frames = _typed_frames()
    validate_frames(frames)  # pandera's backends registered once, as any earlier frame of a run does

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pandera validated a frame the quick proof should pass")

    monkeypatch.setattr(pa.DataFrameSchema, "validate", refuse)
    assert all(passes(uncoerced_schema(table), frame) for table, frame in frames.items())
    assert validate_frames(frames).failures == ()


BAD_VALUES = [None, np.nan, -1, 0, 1.5, -0.5, 1e9, "weird", "", "XYZ", "chart", True]


def _corrupted(seed: int) -> tuple[str, pd.DataFrame]:
    """One table of the valid frames with one to three values replaced, a row duplicated or two box sides
    swapped: drawn from the seed, kept only where the dtypes still match the contract (the quick proof's path)."""
    rng = random.Random(seed)
    table = rng.choice(list(CONTRACT_TABLES))
    frame = _typed_frames()[table]
    kind = rng.random()
    if kind < 0.15:  # a duplicated row: unique ids, overlapping cells
        frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    elif kind < 0.25 and "x0" in frame.columns:  # a box turned inside out
        frame = frame.copy()
        frame.loc[0, ["x0", "x1"]] = frame.loc[0, ["x1", "x0"]].to_numpy()
    else:
        frame = frame.copy()
        for _ in range(rng.randint(1, 3)):
            column = rng.choice(list(frame.columns))
            value = rng.choice(BAD_VALUES)
            try:
                candidate = frame.copy()
                candidate.loc[rng.randrange(len(frame)), column] = value
            except (TypeError, ValueError):
                continue
            if has_contract_dtypes(table, candidate):
                frame = candidate
    return table, frame


@pytest.mark.parametrize("seed", range(120))
def test_corrupted_frames_fail_exactly_as_the_plain_model_says(seed: int) -> None:
    table, frame = _corrupted(seed)
    failures = schema_failures(table, frame)
    assert failures == _reference_failures(table, frame)
    if failures:
        assert not passes(uncoerced_schema(table), frame.reset_index(drop=True))


def test_the_family_holds_failing_and_passing_frames() -> None:
    outcomes = [bool(schema_failures(*_corrupted(seed))) for seed in range(120)]
    assert 30 <= sum(outcomes) <= 110  # both sides of the quick proof are exercised
