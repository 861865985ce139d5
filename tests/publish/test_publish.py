"""The publish edge: snapshot layout, manifest, CURRENT moves, crash safety and readers across publishes."""
from __future__ import annotations

import json
import os
import struct
import zlib
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from paperlake.dataset.layout import current_snapshot, read_manifest
from paperlake.dataset.publish import publish_snapshot, safe_relpath, snapshot_id, verify_snapshot

DOC = "ab" * 32
T0 = datetime(2026, 11, 29, 3, 45, 12, tzinfo=timezone.utc)
T1 = datetime(2026, 11, 29, 4, 0, 0, tzinfo=timezone.utc)
PNG_REL = f"figures/{DOC}/f1.png"


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG built with zlib and struct."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _table(tid: str, status: str) -> dict:
    return {"table_id": tid, "doc_id": DOC, "page": 1, "x0": 10.0, "y0": 20.0, "x1": 200.0, "y1": 80.0,
            "label": "Table 1", "caption": "Yields.", "footnotes": None, "n_rows": 2, "n_cols": 2,
            "n_header_rows": 1, "continued_from": None, "confidence": 0.9, "method": "vector/1",
            "review_status": status, "reviewed_by": None, "reviewed_at": None}


def _figure(fid: str, status: str) -> dict:
    return {"figure_id": fid, "doc_id": DOC, "page": 1, "x0": 10.0, "y0": 100.0, "x1": 200.0, "y1": 300.0,
            "label": "Figure 1", "caption": "Signal.", "figure_kind": "chart",
            "image_path": f"figures/{DOC}/{fid}.png",
            "parent_figure_id": None, "confidence": 0.8, "method": "vector/1", "review_status": status,
            "reviewed_by": None, "reviewed_at": None}


def make_frames(n_extra_docs: int = 0) -> dict[str, pd.DataFrame]:
    """One document: tables t1 (2x2, kept) and t2 (2x2, rejected), chart f1 (2 points), f2 (rejected)."""
    docs = [{"doc_id": DOC, "file_name": "a.pdf", "source_uri": "file:///in/a.pdf", "n_pages": 1,
             "title": None, "ingested_at": pd.Timestamp("2026-11-29T03:00:00Z"), "pipeline_version": "0.1.0",
             "status": "ok", "error": None}]
    docs += [{**docs[0], "doc_id": f"{i:064x}", "file_name": f"x{i}.pdf"} for i in range(n_extra_docs)]
    cells = [{"table_id": tid, "doc_id": DOC, "row": r, "col": c, "row_span": 1, "col_span": 1,
              "is_header": r == 0, "text": f"{r}{c}", "value": float(r * 10 + c) if r else None,
              "uncertainty": None, "unit": None}
             for tid in ("t1", "t2") for r in range(2) for c in range(2)]
    series = [{"figure_id": fid, "doc_id": DOC, "series": "series 1", "point": p, "x": float(p), "y": 2.0 * p,
               "x_label": "t", "y_label": "s"} for fid, n in (("f1", 2), ("f2", 1)) for p in range(n)]
    return {
        "documents": pd.DataFrame(docs),
        "tables": pd.DataFrame([_table("t1", "auto_accepted"), _table("t2", "rejected")]),
        "table_cells": pd.DataFrame(cells),
        "figures": pd.DataFrame([_figure("f1", "reviewed"), _figure("f2", "rejected")]),
        "figure_series": pd.DataFrame(series),
    }


@pytest.fixture
def images(tmp_path: Path) -> dict[str, Path]:
    work = tmp_path / "work"
    work.mkdir()
    out = {}
    for fid in ("f1", "f2"):
        (work / f"{fid}.png").write_bytes(png_bytes())
        out[f"figures/{DOC}/{fid}.png"] = work / f"{fid}.png"
    return out


def _publish(data_dir: Path, images: dict[str, Path], now: datetime = T0, **kw) -> object:
    return publish_snapshot(data_dir, kw.pop("frames", None) or make_frames(), images,
                            pipeline_version="0.1.0", settings_hash="s" * 8, now=now, **kw)


def _catalog(data_dir: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple:
    return con.execute(sql).fetchall()[0]


def test_publish_writes_the_contract_layout_and_manifest(tmp_path, images):
    data_dir = tmp_path / "data"
    snap = _publish(data_dir, images)
    assert snap.path == data_dir.resolve() / "published" / snap.id
    assert (data_dir / "published" / "CURRENT").read_text().strip() == snap.id
    assert snap.id.startswith("20261129T034512Z-") and len(snap.id) == len("20261129T034512Z-") + 8
    names = {p.relative_to(snap.path).as_posix() for p in snap.path.rglob("*") if p.is_file()}
    assert names == {"manifest.json", "documents.parquet", "tables.parquet", "table_cells.parquet",
                     "figures.parquet", "figure_series.parquet", "reviews.parquet", PNG_REL,
                     f"figures/{DOC}/f2.png"}
    manifest = read_manifest(snap.path)
    assert manifest == snap.manifest == json.loads((snap.path / "manifest.json").read_text())
    assert manifest["id"] == snap.id and manifest["parent"] is None and manifest["contract_version"] == "1"
    assert manifest["created_at"] == "2026-11-29T03:45:12+00:00"
    assert manifest["pipeline_version"] == "0.1.0" and manifest["settings_hash"] == "ssssssss"
    assert manifest["row_counts"] == snap.row_counts == {"documents": 1, "tables": 2, "table_cells": 8,
                                                         "figures": 2, "figure_series": 3, "reviews": 0}
    assert set(manifest["files"]) == names - {"manifest.json"}
    assert manifest["files"][PNG_REL]["bytes"] == len(png_bytes())
    assert (snap.path / PNG_REL).read_bytes() == png_bytes()
    assert os.path.samefile(snap.path / PNG_REL, images[PNG_REL])  # hard-linked: same filesystem
    assert verify_snapshot(snap.path) == []
    assert not list((data_dir / "published").glob(".staging-*"))
    assert current_snapshot(data_dir) == snap


def test_parquet_keeps_columns_and_dtypes_even_when_empty(tmp_path, images):
    frames = make_frames()
    frames["figure_series"] = frames["figure_series"].iloc[0:0]
    snap = _publish(tmp_path, images, frames=frames)
    for name, frame in frames.items():
        back = pd.read_parquet(snap.path / f"{name}.parquet")
        assert list(back.columns) == list(frame.columns)
        pd.testing.assert_frame_equal(back, frame.reset_index(drop=True))
    assert pq.read_schema(snap.path / "figure_series.parquet").names == list(frames["figure_series"].columns)
    assert snap.row_counts["figure_series"] == 0


def test_catalog_views_exclude_rejected_items(tmp_path, images):
    _publish(tmp_path, images)
    con = _catalog(tmp_path)
    assert _one(con, "select count(*) from documents") == (1,)
    assert con.execute("select table_id from tables").fetchall() == [("t1",)]
    assert _one(con, "select count(*), count(distinct table_id) from table_cells") == (4, 1)
    assert con.execute("select figure_id from figures").fetchall() == [("f1",)]
    assert _one(con, "select count(*), min(figure_id) from figure_series") == (2, "f1")
    assert _one(con, "select count(*) from tables_all") == (2,)
    assert _one(con, "select count(*) from table_cells_all") == (8,)
    assert _one(con, "select count(*) from figures_all") == (2,)
    assert _one(con, "select count(*) from figure_series_all") == (3,)
    con.close()


def test_reviews_table_is_published_and_has_a_view(tmp_path, images):
    reviews = pd.DataFrame([{"kind": "table", "method": "vector/1", "sent": 3, "pending": 1, "reviewed": 2,
                             "accepted_unchanged": 0, "corrected": 1, "rejected": 1, "reopened": 0,
                             "edit_distance_total": 4, "edit_distance_mean": 4.0}])
    snap = _publish(tmp_path, images, frames={**make_frames(), "reviews": reviews})
    assert snap.row_counts["reviews"] == 1
    con = _catalog(tmp_path)
    assert _one(con, "select kind, sent, corrected, edit_distance_mean from reviews") == ("table", 3, 1, 4.0)
    con.close()
    empty = _publish(tmp_path, images, now=T1)
    assert pq.read_schema(empty.path / "reviews.parquet").names[:3] == ["kind", "method", "sent"]


def test_snapshot_info_names_the_current_snapshot(tmp_path, images):
    snap = _publish(tmp_path, images)
    con = _catalog(tmp_path)
    sql = "select snapshot_id, created_at, pipeline_version from snapshot_info"
    sid, created_at, version = _one(con, sql)
    assert (sid, version) == (snap.id, "0.1.0")
    assert created_at == T0
    assert _one(con, "select count(*) from snapshot_info") == (1,)
    con.close()


def test_second_publish_moves_current_and_records_parent(tmp_path, images):
    first = _publish(tmp_path, images, now=T0)
    second = _publish(tmp_path, images, now=T1, frames=make_frames(n_extra_docs=2))
    assert second.id > first.id and second.manifest["parent"] == first.id
    assert current_snapshot(tmp_path).id == second.id
    assert verify_snapshot(first.path) == [] and verify_snapshot(second.path) == []
    con = _catalog(tmp_path)
    assert _one(con, "select count(*) from documents") == (3,)
    assert _one(con, "select snapshot_id from snapshot_info") == (second.id,)
    con.close()


def test_identical_content_gets_a_new_id_with_parent(tmp_path, images):
    first = _publish(tmp_path, images, now=T0)
    second = _publish(tmp_path, images, now=T0)  # same content, same second
    assert second.id != first.id and second.id > first.id
    assert second.id[-8:] == first.id[-8:]
    assert second.manifest["parent"] == first.id
    assert second.manifest["files"] == first.manifest["files"]
    assert sorted(p.name for p in (tmp_path / "published").iterdir() if not p.name.startswith(".")) == sorted(
        [first.id, second.id, "CURRENT"])


def test_crash_before_current_moves_leaves_old_snapshot_current(tmp_path, images, monkeypatch):
    first = _publish(tmp_path, images, now=T0)
    real_replace = os.replace

    def crash_on_current(src, dst, *args, **kwargs):
        if Path(dst).name == "CURRENT":
            raise OSError("simulated crash")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", crash_on_current)
    with pytest.raises(OSError, match="simulated crash"):
        _publish(tmp_path, images, now=T1, frames=make_frames(n_extra_docs=1))
    monkeypatch.undo()
    assert current_snapshot(tmp_path).id == first.id
    assert verify_snapshot(first.path) == []
    con = _catalog(tmp_path)
    assert _one(con, "select snapshot_id from snapshot_info") == (first.id,)
    assert _one(con, "select count(*) from documents") == (1,)
    con.close()
    third = _publish(tmp_path, images, now=T1)
    assert third.manifest["parent"] == first.id


def test_stale_staging_folders_are_removed_by_the_next_publish(tmp_path, images):
    first = _publish(tmp_path, images, now=T0)
    stale = tmp_path / "published" / ".staging-20261129T040000Z-deadbeef"
    (stale / "figures").mkdir(parents=True)
    (stale / "tables.parquet").write_bytes(b"half written")
    second = _publish(tmp_path, images, now=T1)
    assert not stale.exists()
    assert current_snapshot(tmp_path).id == second.id and verify_snapshot(first.path) == []


def test_reader_opened_before_a_publish_keeps_answering(tmp_path, images):
    first = _publish(tmp_path, images, now=T0)
    reader = _catalog(tmp_path)
    assert _one(reader, "select count(*) from documents") == (1,)
    second = _publish(tmp_path, images, now=T1, frames=make_frames(n_extra_docs=2))
    assert _one(reader, "select snapshot_id from snapshot_info") == (first.id,)
    assert _one(reader, "select count(*) from documents") == (1,)
    assert _one(reader, "select count(*) from table_cells") == (4,)
    reader.close()
    fresh = _catalog(tmp_path)
    assert _one(fresh, "select snapshot_id from snapshot_info") == (second.id,)
    assert _one(fresh, "select count(*) from documents") == (3,)
    fresh.close()


def test_catalog_answers_from_another_working_directory(tmp_path, images, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _publish(Path("data"), images)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    con = _catalog(tmp_path / "data")
    assert _one(con, "select count(*) from tables") == (1,)
    con.close()


def test_verify_reports_changed_missing_and_unexpected_files(tmp_path, images):
    snap = _publish(tmp_path, images)
    (snap.path / PNG_REL).unlink()
    with open(snap.path / "tables.parquet", "r+b") as handle:
        handle.seek(10)
        handle.write(b"X")
    (snap.path / "extra.txt").write_text("?")
    problems = verify_snapshot(snap.path)
    assert any(p.startswith(PNG_REL) and "missing" in p for p in problems)
    assert any(p.startswith("tables.parquet") and "sha256" in p for p in problems)
    assert any(p.startswith("extra.txt") for p in problems)
    assert verify_snapshot(tmp_path / "nowhere")[0].startswith("manifest.json: unreadable")


def test_bad_inputs_are_refused_before_anything_is_written(tmp_path, images):
    frames = make_frames()
    with pytest.raises(ValueError, match="missing"):
        _publish(tmp_path, images, frames={k: v for k, v in frames.items() if k != "figures"})
    with pytest.raises(ValueError, match="inside the snapshot"):
        _publish(tmp_path, {"../escape.png": images[PNG_REL]})
    with pytest.raises(ValueError, match="clashes"):
        _publish(tmp_path, {"tables.parquet": images[PNG_REL]})
    with pytest.raises(FileNotFoundError):
        _publish(tmp_path, {PNG_REL: tmp_path / "absent.png"})
    assert current_snapshot(tmp_path) is None


def test_snapshot_ids_sort_in_publish_order():
    assert snapshot_id(T0, "0" * 64) == "20261129T034512Z-00000000"
    assert snapshot_id(T0, "1" * 64, ["20261129T034512Z-00000000"]) == "20261129T034513Z-11111111"
    assert snapshot_id(T0, "1" * 64, ["20261130T000000Z-00000000", "junk"]) == "20261130T000001Z-11111111"
    assert safe_relpath("figures/a/b.png").as_posix() == "figures/a/b.png"
