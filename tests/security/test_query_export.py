"""The dataset by hand, safely: `paperlake export --format csv` cannot smuggle a formula into an analyst's
spreadsheet, and `paperlake query` reads the snapshot and nothing else: no file read, written or attached,
unless --allow-files is given."""
from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))
from test_publish import DOC, T0, images, make_frames  # noqa: F401 (images is a fixture)

from paperlake.cli.main import main
from paperlake.dataset.layout import current_snapshot
from paperlake.dataset.publish import publish_snapshot, verify_snapshot
from paperlake.dataset.query import csv_safe_frame, format_table

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1",
           "=HYPERLINK(\"http://x\")"]


def _publish_cells(data_dir: Path, images: dict[str, Path], texts: list[str], header: str = "name") -> None:
    """Publish make_frames() with t1's header row ("name", "value") and one body row per text: (text, number)."""
    frames = make_frames()
    cells = frames["table_cells"]
    cells = cells[cells["table_id"] != "t1"]
    rows = [{"table_id": "t1", "doc_id": DOC, "row": 0, "col": c, "row_span": 1, "col_span": 1, "is_header": True,
             "text": text, "value": None, "uncertainty": None, "unit": None} for c, text in enumerate([header, "value"])]
    numbers = ["-1.5", "+2", "-0.25e-3", "12", "-7", ".5", "-1,5"]
    for r, text in enumerate(texts, start=1):
        for c, value in enumerate([text, numbers[(r - 1) % len(numbers)]]):
            rows.append({"table_id": "t1", "doc_id": DOC, "row": r, "col": c, "row_span": 1, "col_span": 1,
                         "is_header": False, "text": value, "value": None, "uncertainty": None, "unit": None})
    frames["table_cells"] = pd.concat([cells, pd.DataFrame(rows)], ignore_index=True)
    frames["tables"].loc[frames["tables"]["table_id"] == "t1", "n_rows"] = len(texts) + 1
    publish_snapshot(data_dir, frames, images, pipeline_version="0.1.0", settings_hash="s" * 8, now=T0)


def _exported(tmp_path: Path, capsys) -> list[list[str]]:
    out = tmp_path / "t1.csv"
    assert main(["export", "t1", "--format", "csv", "-o", str(out), "--data-dir", str(tmp_path / "data")]) == 0
    with open(out, newline="", encoding="utf-8") as handle:  # a cell may hold a carriage return
        from_file = list(csv.reader(handle))
    capsys.readouterr()
    assert main(["export", "t1", "--format", "csv", "-o", "-", "--data-dir", str(tmp_path / "data")]) == 0
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == from_file, "stdout is the same CSV"
    return from_file


def test_csv_export_neutralises_formula_cells_and_keeps_numbers(tmp_path, images, capsys):
    _publish_cells(tmp_path / "data", images, HOSTILE, header="=1+2 (header)")
    rows = _exported(tmp_path, capsys)
    assert rows[0] == ["'=1+2 (header)", "value"]
    assert [row[0] for row in rows[1:]] == ["'" + text.replace("\r", "\n") for text in HOSTILE]
    assert len(rows) == len(HOSTILE) + 1, "a carriage return in a cell is quoted, never a row break"
    assert [row[1] for row in rows[1:]] == ["-1.5", "+2", "-0.25e-3", "12", "-7", ".5", "-1,5"]  # numbers stay numbers


def test_csv_export_leaves_ordinary_text_alone(tmp_path, images, capsys):
    plain = ["Pd/C", "a = b", "x-ray", "'quoted'", "", "−1.5 (a minus sign, not a hyphen)", "two\nlines"]
    _publish_cells(tmp_path / "data", images, plain)
    rows = _exported(tmp_path, capsys)
    assert [row[0] for row in rows[1:]] == plain


def test_json_and_parquet_exports_keep_the_text_exactly(tmp_path, images):
    _publish_cells(tmp_path / "data", images, HOSTILE)
    out = tmp_path / "t1.parquet"
    assert main(["export", "t1", "--format", "parquet", "-o", str(out), "--data-dir", str(tmp_path / "data")]) == 0
    assert pd.read_parquet(out)["name"].tolist() == HOSTILE


def test_a_carriage_return_inside_a_cell_cannot_start_a_row_of_its_own():
    frame = pd.DataFrame({"a": ["text\r=cmd|' /C calc'!A0"]}, dtype="object")
    written = csv_safe_frame(frame).to_csv(index=False)
    assert list(csv.reader(io.StringIO(written))) == [["a"], ["text\n=cmd|' /C calc'!A0"]]


def test_csv_safe_frame_is_a_copy():
    frame = pd.DataFrame({"=a": ["=1", "-1.5", None]}, dtype="object")
    safe = csv_safe_frame(frame)
    assert list(safe.columns) == ["'=a"] and safe["'=a"].tolist()[:2] == ["'=1", "-1.5"]
    assert pd.isna(safe["'=a"].tolist()[2]) and frame["=a"].tolist()[0] == "=1"


@pytest.fixture
def published(tmp_path, images):
    data_dir = tmp_path / "data"
    publish_snapshot(data_dir, make_frames(), images, pipeline_version="0.1.0", settings_hash="s" * 8, now=T0)
    return data_dir


def _query(data_dir: Path, sql: str, *extra: str) -> int:
    return main(["query", sql, "--data-dir", str(data_dir), *extra])


@pytest.mark.parametrize("extra", [[], ["--snapshot", "CURRENT"]])
def test_query_answers_from_the_views(published, capsys, extra):
    assert _query(published, "select count(*) as n from tables", *extra) == 0
    assert capsys.readouterr().out.splitlines()[2].strip() == "1"
    assert _query(published, "select * from table_as_rows('t1')", *extra) == 0
    assert "(1 row)" in capsys.readouterr().out
    assert _query(published, "select snapshot_id from snapshot_info", *extra) == 0
    assert current_snapshot(published).id in capsys.readouterr().out


@pytest.mark.parametrize("extra", [[], ["--snapshot", "CURRENT"]])
def test_query_reads_and_writes_no_file(published, tmp_path, capsys, extra):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE\n")
    snapshot = current_snapshot(published).path
    target = tmp_path / "copied.csv"
    attempts = [f"select * from read_csv('{secret}')", f"select * from read_text('{secret}')",
                f"copy (select 1) to '{target}'",
                f"copy (select 9 as x) to '{snapshot / 'tables.parquet'}' (format parquet, use_tmp_file false)",
                f"copy (select 1) to '{snapshot / 'extra.csv'}'",
                f"attach '{tmp_path / 'other.duckdb'}' as other", f"select * from glob('{tmp_path}/*')",
                f"export database '{tmp_path / 'dump'}'", "install httpfs",
                "set enable_external_access = true", "select * from read_parquet('/etc/hostname')"]
    for sql in attempts:
        assert _query(published, sql, *extra) == 1, sql
        err = capsys.readouterr().err
        assert "query failed" in err and "SECRET-LINE" not in err, (sql, err)
    assert not target.exists() and not (tmp_path / "dump").exists() and not (tmp_path / "other.duckdb").exists()
    assert not (snapshot / "extra.csv").exists() and verify_snapshot(snapshot) == []


def test_query_with_allow_files_reads_files(published, tmp_path, capsys):
    secret = tmp_path / "lines.csv"
    secret.write_text("a\n1\n2\n")
    assert _query(published, f"select count(*) as n from read_csv('{secret}')", "--allow-files") == 0
    assert capsys.readouterr().out.splitlines()[2].strip() == "2"
    assert _query(published, "select count(*) as n from tables", "--allow-files") == 0


def test_query_output_escapes_control_characters():
    text = format_table(["c"], [("\x1b[2J\x1b]0;title\x07cleared",)])
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[2J" in text
    assert os.linesep not in text.splitlines()[-1]
