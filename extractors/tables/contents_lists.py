"""A table of contents is not a table, though its entries and page numbers line up in two columns.

A book's or report's contents page sets each entry flush left and its page number flush right; the aligned and
ruled finders see two columns, and the page numbers make half the cells numbers, so the layout model is not
asked (DP-Bench: 7 of the 13 tables found on its pages whose truth holds none were contents lists). An
uncaptioned block is a contents list when every filled cell of its last column is a page number (arabic, or
roman for the front matter), the arabic ones never going back down the page and rising overall, with no head
over them, and every other filled cell holds words: a data table names its columns, and its numbers are not
page numbers in order.
"""
from __future__ import annotations

import re

from extractors.model import TableItem

_PAGE_REF = re.compile(r"^(?:\d{1,3}|[ivxlc]{1,7})$")
MIN_REFS = 4  # a contents list: this many page numbers
MIN_ENTRIES = 3  # and this many entries in words (the first one's text may be read apart from its number)


def _page_refs(text: str) -> list[str] | None:
    """The page numbers a cell holds ('12', 'vii', 'vii ix xi'), or None when it holds anything else."""
    tokens = text.split()
    return tokens if tokens and all(_PAGE_REF.match(t) for t in tokens) else None


def is_contents_list(table: TableItem) -> bool:
    """Whether an uncaptioned table reads as a table of contents: entries in words, page numbers in order."""
    if table.label is not None or table.n_cols < 2 or table.n_rows < MIN_REFS:
        return False
    last = table.n_cols - 1
    numbers: list[int] = []
    entries = refs_seen = 0
    for cell in sorted(table.cells, key=lambda c: c.row):
        text = cell.text.strip()
        if not text:
            continue
        if cell.col + cell.col_span - 1 == last and cell.col_span == 1:
            refs = _page_refs(text)
            if refs is None:
                return False  # a head or a value that is no page number: a data table
            numbers += [int(t) for t in refs if t.isdigit()]
            refs_seen += len(refs)
        elif not re.search(r"[^\W\d_]{2}", text):
            return False  # a number or a mark in an entry's column: a data table's cell
        else:
            entries += 1
    rising = all(a <= b for a, b in zip(numbers, numbers[1:]))
    return refs_seen >= MIN_REFS and len(numbers) >= 2 and rising and numbers[-1] > numbers[0] \
        and entries >= MIN_ENTRIES
