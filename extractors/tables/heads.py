"""Header labels beside and under one another: a head wrapped onto the next line, \\multirow heads lowered
half a row beside a row's labels, and labels sharing out the columns under them."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.numbers import parse_cell
from extractors.page_content import Rule, Word
from extractors.tables.columns import _columns_covered

LOWERED_PITCH = 0.8  # font sizes: a head whose line lies this close under a label's line is set beside it
LOWERED_IN_BAND = 0.3  # font sizes: a head this far under its own band's line (banded with it) is lowered too


def lowered_heads(rows: Sequence[Sequence[Sequence[Word]]], r: int, columns: list[tuple[float, float]],
                  labels_above: Sequence[float]) -> tuple[list[bool], set[int]]:
    """Row r's segments set less than a line under a group label of the row above (the middles of its labels
    placed over two columns or more, `labels_above`) or under their own row's line, banded with it: \\multirow
    heads lowered half a row, which keep their own columns. And the columns of the next row's segments set less
    than a line under row r's line (its highest label right of the stub): heads beside its labels, not under
    them, which no label of row r spans (a label's heads are a line under it)."""
    def middle(segment: Sequence[Word]) -> float:
        return (min(w.bbox[1] for w in segment) + max(w.bbox[3] for w in segment)) / 2

    def hangs(segment: Sequence[Word], lines: Sequence[float], least: float = 0.0) -> bool:
        size = max(w.size for w in segment)
        return any(least * size < middle(segment) - line < LOWERED_PITCH * size for line in lines[:1])

    def line(segments: Sequence[Sequence[Word]]) -> list[float]:
        return sorted(middle(seg) for seg in segments if _columns_covered(seg, columns)[0] > 0)[:1]

    hanging = [hangs(seg, sorted(labels_above)) or hangs(seg, line(rows[r]), LOWERED_IN_BAND) for seg in rows[r]]
    below = rows[r + 1] if r + 1 < len(rows) else []
    beside = {c for seg in below if hangs(seg, line(rows[r]))  # (a stub head lowered beside: no label's concern)
              for c in range(_columns_covered(seg, columns)[0], _columns_covered(seg, columns)[1] + 1) if c > 0}
    return hanging, beside


def _wraps_onto(segment: Sequence[Word], own: tuple[int, int], below: Sequence[Sequence[Word]],
                columns: list[tuple[float, float]], rules: Sequence[Rule]) -> str | None:
    """A head in one column set right above a head of the same column, one line apart with no rule between
    (a head wrapped over lines, \\makecell): "flush" when the two start at the same x, else "centred";
    None when no such line is under it."""
    if own[0] != own[1]:
        return None
    x0, x1 = segment[0].bbox[0], segment[-1].bbox[2]
    bottom, size = max(w.bbox[3] for w in segment), max(w.size for w in segment)
    for other in below:
        ox0, ox1 = other[0].bbox[0], other[-1].bbox[2]
        top = min(w.bbox[1] for w in other)
        ruled = any(r.bbox[0] < x1 and r.bbox[2] > x0 and bottom - 2 <= r.bbox[1] <= top + 2 for r in rules)
        if _columns_covered(other, columns) == own and -0.3 * size <= top - bottom <= 0.6 * size and not ruled \
                and min(x1, ox1) - max(x0, ox0) >= 0.5 * min(x1 - x0, ox1 - ox0):
            return "flush" if abs(x0 - ox0) <= 0.5 else "centred"
    return None


SHARED_CENTRING = 0.1  # share of a run's width: a label sharing out columns is set this near their middle


def _takes_shared(segment: Sequence[Word], columns: list[tuple[float, float]], own: tuple[int, int],
                  shared: tuple[int, int], below: Sequence[Sequence[Word]]) -> bool:
    """Whether a label takes the columns shared out to it (see _shared_out_columns): not the stub column when
    it is centred on the columns it covers itself ('Short term' over two, not the stub's too), nor when set far
    off the shared run's middle, unless flush left with it (a lone head lowered beside group labels)."""
    if shared[0] == 0 < own[0] < own[1] and _off_centre(segment, columns, own, below) <= GROUP_CENTRING:
        return False
    a, b = columns[shared[0]][0], columns[shared[1]][1]
    return abs(segment[0].bbox[0] - a) <= 1.0 \
        or abs((segment[0].bbox[0] + segment[-1].bbox[2]) / 2 - (a + b) / 2) <= SHARED_CENTRING * (b - a) + 2.0


GROUP_CENTRING = 2.0  # points: a group label is centred over its columns this precisely (LaTeX: to 0.3 pt)


def _off_centre(segment: Sequence[Word], columns: list[tuple[float, float]], run: tuple[int, int],
                below: Sequence[Sequence[Word]]) -> float:
    """How far a label's centre lies from the centre of a run of columns, the heads under it included (a group
    label is centred over its columns as wide as their heads); infinite for a single column."""
    if run[0] == run[1]:
        return float("inf")
    x0, x1 = columns[run[0]][0], columns[run[1]][1]
    for other in below:
        first, last = _columns_covered(other, columns)
        if run[0] <= first and last <= run[1]:
            x0, x1 = min(x0, other[0].bbox[0]), max(x1, other[-1].bbox[2])
    return abs((segment[0].bbox[0] + segment[-1].bbox[2]) / 2 - (x0 + x1) / 2)


def label_value_rows(rows: Sequence[Sequence[Sequence[Word]]]) -> bool:
    """Rows of a text label and one plain number each, in a table of two columns (`Source articles  28,009`): the
    body of a table of counts with no header row, whatever rule lies under its first rows (NLP papers' corpus
    statistics), never its header."""
    def row_of_counts(row: Sequence[Sequence[Word]]) -> bool:
        value = parse_cell(" ".join(w.text for w in row[-1]))
        label = " ".join(w.text for w in row[0])
        return len(row) == 2 and value.value is not None and not value.unit and parse_cell(label).value is None \
            and not _YEAR.match(label) and not _YEAR.match(" ".join(w.text for w in row[-1]))

    return bool(rows) and all(len(row) <= 2 for row in rows) and all(row_of_counts(row) for row in rows)


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
