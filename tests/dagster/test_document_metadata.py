"""Each document partition names its file: a real run of the asset graph over real PDFs, its materializations
read back from the data dir's Dagster instance and compared with what catalog.duckdb holds."""
from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dagster_project.document_metadata import partitions_read_once
from dagster_project.local_run import local_instance, run_documents
from dagster_project.metadata import escape_md
from paperlake.store import DataStore
from tests.conftest import EXAMPLES, build_booktabs_pdf

pytestmark = pytest.mark.integration
ODD_NAME = "yield | *bold* <b onclick=x>table.pdf"


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A data dir after one run over an example paper and a one-table PDF whose name is Markdown and HTML."""
    folder, data_dir = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("run") / "data"
    build_booktabs_pdf(folder / ODD_NAME)
    shutil.copyfile(EXAMPLES / "catalyst_screening.pdf", folder / "catalyst_screening.pdf")
    store = DataStore(data_dir)
    names = {store.register(path).doc_id: path.name for path in sorted(folder.iterdir())}
    assert run_documents(data_dir, list(names)).success
    return data_dir, names


def _latest_by_partition(data_dir: Path, asset: str) -> dict[str | None, dict[str, object]]:
    instance = dg.DagsterInstance.from_config(str(data_dir / "dagster"))
    try:
        records = instance.fetch_materializations(dg.AssetKey(asset), limit=100).records
        latest: dict[str | None, dict[str, object]] = {}
        for record in sorted(records, key=lambda r: r.storage_id):
            latest[record.partition_key] = {k: v.value for k, v in record.asset_materialization.metadata.items()}
        return latest
    finally:
        instance.dispose()


def _catalog(data_dir: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_partition_names_its_file_and_counts_its_items(ran):
    data_dir, names = ran
    by_partition = _latest_by_partition(data_dir, "extraction")
    assert set(by_partition) == set(names), "partition keys stay the documents' sha256"
    for doc_id, file_name in names.items():
        metadata = by_partition[doc_id]
        assert metadata["file_name"] == escape_md(file_name, 200)
        (pages, tables, figures, pending), = _catalog(data_dir, f"""
            select d.n_pages,
                   (select count(*) from tables_all where doc_id = d.doc_id),
                   (select count(*) from figures_all where doc_id = d.doc_id),
                   (select count(*) from tables_all where doc_id = d.doc_id and review_status = 'needs_review')
                   + (select count(*) from figures_all where doc_id = d.doc_id and review_status = 'needs_review')
            from documents d where d.doc_id = '{doc_id}'""")
        assert (metadata["pages"], metadata["tables"], metadata["figures"], metadata["needs_review"]) == (
            pages, tables, figures, pending)
        assert metadata["status"] == "ok" and metadata["documents_in_run"] == 2
        preview = str(metadata["tables_preview"])
        for label, page, n_rows, n_cols, confidence, status in _catalog(
                data_dir, f"select label, page, n_rows, n_cols, confidence, review_status from tables_all "
                          f"where doc_id = '{doc_id}'"):
            assert (f"| {escape_md(label)} | {page} | {n_rows} × {n_cols} | {confidence:.2f} "
                    f"| {escape_md(status)} |") in preview
    odd = next(d for d, name in names.items() if name == ODD_NAME)
    assert by_partition[odd]["tables"] == 1 and "| Table 1 | 1 | 4 × 4 |" in str(by_partition[odd]["tables_preview"])
    assert "<b>" not in str(by_partition[odd]["file_name"]) and "*bold*" not in str(by_partition[odd]["file_name"])


def test_the_runs_summary_sits_on_its_last_partition_under_run_keys(ran):
    data_dir, names = ran
    by_partition = _latest_by_partition(data_dir, "extraction")
    summaries = [m for m in by_partition.values() if "run_documents" in m]
    (summary,) = summaries
    assert summary["run_documents"] == 2 and summary["run_errors"] == 0
    assert summary["run_tables"] == sum(m["tables"] for m in by_partition.values())
    preview = str(summary["run_preview"])
    for doc_id, file_name in names.items():
        assert f"| {escape_md(file_name, 60)} | `{doc_id[:12]}` |" in preview


def test_the_snapshots_tables_preview_names_file_and_label(ran):
    data_dir, _ = ran
    (published,) = _latest_by_partition(data_dir, "published_dataset").values()
    preview = str(published["tables_preview"])
    rows = _catalog(data_dir, "select d.file_name, t.label, t.table_id from tables t join documents d using (doc_id)")
    assert rows
    for file_name, label, table_id in rows[:10]:
        assert f"| {escape_md(file_name, 60)} | {escape_md(label or '', 40)} |" in preview
        assert f"| {escape_md(table_id, 60)} |" in preview


def test_partitions_read_once_answers_from_one_read_and_restores_the_instance(tmp_path):
    with local_instance(tmp_path / "home") as instance:
        instance.add_dynamic_partitions("documents", ["a", "b"])
        with partitions_read_once(instance):
            assert instance.get_dynamic_partitions("documents") == ["a", "b"]
            instance.add_dynamic_partitions("documents", ["c"])  # not seen: the block answers from its one read
            assert instance.get_dynamic_partitions("documents") == ["a", "b"]
            assert instance.has_dynamic_partition("documents", "b")
            assert not instance.has_dynamic_partition("documents", "c")
        assert "get_dynamic_partitions" not in vars(instance) and "has_dynamic_partition" not in vars(instance)
        assert instance.has_dynamic_partition("documents", "c")
