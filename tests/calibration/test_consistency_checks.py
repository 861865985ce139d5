"""The internal-consistency checks on hand-built tables whose answers are known."""
from __future__ import annotations

import pandas as pd

from paperlake.calibration.consistency import (
    continuation_rows,
    grid_of,
    header_in_body,
    header_without_words,
    label_continuation,
    list_or_equations,
    numeric_column_text,
    table_checks,
)
from paperlake.calibration.evidence import added_evidence


def cells(grid: list[list[str | None]], n_header: int = 1, spans: dict[tuple[int, int], tuple[int, int]] | None = None
          ) -> pd.DataFrame:
    """table_cells rows of a grid (a spanning cell's covered slots hold None; spans: (row, col) -> (rows, cols))."""
    rows = []
    for r, line in enumerate(grid):
        for c, text in enumerate(line):
            if text is None:
                continue
            rs, cs = (spans or {}).get((r, c), (1, 1))
            rows.append({"table_id": "t", "row": r, "col": c, "row_span": rs, "col_span": cs, "is_header": r < n_header,
                         "text": text})
    return pd.DataFrame(rows)


GOOD = [["Catalyst", "Time (s)", "Yield (%)"], ["Pd/C", "12.5", "87.1"], ["Pt/C", "10.0", "–"], ["Ni", "30.2", "n/a"],
        ["Co", "8.1", "45.0"], ["Fe", "7.7", "12.0"], ["Cu", "9.9", "33.3"]]


def test_a_clean_table_passes_every_check():
    checks = table_checks(cells(GOOD), 1)
    assert {c.key: c.value for c in checks if c.key not in ("header_empty_share", "covered_share")} == {
        "header_in_body": 0.0, "numeric_column_text": 0.0, "continuation_rows": 0.0, "header_without_words": 0.0,
        "label_continuation": 0.0, "list_or_equations": 0.0, "split_label": 0.0, "header_label_split": 0.0,
        "header_numbers": 0.0, "short_group_label": 0.0}
    assert all(c.reason is None for c in checks)


def test_a_word_in_a_column_of_numbers_is_named_with_its_row_and_column():
    grid = [row[:] for row in GOOD]
    grid[3][1] = "see text"
    check = numeric_column_text(grid_of(cells(grid))[0][1:], 1)
    assert check.value == 1.0
    assert check.reason == "column 2 is numbers except 'see text' in row 4"


def test_dashes_and_placeholders_and_the_label_column_do_not_count():
    grid = [["Sample", "Mass"], ["A", "1.5"], ["B", "—"], ["C", "n.d."], ["D", "2.0"], ["7", "3.1"]]
    assert numeric_column_text(grid_of(cells(grid))[0][1:], 1).value == 0.0


def test_words_under_the_header_over_numbers_read_as_more_header():
    grid = [["Country", "Emissions", "Emissions"], ["", "to air kg/year", "to water kg/year"], ["AT", "12", "3"],
            ["BE", "14", "5"], ["DK", "9", "1"]]
    check = header_in_body(grid_of(cells(grid))[0][1:], 1)
    assert check.value == 2.0
    assert check.reason.startswith("row 2 reads like more header ('to air kg/year', 'to water kg/year')")
    assert header_in_body(grid_of(cells(grid, n_header=2))[0][2:], 2).value == 0.0  # the header read 2 rows deep


def test_a_wrapped_line_split_off_as_a_row_is_found_but_a_section_heading_is_not():
    grid = [["Name", "Remarks", "N", "Mean"], ["Group 1", "In triplicate under", "4", "53.4"],
            ["", "nitrogen", "", ""], ["Controls", "", "", ""], ["Group 2", "Dry", "10", "-0.1"], ["Group 3", "Wet", "3", "1.2"]]
    check = continuation_rows(grid_of(cells(grid))[0][1:], 1)
    assert check.value == 1.0 and check.reason.startswith("row 3: an empty first cell")


def test_a_header_of_numbers_only_is_a_body_row_taken_for_the_header():
    assert header_without_words([["2005", "2006", "2007"]]).value == 1.0
    assert header_without_words([["", "2006", "Total"]]).value == 0.0


def test_routing_evidence_adds_shape_checks_and_figure_kind():
    tables = pd.DataFrame({"table_id": ["t"], "doc_id": ["d"], "n_rows": [5], "n_cols": [3], "n_header_rows": [1]})
    figures = pd.DataFrame({"figure_id": ["f", "p"], "figure_kind": ["chart", "image"],
                            "parent_figure_id": [None, "f"]})
    added = added_evidence({"tables": tables, "table_cells": cells(GOOD), "figures": figures})
    assert added["t"].evidence["header_rows"] == 1.0 and added["t"].evidence["n_rows"] == 5.0
    assert added["t"].evidence["numeric_column_text"] == 0.0 and not added["t"].reasons
    assert added["f"].evidence == {"figure_kind": "chart", "panel": 0.0}
    assert added["p"].evidence == {"figure_kind": "image", "panel": 1.0}


def test_spans_count_as_covered_slots_and_empty_header_slots_are_measured():
    grid = [["Group", "Scores", None], ["", "A", "B"], ["x", "1", "2"]]
    checks = {c.key: c.value for c in table_checks(cells(grid, 2, {(0, 1): (1, 2)}), 2)}
    assert checks["covered_share"] == round(1 / 9, 4)
    assert checks["header_empty_share"] == round(1 / 6, 4)


def test_a_wrapped_row_label_split_into_a_row_of_its_own_is_found():
    grid = [["Years", "1990", "1992", "1993"], ["Budget coefficient for coffee,", "0.323", "0.272", "0.265"],
            ["tea, herb tea", "", "", ""], ["Share of", "0.1", "0.2", "0.3"], ["imports", "", "", ""]]
    check = label_continuation(grid_of(cells(grid))[0][1:], 1)
    assert check.value == 2.0
    assert check.reason == ("row 3 ('tea, herb tea') goes on from the label above it; row 5 ('imports') goes on from "
                            "the label above it: a wrapped row label split into a row of its own?")


def test_a_section_heading_row_is_no_wrapped_label():
    grid = [["Sample", "Mass", "Volume"], ["Metals", "", ""], ["Fe", "1.0", "2.0"], ["Oxides", "", ""], ["FeO", "3", "4"]]
    assert label_continuation(grid_of(cells(grid))[0][1:], 1).value == 0.0
    two_columns = [["Sample", "Mass"], ["Iron,", "1.0"], ["cast", ""]]
    assert label_continuation(grid_of(cells(two_columns))[0][1:], 1).value == 0.0


def test_a_numbered_list_or_displayed_equations_read_as_a_table_are_found():
    listed = [["(i)", "All runs used the same random seed."], ["", "and the same split."], ["(ii)", "Outliers were removed."]]
    assert list_or_equations(grid_of(cells(listed))[0]).reason.startswith("its first column is list markers ((i), (ii))")
    assert list_or_equations(grid_of(cells([["1)", "Dried."], ["2)", "Weighed."]]))[0]).value == 1.0
    equations = [["σ2 = (1/n) Σ (xi − μ)2", "(9)"], ["ΔG = ΔH − TΔS", "(10)"]]
    assert list_or_equations(grid_of(cells(equations))[0]).reason.startswith("its last column is equation numbers")
    numbered = [["No.", "Sample", "Mass"], ["1.", "Fe", "1.0"], ["2.", "Cu", "2.0"]]  # a header names the column
    assert list_or_equations(grid_of(cells(numbered))[0]).value == 0.0
    assert list_or_equations(grid_of(cells(GOOD))[0]).value == 0.0
