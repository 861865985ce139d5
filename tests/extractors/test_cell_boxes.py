"""extractors.cell_boxes: every cell's box found again from the page's words, repeated texts included."""
from __future__ import annotations

from extractors.cell_boxes import with_cell_boxes
from extractors.model import Cell, TableItem
from extractors.page_content import TextLine, Word

SIZE = 10.0


def _line(y: float, *placed: tuple[float, str]) -> TextLine:
    """One text line at top y: words at the given x, each 6 points wide per character."""
    words = tuple(Word(text, (x, y, x + 6 * len(text), y + SIZE), SIZE) for x, text in placed)
    return TextLine((words[0].bbox[0], y, words[-1].bbox[2], y + SIZE), words, block=0)


def _table(cells: list[Cell], bbox=(90.0, 90.0, 400.0, 200.0)) -> TableItem:
    n_rows = max(c.row + c.row_span for c in cells)
    n_cols = max(c.col + c.col_span for c in cells)
    return TableItem(page=1, bbox=bbox, cells=tuple(cells), n_rows=n_rows, n_cols=n_cols, n_header_rows=1,
                     confidence=0.9, method="test/0")


def test_each_cell_gets_the_box_of_its_own_words_even_when_texts_repeat():
    lines = [_line(100, (100, "Sample"), (200, "Mass"), (236, "(g)")),
             _line(120, (100, "A"), (200, "0.5")),
             _line(140, (100, "B"), (200, "0.5"))]
    cells = [Cell(0, 0, "Sample", is_header=True), Cell(0, 1, "Mass (g)", is_header=True),
             Cell(1, 0, "A"), Cell(1, 1, "0.5"), Cell(2, 0, "B"), Cell(2, 1, "0.5")]
    boxes = {(c.row, c.col): c.bbox for c in with_cell_boxes(_table(cells), lines).cells}
    assert boxes[(0, 1)] == (200, 100, 254, 110)  # both words of the header
    assert boxes[(1, 1)] == (200, 120, 218, 130)
    assert boxes[(2, 1)] == (200, 140, 218, 150)  # the second "0.5", not the first again


def test_words_above_a_centred_row_label_still_find_their_cells():
    # a label spanning rows 1-2 is centred between them, so the page reads row 1's values before it
    lines = [_line(100, (100, "Buffer"), (200, "Conc")),
             _line(118, (200, "0")),
             _line(126, (100, "Phosphate")),
             _line(134, (200, "200")),
             _line(150, (100, "Acetate"), (200, "0"))]
    cells = [Cell(0, 0, "Buffer", is_header=True), Cell(0, 1, "Conc", is_header=True),
             Cell(1, 0, "Phosphate", row_span=2), Cell(1, 1, "0"), Cell(2, 1, "200"),
             Cell(3, 0, "Acetate"), Cell(3, 1, "0")]
    boxes = {(c.row, c.col): c.bbox for c in with_cell_boxes(_table(cells), lines).cells}
    assert boxes[(1, 1)] == (200, 118, 206, 128)
    assert boxes[(3, 1)] == (200, 150, 206, 160)
    assert boxes[(1, 0)] == (100, 126, 154, 136)


def test_an_empty_cell_gets_the_crossing_of_its_row_and_column():
    lines = [_line(100, (100, "Name"), (200, "Value")),
             _line(120, (100, "A"), (200, "1.0")),
             _line(140, (100, "B"))]
    cells = [Cell(0, 0, "Name", is_header=True), Cell(0, 1, "Value", is_header=True),
             Cell(1, 0, "A"), Cell(1, 1, "1.0"), Cell(2, 0, "B"), Cell(2, 1, "")]
    boxes = {(c.row, c.col): c.bbox for c in with_cell_boxes(_table(cells), lines).cells}
    assert boxes[(2, 1)] == (200, 140, 230, 150)  # column 1's extent (widest: "Value"), row 2's extent


def test_words_outside_the_table_are_not_used_and_unknown_cells_stay_none():
    lines = [_line(100, (100, "X")), _line(300, (100, "Y"))]  # "Y" lies below the table box
    cells = [Cell(0, 0, "X", is_header=True), Cell(1, 0, "Y")]
    boxed = with_cell_boxes(_table(cells, bbox=(90, 90, 200, 130)), lines)
    assert [c.bbox for c in boxed.cells] == [(100, 100, 106, 110), None]
    assert [c.text for c in boxed.cells] == ["X", "Y"]  # nothing else changes


def test_a_table_without_words_on_the_page_is_returned_unchanged():
    table = _table([Cell(0, 0, "A", is_header=True), Cell(1, 0, "1")])
    assert with_cell_boxes(table, []) == table
