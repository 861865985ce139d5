"""Incremental runs: a PDF added to a folder is the only one extracted, yet the snapshot holds every document."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import duckdb
import pytest
from conftest import build_booktabs_pdf, build_figure_pdf, build_ruled_pdf

from extractors import tables as table_finder
from paperlake.cli.main import main
from paperlake.cli.run import StageStats, run_lines
from paperlake.dataset.layout import current_snapshot
from paperlake.store import DataStore

pytestmark = pytest.mark.integration


def _run(capsys, inputs: Path, data_dir: Path) -> str:
    assert main(["run", str(inputs), "--data-dir", str(data_dir)]) == 0
    return capsys.readouterr().out


def _extracted(out: str) -> tuple[int, int]:
    match = re.search(r"^extracted\s+(\d+) document\(s\) in [\d.]+ s; (\d+) unchanged, skipped$", out, re.MULTILINE)
    assert match, out
    return int(match.group(1)), int(match.group(2))


def _markers(store: DataStore) -> dict[str, tuple[dict, int]]:
    """Each document's extraction marker and the time its marker file was written."""
    return {d: (store.stage_marker(d, "extraction"),
                (store.stage_dir(d, "extraction") / "_done.json").stat().st_mtime_ns)
            for d in store.iter_stage_docs("extraction")}


def test_adding_a_pdf_extracts_only_that_pdf_and_publishes_every_document(tmp_path, capsys, monkeypatch):
    inputs, data_dir = tmp_path / "in", tmp_path / "data"
    inputs.mkdir()
    build_booktabs_pdf(inputs / "booktabs.pdf")
    build_ruled_pdf(inputs / "ruled.pdf")
    assert _extracted(_run(capsys, inputs, data_dir)) == (2, 0)
    store = DataStore(data_dir)
    before, first = _markers(store), current_snapshot(data_dir)

    build_figure_pdf(inputs / "figure.pdf")
    out = _run(capsys, inputs, data_dir)
    assert _extracted(out) == (1, 2)
    assert re.search(r"^run time\s+[\d.]+ s \(open .*extract [\d.]+ s", out, re.MULTILINE)
    after = _markers(store)
    assert {d: after[d] for d in before} == before  # unchanged PDFs: markers not rewritten
    (new_doc,) = set(after) - set(before)
    assert store.source(new_doc).file_name == "figure.pdf"

    snapshot = current_snapshot(data_dir)
    assert snapshot.manifest["parent"] == first.id and snapshot.row_counts["documents"] == 3
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute("select file_name from documents order by file_name").fetchall()]
        n_tables = con.execute("select count(*) from tables_all").fetchone()[0]
    finally:
        con.close()
    assert names == ["booktabs.pdf", "figure.pdf", "ruled.pdf"]
    assert n_tables == first.row_counts["tables"]  # the old documents' items are all still there

    # a new extractor version re-extracts every document, unchanged or not
    bumped = dataclasses.replace(table_finder.EXTRACTOR, version=table_finder.EXTRACTOR.version + "-next")
    monkeypatch.setattr(table_finder, "EXTRACTOR", bumped)
    assert _extracted(_run(capsys, inputs, data_dir)) == (3, 0)
    assert all(store.stage_marker(d, "extraction")["versions"]["tables"] == bumped.method for d in after)
    # and the next run with the same version skips them all again
    assert _extracted(_run(capsys, inputs, data_dir)) == (0, 3)


def test_run_lines():
    stages = {"ingest": StageStats(1, 3, 0.1), "extract": StageStats(1, 3, 2.345)}
    assert run_lines(stages, 9.87) == [
        "extracted      1 document(s) in 2.35 s; 3 unchanged, skipped",
        "run time       9.9 s (open 0.10 s, extract 2.35 s; the rest is Dagster and publishing)"]
    assert run_lines({}, 1.0)[1] == "run time       1.0 s"
    assert run_lines(stages, 9.87, readers=2)[1] == (
        "run time       9.9 s (open 0.10 s, extract 2.35 s, summed over documents read 2 at a time; "
        "the rest is Dagster and publishing)")
