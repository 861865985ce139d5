"""Tables continued across pages: link each part to the part before it (`continued_from`).

A part continues the previous page's last table when that table runs to the bottom of its page, the
part is the first table at the top of its page, has the same number of columns, and either repeats the
header row or carries the same label or a '(continued)' caption. The same label on both parts links them
even when their column counts differ (one part misread: evidence `continued_width_differs`, so review sees
it), rather than publishing the second part as a table of its own. Pure: works on the TableItems of a whole
document.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence

from extractors.model import TableItem

_CONTINUED = re.compile(r"\(?\s*(continued|cont(?:'d|\.)|suite)\s*\)?", re.IGNORECASE)


def link_continued_tables(tables: Sequence[TableItem], page_heights: Sequence[float],
                          content_tops: Sequence[float] = ()) -> tuple[TableItem, ...]:
    """The same tables, with `continued_from` (index of the previous part) set on continuations.

    Only a table ending in the bottom third of its page can continue, and only into a table starting in
    the top third of the next page, with nothing printed above it but the running header
    (`page_heights` and `content_tops`, where text starts below the running header, by page number - 1).
    """
    linked = list(tables)
    for index, table in enumerate(tables):
        previous = _last_on_page(tables, table.page - 1)
        if previous is None or _first_on_page(tables, table.page) != index:
            continue
        prev_table = tables[previous]
        same_label = table.label is not None and table.label == prev_table.label
        if prev_table.n_cols != table.n_cols and not same_label:
            continue  # (the same label on both parts links them even when one part's columns were misread)
        ends_low = prev_table.bbox[3] > 2 / 3 * page_heights[prev_table.page - 1]
        starts_high = table.bbox[1] < 1 / 3 * page_heights[table.page - 1]
        continued = table.caption is not None and bool(_CONTINUED.search(table.caption))
        if content_tops and table.bbox[1] > content_tops[table.page - 1] + 2 and not (same_label or continued):
            continue  # a heading or text stands above it: a new table, not a continuation
        if not (ends_low and starts_high):
            continue
        untitled = table.label is None or continued or same_label
        if untitled and (same_label or continued or _repeats_header(prev_table, table)):
            evidence = table.evidence + ((("continued_width_differs", 1.0),) if prev_table.n_cols != table.n_cols
                                         else ())
            linked[index] = dataclasses.replace(
                _without_header(table) if not _repeats_header(prev_table, table) else table,
                continued_from=previous, label=table.label or prev_table.label,
                caption=table.caption if table.label and not continued else prev_table.caption, evidence=evidence)
            if prev_table.footnotes and _CONTINUED.search(prev_table.footnotes) and len(prev_table.footnotes) < 40:
                linked[previous] = dataclasses.replace(linked[previous], footnotes=None)  # 'continued on next page'
    return tuple(linked)


def _without_header(part: TableItem) -> TableItem:
    """A continued part that does not repeat the first part's header starts with body rows: what read as its
    header (a section row `Other`, the first row of values) is its first rows (a part of text rows on the next
    page, BMC)."""
    if part.n_header_rows == 0:
        return part
    cells = tuple(dataclasses.replace(cell, is_header=False) if cell.is_header else cell for cell in part.cells)
    return dataclasses.replace(part, cells=cells, n_header_rows=0)


def _repeats_header(first: TableItem, part: TableItem) -> bool:
    """The part's first row holds the same labels as the first part's, in the same order (where a group label
    of one was read over other columns than the other's, the texts still agree)."""
    if first.n_header_rows < 1:
        return False
    return _row(first, 0) == _row(part, 0) and any(_row(first, 0))


def _row(table: TableItem, row: int) -> list[str]:
    """The row's non-empty texts, left to right, without spaces, NFKC and case-folded."""
    cells = sorted((c for c in table.cells if c.row == row and c.text.strip()), key=lambda c: c.col)
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", c.text)).casefold() for c in cells]


def _last_on_page(tables: Sequence[TableItem], page: int) -> int | None:
    on_page = [i for i, t in enumerate(tables) if t.page == page]
    return max(on_page, key=lambda i: tables[i].bbox[3]) if on_page else None


def _first_on_page(tables: Sequence[TableItem], page: int) -> int | None:
    on_page = [i for i, t in enumerate(tables) if t.page == page]
    return min(on_page, key=lambda i: tables[i].bbox[1]) if on_page else None
