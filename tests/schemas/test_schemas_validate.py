"""validate_frames reports every broken rule against the item a curator would fix, and never raises."""
from __future__ import annotations

import pandas as pd
import pytest
from schemas_frames import (
    DOC,
    PAGE_SIZES,
    cell_row,
    figure_row,
    point_row,
    table_row,
    valid_frames,
    with_rows,
)

from paperlake.pipeline.frames import _typed
from schemas.cross_checks import Failure
from schemas.dataset import empty_frame
from schemas.validate import NO_ITEM, ValidationReport, validate_frames


def _checks(report: ValidationReport, item: str) -> set[str]:
    return {f.check for f in report.failures if f.item_id == item}


def _set(frames: dict[str, pd.DataFrame], table: str, index: int, column: str, value: object) -> dict:
    frame = frames[table].copy()
    frame[column] = frame[column].astype(object)
    frame.loc[index, column] = value
    return {**frames, table: frame}


def test_valid_frames_pass() -> None:
    report = validate_frames(valid_frames(), page_sizes=PAGE_SIZES)
    assert report.ok, report.failures
    assert report.reasons_by_item() == {}
    assert report.summary() == dict.fromkeys(valid_frames(), 0)


def test_confidence_above_one_names_the_table() -> None:
    frames = with_rows(valid_frames(), "tables", [table_row(table_id="t2", confidence=1.5)])
    report = validate_frames(frames)
    assert _checks(report, "t2") == {"less_than_or_equal_to(1)"}
    assert "1.5" in report.reasons_by_item()["t2"][0]
    assert "t1" not in report.reasons_by_item()


def test_span_outside_grid_names_the_table() -> None:
    frames = with_rows(valid_frames(), "table_cells", [cell_row(2, 1, "x", row_span=2)])  # on top of (2,1)
    report = validate_frames(frames)
    assert {"span_inside_grid", "cells_do_not_overlap"} <= _checks(report, "t1")
    assert all(f.table == "table_cells" for f in report.failures)


def test_overlapping_cells_name_the_table() -> None:
    frames = with_rows(valid_frames(), "table_cells", [cell_row(0, 1, "dup")])  # under the header's col_span
    report = validate_frames(frames)
    assert _checks(report, "t1") == {"cells_do_not_overlap"}
    (reason,) = report.reasons_by_item()["t1"]
    assert "slot (0,1)" in reason and "(0,0)" in reason


def test_orphan_cell_names_its_table_id() -> None:
    frames = with_rows(valid_frames(), "table_cells", [cell_row(0, 0, "lost", table_id="ghost")])
    report = validate_frames(frames)
    assert _checks(report, "ghost") == {"cell_table_exists"}
    assert report.summary()["table_cells"] == 1


def test_cell_of_same_table_id_in_another_document_is_an_orphan() -> None:
    other = "cd" * 32
    frames = with_rows(valid_frames(), "table_cells", [cell_row(0, 0, "x", doc_id=other)])
    assert "cell_table_exists" in _checks(validate_frames(frames), "t1")


def test_box_outside_page_names_the_item() -> None:
    frames = with_rows(valid_frames(), "tables", [table_row(table_id="t2", x1=700.0)])
    frames = with_rows(frames, "figures", [figure_row(figure_id="f2", y1=792.5)])  # within the 1 pt tolerance
    report = validate_frames(frames, page_sizes=PAGE_SIZES)
    assert _checks(report, "t2") == {"box_inside_page"}
    assert "f2" not in report.reasons_by_item()
    assert validate_frames(frames).ok  # no page sizes: the rule is skipped


def test_inverted_box_fails_the_dataframe_check() -> None:
    frames = with_rows(valid_frames(), "figures", [figure_row(figure_id="f2", x0=300.0, x1=50.0)])
    report = validate_frames(frames)
    assert _checks(report, "f2") == {"box_ordered"}
    assert report.reasons_by_item()["f2"] == ["figures: x0 <= x1 and y0 <= y1 failed"]


def test_page_past_document_end() -> None:
    frames = with_rows(valid_frames(), "figures", [figure_row(figure_id="f2", page=3)])
    report = validate_frames(frames, page_sizes=PAGE_SIZES)
    assert _checks(report, "f2") == {"page_within_document"}


def test_bad_review_status_names_the_figure() -> None:
    frames = _set(valid_frames(), "figures", 0, "review_status", "maybe")
    report = validate_frames(frames)
    assert [f.item_id for f in report.failures] == ["f1"]
    assert "maybe" in report.failures[0].reason


def test_bad_doc_id_names_the_document() -> None:
    frames = valid_frames()
    frames["documents"] = frames["documents"].assign(doc_id="ABC")
    report = validate_frames(frames)
    assert any(f.table == "documents" and f.item_id == "ABC" and f.check.startswith("str_matches")
               for f in report.failures)


def test_orphan_series_names_its_figure() -> None:
    frames = with_rows(valid_frames(), "figure_series", [point_row(0, 1.0, 1.0, figure_id="gone")])
    report = validate_frames(frames)
    assert _checks(report, "gone") == {"series_figure_exists"}


def test_missing_parent_and_continued_from() -> None:
    frames = with_rows(valid_frames(), "figures", [figure_row(figure_id="f2", parent_figure_id="nope")])
    frames = with_rows(frames, "tables", [table_row(table_id="t2", continued_from="t1"),
                                          table_row(table_id="t3", continued_from="t9")])
    report = validate_frames(frames)
    assert _checks(report, "f2") == {"parent_figure_exists"}
    assert _checks(report, "t3") == {"continued_from_exists"}
    assert "t2" not in report.reasons_by_item()
    assert "t1" not in report.reasons_by_item() and "f1" not in report.reasons_by_item()  # unset: no reference


def test_unset_references_next_to_set_ones_are_not_failures() -> None:
    """A first table part or a parent figure (reference unset) beside parts that refer to it, as read back typed."""
    frames = with_rows(valid_frames(), "figures", [figure_row(figure_id="f2", parent_figure_id="f1")])
    frames = with_rows(frames, "tables", [table_row(table_id="t2", continued_from="t1")])
    typed = {table: _typed(frame, table) for table, frame in frames.items()}
    assert validate_frames(typed, page_sizes=PAGE_SIZES).ok
    assert validate_frames(frames, page_sizes=PAGE_SIZES).ok


def test_missing_column_names_every_item_of_the_frame() -> None:
    frames = with_rows(valid_frames(), "tables", [table_row(table_id="t2")])
    frames["tables"] = frames["tables"].drop(columns=["caption"])
    report = validate_frames(frames)
    assert report.reasons_by_item() == {"t1": ["tables: missing column 'caption'"],
                                        "t2": ["tables: missing column 'caption'"]}


def test_missing_column_in_cells_names_their_tables() -> None:
    frames = valid_frames()
    frames["table_cells"] = frames["table_cells"].drop(columns=["row"])
    report = validate_frames(frames)
    assert [(f.table, f.item_id, f.check) for f in report.failures] == [("table_cells", "t1", "column_in_dataframe")]


def test_unknown_column_is_reported() -> None:
    frames = valid_frames()
    frames["figures"] = frames["figures"].assign(extra=1)
    report = validate_frames(frames)
    assert report.reasons_by_item() == {"f1": ["figures: unknown column 'extra'"]}


def test_wrong_dtypes_become_failures_not_exceptions() -> None:
    frames = with_rows(valid_frames(), "table_cells", [cell_row(0, 0, "x", table_id="t9")])
    frames = _set(frames, "table_cells", 5, "row", "top")
    frames = _set(frames, "tables", 0, "reviewed_at", "not a date")
    report = validate_frames(frames)
    assert any(f.item_id == "t9" and "cannot convert 'top'" in f.reason for f in report.failures)
    assert any(f.item_id == "t1" and f.check.startswith("coerce_dtype") for f in report.failures)


def test_malformed_inputs_never_raise() -> None:
    frames = valid_frames()
    frames["tables"] = frames["tables"][list(reversed(frames["tables"].columns))]
    frames["figures"] = "not a frame"  # type: ignore[assignment]
    frames["figure_series"] = pd.DataFrame({"x": ["a"]})
    report = validate_frames(frames, page_sizes=PAGE_SIZES)
    reasons = report.reasons_by_item()
    assert any("contract order" in r for r in reasons["t1"])
    assert any("expected a DataFrame" in r for r in reasons[NO_ITEM])
    assert report.summary()["figure_series"] > 0


def test_validation_never_changes_the_frames() -> None:
    frames = with_rows(valid_frames(), "tables", [table_row(table_id="t2", confidence=2.0)])
    before = {name: frame.copy() for name, frame in frames.items()}
    validate_frames(frames)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, before[name])


def test_report_helpers() -> None:
    report = ValidationReport((Failure("tables", "t1", "a", "one"), Failure("tables", "t1", "b", "one"),
                               Failure("figures", None, "c", "two")))
    assert not report.ok
    assert report.reasons_by_item() == {"t1": ["one"], NO_ITEM: ["two"]}
    assert report.summary()["tables"] == 2 and report.summary()["figures"] == 1
    assert report.failures_for("figures") == (Failure("figures", None, "c", "two"),)


@pytest.mark.parametrize("table", ["documents", "tables", "table_cells", "figures", "figure_series"])
def test_empty_frames_validate(table: str) -> None:
    frames = valid_frames()
    frames[table] = empty_frame(table)
    report = validate_frames(frames)
    if table in ("documents", "tables", "figures"):
        assert not report.ok  # their items or children now point nowhere
    else:
        assert report.ok
