"""A quick proof that a frame with the contract's dtypes passes its pandera model, before pandera runs.

pandera validates column by column with bookkeeping around every check (about 8 ms for a small frame, a third of
a document's own validation in `paperlake run`). Nearly every frame passes. `passes` evaluates the same checks
(the same check functions, nulls dropped as pandera drops them) in plain pandas and answers True only when every
one of them holds; anything else (a failing value, a check or setting it does not know) answers False, and
pandera then validates the frame and reports exactly what it always did.
"""
from __future__ import annotations

from functools import partial

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

KNOWN_CHECKS = {"greater_than_or_equal_to", "less_than_or_equal_to", "isin", "str_matches"}
"""Column checks whose function is a plain vectorized comparison (the contract uses only these)."""


def passes(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """Whether pandera would find nothing wrong with the frame under this uncoercing schema (False: not proven)."""
    if not _plain(schema) or list(frame.columns) != list(schema.columns):
        return False
    schema.get_backend(frame)  # pandera registers its check functions for pandas with its backends
    for name, column in schema.columns.items():
        if not _column_passes(column, frame[name]):
            return False
    return all(_holds(check, frame, ignore_na=False) for check in schema.checks)


def _plain(schema: pa.DataFrameSchema) -> bool:
    """A schema of the kind the contract builds: strict, ordered, no coercion, index or schema-wide options."""
    return (schema.strict is True and schema.ordered and not schema.coerce and schema.index is None
            and schema.dtype is None and schema.unique is None and not schema.add_missing_columns
            and not schema.drop_invalid_rows and not getattr(schema, "parsers", None))


def _column_passes(column: pa.Column, values: pd.Series) -> bool:
    if column.coerce or column.regex or not column.required or column.parsers:
        return False
    if not isinstance(values, pd.Series) or column.dtype is None:
        return False
    try:
        if column.dtype.check(pandas_engine.Engine.dtype(values.dtype), values) is not True:
            return False
    except (TypeError, ValueError):
        return False
    if not column.nullable and values.hasnans:
        return False
    if column.unique and values.duplicated().any():
        return False
    return all(check.name in KNOWN_CHECKS and _holds(check, values, ignore_na=check.ignore_na)
               for check in column.checks)


def _holds(check: pa.Check, data: pd.Series | pd.DataFrame, ignore_na: bool) -> bool:
    """The check's own function on the data (nulls dropped where pandera drops them) gives True everywhere."""
    if check.groupby is not None or check.element_wise or check._check_fn is None:
        return False
    if ignore_na and isinstance(data, pd.Series) and data.hasnans:
        data = data.dropna()
    try:
        out = partial(check._check_fn, **check._check_kwargs)(data)
    except Exception:  # noqa: BLE001 - not proven; pandera reports what goes wrong
        return False
    if isinstance(out, bool):
        return out
    return isinstance(out, pd.Series) and out.dtype == bool and len(out) == len(data) and bool(out.all())
