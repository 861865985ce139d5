"""The real asset graph on Dagster's multiprocess executor (steps in other processes, each document's
extraction in its own limited child process under them), on the example PDFs, ending in a DuckDB catalog."""
import json
from pathlib import Path

import dagster as dg
import duckdb

from dagster_project.local_run import execute_documents
from paperlake.store import DataStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pdfs"


def test_graph_runs_on_the_multiprocess_executor_and_publishes(tmp_path):
    data_dir = tmp_path / "data"
    store = DataStore(data_dir)
    pdfs = sorted(EXAMPLES.glob("*.pdf"))
    doc_ids = [store.register(pdf).doc_id for pdf in pdfs]
    truth = {pdf.name: json.loads(pdf.with_suffix(".truth.json").read_text()) for pdf in pdfs}

    with execute_documents(data_dir, doc_ids, "multiprocess", max_concurrent=2) as result:
        assert result.success, [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
        run_id = result.run_id
    with dg.DagsterInstance.from_config(str(data_dir / "dagster")) as instance:
        batch_steps = {entry.step_key for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_SUCCESS)
                       if entry.step_key and entry.step_key.startswith("extraction.extraction_batch[")}
        materialized = instance.get_materialized_partitions(dg.AssetKey("extraction"))
    assert len(batch_steps) == 2  # four documents fanned out over two extraction steps
    assert materialized == set(doc_ids)  # one materialization per document, written as one batch

    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        docs = dict(con.sql("select file_name, n_pages from documents where status = 'ok'").fetchall())
        tables = dict(con.sql("select d.file_name, count(*) from tables_all t join documents d using (doc_id) "
                              "group by 1").fetchall())
    finally:
        con.close()
    assert docs == {name: t["n_pages"] for name, t in truth.items()}
    assert tables == {name: len(t["tables"]) for name, t in truth.items() if t["tables"]}
