"""Refused corrections in plain words: each known rule as a sentence from the curator's own numbers."""
from __future__ import annotations

from paperlake.review.refusals import Submitted, plain_reason, plain_reasons
from schemas.cross_checks import Failure

TABLE = Submitted("table", n_rows=6, n_header_rows=9)


def test_too_many_header_rows_names_both_counts():
    failure = Failure("tables", "t1", "header_rows_within_table", "tables: n_header_rows <= n_rows failed")
    assert plain_reason(failure, TABLE) == ("9 header rows, but the table has 6 rows: set the number of header "
                                            "rows to at most 6")
    one = plain_reason(failure, Submitted("table", n_rows=1, n_header_rows=2))
    assert one.startswith("2 header rows, but the table has 1 row:")


def test_a_box_outside_its_page_names_the_page():
    failure = Failure("tables", "t1", "box_inside_page",
                      "box (10, 20, 900, 300) is outside page 3 (612 x 792 pt)")
    assert plain_reason(failure, TABLE) == "the box reaches outside page 3 (612 x 792 pt): draw it within the page"


def test_column_rules_name_the_field_a_curator_edits():
    empty = Failure("figures", "f1", "not_nullable", "figures.caption: missing value")
    assert plain_reason(empty, Submitted("figure")) == "the caption is empty: fill it in"
    negative = Failure("tables", "t1", "greater_than_or_equal_to(0)",
                       "tables.n_header_rows: greater_than_or_equal_to(0) failed for -1")
    assert plain_reason(negative, TABLE) == "the number of header rows cannot be below 0"
    kind = Failure("figures", "f1", "isin(['chart', 'image'])", "figures.figure_kind: isin([...]) failed for 'pie'")
    assert plain_reason(kind, Submitted("figure")) == "the figure kind is not one of the choices offered: pick one of them"


def test_an_unknown_rule_keeps_the_schemas_words_and_duplicates_go():
    odd = Failure("table_cells", "t1", "something_new", "table_cells: something new failed")
    assert plain_reason(odd, TABLE) == "something new failed"
    overlap = Failure("table_cells", "t1", "cells_do_not_overlap", "3 grid slots of table 't1' are covered ...")
    span = Failure("table_cells", "t1", "span_inside_grid", "cell (0,0) spanning 1x3 leaves the 2x2 grid")
    reasons = plain_reasons([overlap, span, odd], TABLE)
    assert len(reasons) == 2 and reasons[0].startswith("a cell spanning several slots no longer fits")
