"""`paperlake export`: numbers as numbers with their uncertainty and unit beside them, text as printed, and
table ids given as a unique prefix."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
from test_publish import DOC, T0, images, make_frames  # noqa: F401 (images is a fixture)

from paperlake.cli.main import main
from paperlake.dataset.publish import publish_snapshot

GRID = [["Sample", "Tm (°C)", "Density", "Note"],
        ["A", "74.6 ± 0.2", "3.85 g cm−3", "fresh"],
        ["B", "—", "2.10 g cm−3", "aged"],
        ["C", "70.3 ± 0.3", "1.95 g cm−3", "7"]]
PARSED = {"74.6 ± 0.2": (74.6, 0.2, "°C"), "70.3 ± 0.3": (70.3, 0.3, "°C"), "3.85 g cm−3": (3.85, None, "g cm−3"),
          "2.10 g cm−3": (2.10, None, "g cm−3"), "1.95 g cm−3": (1.95, None, "g cm−3"), "7": (7.0, None, None)}


def _publish(data_dir: Path, images: dict[str, Path], table_ids: tuple[str, ...] = ("t1",)) -> None:
    """make_frames() with t1 (and t1's copies under other ids) holding GRID, values as the extractor reads them."""
    frames = make_frames()
    cells = frames["table_cells"][~frames["table_cells"]["table_id"].isin(("t1",))]
    rows = [{"table_id": tid, "doc_id": DOC, "row": r, "col": c, "row_span": 1, "col_span": 1, "is_header": r == 0,
             "text": text, **dict(zip(("value", "uncertainty", "unit"), PARSED.get(text, (None, None, None))))}
            for tid in table_ids for r, row in enumerate(GRID) for c, text in enumerate(row)]
    frames["table_cells"] = pd.concat([cells, pd.DataFrame(rows)], ignore_index=True)
    tables = frames["tables"]
    t1 = tables[tables["table_id"] == "t1"].iloc[0]
    frames["tables"] = pd.concat([tables[tables["table_id"] != "t1"]]
                                 + [t1.to_frame().T.assign(table_id=tid, n_rows=4, n_cols=4) for tid in table_ids],
                                 ignore_index=True)
    publish_snapshot(data_dir, frames, images, pipeline_version="0.1.0", settings_hash="s" * 8, now=T0)


def _export(data_dir: Path, ref: str, fmt: str, out: Path, *extra: str) -> int:
    return main(["export", ref, "--format", fmt, "-o", str(out), "--data-dir", str(data_dir), *extra])


def test_parquet_export_has_double_columns_with_uncertainty_and_unit(tmp_path, images):
    _publish(tmp_path / "data", images)
    out = tmp_path / "t1.parquet"
    assert _export(tmp_path / "data", "t1", "parquet", out) == 0
    types = {row[0]: row[1] for row in duckdb.sql(f"describe select * from read_parquet('{out}')").fetchall()}
    assert types == {"Sample": "VARCHAR", "Tm (°C)": "DOUBLE", "Tm (°C) uncertainty": "DOUBLE",
                     "Tm (°C) unit": "VARCHAR", "Density": "DOUBLE", "Density unit": "VARCHAR", "Note": "VARCHAR"}
    frame = pd.read_parquet(out)
    assert frame["Tm (°C)"].tolist()[0::2] == [74.6, 70.3] and pd.isna(frame["Tm (°C)"][1])  # "—" is no value
    assert frame["Tm (°C) uncertainty"].tolist()[0::2] == [0.2, 0.3]
    assert frame["Density"].tolist() == [3.85, 2.10, 1.95] and set(frame["Density unit"]) == {"g cm−3"}
    assert frame["Note"].tolist() == ["fresh", "aged", "7"]  # one number among words: the column stays text


def test_json_export_gives_numbers_and_text_mode_gives_the_cells_as_printed(tmp_path, images):
    _publish(tmp_path / "data", images)
    assert _export(tmp_path / "data", "t1", "json", tmp_path / "typed.json") == 0
    first = json.loads((tmp_path / "typed.json").read_text(encoding="utf-8"))[0]
    assert first == {"Sample": "A", "Tm (°C)": 74.6, "Tm (°C) uncertainty": 0.2, "Tm (°C) unit": "°C",
                     "Density": 3.85, "Density unit": "g cm−3", "Note": "fresh"}
    assert _export(tmp_path / "data", "t1", "json", tmp_path / "text.json", "--cells", "text") == 0
    assert json.loads((tmp_path / "text.json").read_text(encoding="utf-8"))[0] == dict(zip(GRID[0], GRID[1]))


def test_a_unique_prefix_names_the_table_and_an_ambiguous_one_is_refused(tmp_path, images, capsys):
    data = tmp_path / "data"
    _publish(data, images, table_ids=("abc-p001-t00", "abc-p002-t00"))
    assert _export(data, "abc-p002", "csv", tmp_path / "one.csv") == 0
    assert (tmp_path / "one.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(GRID[0])
    capsys.readouterr()
    assert _export(data, "abc", "csv", tmp_path / "two.csv") == 1
    err = capsys.readouterr().err
    assert "abc-p001-t00" in err and "abc-p002-t00" in err and not (tmp_path / "two.csv").exists()
    assert _export(data, "zzz", "csv", tmp_path / "none.csv") == 1
    assert "no table 'zzz'" in capsys.readouterr().err
