"""Rows and spans of the body: rows ruled row by row, cells spanning ruled rows, \\multirow labels, and
body rows whose label wraps over several lines joined into one row."""
from __future__ import annotations

from collections.abc import Mapping

from extractors.numbers import parse_cell
from extractors.tables.base import Region, TableOptions
from extractors.tables.columns import frame_verticals
from extractors.tables.header import _numeric_rows
from extractors.tables.segments import segment_bands
from extractors.tables.slots import Slot, SlotGrid, join_wrapped

MIN_INNER_RULES = 2  # wide rules between the first and last line: under the header and between two rows
OPEN_ENDINGS = frozenset({"the", "a", "an", "of", "and", "or", "in", "to", "with", "for", "on", "by", "from",
                          "at", "into", "onto", "than", "that", "which"})  # a line ending so runs on
MAX_LINES_PER_RULED_ROW = 12  # a cell of running text may wrap over this many lines


def ruled_row_groups(region: Region) -> list[int] | None:
    """The row each band belongs to, when rules drawn between the rows say where rows end.

    A table is ruled row by row when it has two or more wide inner rules and no two lines of numbers
    (or two full lines, every column filled, starting at the left edge) share the space between two rules; then the lines of a
    cell that wraps (and the values centred beside it) lie between the same two rules and form one row.
    None for tables ruled only at the top, under the header and at the bottom, or in groups of rows. In a
    drawn grid (vertical rules at both edges) only two lines of numbers between two rules say "groups".
    """
    bands = region.bands
    if len(bands) < 3:
        return None
    x0, _, x1, _ = region.bbox
    width = x1 - x0
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in bands]
    separators = sorted({round((r.bbox[1] + r.bbox[3]) / 2, 1) for r in region.whole_rules
                         if r.horizontal and r.length >= 0.2 * width and centres[0] < r.bbox[1] < centres[-1]})
    wide_ys = [(r.bbox[1] + r.bbox[3]) / 2 for r in region.whole_rules if r.horizontal and r.length >= 0.5 * width]
    wide = [y for y in separators if any(abs(w - y) < 0.2 for w in wide_ys)]
    if len(wide) < MIN_INNER_RULES:
        return None
    groups = [sum(1 for y in separators if y < c) for c in centres]
    ids = sorted(set(groups))
    rank = {g: i for i, g in enumerate(ids)}
    groups = [rank[g] for g in groups]
    sizes = [groups.count(g) for g in range(len(ids))]
    # a drawn grid (a frame, or column rules reaching every row rule): its rules close cells, however many
    # lines they hold; only a frame also lets two full lines share a cell (column rules alone also run
    # through tables ruled only under the header and above the total)
    framed = bool(frame_verticals(region))
    if not (framed or _column_ruled(region, wide)) and (
            sum(1 for n in sizes if n == 1) < 0.25 * len(sizes) or max(sizes) > MAX_LINES_PER_RULED_ROW):
        return None
    # Two lines of numbers, or two full lines starting at the left edge, between the same two rules are
    # two rows: rules that set off groups of rows (a \midrule after every pair), not a table ruled row by row.
    segments = segment_bands(bands, region.rules, TableOptions())
    numeric = _numeric_rows(segments)
    widest = max(len(s) for s in segments)
    left = min(b.bbox[0] for b in bands)
    starts = [len(s) >= max(2, widest) and b.bbox[0] < left + b.size for s, b in zip(segments, bands)]
    for group in range(len(ids)):
        members = [i for i, g in enumerate(groups) if g == group]
        if sum(numeric[i] for i in members) >= 2 or (not framed and sum(starts[i] for i in members) >= 2):
            return None
    return groups


def _column_ruled(region: Region, row_rules: list[float]) -> bool:
    """Two or more vertical rules inside the table that reach every one of its inner row rules."""
    x0, _, x1, _ = region.bbox
    top, bottom = min(row_rules) + 2, max(row_rules) - 2  # starting or ending on the outer ones counts
    crossing = [r for r in region.whole_rules if not r.horizontal and x0 + 8 < r.bbox[0] < x1 - 8
                and r.bbox[1] <= top and r.bbox[3] >= bottom]
    return len(crossing) >= 2


def _rule_under(region: Region, row_of_band: list[int], columns: list[tuple[float, float]]):  # type: ignore[no-untyped-def]
    """A test `closed(row, col)`: is a horizontal rule drawn across column `col` between `row` and `row + 1`?"""
    rules = [r for r in region.whole_rules if r.horizontal]
    centres = [(b.bbox[1] + b.bbox[3]) / 2 for b in region.bands]

    def closed(row: int, col: int) -> bool:
        upper = max(c for c, g in zip(centres, row_of_band) if g == row)
        lower = min(c for c, g in zip(centres, row_of_band) if g == row + 1)
        middle = (columns[col][0] + columns[col][1]) / 2
        return any(upper < r.bbox[1] < lower and r.bbox[0] - 1 <= middle <= r.bbox[2] + 1 for r in rules)

    return closed


def _open_row_spans(slots: SlotGrid, closed, n_header: int,  # type: ignore[no-untyped-def]
                    n_rows: int) -> tuple[SlotGrid, dict[tuple[int, int], int]]:
    """Row spans in a table ruled row by row: a body cell whose column has no rule above or under it,
    next to empty cells, reaches into those rows (a label drawn across several ruled rows, centred on one
    of them). Its text moves to the top row of its span."""
    def empty(row: int, col: int) -> bool:
        return not slots.text(row, col)

    spans: dict[tuple[int, int], int] = {}
    for (row, col), (text, span) in sorted(slots.items()):
        if row < n_header or not text:
            continue
        top = row
        while top - 1 >= n_header and empty(top - 1, col) and not closed(top - 1, col):
            top -= 1
        bottom = row
        while bottom + 1 < n_rows and empty(bottom + 1, col) and not closed(bottom, col):
            bottom += 1
        if bottom > top:
            if top < row:
                slots = slots.moved((row, col), (top, col), Slot(text, span))
            spans[(top, col)] = bottom - top + 1
    return slots, spans


def _wrapped_heads_joined(slots: SlotGrid, closed, n_header: int) -> SlotGrid:  # type: ignore[no-untyped-def]
    """In a ruled header, a head whose cell spans two rows and wraps may set its two lines one in each row's
    band (`Energy,` / `eV`): with no rule between them, the lower line goes on the upper one (which then
    reaches down over the emptied cell, `_header_cells_down`)."""
    for row in range(n_header - 2, -1, -1):
        for col, (text, span) in sorted(slots.row(row).items()):
            lower = slots.get(row + 1, col)
            if text and lower.text and span == 1 and lower.span == 1 and not closed(row, col):
                slots[(row, col)] = Slot(join_wrapped(text, lower.text), 1)
                slots.pop((row + 1, col))
    return slots


def _header_cells_down(slots: SlotGrid, closed, n_header: int) -> dict[tuple[int, int], int]:  # type: ignore[no-untyped-def]
    """Row spans in a ruled header: a head with no rule under it over empty, uncovered cells of the header's
    lower rows reaches down to the last of them (`Length` beside `Simulation` over `Flux  Yield  Rate`)."""
    covered = slots.covered_by_spans()

    def open_below(row: int, col: int, span: int) -> bool:
        return all(not slots.text(row, c) and (row, c) not in covered and not closed(row - 1, c)
                   for c in range(col, col + span))

    spans: dict[tuple[int, int], int] = {}
    for (row, col), (text, span) in sorted(slots.items()):
        if row >= n_header - 1 or not text:
            continue
        bottom = row
        while bottom + 1 < n_header and open_below(bottom + 1, col, span):
            bottom += 1
        if bottom > row:
            spans[(row, col)] = bottom - row + 1
    return spans


def _join_lines_into_rows(slots: SlotGrid, row_of_band: list[int]) -> SlotGrid:
    """Collapse band-indexed slots into rows: texts in one column of one row join top to bottom."""
    out = SlotGrid()
    for (band, c), (text, span) in sorted(slots.items()):
        key = (row_of_band[band], c)
        if key in out:
            above, above_span = out[key]
            out[key] = Slot(join_wrapped(above, text), max(above_span, span))
        else:
            out[key] = Slot(text, span)
    return out


def _multirow_labels(slots: SlotGrid, n_header: int,
                     n_rows: int) -> tuple[SlotGrid, dict[tuple[int, int], int], int]:
    """A first-column label printed on its own line between two rows that have no label of their own
    spans both (LaTeX \\multirow): it moves to the upper row with row_span 2 and its line goes."""
    row_spans: dict[tuple[int, int], int] = {}
    r = n_header
    while r + 2 < n_rows:
        above, label, below = slots.filled(r), slots.filled(r + 1), slots.filled(r + 2)
        text = slots.text(r + 1, 0)
        continuation = bool(text) and (text[0].islower() or text[0] in "(-–&")
        if label == {0} and not continuation and above and below and 0 not in above and 0 not in below:
            moved = slots.pop((r + 1, 0))
            slots = slots.rows_up_after(r + 1)
            slots[(r, 0)] = moved
            row_spans[(r, 0)] = 2
            n_rows -= 1
            r += 2
            continue
        r += 1
    return slots, row_spans, n_rows


def _merge_wrapped_body_rows(slots: SlotGrid, n_header: int, n_rows: int,
                             line_ends: Mapping[int, Mapping[tuple[str, str], str]] | None = None,
                             ) -> tuple[SlotGrid, int]:
    """Join body rows that are one row whose first-column label wraps over two or three lines.

    Five shapes: a label line with the values on a lower line (values centred on the wrapped label),
    a values row followed by a label continuation that starts in lower case or with '(', a
    labelled row (or one whose cells wrapped, under a label spanning rows) followed by a line that only continues
    its text cells, but not where a cell's sentence ended with room to spare (or a short entry ended) and the
    next line starts with a capital, nor a line of several cells not all of which go on (both: a new entry
    under a label spanning rows), and a row of text cells followed by a line that continues each
    of them, where each cell's line wrapped (`line_ends`: column -> how each line ended before the next, from
    the page's geometry) and one goes on in lower case; and a line holding one number alone, under a number
    of a labelled row: a second value stacked in that cell (no table of the corpora has such a row).
    """
    def continues(r: int) -> bool:
        text = slots.text(r, 0)
        return slots.filled(r) == {0} and bool(text) and (text[0].islower() or text[0] in "(-–&")

    def line_end(r: int, c: int) -> str | None:
        """How the cell's last line ended before row r + 1's line in its column (see `line_ends`)."""
        return next((end for (line, rest), end in (line_ends or {}).get(c, {}).items()
                     if slots.text(r, c).endswith(line) and slots.text(r + 1, c) == rest), None)

    def wrapped_on(r: int, c: int) -> bool:
        return line_end(r, c) == "wrapped"

    def number(r: int, c: int) -> bool:
        return parse_cell(slots.text(r, c)).value is not None

    def open_end(r: int, c: int) -> bool:
        """The cell's text so far ends on a word that cannot end a phrase ('in the'); set in lower case, as
        running text sets it ('Site A' ends a name)."""
        words = slots.text(r, c).split()
        return bool(words) and words[-1] in OPEN_ENDINGS

    def starts_anew(r: int, c: int) -> bool:
        """Row r + 1 starts with a capital after a sentence that ended with room to spare, or after a short
        entry: a new entry under a label spanning rows."""
        end = line_end(r, c)
        return end is not None and end != "wrapped" and not open_end(r, c) and slots.text(r + 1, c)[:1].isupper() \
            and (end in ("short", "spaced") or slots.text(r, c).rstrip().endswith((".", "!", "?")))

    def goes_on(r: int, c: int) -> bool:
        """Row r + 1's line in column c continues the cell above: its line wrapped, ended on a word that cannot
        end a phrase ('in the'), or the next starts in lower case."""
        return wrapped_on(r, c) or slots.text(r + 1, c)[:1].islower() or open_end(r, c)

    def runs_on(r: int) -> bool:
        """The stub label's last line goes on in row r + 1's by the stub's width (`stub_wraps.stub_runs_on`)."""
        text, nxt = slots.text(r, 0), slots.text(r + 1, 0)
        return any(text.endswith(line) and nxt == rest for line, rest in (line_ends or {}).get(-2, {}))

    def label_runs_on(r: int) -> bool:
        """A label alone on its line goes on in the next line's label (a stub label wrapped, its values on its
        last line: US statistical tables) when the next line is hung in from it (a sub-entry is indented too:
        the words decide) and either the label ends on a word that cannot end a phrase or on a comma, or the
        next line starts in lower case or with '(' and the line after it does not (a section label over
        indented lower-case entries: `Branched saturated` / `iso-C13 : 0` / `iso-C15 : 0`); never after a colon
        (`Age:`). Flush lines are a section row's entries (`Winter` / `k-NN`) unless the label cannot end there
        (a slash or a word such as `and`: atlas-cms-higgs-mass's `ATLAS ECAL non-linearity /`)."""
        text, nxt = slots.text(r, 0).rstrip(), slots.text(r + 1, 0)
        hung = any(text.endswith(line) and nxt == rest for line, rest in (line_ends or {}).get(-1, {}))
        if not text or not nxt or text.endswith(":"):
            return False
        if runs_on(r):
            return True
        if not hung:  # flush: only a line that cannot end (`ATLAS ECAL non-linearity /`, `Offenses against the`)
            return text.endswith("/") or text.split()[-1] in OPEN_ENDINGS
        after = slots.text(r + 2, 0)
        return text.split()[-1] in OPEN_ENDINGS or text.endswith((",", ";")) or (
            (nxt[0].islower() or nxt[0] == "(") and not after[:1].islower())

    merged = 0
    r = n_header
    while r + 1 < n_rows - merged:
        here, below = slots.filled(r), slots.filled(r + 1)
        if here == {0} and 0 in below and label_runs_on(r):
            slots = slots.merge_rows(r)
            merged += 1
            continue
        if here == {0} and below and 0 not in below:
            slots = slots.merge_rows(r)
            merged += 1
            if r + 1 < n_rows - merged and continues(r + 1):
                slots = slots.merge_rows(r)
                merged += 1
            continue
        if 0 in here and len(here) > 1 and (continues(r + 1) or below == {0} and runs_on(r)):
            slots = slots.merge_rows(r)
            merged += 1
            continue
        if below and 0 not in below and below <= here and not any(number(r, c) for c in below) \
                and not _next_row_of_centred_group(slots, r, n_header) \
                and not any(starts_anew(r, c) for c in below) \
                and (len(below) == 1 or all(goes_on(r, c) for c in below)) \
                and (0 in here or all(wrapped_on(r, c) for c in below)):  # under a label spanning rows: wrapped
            slots = slots.merge_rows(r)  # a text cell wrapping onto a line of its own
            merged += 1
            continue
        if len(below) == 1 and 0 in here and below < here and number(r + 1, min(below)) and number(r, min(below)):
            slots = slots.merge_rows(r)  # a second value stacked in one cell ("24*" over "157**")
            merged += 1
            continue
        if line_ends and 0 in below and len(here) >= 2 and below <= here and all(wrapped_on(r, c) for c in below) \
                and not any(number(r + 1, c) for c in below) \
                and any(slots.text(r + 1, c)[:1].islower() for c in below):
            slots = slots.merge_rows(r)  # every text cell of the row wraps, its label too
            merged += 1
            continue
        others = below - {0}
        if line_ends and 0 in below and len(others) >= 3 and below <= here \
                and all(goes_on(r, c) for c in others) and 3 * sum(wrapped_on(r, c) for c in others) >= 2 * len(others) \
                and any(slots.text(r + 1, c)[:1].islower() for c in others) \
                and not any(number(r + 1, c) for c in below):
            slots = slots.merge_rows(r)  # a row of paragraphs going on, its label on a second line of its own
            merged += 1
            continue
        r += 1
    return slots, merged


def _next_row_of_centred_group(slots: SlotGrid, r: int, n_header: int) -> bool:
    """Row r + 1 is the next row of a group whose first-column label is centred on it (\\multirow), not r's
    cells wrapping: the table's first body row has cells but no label, and so has row r - 1 or r, and not every
    cell of r + 1 goes on in lower case or after a word that cannot end a phrase (a short cell in a narrow
    column reads as wrapped by its width alone; `Model A` does not end on the article)."""
    def unlabelled(row: int) -> bool:
        filled = slots.filled(row)
        return bool(filled) and 0 not in filled

    if not (r - 1 >= n_header and unlabelled(n_header) and (unlabelled(r - 1) or unlabelled(r))):
        return False
    return not all(slots.text(r + 1, c)[:1].islower() or (slots.text(r, c).split() or [""])[-1] in OPEN_ENDINGS
                   for c in slots.filled(r + 1))


def _centred_stub_groups(slots: SlotGrid, row_spans: dict[tuple[int, int], int], n_header: int,
                         n_rows: int) -> tuple[SlotGrid, dict[tuple[int, int], int]]:
    """First-column labels centred on their groups of rows (\\multirow{3}, a merged cell centred
    vertically) span their whole group, their text in its top row.

    Taken only where the table shows it centres: its first body row has no label while a later row has
    one, or a label already sat between two rows (`_multirow_labels`). Each label's centre then fixes where
    its group ends, starting from the first body row; the groups must tile the body exactly, or nothing
    changes. Tables whose labels head their groups (label in the top row, empty cells under it) fail that
    first test and keep their rows as they are."""
    labels = [(r, row_spans.get((r, 0), 1)) for r in range(n_header, n_rows) if slots.text(r, 0)]
    if len(labels) < 2 or sum(span for _, span in labels) == n_rows - n_header:
        return slots, row_spans
    first_empty = not slots.text(n_header, 0) and any(c > 0 for c in slots.filled(n_header))
    if not (first_empty or any(span == 2 for _, span in labels)):
        return slots, row_spans
    if any(slots.filled(r) == {0} for r, _ in labels):  # section headings on rows of their own
        return slots, row_spans
    groups: list[tuple[int, int, int]] = []  # (label row, first row, rows)
    top = n_header
    for row, span in labels:
        size = 2 * row + span - 2 * top  # the group's centre is the label's centre
        if size < span or row < top:
            return slots, row_spans
        groups.append((row, top, size))
        top += size
    if top != n_rows:
        return slots, row_spans
    spans = {k: v for k, v in row_spans.items() if k[1] != 0}
    for row, first, size in groups:
        if first < row:
            slots = slots.moved((row, 0), (first, 0), slots[(row, 0)])
        if size > 1:
            spans[(first, 0)] = size
    return slots, spans
