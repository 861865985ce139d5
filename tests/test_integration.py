"""End to end: the real asset graph over the bundled example PDFs, checked through catalog.duckdb."""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from conftest import EXAMPLES

from dagster_project.local_run import run_documents
from extractors.tables import table_confidence
from paperlake.calibration.model import calibrators_for
from paperlake.cli.main import main
from paperlake.pipeline.routing import never_auto_accepted
from paperlake.settings import load_settings
from paperlake.store import DataStore
from schemas.dataset import CONTRACT_TABLES, columns

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A data dir after one `paperlake run` over the examples plus a broken file and a duplicate."""
    inputs = tmp_path_factory.mktemp("inputs")
    for pdf in sorted(EXAMPLES.glob("*.pdf")):
        shutil.copy(pdf, inputs / pdf.name)
    (inputs / "broken.pdf").write_bytes(b"this is not a PDF at all")
    first = sorted(EXAMPLES.glob("*.pdf"))[0]
    shutil.copy(first, inputs / "same content, other name.pdf")
    data_dir = tmp_path_factory.mktemp("data")
    assert main(["run", str(inputs), str(inputs / "missing-folder"), "--data-dir", str(data_dir)]) == 0
    return data_dir


@contextmanager
def _open_catalog(data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    # Close every connection: DuckDB shares one database per path inside a process, so a connection
    # left open would keep showing the snapshot it was opened on.
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchall()[0][0]


def test_examples_exist():
    assert len(list(EXAMPLES.glob("*.pdf"))) >= 3


def test_one_row_per_distinct_document_with_failures_kept(published):
    with _open_catalog(published) as con:
        n_examples = len(list(EXAMPLES.glob("*.pdf")))
        assert _one(con, "select count(*) from documents") == n_examples + 1  # duplicate collapses, broken kept
        status, error = con.execute("select status, error from documents where file_name = 'broken.pdf'").fetchall()[0]
        assert status == "failed" and "not a readable PDF" in error
        reasons = list((published / "quarantine").glob("*/reason.txt"))  # not a PDF: its reason, never its bytes
        assert len(reasons) == 1 and "not a readable PDF" in reasons[0].read_text()
        assert [p.name for p in reasons[0].parent.iterdir()] == ["reason.txt"]
        pages = dict(con.execute("select file_name, n_pages from documents where status = 'ok'").fetchall())
        assert pages == {name: truth["n_pages"] for name, truth in _truth().items()}


def _truth() -> dict[str, dict]:
    """The ground truth of each bundled example (examples/pdfs/*.truth.json), by file name."""
    return {pdf.name: json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
            for pdf in sorted(EXAMPLES.glob("*.pdf"))}


def test_tables_and_figures_are_the_truths(published):
    """Exactly the tables and figures the examples' truth lists: as many, each with its label, caption, page
    and shape (tables) or kind (figures); nothing missing, nothing extra."""
    truth = _truth()
    tables = sorted((name, t["label"], t["caption"], t["page"], t["n_rows"], t["n_cols"])
                    for name, doc in truth.items() for t in doc["tables"])
    figures = sorted((name, f["label"], f["caption"], f["page"], f["kind"])
                     for name, doc in truth.items() for f in doc["figures"])
    with _open_catalog(published) as con:
        assert _one(con, "select count(*) from tables_all") == len(tables)
        assert _one(con, "select count(*) from figures_all") == len(figures)
        assert sorted(con.execute("select d.file_name, t.label, t.caption, t.page, t.n_rows, t.n_cols "
                                  "from tables_all t join documents d using (doc_id)").fetchall()) == tables
        assert sorted(con.execute("select d.file_name, f.label, f.caption, f.page, f.figure_kind "
                                  "from figures_all f join documents d using (doc_id)").fetchall()) == figures
        assert _one(con, "select count(*) from table_cells_all where value is not null") > 10


def test_columns_follow_the_contract(published):
    with _open_catalog(published) as con:
        for table in CONTRACT_TABLES:
            names = [row[0] for row in con.execute(f"describe {table}_all" if table not in ("documents",)
                                                    else "describe documents").fetchall()]
            assert names == columns(table), table


def test_every_cell_has_its_table_and_every_crop_exists(published):
    with _open_catalog(published) as con:
        assert _one(con, "select count(*) from table_cells_all c anti join tables_all t using (table_id)") == 0
        snapshot = published / "published" / (published / "published" / "CURRENT").read_text().strip()
        paths = [row[0] for row in con.execute("select image_path from figures_all").fetchall()]
        assert paths and all((snapshot / p).is_file() for p in paths)
        assert all(p.startswith("figures/") for p in paths)


def test_review_routing_and_import_file(published):
    calibrators, threshold = calibrators_for(published), load_settings(published).review_threshold
    with _open_catalog(published) as con:
        for kind in ("table", "figure"):
            items = con.execute(f"select confidence, review_status, review_reason, evidence, method from {kind}s_all"
                                ).fetchall()
            for confidence, status, reason, evidence, method in items:  # the examples' items are all valid
                evidence = json.loads(evidence)
                assert confidence == pytest.approx(calibrators[kind].predict(evidence), abs=1e-4)
                assert method.endswith("+" + calibrators[kind].method)
                held = never_auto_accepted(kind, evidence) or not calibrators[kind].auto_accept
                if not calibrators[kind].auto_accept:  # a kind the calibrator is not trusted with: said why
                    assert f"not auto-accepted by {calibrators[kind].method}" in reason
                assert status == ("needs_review" if confidence < threshold or held else "auto_accepted"), reason
                if kind == "table":  # the extractor's own score is kept beside the calibrated one
                    assert evidence["engine_confidence"] == table_confidence(evidence)
        assert _one(con, "select count(*) from tables_all where review_status = 'auto_accepted'") > 0
        pending = _one(con, "select count(*) from tables_all where review_status = 'needs_review'") + _one(
            con, "select count(*) from figures_all where review_status = 'needs_review'")
        tasks = [t for kind in ("tables", "figures")
                 for t in json.loads((published / "review" / f"label_studio_{kind}.json").read_text())]
        assert len(tasks) == pending
        reasons = con.execute("select review_reason from tables_all where review_status = 'needs_review'").fetchall()
        assert all(r[0] for r in reasons)


def test_manifest_and_current(published):
    current = (published / "published" / "CURRENT").read_text().strip()
    manifest = json.loads((published / "published" / current / "manifest.json").read_text())
    assert manifest["id"] == current
    with _open_catalog(published) as con:
        assert manifest["row_counts"]["table_cells"] == _one(con, "select count(*) from table_cells_all")


def test_rerun_skips_unchanged_documents_and_publishes_again(published):
    store = DataStore(published)
    doc_ids = store.registered_ids()
    before = (published / "published" / "CURRENT").read_text()
    markers = {d: store.stage_marker(d, "extraction") for d in doc_ids}
    result = run_documents(published, doc_ids)
    assert result.success
    assert {d: store.stage_marker(d, "extraction") for d in doc_ids} == markers
    events = result.asset_materializations_for_node("extraction")
    assert sorted(e.partition for e in events) == sorted(doc_ids)  # one materialization per document
    assert {e.metadata["documents_in_run"].value for e in events} == {len(doc_ids)}
    (summary,) = [e.metadata for e in events if "run_skipped_up_to_date" in e.metadata]  # the run's last partition
    assert summary["run_skipped_up_to_date"].value == len(doc_ids) and summary["run_documents"].value == len(doc_ids)
    (failed,) = summary["run_failed_documents"].value.splitlines()  # the text file named .pdf, once, where it failed
    assert failed.startswith("- broken\\.pdf `")  # named by its file, escaped for Markdown
    assert "(ingest)" in failed and "no %PDF\\- header" in failed
    assert (published / "published" / "CURRENT").read_text() != before


def test_raising_the_threshold_sends_items_to_review_with_crops(published):
    store = DataStore(published)
    result = run_documents(published, store.registered_ids(), review_threshold=0.99)
    assert result.success
    with _open_catalog(published) as con:
        pending = _one(con, "select count(*) from tables_all where review_status = 'needs_review'")
        assert pending == _one(con, "select count(*) from tables_all where confidence < 0.99") > 0
        tasks = json.loads((published / "review" / "label_studio_tables.json").read_text())
        assert len(tasks) == pending
        for task in tasks:
            assert task["predictions"][0]["score"] < 0.99
            ref = task["data"]["image"]
            assert ref.startswith("/data/local-files/?d=")
            from urllib.parse import unquote
            assert (published / unquote(ref.split("?d=", 1)[1])).is_file()
    # the queue reads only documents with pending items, and finds the same items as reading them all
    from paperlake.review.reviewed import pending_review_frames, reviewed_frames

    every = reviewed_frames(store)[1].frames
    some = pending_review_frames(store)
    for table, key in (("tables", "table_id"), ("figures", "figure_id")):
        expected = sorted(every[table].loc[every[table]["review_status"] == "needs_review", key])
        assert sorted(some[table].loc[some[table]["review_status"] == "needs_review", key]) == expected
    assert some["documents"]["doc_id"].nunique() < every["documents"]["doc_id"].nunique()
