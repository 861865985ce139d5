"""The fast paths of validation (per-column string check, no coercion of typed frames, remembered empty-frame
outcomes, shared conversions in cross_check) report exactly what pandera's plain models and the single checks do."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.engines import pandas_engine
from schemas_frames import PAGE_SIZES, cell_row, table_row, valid_frames, with_rows

from paperlake.pipeline.frames import _typed
from schemas import cross_checks
from schemas.dataset import CONTRACT_TABLES, ContractString, contract_schema, empty_frame, has_contract_dtypes
from schemas.validate import _for_all_items, _from_failure_cases, schema_failures


def _reference_failures(table: str, frame: pd.DataFrame) -> list:
    """What the pandera model itself reports (coercing, pandera's own string check), mapped as validate does."""
    frame = frame.reset_index(drop=True)
    try:
        CONTRACT_TABLES[table].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _from_failure_cases(table, frame, exc.failure_cases)
    except Exception as exc:  # noqa: BLE001 - as schema_failures does
        return _for_all_items(table, frame, "schema", f"{table}: validation could not run: {type(exc).__name__}: {exc}")
    return []


def _typed_frames() -> dict[str, pd.DataFrame]:
    return {table: _typed(frame, table) for table, frame in valid_frames().items()}


def _broken(frames: dict[str, pd.DataFrame], table: str, column: str, value: object) -> dict[str, pd.DataFrame]:
    frame = frames[table].copy()
    frame.loc[0, column] = value
    return {**frames, table: frame}


CORRUPTIONS = [
    ("tables", "confidence", 1.5), ("tables", "confidence", np.nan), ("tables", "method", None),
    ("tables", "x1", 1.0), ("tables", "n_header_rows", 9), ("figures", "review_status", "weird"),
    ("figures", "figure_kind", "photo"), ("figures", "page", 0), ("documents", "doc_id", "XYZ"),
    ("documents", "status", "meh"), ("table_cells", "text", None), ("table_cells", "row", -1),
    ("figure_series", "x", np.nan), ("figure_series", "point", -3),
]


@pytest.mark.parametrize(("table", "column", "value"), CORRUPTIONS)
def test_typed_frames_fail_as_the_plain_model_says(table: str, column: str, value: object) -> None:
    frames = _broken(_typed_frames(), table, column, value)
    assert has_contract_dtypes(table, frames[table])  # the uncoerced path is the one under test
    failures = schema_failures(table, frames[table])
    assert failures, "the corruption must be caught"
    assert failures == _reference_failures(table, frames[table])


@pytest.mark.parametrize("table", list(CONTRACT_TABLES))
def test_untyped_and_reshaped_frames_fail_as_the_plain_model_says(table: str) -> None:
    frame = valid_frames()[table]
    variants = [frame, frame.astype(object), frame.drop(columns=[frame.columns[2]]),
                frame.assign(extra=1), frame[list(frame.columns[::-1])], frame.set_axis(range(5, 5 + len(frame)))]
    for variant in variants:
        assert schema_failures(table, variant) == _reference_failures(table, variant)


@pytest.mark.parametrize("table", list(CONTRACT_TABLES))
def test_empty_frames_are_remembered_by_shape_not_by_identity(table: str) -> None:
    typed, missing = empty_frame(table), empty_frame(table).iloc[:, 1:]
    assert schema_failures(table, typed) == [] == _reference_failures(table, typed)
    first = schema_failures(table, missing)
    assert first and first == _reference_failures(table, missing)
    first.clear()  # the caller's list is its own
    assert schema_failures(table, missing) == _reference_failures(table, missing)
    untyped = empty_frame(table).astype(object)
    assert schema_failures(table, untyped) == _reference_failures(table, untyped)


def test_contract_string_answers_once_per_column_only_for_its_own_dtype() -> None:
    schema = contract_schema("tables")
    dtype = schema.columns["table_id"].dtype
    assert isinstance(dtype, ContractString) and str(dtype) == str(CONTRACT_TABLES["tables"].to_schema().columns["table_id"].dtype)
    strings = pd.Series(["a", None], dtype=dtype.type)
    assert dtype.check(pandas_engine.Engine.dtype(strings.dtype), strings) is True
    objects = pd.Series(["a", 3], dtype=object)
    plain = pandas_engine.STRING(dtype.storage)
    assert np.array_equal(np.asarray(dtype.check(pandas_engine.Engine.dtype(objects.dtype), objects)),
                          np.asarray(plain.check(pandas_engine.Engine.dtype(objects.dtype), objects)))


def test_cross_check_shares_conversions_without_changing_what_each_check_finds() -> None:
    frames = with_rows(valid_frames(), "table_cells", [cell_row(2, 1, "x", row_span=2)])
    frames = with_rows(frames, "tables", [table_row(table_id="t2", continued_from="t9", page=3),
                                          table_row(table_id="t3", x1=900.0, page=2)])
    frames["table_cells"].loc[0, "table_id"] = None
    alone = [f for check in cross_checks.CHECKS.values() for f in check[1](frames)]
    alone += cross_checks.box_inside_page(frames, PAGE_SIZES)
    together = cross_checks.cross_check(frames, PAGE_SIZES)
    assert {f.check for f in together} >= {"span_inside_grid", "cells_do_not_overlap", "continued_from_exists",
                                           "box_inside_page", "page_within_document", "cell_table_exists"}
    assert together == alone
    assert cross_checks._SHARED.get() is None  # nothing is kept after the run
    # a frame with a duplicated column: the checks that read it say why they could not run, as they always did
    duplicated = {**frames, "tables": pd.concat([frames["tables"], frames["tables"][["table_id"]]], axis=1)}
    reasons = {f.check: f.reason for f in cross_checks.cross_check(duplicated) if f.item_id is None}
    assert reasons["cell_table_exists"] == "check could not run: ValueError: Length of values (2) does not match " \
                                          "length of index (3)"
