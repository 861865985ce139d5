"""The text-only reading of a table's columns (extractors/table_checks.py), on small hand-made pages."""
from __future__ import annotations

from extractors.model import Cell, TableItem
from extractors.page_content import TextLine, Word
from extractors.table_checks import table_checks, text_columns, words_inside


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
    assert agree == {"caption": 1.0, "text_columns": 3.0, "columns_differ": 0.0}
    differ = dict(table_checks(_table(4), LINES).evidence)
    assert differ["text_columns"] == 3.0 and differ["columns_differ"] == 1.0


def test_a_table_with_no_words_on_the_page_is_left_alone() -> None:
    table = _table(3, box=(500, 500, 600, 600))
    assert table_checks(table, LINES) is table
