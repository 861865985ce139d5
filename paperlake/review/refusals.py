"""Why a curator's correction was refused, in plain words (pure).

The dataset's schemas report rule names meant for developers (`tables: n_header_rows <= n_rows failed`).
A curator needs the same fact in the terms of the task in front of them: "9 header rows, but the table has
6". Each known rule gets a sentence built from the correction's own numbers and saying what to do; any
other failure keeps the schema's words, so nothing is ever hidden.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from schemas.cross_checks import Failure


@dataclass(frozen=True)
class Submitted:
    """What the curator submitted, as far as the sentences need it: the item's kind and, for a table, the
    rows of its CSV grid and its header-row count."""

    kind: str
    n_rows: int | None = None
    n_header_rows: int | None = None


_FIELD_NAMES = {"caption": "the caption", "label": "the label", "figure_kind": "the figure kind",
                "n_header_rows": "the number of header rows", "n_rows": "the number of rows",
                "n_cols": "the number of columns", "text": "a cell's text"}
_COLUMN = re.compile(r"^(?P<table>\w+)\.(?P<column>\w+): ")
_PAGE = re.compile(r"outside page (?P<page>\d+) \((?P<size>[^)]*)\)")


def plain_reasons(failures: Iterable[Failure], submitted: Submitted) -> list[str]:
    """One plain sentence per distinct failure of the corrected item, in the order found."""
    return list(dict.fromkeys(plain_reason(failure, submitted) for failure in failures))


def plain_reason(failure: Failure, submitted: Submitted) -> str:
    """The failure as a curator reads it (see the module's docstring)."""
    check, reason = failure.check, failure.reason
    if check == "header_rows_within_table" and submitted.n_rows is not None:
        headers = submitted.n_header_rows or 0
        return (f"{_count(headers, 'header row')}, but the table has {_count(submitted.n_rows, 'row')}: "
                f"set the number of header rows to at most {submitted.n_rows}")
    if check == "box_inside_page":
        page = _PAGE.search(reason)
        where = f"page {page['page']} ({page['size']})" if page else "its page"
        return f"the box reaches outside {where}: draw it within the page"
    if check == "box_ordered":
        return "the box has no width or height: draw it around the item"
    if check in ("span_inside_grid", "cells_do_not_overlap"):
        return ("a cell spanning several slots no longer fits the edited grid: leave the slots it covers "
                "empty, or give the row as many cells as the others")
    column = _COLUMN.match(reason)
    field = _FIELD_NAMES.get(column["column"], column["column"].replace("_", " ")) if column else ""
    if column and reason.endswith("missing value"):
        return f"{field} is empty: fill it in"
    if column and check.startswith("greater_than_or_equal_to"):
        return f"{field} cannot be below {check.split('(')[1].rstrip(')')}"
    if column and check.startswith("isin"):
        return f"{field} is not one of the choices offered: pick one of them"
    return reason.removeprefix(f"{failure.table}: ")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
