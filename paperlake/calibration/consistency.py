"""Internal consistency of one extracted table: checks that catch the engine's own mistakes.

Pure functions over a table's published cells (`table_cells` rows). Each check gives a number for the item's `evidence` (0 when it holds) and,
when it fails, a sentence a curator understands (`column 3 is numbers except 'see text' in row 5`).

A check earns its place by separating exact tables from wrong ones on the benchmark corpora
(docs/confidence.md has the figures); `paperlake.pipeline.routing.STRONG_CHECKS` names those whose failure
alone sends a table to review, the others only feed the calibrator.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

PLACEHOLDER = re.compile(r"^\s*(?:[-‐‑‒–—―−~…·•.*?×✓✗/]+|n\.?\s?[ads]\.?|n/?[ads]|none|nil|null|ns|"
                         r"not\s+\w+|[a-z]?\s*\(\s*\)|\u2014+|\s*)\s*$", re.IGNORECASE)
"""Cells a numeric column may hold without a number: dashes, n/a, n.d., ns, -- and the like."""
WORD = re.compile(r"[^\W\d_]{2,}")

NUMERIC_COLUMN_SHARE = 0.8
"""A body column is numeric when at least this share of its filled cells hold a digit (and 3 or more do)."""


@dataclass(frozen=True)
class Check:
    """One consistency check of one item: its evidence key and value, and the reason when it failed."""

    key: str
    value: float
    reason: str | None = None


Grid = list[list[str | None]]  # body and header texts by (row, col); None where a spanning cell covers the slot


def grid_of(cells: pd.DataFrame) -> tuple[Grid, int]:
    """The table's text grid (covered slots None) and its header row count (leading header rows)."""
    if cells.empty:
        return [], 0
    n_rows, n_cols = _extent(cells, "row", "row_span"), _extent(cells, "col", "col_span")
    grid: Grid = [[""] * n_cols for _ in range(n_rows)]
    header_rows: set[int] = set()
    # the columns' values as itertuples gives them, without its per-row tuples (route's largest cost per table)
    columns = (cells[name] for name in ("row", "col", "row_span", "col_span", "text", "is_header"))
    for row, col, row_span, col_span, cell_text, is_header in zip(*columns):
        r, c = int(row), int(col)
        for i in range(max(1, int(row_span))):
            for j in range(max(1, int(col_span))):
                grid[r + i][c + j] = None
        text = cell_text if isinstance(cell_text, str) else ""
        grid[r][c] = text.strip()
        if bool(is_header):
            header_rows.add(r)
    n_header = 0
    while n_header in header_rows:
        n_header += 1
    return grid, n_header


def _extent(cells: pd.DataFrame, start: str, span: str) -> int:
    """Grid rows (or columns) the cells reach: the largest start + span (a span under 1 counts as 1)."""
    starts, spans = cells[start].to_numpy(), cells[span].to_numpy()
    if starts.dtype.kind in "iu" and spans.dtype.kind in "iu":  # the contract's dtypes: no missing values
        return int((starts + np.maximum(spans, 1)).max())
    return int((cells[start] + cells[span].clip(lower=1)).max())


def table_checks(cells: pd.DataFrame, n_header_rows: int | None = None) -> list[Check]:
    """Every table check on one table's cells (header rows from the cells unless given), and two shape
    numbers that are no check but tell a calibrator how hard the grid was to read: `header_empty_share`
    (header slots left empty, as grouped headers leave them) and `covered_share` (slots a spanning cell
    covers)."""
    grid, found = grid_of(cells)
    n_header = found if n_header_rows is None else int(n_header_rows)
    header, body = grid[:n_header], grid[n_header:]
    slots = [text for row in grid for text in row]
    header_slots = [text for row in header for text in row]
    shape = [Check("header_empty_share", round(sum(1 for t in header_slots if t == "") / len(header_slots), 4)
                   if header_slots else 0.0),
             Check("covered_share", round(sum(1 for t in slots if t is None) / len(slots), 4) if slots else 0.0)]
    return [header_in_body(body, n_header), numeric_column_text(body, n_header), continuation_rows(body, n_header),
            label_continuation(body, n_header), list_or_equations(grid), header_without_words(header),
            split_label(cells, n_header), header_label_split(cells, n_header), header_numbers(cells, n_header),
            short_group_label(cells, n_header), *shape]


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _is_words(text: str | None) -> bool:
    """A filled cell with no digit that is not a placeholder (dash, n/a, ...)."""
    return bool(text) and not _has_digit(text) and not PLACEHOLDER.match(text)  # type: ignore[arg-type]


def numeric_columns(body: Grid) -> list[int]:
    """Columns after the first whose filled body cells (the first body row left out: it may be more
    header) are numbers: at least 3 hold a digit, and at least NUMERIC_COLUMN_SHARE of them do."""
    n_cols = max((len(row) for row in body), default=0)
    found = []
    for c in range(1, n_cols):
        texts = [row[c] for row in body[1:] if c < len(row) and row[c]]
        digits = sum(_has_digit(text) for text in texts)  # type: ignore[arg-type]
        if digits >= 3 and digits >= NUMERIC_COLUMN_SHARE * len(texts):
            found.append(c)
    return found


def header_in_body(body: Grid, n_header: int = 0) -> Check:
    """The first body row holds words over columns of numbers (`to air kg/year` over figures): it is more
    header, and the header was read a row short (or the table has none)."""
    if len(body) < 2:
        return Check("header_in_body", 0.0)
    first = body[0]
    words = [first[c] for c in numeric_columns(body) if c < len(first) and _is_words(first[c])]
    if not words:
        return Check("header_in_body", 0.0)
    shown = ", ".join(f"'{_short(text)}'" for text in words[:3])
    if not n_header:
        return Check("header_in_body", float(len(words)), f"row 1 reads like a header ({shown}) over columns of numbers")
    return Check("header_in_body", float(len(words)),
                 f"row {n_header + 1} reads like more header ({shown}) over columns of numbers: "
                 f"is the header {n_header + 1} rows deep?")


def numeric_column_text(body: Grid, n_header: int = 0) -> Check:
    """A column of numbers holding a cell of words further down (not a dash or n/a): a label or a line of
    prose slid into the grid, or a row split in two. The first column (labels) and a row holding nothing
    but its first cell (a section heading) are left out."""
    bad: list[str] = []
    for c in numeric_columns(body):
        for r, row in enumerate(body[1:], start=1):
            if c < len(row) and _is_words(row[c]):
                bad.append(f"column {c + 1} is numbers except '{_short(row[c])}' in row {r + n_header + 1}")
    return Check("numeric_column_text", float(len(bad)), _joined(bad))


def continuation_rows(body: Grid, n_header: int = 0) -> Check:
    """Rows with an empty first cell that fill fewer than half of the table's usual columns: a wrapped
    line of a cell above, read as a row of its own."""
    if len(body) < 3:
        return Check("continuation_rows", 0.0)
    widths = [sum(1 for text in row if text is None or text) for row in body]
    usual = sorted(widths)[len(widths) // 2]
    if usual < 3:
        return Check("continuation_rows", 0.0)
    bad = [r + n_header + 1 for r, (row, width) in enumerate(zip(body, widths))
           if r > 0 and row and row[0] == "" and 0 < width < usual / 2]
    reason = (f"row{'s' if len(bad) > 1 else ''} {_numbers(bad)}: an empty first cell and fewer than half of the "
              f"{usual} usual cells, like a wrapped line of the row above split off") if bad else None
    return Check("continuation_rows", float(len(bad)), reason)


JOINING = re.compile(r"(?:[,\-\u2010/&]|\b(?:and|or|of|for|in|on|the|with|to|by|per))$", re.IGNORECASE)
"""A label ending like this goes on: `Budget coefficient for coffee,` / `and`."""


def label_continuation(body: Grid, n_header: int = 0) -> Check:
    """Rows holding nothing but their first cell whose text goes on from the label above (that label ends with a
    comma, a hyphen or a joining word, or the row starts in lower case), in a table of 3 or more columns: the
    second line of a wrapped row label read as a row of its own."""
    bad = []
    for r in range(1, len(body)):
        row, above = body[r], body[r - 1]
        if len(row) < 3 or not row[0] or any(text for text in row[1:]):
            continue
        previous = (above[0] or "").rstrip()
        if previous and (JOINING.search(previous) or row[0][:1].islower()):
            bad.append(f"row {r + n_header + 1} ('{_short(row[0])}') goes on from the label above it")
    reason = _joined(bad)
    return Check("label_continuation", float(len(bad)),
                 None if reason is None else reason + ": a wrapped row label split into a row of its own?")


MARKER = re.compile(r"^(?:\(?(?:[ivxlc]+|\d{1,2}|[a-z])\)|\d{1,2}\.|[\u2022\u00b7\u2013\u2014*-])$", re.IGNORECASE)
"""A list item's marker: (i), iv), (3), 3., a), a bullet or a dash."""
EQUATION_NUMBER = re.compile(r"^\(\d{1,3}[a-z]?\)$")
"""An equation's number in the margin: (9), (12b)."""


def list_or_equations(grid: Grid) -> Check:
    """A grid of two or three columns whose first column is nothing but list markers ((i), 2., a bullet) or
    whose last column is nothing but equation numbers ((9)): a numbered list or displayed equations read as a
    table (the header row included; empty cells, a list item's wrapped lines, aside; two or more of them)."""
    if len(grid) < 2 or not 2 <= max(len(row) for row in grid) <= 3:
        return Check("list_or_equations", 0.0)
    first = [row[0] for row in grid if row and row[0]]
    last = [row[-1] for row in grid if row and row[-1]]
    if len(first) >= 2 and all(MARKER.match(text) for text in first):
        return Check("list_or_equations", 1.0, f"its first column is list markers ({', '.join(first[:3])}): a numbered "
                                               "list, not a table?")
    if len(last) >= 2 and all(EQUATION_NUMBER.match(text) for text in last):
        return Check("list_or_equations", 1.0, f"its last column is equation numbers ({', '.join(last[:3])}): "
                                               "displayed equations, not a table?")
    return Check("list_or_equations", 0.0)


def header_without_words(header: Grid) -> Check:
    """Header rows holding no word at all (only numbers or nothing): a body row taken for the header."""
    if not header:
        return Check("header_without_words", 0.0)
    texts = [text for row in header for text in row if text]
    if any(WORD.search(text) for text in texts):
        return Check("header_without_words", 0.0)
    rows = "rows hold" if len(header) > 1 else "row holds"
    return Check("header_without_words", 1.0, f"the header {rows} no words: a body row taken for the header?")


def _goes_on(upper: str, lower: str) -> bool:
    """Whether `lower` reads as the next line of `upper`: upper ends with a comma, hyphen or joining word, or lower
    starts in lower case (a number never goes on: it is a value)."""
    return not NUMBER.match(lower) and (bool(JOINING.search(upper.rstrip())) or lower[:1].islower())


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def split_label(cells: pd.DataFrame, n_header: int = 0) -> Check:
    """Two stacked one-row body cells of a column whose other labels span their rows, the lower going on from the
    upper (`Chronic fatigue` / `syndrome` under `Asthma` spanning its two rows): one wrapped label read as two.
    On the benchmark corpora of 2026-12-07 none of the 4 tables it fires on is exactly right."""
    if cells.empty:
        return Check("split_label", 0.0)
    body = cells[cells["row"] >= n_header]
    bad = []
    for col in sorted(set(body.loc[body["row_span"] >= 2, "col"])):
        column = body[(body["col"] == col) & (body["row_span"] <= 1) & (body["col_span"] <= 1)]
        text = {int(r): _text(t) for r, t in zip(column["row"], column["text"])}
        for row, upper in sorted(text.items()):
            lower = text.get(row + 1, "")
            if upper and lower and _goes_on(upper, lower):
                bad.append(f"rows {row + 1} and {row + 2} of column {int(col) + 1} hold '{_short(upper)}' / "
                           f"'{_short(lower)}'")
    reason = _joined(bad)
    return Check("split_label", float(len(bad)), None if reason is None else
                 reason + ", where the column's other labels span their rows: one wrapped label read as two?")


def header_label_split(cells: pd.DataFrame, n_header: int = 0) -> Check:
    """A column whose header labels stand in separate rows, under no label spanning columns, while another
    column's label spans every header row (`Percent of` / `Contamination` beside `Test set`): one label of two
    lines read as two rows. On the benchmark corpora of 2026-12-07, 3 of the 27 tables it fires on are exactly
    right (two of them a group label over one column)."""
    if n_header < 2 or cells.empty:
        return Check("header_label_split", 0.0)
    header = cells[cells["row"] < n_header]
    if not (header["row_span"] >= n_header).any():
        return Check("header_label_split", 0.0)
    bad = []
    for col in sorted(set(header["col"])):
        over = header[(header["col"] <= col) & (header["col"] + header["col_span"].clip(lower=1) > col)]
        if (over["col_span"] > 1).any() or (over["row_span"] > 1).any():
            continue
        texts = [_text(t) for _, t in sorted(zip(over["row"], over["text"])) if _text(t)]
        if len(texts) >= 2:
            bad.append(f"column {int(col) + 1}'s header is '{_short(texts[0])}' over '{_short(texts[1])}' in separate rows")
    reason = _joined(bad)
    return Check("header_label_split", float(len(bad)), None if reason is None else
                 reason + f" while other header labels span all {n_header}: one label read as two?")


def short_group_label(cells: pd.DataFrame, n_header: int = 0) -> Check:
    """A header label over one column with an empty header cell on its left, both over labelled columns in the
    row below (`` | 2010/2011`` over `Perkins | Morrison`): a group label that spans both read as one column's.
    On the benchmark corpora of 2026-12-07, 2 of the 35 tables it fires on are exactly right."""
    if n_header < 2 or cells.empty:
        return Check("short_group_label", 0.0)
    header = cells[cells["row"] < n_header]
    bad = []
    for row in range(n_header - 1):
        below: set[int] = set()
        for col, span, text in zip(*(header.loc[header["row"] == row + 1, k] for k in ("col", "col_span", "text"))):
            if _text(text):
                below |= set(range(int(col), int(col) + max(int(span), 1)))
        line = header[header["row"] == row]
        slots = {int(c): (_text(t), int(cs), int(rs)) for c, t, cs, rs in
                 zip(line["col"], line["text"], line["col_span"], line["row_span"])}
        for col, (text, col_span, row_span) in sorted(slots.items()):
            left = slots.get(col - 1)
            if (text and col_span == 1 and row_span == 1 and left is not None and not left[0] and left[1] == 1
                    and {col - 1, col} <= below):
                bad.append(f"the header label '{_short(text)}' in row {row + 1} stands over column {col + 1} only, "
                           f"with column {col}'s cell empty beside it")
    reason = _joined(bad)
    return Check("short_group_label", float(len(bad)), None if reason is None else
                 reason + ": a group label over both columns read as one column's?")


NUMBER = re.compile(r"^[-+\u2212\u2013]?\(?\d[\d,.]*%?\)?$")
"""One number as a cell prints it: 12, -0.5, 1,024, (3.2), 45%."""


def header_numbers(cells: pd.DataFrame, n_header: int = 0) -> Check:
    """A header cell holding three or more numbers (`Precision 0.54 0.53 0.57`): body rows read into the header.
    On the benchmark corpora of 2026-12-07 none of the 5 tables it fires on is exactly right."""
    if cells.empty or not n_header:
        return Check("header_numbers", 0.0)
    header = cells[cells["row"] < n_header]
    bad = []
    for text in header["text"]:
        numbers = [token for token in _text(text).split() if NUMBER.match(token)]
        if len(numbers) >= 3:
            bad.append(f"the header cell '{_short(_text(text))}' holds {len(numbers)} numbers")
    reason = _joined(bad)
    return Check("header_numbers", float(len(bad)), None if reason is None else
                 reason + ": body rows read into the header?")


def _short(text: str | None, limit: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _numbers(values: Sequence[int], limit: int = 5) -> str:
    shown = ", ".join(str(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _joined(reasons: Iterable[str], limit: int = 3) -> str | None:
    reasons = list(reasons)
    if not reasons:
        return None
    return "; ".join(reasons[:limit]) + (f" (and {len(reasons) - limit} more)" if len(reasons) > limit else "")


def as_evidence(checks: Iterable[Check]) -> Mapping[str, float]:
    """The checks as evidence entries."""
    return {check.key: check.value for check in checks}
