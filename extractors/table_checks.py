"""Second readings of a table from its page's words and rules: evidence that tells near misses from exact grids.

The table engines decide columns from many cues (rules, header spans, wrapped cells, numbers' alignment).
These checks read the same box the simplest ways and say where the page and the grid disagree:
- `columns_differ`: the page's words inside the box, projected onto the x axis, leave another number of
  columns (a boundary wherever a gutter of at least half a line height crosses every word) than the grid has
  (docs/confidence.md, version 3: exact 53% against 90% on realdev, 46% against 73% on random tables);
- `words_lost`: words printed inside the box that no cell holds (a turned row label, a lost last line);
- `cell_gaps`: cells of one line whose words leave a gap of a column gutter (an em or more) between them:
  two columns' text read as one cell, or lines of prose taken into the grid;
- `rules_in_cells`: cells of two or more lines that a horizontal rule crosses between their lines: a group
  label and the header row under its rule read as one row;
- `row_below`: the line just under the box reads as one more row of the grid (its words in the grid's columns,
  a gutter between them, a number among them): a last row left outside the box.
Pure functions over the table (its cells' boxes, `extractors/cell_boxes.py`) and its page's text lines and rules.
"""
from __future__ import annotations

import dataclasses
import itertools
import math
import re
import statistics
import unicodedata
from collections.abc import Sequence

from extractors.model import Cell, TableItem
from extractors.page_content import Rule, TextLine, Word
from extractors.types import BBox

GUTTER = 0.5
"""A column boundary is a vertical strip at least this many word heights wide that no word in the box crosses."""
CELL_GAP = 1.0
"""A gap between two words of one cell's line at least this many word heights wide is a column gutter (a
space between words is about a quarter to a third of one)."""
SHOWN = 3
"""Words of the page quoted in a check's `_text` entry, for the curator."""
ROW_BELOW_GAP = 1.0
"""The line read as a possible last row starts within this many word heights under the table's box."""
NOT_A_ROW = re.compile(r"(?i)^(?:tab|table|fig|figure|note|notes|source|sources)\b")
"""A line under a table that starts like this is its note or the next caption, not a row."""


def table_checks(table: TableItem, lines: Sequence[TextLine], rules: Sequence[Rule] = ()) -> TableItem:
    """The table with the second readings in its evidence: `text_columns` (the text-only reading's column count),
    `columns_differ` (1 when it is not the grid's), `words_lost`, `cell_gaps`, `rules_in_cells`, `row_below`
    (counts, 0 when the page agrees), `words_lost_text` (the first words lost, quoted) and `row_below_text` (the
    line) when some are; unchanged when no word of the page lies in its box (an image table)."""
    words = words_inside(table.bbox, lines)
    if not words:
        return table
    count = text_columns(words)
    height = statistics.median(w.bbox[3] - w.bbox[1] for w in words)
    lost = lost_words(table.cells, words)
    cells = [cell for cell in table.cells if cell.bbox is not None and cell.text.strip()]
    added: dict[str, float | str] = {
        "text_columns": float(count), "columns_differ": float(count != table.n_cols),
        "words_lost": float(len(lost)),
        "cell_gaps": float(sum(1 for cell in cells if cell_gap(cell, words, height) is not None)),
        "rules_in_cells": float(sum(1 for cell in cells if rule_in_cell(cell, rules, height))),
    }
    below = row_below(table.bbox, table.cells, lines, height)
    added["row_below"] = float(below is not None)
    if below is not None:
        added["row_below_text"] = below if len(below) <= 60 else below[:59] + "…"
    if lost:
        added["words_lost_text"] = ", ".join(f"'{w.text}'" for w in lost[:SHOWN]) + (" ..." if len(lost) > SHOWN else "")
    evidence = dict(table.evidence) | added
    return dataclasses.replace(table, evidence=tuple(sorted(evidence.items())))


def words_inside(box: BBox, lines: Sequence[TextLine]) -> list[Word]:
    """The words of the lines whose centre lies inside the box."""
    x0, y0, x1, y1 = box
    return [w for line in lines for w in line.words
            if x0 <= (w.bbox[0] + w.bbox[2]) / 2 <= x1 and y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1]


def text_columns(words: Sequence[Word]) -> int:
    """How many columns the words' x-extents leave between gutters of at least GUTTER word heights."""
    if not words:
        return 0
    gap = GUTTER * statistics.median(w.bbox[3] - w.bbox[1] for w in words)
    spans = sorted((w.bbox[0], w.bbox[2]) for w in words)
    count, right = 1, spans[0][1]
    for left, end in spans[1:]:
        if left - right >= gap:
            count += 1
        right = max(right, end)
    return count


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def lost_words(cells: Sequence[Cell], words: Sequence[Word]) -> list[Word]:
    """The words inside the box whose text no cell holds (spaces and case aside). A word ending in a hyphen whose
    stem a cell holds was joined across a line break, not lost."""
    held = " ".join(_key(cell.text) for cell in cells)
    lost = []
    for word in words:
        key = _key(word.text)
        if not key or key in held or (key[-1] in "-\u2010" and key[:-1] and key[:-1] in held):
            continue
        lost.append(word)
    return lost


def own_words(cell: Cell, words: Sequence[Word]) -> list[Word]:
    """The words inside the cell's box that spell its tokens (each token once), left to right: a neighbour's
    word that strays into the box is left out unless it repeats one of the cell's own."""
    if cell.bbox is None:
        return []
    x0, y0, x1, y1 = cell.bbox
    pool = cell.text.split()
    mine = []
    for word in sorted(words, key=lambda w: w.bbox[0]):
        cx, cy = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
        if x0 - 0.5 <= cx <= x1 + 0.5 and y0 - 0.5 <= cy <= y1 + 0.5 and word.text in pool:
            pool.remove(word.text)
            mine.append(word)
    return mine


def cell_gap(cell: Cell, words: Sequence[Word], height: float) -> tuple[Word, Word] | None:
    """The first pair of neighbouring words of a one-line cell at least CELL_GAP word heights apart (None when
    there is none, or the cell's words lie on several lines, where wrapping decides the spacing)."""
    mine = own_words(cell, words)
    if len(mine) < 2:
        return None
    middles = [(w.bbox[1] + w.bbox[3]) / 2 for w in mine]
    if max(middles) - min(middles) >= 0.5 * height:
        return None
    for left, right in itertools.pairwise(mine):
        if right.bbox[0] - left.bbox[2] >= CELL_GAP * height:
            return left, right
    return None


def rule_in_cell(cell: Cell, rules: Sequence[Rule], height: float) -> bool:
    """Whether a horizontal rule crosses the cell between its lines: inside its box by more than 0.3 word heights
    from top and bottom, over at least half of the shorter of the cell and the rule."""
    if cell.bbox is None:
        return False
    x0, y0, x1, y1 = cell.bbox
    if y1 - y0 < 1.2 * height:
        return False  # one line: nothing between lines to cross
    for rule in rules:
        if not rule.horizontal:
            continue
        y = (rule.bbox[1] + rule.bbox[3]) / 2
        overlap = min(x1, rule.bbox[2]) - max(x0, rule.bbox[0])
        if y0 + 0.3 * height < y < y1 - 0.3 * height and overlap > 0.5 * min(x1 - x0, rule.bbox[2] - rule.bbox[0]):
            return True
    return False


def column_edges(cells: Sequence[Cell]) -> list[tuple[float, float]]:
    """Each column's left and right edge from its one-column cells' boxes, left to right (columns with no such
    cell left out)."""
    edges: dict[int, tuple[float, float]] = {}
    for cell in cells:
        if cell.bbox is None or cell.col_span > 1 or not cell.text.strip():
            continue
        left, right = edges.get(cell.col, (math.inf, -math.inf))
        edges[cell.col] = (min(left, cell.bbox[0]), max(right, cell.bbox[2]))
    return [edges[col] for col in sorted(edges)]


def row_below(box: BBox, cells: Sequence[Cell], lines: Sequence[TextLine], height: float) -> str | None:
    """The text of the line just under the box (its top within ROW_BELOW_GAP word heights of the box's bottom,
    inside its width) when it reads as one more row of the grid: its words fall into two or more, and at least
    half, of the grid's columns, with a column gutter (0.8 word heights) wherever it passes from one column to
    the next, and one of them holds a digit (PubTables-1M's last row under a mid rule taken for the bottom one).
    None when there is no such line; notes and captions (NOT_A_ROW) and prose are no row."""
    edges = column_edges(cells)
    if len(edges) < 2 or height <= 0:
        return None
    x0, _, x1, y1 = box
    under = [w for line in lines for w in line.words
             if y1 - 0.25 * height <= w.bbox[1] < y1 + ROW_BELOW_GAP * height and w.bbox[0] >= x0 - 2 and w.bbox[2] <= x1 + 2]
    if not under:
        return None
    top = min((w.bbox[1] + w.bbox[3]) / 2 for w in under)
    line = sorted((w for w in under if abs((w.bbox[1] + w.bbox[3]) / 2 - top) < 0.5 * height), key=lambda w: w.bbox[0])
    text = " ".join(w.text for w in line)
    if not any(ch.isdigit() for ch in text) or NOT_A_ROW.match(text):
        return None
    cuts = [(left[1] + right[0]) / 2 for left, right in itertools.pairwise(edges)]
    columns, previous = set(), None
    for word in line:
        column = sum(1 for cut in cuts if word.x_center > cut)
        if previous is not None and column != previous[0] and word.bbox[0] - previous[1] < 0.8 * height:
            return None  # from one column to the next without a gutter: prose
        columns.add(column)
        previous = (column, word.bbox[2])
    return text if len(columns) >= max(2, math.ceil(len(edges) / 2)) else None
