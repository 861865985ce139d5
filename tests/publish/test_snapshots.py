"""Snapshots side by side: diff, retention, the snapshots/query/export commands, helper views on old snapshots."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from test_publish import DOC, T0, images, make_frames  # noqa: F401 (images is a fixture)

from paperlake.cli.main import main
from paperlake.dataset.diff import diff_frames, diff_snapshots
from paperlake.dataset.layout import current_snapshot, find_snapshot, list_snapshots
from paperlake.dataset.publish import publish_snapshot
from paperlake.dataset.retention import prune_snapshots, snapshots_to_prune
from paperlake.settings import SettingsError, load_settings
from schemas.dataset import columns
from tests.catalog import catalog_rows


def _publish(data_dir: Path, images: dict[str, Path], i: int = 0, frames=None, **kw):
    return publish_snapshot(data_dir, frames or make_frames(), images, pipeline_version="0.1.0",
                            settings_hash="s" * 8, now=T0 + timedelta(minutes=i), **kw)


def _edited() -> dict[str, pd.DataFrame]:
    """make_frames() with: a cell of t1 edited, t2 removed, t3 (Table 3) added, f1's series moved, f2 captioned, a
    doc added (its file name holds a terminal escape)."""
    frames = make_frames(n_extra_docs=1)
    frames["documents"].loc[1, "file_name"] = "x0\x1b[31m.pdf"
    cells = frames["table_cells"]
    cells.loc[(cells["table_id"] == "t1") & (cells["row"] == 1) & (cells["col"] == 1), ["text", "value"]] = ["9.5", 9.5]
    frames["table_cells"] = pd.concat([cells[cells["table_id"] != "t2"],
                                       cells[cells["table_id"] == "t2"].assign(table_id="t3")], ignore_index=True)
    frames["tables"] = frames["tables"].replace({"table_id": {"t2": "t3"}})
    frames["tables"].loc[frames["tables"]["table_id"] == "t3", "label"] = "Table 3"
    series = frames["figure_series"]
    series.loc[(series["figure_id"] == "f1") & (series["point"] == 1), "y"] = 7.0
    frames["figures"].loc[frames["figures"]["figure_id"] == "f2", "caption"] = "Signal, corrected."
    return frames


def test_diff_names_items_added_removed_changed_and_cells():
    diff = diff_frames(make_frames(), _edited(), old_id="a", new_id="b")
    assert (diff.old, diff.new) == ("a", "b")
    assert diff.documents.added == (f"{0:064x}",) and not diff.documents.removed and not diff.documents.changed
    assert diff.tables.added == ("t3",) and diff.tables.removed == ("t2",) and diff.tables.changed == ("t1",)
    assert diff.figures.changed == ("f1", "f2") and not diff.figures.added and not diff.figures.removed
    assert [(c.table_id, c.row, c.col, c.old, c.new) for c in diff.cells] == [("t1", 1, 1, "11", "9.5")]
    assert not diff.empty
    assert diff.names == {f"{0:064x}": "x0\x1b[31m.pdf", "t1": "a.pdf: Table 1 (page 1)",
                          "t2": "a.pdf: Table 1 (page 1)", "t3": "a.pdf: Table 3 (page 1)",
                          "f1": "a.pdf: Figure 1 (page 1)", "f2": "a.pdf: Figure 1 (page 1)"}
    assert diff_frames(make_frames(), make_frames()).empty


def test_diff_ignores_columns_only_one_snapshot_has():
    newer = make_frames()
    newer["figure_series"]["y_uncertainty"] = 0.5
    newer["tables"]["evidence"] = "{}"
    assert diff_frames(make_frames(), newer).empty


def test_diff_of_published_snapshots(tmp_path, images):
    a = _publish(tmp_path, images, 0)
    b = _publish(tmp_path, images, 1, frames=_edited())
    diff = diff_snapshots(a, b)
    assert diff.tables.changed == ("t1",) and len(diff.cells) == 1
    assert find_snapshot(tmp_path, "current").id == b.id
    assert find_snapshot(tmp_path, a.id[:18]).id == a.id
    with pytest.raises(KeyError):
        find_snapshot(tmp_path, "2026")  # ambiguous prefix


def test_retention_keeps_the_newest_never_current_or_its_parent():
    ids = [f"2026112{i}T000000Z-0000000{i}" for i in range(6)]
    assert snapshots_to_prune(ids, 3, ids[-1], ids[-2]) == ids[:3]
    assert snapshots_to_prune(ids, 1, ids[-1], ids[-2]) == ids[:4]  # at least 2 kept
    assert snapshots_to_prune(ids, 2, ids[0], None) == ids[1:4]  # CURRENT moved back: still kept
    assert snapshots_to_prune(ids, 10, ids[-1], ids[-2]) == []


def test_publish_prunes_old_snapshots(tmp_path, images):
    published = [_publish(tmp_path, images, i, retention=3) for i in range(5)]
    assert [s.pruned for s in published] == [(), (), (), (published[0].id,), (published[1].id,)]
    left = [s.id for s in list_snapshots(tmp_path)]
    assert left == [s.id for s in published[-3:]]
    assert current_snapshot(tmp_path).id == published[-1].id
    assert not [p for p in (tmp_path / "published").iterdir() if p.name.startswith(".pruned-")]
    assert prune_snapshots(tmp_path, 2) == [published[2].id]
    assert [s.id for s in list_snapshots(tmp_path)] == [s.id for s in published[-2:]]
    assert catalog_rows(tmp_path, "select count(*) from tables") == [(1,)]


def test_retention_setting(tmp_path):
    assert load_settings(tmp_path).snapshot_retention == 20
    assert load_settings(tmp_path, env={"PAPERLAKE_SNAPSHOT_RETENTION": "5"}).snapshot_retention == 5
    with pytest.raises(SettingsError, match="snapshot_retention"):
        load_settings(tmp_path, snapshot_retention=1)
    assert load_settings(tmp_path, snapshot_retention=3).fingerprint() == load_settings(tmp_path).fingerprint()


def test_snapshots_commands(tmp_path, images, capsys):
    a = _publish(tmp_path, images, 0)
    b = _publish(tmp_path, images, 1, frames=_edited())
    assert main(["snapshots", "list", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"* {b.id}" in out and f"  {a.id}" in out and "2 snapshot(s)" in out
    assert main(["snapshots", "show", "CURRENT", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"parent            {a.id}" in out and "checksums         ok" in out and "table_cells 8" in out
    assert main(["snapshots", "diff", a.id, b.id, "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "documents  1 added, 0 removed, 0 changed\n  + x0\\x1b[31m.pdf\n" in out  # by file name, escaped
    assert "tables     1 added, 1 removed, 1 changed" in out and "  + a.pdf: Table 3 (page 1)\n" in out
    # the removed and the changed table share a name: their ids tell them apart
    assert "  - a.pdf: Table 1 (page 1)  [t2]\n" in out and "  ~ a.pdf: Table 1 (page 1)  [t1]\n" in out
    assert "cells      1 changed" in out and "  a.pdf: Table 1 (page 1) r1 c1: '11' -> '9.5'" in out
    assert main(["snapshots", "diff", a.id, b.id, "--ids", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "  + a.pdf: Table 3 (page 1)  [t3]\n" in out and f"  + x0\\x1b[31m.pdf  [{0:064x}]" in out
    assert "  a.pdf: Table 1 (page 1)  [t1] r1 c1: '11' -> '9.5'" in out
    assert main(["snapshots", "show", "nope", "--data-dir", str(tmp_path)]) == 1
    assert "no snapshot matches 'nope'" in capsys.readouterr().err


def test_query_prints_a_table_and_reports_errors(tmp_path, images, capsys):
    _publish(tmp_path, images)
    assert main(["query", "select table_id, n_rows from tables_all order by table_id", "--data-dir",
                 str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["table_id", "n_rows"] and lines[2].split() == ["t1", "2"]
    assert lines[-1] == "(2 rows)"
    assert main(["query", "select * from no_such_view", "--data-dir", str(tmp_path)]) == 1
    assert "query failed" in capsys.readouterr().err
    assert main(["query", "select 1", "--data-dir", str(tmp_path / "empty")]) == 1


def test_query_an_older_snapshot(tmp_path, images, capsys):
    a = _publish(tmp_path, images, 0)
    _publish(tmp_path, images, 1, frames=_edited())
    sql = "select string_agg(table_id, ',' order by table_id) as ids from tables_all"
    assert main(["query", sql, "--data-dir", str(tmp_path)]) == 0
    assert "t1,t3" in capsys.readouterr().out
    assert main(["query", sql, "--snapshot", a.id, "--data-dir", str(tmp_path)]) == 0
    assert "t1,t2" in capsys.readouterr().out
    assert main(["snapshots", "diff", a.id, "--data-dir", str(tmp_path)]) == 0  # B defaults to CURRENT
    assert "+ a.pdf: Table 3 (page 1)" in capsys.readouterr().out


def test_export_writes_one_table_with_its_header(tmp_path, images, capsys):
    _publish(tmp_path, images)
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "parquet", "json"):
        assert main(["export", "t1", "--format", fmt, "-o", str(out / f"t1.{fmt}"), "--data-dir", str(tmp_path)]) == 0
    assert (out / "t1.csv").read_text().splitlines() == ["00,01", "10,11"]  # CSV: the cells as printed
    assert pd.read_parquet(out / "t1.parquet").to_dict("records") == [{"00": 10.0, "01": 11.0}]  # numbers as numbers
    assert json.loads((out / "t1.json").read_text()) == [{"00": 10.0, "01": 11.0}]
    assert main(["export", "t1", "--format", "json", "--cells", "text", "-o", str(out / "text.json"),
                 "--data-dir", str(tmp_path)]) == 0
    assert json.loads((out / "text.json").read_text()) == [{"00": "10", "01": "11"}]
    capsys.readouterr()
    assert main(["export", "t1", "-o", "-", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["00,01", "10,11"]
    assert main(["export", "t2", "--data-dir", str(tmp_path)]) == 1  # rejected: not in the catalog
    assert "no table 't2'" in capsys.readouterr().err


def test_helper_views_answer_on_an_old_snapshot(tmp_path, images):
    """make_frames() predates y_uncertainty, review_reason and evidence; drop more columns to be sure."""
    frames = make_frames()
    frames["figure_series"] = frames["figure_series"].drop(columns=["x_label", "y_label"])
    frames["tables"] = frames["tables"].drop(columns=["reviewed_by", "reviewed_at"])
    _publish(tmp_path, images, frames=frames)
    for table in ("tables", "figures", "figure_series", "table_cells"):
        described = [r[0] for r in catalog_rows(tmp_path, f"describe {table}_all")]
        assert described == columns(table), table
    assert catalog_rows(tmp_path, "select series, xs, ys, y_uncertainties, x_label from chart_series") == [
        ("series 1", [0.0, 1.0], [0.0, 2.0], [None, None], None)]
    assert catalog_rows(tmp_path, "select header from table_columns where table_id = 't1' order by col") == [("00",), ("01",)]
    assert catalog_rows(tmp_path, "select row_label, header, value from numeric_cells order by col") == [
        ("10", "00", 10.0), ("10", "01", 11.0)]
    assert catalog_rows(tmp_path, "select kind, item_id, reviewed_by from reviewed_items") == [("figure", "f1", None)]
    assert catalog_rows(tmp_path, "select row, cells, record['01'] from table_as_rows('t1')") == [(1, ["10", "11"], "11")]


def test_columns_beyond_the_contract_are_kept(tmp_path, images):
    frames = make_frames()
    frames["tables"]["from_the_future"] = "x"
    _publish(tmp_path, images, frames=frames)
    names = [r[0] for r in catalog_rows(tmp_path, "describe tables_all")]
    assert names == columns("tables") + ["from_the_future"]


def test_table_columns_join_group_headers_and_name_empty_and_repeated_ones(tmp_path, images):
    frames = make_frames()
    frames["tables"].loc[0, ["n_rows", "n_cols", "n_header_rows"]] = [3, 3, 2]
    cell = {"table_id": "t1", "doc_id": DOC, "row_span": 1, "col_span": 1, "value": None, "uncertainty": None,
            "unit": None}
    grid = [(0, 0, "", 1, True), (0, 1, "pH 7", 2, True), (1, 0, "Variant", 1, True), (1, 1, "Tm", 1, True),
            (1, 2, "Tm", 1, True), (2, 0, "WT", 1, False), (2, 1, "70", 1, False), (2, 2, "71", 1, False)]
    frames["table_cells"] = pd.concat([frames["table_cells"][frames["table_cells"]["table_id"] != "t1"],
                                       pd.DataFrame([{**cell, "row": r, "col": c, "text": t, "col_span": s,
                                                      "is_header": h} for r, c, t, s, h in grid])],
                                      ignore_index=True)
    _publish(tmp_path, images, frames=frames)
    assert catalog_rows(tmp_path, "select header from table_columns where table_id = 't1' order by col") == [
        ("Variant",), ("pH 7 / Tm [1]",), ("pH 7 / Tm [2]",)]
    assert catalog_rows(tmp_path, "select row_label, cells from table_rows where table_id = 't1'") == [
        ("WT", ["WT", "70", "71"])]


@pytest.mark.parametrize("command", [["snapshots", "list"], ["snapshots", "show"], ["snapshots", "diff"],
                                     ["query"], ["export"]])
def test_dataset_commands_explain_themselves(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "--data-dir" in capsys.readouterr().out


def test_top_level_help_lists_the_dataset_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("snapshots", "query", "export"):
        assert f"    {command}" in out
