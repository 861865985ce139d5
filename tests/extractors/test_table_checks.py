"""The second readings of a table from its page (extractors/table_checks.py), on small hand-made pages."""
from __future__ import annotations

import dataclasses

from extractors.model import Cell, TableItem
from extractors.page_content import Rule, TextLine, Word
from extractors.table_checks import (
    cell_gap,
    lost_words,
    row_below,
    rule_in_cell,
    table_checks,
    text_columns,
    words_inside,
)


def _line(y: float, *spans: tuple[str, float, float]) -> TextLine:
    """One line of words 10 pt high at y, each given as (text, left, right)."""
    words = tuple(Word(text, (x0, y, x1, y + 10), 9.0) for text, x0, x1 in spans)
    return TextLine((spans[0][1], y, spans[-1][2], y + 10), words, 0)


LINES = (_line(0, ("Name", 0, 30), ("Mass", 60, 90), ("Volume", 120, 160)),
         _line(12, ("alpha", 0, 28), ("1.5", 70, 90), ("3.0", 140, 160)),
         _line(24, ("beta", 0, 25), ("gamma", 27, 50), ("12.25", 62, 90), ("4.5", 140, 160)))


def _table(n_cols: int, box: tuple[float, float, float, float] = (0, 0, 160, 34)) -> TableItem:
    return TableItem(page=1, bbox=box, cells=(Cell(0, 0, "Name"),), n_rows=3, n_cols=n_cols, n_header_rows=1,
                     confidence=0.8, method="test", evidence=(("caption", 1.0),))


def test_gutters_every_word_leaves_free_are_column_boundaries() -> None:
    assert text_columns([w for line in LINES for w in line.words]) == 3


def test_a_gap_narrower_than_half_a_word_height_is_no_gutter() -> None:
    # 'beta gamma' leaves 2 pt between its words: one column, not two
    assert text_columns(list(_line(0, ("beta", 0, 25), ("gamma", 27, 50)).words)) == 1
    assert text_columns(list(_line(0, ("beta", 0, 25), ("gamma", 30, 50)).words)) == 2
    assert text_columns([]) == 0


def test_only_words_inside_the_box_are_read() -> None:
    assert [w.text for w in words_inside((55, 0, 95, 20), LINES)] == ["Mass", "1.5"]


def test_the_evidence_says_when_the_two_readings_differ() -> None:
    agree = dict(table_checks(_table(3), LINES).evidence)
    assert {k: agree[k] for k in ("caption", "text_columns", "columns_differ")} == {
        "caption": 1.0, "text_columns": 3.0, "columns_differ": 0.0}
    differ = dict(table_checks(_table(4), LINES).evidence)
    assert differ["text_columns"] == 3.0 and differ["columns_differ"] == 1.0


def test_a_table_with_no_words_on_the_page_is_left_alone() -> None:
    table = _table(3, box=(500, 500, 600, 600))
    assert table_checks(table, LINES) is table


def _cell(row: int, col: int, text: str, box: tuple[float, float, float, float] | None) -> Cell:
    return Cell(row, col, text, bbox=box)


def test_words_printed_in_the_box_that_no_cell_holds_are_lost() -> None:
    cells = (_cell(0, 0, "Name", None), _cell(0, 1, "Mass", None), _cell(0, 2, "Volume", None),
             _cell(1, 0, "alpha", None), _cell(1, 1, "1.5", None), _cell(1, 2, "3.0", None))
    words = [w for line in LINES for w in line.words]
    assert [w.text for w in lost_words(cells, words)] == ["beta", "gamma", "12.25", "4.5"]  # the last row is lost
    evidence = dict(table_checks(TableItem(page=1, bbox=(0, 0, 160, 34), cells=cells, n_rows=2, n_cols=3,
                                           n_header_rows=1, confidence=0.8, method="t"), LINES).evidence)
    assert evidence["words_lost"] == 4.0 and evidence["words_lost_text"] == "'beta', 'gamma', '12.25' ..."


def test_case_spaces_and_a_hyphen_joined_across_a_line_break_are_no_loss() -> None:
    words = [Word("Latency-", (0, 0, 40, 10), 9.0), Word("sensitive?", (0, 12, 45, 22), 9.0), Word("ZrO2", (0, 24, 20, 34), 9.0)]
    assert lost_words((Cell(0, 0, "latencysensitive?"), Cell(1, 0, "ZrO 2")), words) == []
    assert [w.text for w in lost_words((Cell(0, 0, "Latency"),), words)] == ["sensitive?", "ZrO2"]


def test_a_cell_of_one_line_whose_words_are_a_gutter_apart_holds_two_columns() -> None:
    words = [Word("Lake", (0, 0, 20, 10), 9.0), Word("Ohrid", (23, 0, 45, 10), 9.0),  # a space: 3 pt
             Word("positive", (60, 0, 95, 10), 9.0)]  # a gutter: 15 pt, 1.5 word heights
    merged = _cell(1, 0, "Lake Ohrid positive", (0, 0, 95, 10))
    assert [w.text for w in cell_gap(merged, words, 10.0)] == ["Ohrid", "positive"]
    assert cell_gap(_cell(1, 0, "Lake Ohrid", (0, 0, 45, 10)), words, 10.0) is None
    # two lines: wrapping, not a gutter, decides where the words sit
    wrapped = [Word("Lake", (0, 0, 20, 10), 9.0), Word("Ohrid", (60, 12, 85, 22), 9.0)]
    assert cell_gap(_cell(1, 0, "Lake Ohrid", (0, 0, 85, 22)), wrapped, 10.0) is None
    # a neighbour's word straying into the box is not the cell's own
    stray = words + [Word("9.5", (30, 0, 40, 10), 9.0)]
    assert [w.text for w in cell_gap(merged, stray, 10.0)] == ["Ohrid", "positive"]


def test_a_rule_between_a_cells_lines_crosses_it() -> None:
    cell = _cell(0, 1, "Model 2 Age [years]", (50, 0, 100, 22))  # two lines, 0-10 and 12-22
    under_label = Rule((30, 11, 140, 11.4), True, 0.4)
    assert rule_in_cell(cell, [under_label], 10.0)
    assert not rule_in_cell(cell, [Rule((30, 23, 140, 23.4), True, 0.4)], 10.0)  # under the cell
    assert not rule_in_cell(cell, [Rule((75, 0, 75.4, 22), False, 0.4)], 10.0)  # a vertical rule
    assert not rule_in_cell(_cell(0, 1, "Age", (50, 0, 100, 10)), [under_label], 10.0)  # one line


# the first two rows of LINES as a grid with cell boxes; its box ends at y 22, over the last line (y 24)
TWO_ROWS = (_cell(0, 0, "Name", (0, 0, 30, 10)), _cell(0, 1, "Mass", (60, 0, 90, 10)), _cell(0, 2, "Volume", (120, 0, 160, 10)),
            _cell(1, 0, "alpha", (0, 12, 28, 22)), _cell(1, 1, "1.5", (70, 12, 90, 22)), _cell(1, 2, "3.0", (140, 12, 160, 22)))


def test_a_line_under_the_box_in_the_grids_columns_is_a_row_left_outside() -> None:
    assert row_below((0, 0, 160, 22), TWO_ROWS, LINES, 10.0) == "beta gamma 12.25 4.5"
    table = TableItem(page=1, bbox=(0, 0, 160, 22), cells=TWO_ROWS, n_rows=2, n_cols=3, n_header_rows=1,
                      confidence=0.8, method="t")
    evidence = dict(table_checks(table, LINES).evidence)
    assert evidence["row_below"] == 1.0 and evidence["row_below_text"] == "beta gamma 12.25 4.5"
    assert dict(table_checks(dataclasses.replace(table, bbox=(0, 0, 160, 34)), LINES).evidence)["row_below"] == 0.0


def test_prose_a_note_a_line_without_numbers_or_far_below_is_no_row() -> None:
    box = (0, 0, 160, 22)
    prose = (*LINES[:2], _line(24, ("values", 0, 30), ("are", 32, 45), ("means", 47, 75), ("of", 77, 85), ("3", 87, 92),
                               ("runs", 94, 115)))
    assert row_below(box, TWO_ROWS, prose, 10.0) is None  # no gutter between its words
    note = (*LINES[:2], _line(24, ("Note", 0, 25), ("1.5", 70, 90), ("3.0", 140, 160)))
    assert row_below(box, TWO_ROWS, note, 10.0) is None
    words = (*LINES[:2], _line(24, ("beta", 0, 25), ("low", 70, 90), ("high", 140, 160)))
    assert row_below(box, TWO_ROWS, words, 10.0) is None  # no number
    far = (*LINES[:2], _line(40, ("beta", 0, 25), ("12.25", 62, 90), ("4.5", 140, 160)))
    assert row_below(box, TWO_ROWS, far, 10.0) is None  # 18 pt under the box: more than a word height
