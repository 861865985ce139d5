"""Each table cell's box on the page, found again from the page's words after the grid is built.

The table engines reshape a grid many ways (header lifting, wrapped rows, spans) without keeping word
positions; rather than thread boxes through every reshaping, the cells' tokens (row-major order) are aligned
with the table's words (reading order) by longest matching runs, and a token left over takes the nearest free
word of the same text (or the only one left). A cell's box is the union of its words; an empty cell, or one whose words were not
found, gets the box where its rows and columns cross (the extent of the words found in them); None where
neither is known (a table read from an image has no words on the page).
"""
from __future__ import annotations

import dataclasses
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from extractors.model import Cell, TableItem
from extractors.page_content import TextLine, Word
from extractors.types import BBox, bbox_union

MARGIN = 3.0  # points: a word whose centre lies this close outside the table box still belongs to it


def with_cell_boxes(table: TableItem, lines: Sequence[TextLine]) -> TableItem:
    """The table with `bbox` set on each cell it can place, from the words of the page's text lines."""
    words = _reading_order(_inside(table.bbox, [w for line in lines for w in line.words]))
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    if not cells or not words:
        return table
    found = _match(cells, words)
    rows = _bands([(c.row, c.row_span, found.get(k)) for k, c in enumerate(cells)], vertical=True)
    cols = _bands([(c.col, c.col_span, found.get(k)) for k, c in enumerate(cells)], vertical=False)
    boxed = {(c.row, c.col): dataclasses.replace(c, bbox=found.get(k) or _crossing(c, rows, cols))
             for k, c in enumerate(cells)}
    return dataclasses.replace(table, cells=tuple(boxed[(c.row, c.col)] for c in table.cells))


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _inside(box: BBox, words: Sequence[Word]) -> list[Word]:
    x0, y0, x1, y1 = box[0] - MARGIN, box[1] - MARGIN, box[2] + MARGIN, box[3] + MARGIN
    return [w for w in words if x0 <= w.x_center <= x1 and y0 <= (w.bbox[1] + w.bbox[3]) / 2 <= y1]


def _reading_order(words: list[Word]) -> list[Word]:
    """Words line by line from the top (a line: centres within half a glyph height), each line left to right."""
    ordered: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        middle = (word.bbox[1] + word.bbox[3]) / 2
        if ordered:
            last = ordered[-1][-1]
            if abs(middle - (last.bbox[1] + last.bbox[3]) / 2) <= 0.5 * max(last.size, word.size, 1.0):
                ordered[-1].append(word)
                continue
        ordered.append([word])
    return [w for line in ordered for w in sorted(line, key=lambda w: w.bbox[0])]


def _match(cells: Sequence[Cell], words: Sequence[Word]) -> dict[int, BBox]:
    """Cell index → the box of its words found on the page."""
    tokens = [(k, _key(t)) for k, cell in enumerate(cells) for t in cell.text.split()]
    keys = [_key(w.text) for w in words]
    owner: dict[int, list[int]] = {}  # cell index -> word indices
    used: set[int] = set()
    matcher = SequenceMatcher(None, [t for _, t in tokens], keys, autojunk=False)
    matched: set[int] = set()
    for block in matcher.get_matching_blocks():
        for i in range(block.size):
            owner.setdefault(tokens[block.a + i][0], []).append(block.b + i)
            used.add(block.b + i)
            matched.add(block.a + i)
    left = [t for t in range(len(tokens)) if t not in matched]
    by_key: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        by_key.setdefault(key, []).append(j)
    for _ in range(3):  # leftovers: the nearest free word of the same text (or the only one), placed rows first
        anchors = _anchors(cells, owner, words)
        still = []
        for t in left:
            k, key = tokens[t]
            free = [j for j in by_key.get(key, ()) if j not in used]
            near = anchors(k)
            if not free or (near is None and len(free) != 1):
                still.append(t)
                continue
            best = free[0] if near is None else min(free, key=lambda j: abs(words[j].x_center - near[0])
                                                   + abs((words[j].bbox[1] + words[j].bbox[3]) / 2 - near[1]))
            owner.setdefault(k, []).append(best)
            used.add(best)
        if len(still) == len(left):
            break
        left = still
    return {k: bbox_union([words[j].bbox for j in js]) for k, js in owner.items()}


def _anchors(cells: Sequence[Cell], owner: dict[int, list[int]], words: Sequence[Word]
             ) -> Callable[[int], tuple[float, float] | None]:
    """Where cell k's words should be: its found words' centre, else its column's and row's found words."""
    centres = {}
    for i, js in owner.items():
        box = bbox_union([words[j].bbox for j in js])
        centres[i] = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    xs: dict[int, list[float]] = {}
    ys: dict[int, list[float]] = {}
    for i, (x, y) in centres.items():
        if cells[i].col_span == 1:
            xs.setdefault(cells[i].col, []).append(x)
        if cells[i].row_span == 1:
            ys.setdefault(cells[i].row, []).append(y)
    col_x = {c: statistics.median(v) for c, v in xs.items()}
    row_y = {r: statistics.median(v) for r, v in ys.items()}

    def anchor(k: int) -> tuple[float, float] | None:
        if k in centres:
            return centres[k]
        x, y = col_x.get(cells[k].col), row_y.get(cells[k].row)
        return None if x is None or y is None else (x, y)

    return anchor


def _bands(placed: Sequence[tuple[int, int, BBox | None]], vertical: bool) -> dict[int, tuple[float, float]]:
    """Each row's (vertical) or column's extent: the words found in its cells that span it alone."""
    lo, hi = (1, 3) if vertical else (0, 2)
    bands: dict[int, tuple[float, float]] = {}
    for index, span, box in placed:
        if box is None or span != 1:
            continue
        a, b = bands.get(index, (box[lo], box[hi]))
        bands[index] = (min(a, box[lo]), max(b, box[hi]))
    return bands


def _crossing(cell: Cell, rows: dict[int, tuple[float, float]], cols: dict[int, tuple[float, float]]
              ) -> BBox | None:
    """The box where a cell's rows and columns cross, when every one of them has an extent."""
    ys = [rows.get(r) for r in range(cell.row, cell.row + cell.row_span)]
    xs = [cols.get(c) for c in range(cell.col, cell.col + cell.col_span)]
    if any(band is None for band in ys + xs):
        return None
    return (min(b[0] for b in xs), min(b[0] for b in ys), max(b[1] for b in xs), max(b[1] for b in ys))  # type: ignore[index]
