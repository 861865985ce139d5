"""The real asset graph on celery: Redis from Debian, two dagster-celery workers, the example PDFs, a DuckDB catalog."""
import os
from pathlib import Path

import dagster as dg
import duckdb
import psutil

from dagster_project.jobs import CELERY_POLL_SECONDS
from dagster_project.local_cluster import local_celery_cluster
from dagster_project.local_run import execute_documents

REPO = Path(__file__).resolve().parents[2]


def test_graph_runs_on_two_celery_workers_and_publishes(registered_examples):
    data_dir, doc_ids = registered_examples.data_dir, registered_examples.doc_ids

    env = {"PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    with local_celery_cluster(data_dir / "dagster", workers=2, env=env) as cluster:
        pids = cluster.pids
        with execute_documents(data_dir, doc_ids, "celery", celery=cluster.executor_config) as result:
            assert result.success, [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
            run_id = result.run_id
    assert not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in pids)

    with dg.DagsterInstance.from_config(str(data_dir / "dagster")) as instance:
        workers = {str(entry.dagster_event.engine_event_data.metadata["Celery worker"].value).split("@")[0]
                   for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT)
                   if "Celery worker" in entry.dagster_event.engine_event_data.metadata}
        batch_steps = {entry.step_key for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_SUCCESS)
                       if entry.step_key and entry.step_key.startswith("extraction.extraction_batch[")}
        materialized = instance.get_materialized_partitions(dg.AssetKey("extraction"))
    assert workers == {"paperlake1", "paperlake2"}  # both workers took steps
    assert materialized == set(doc_ids)  # one materialization per document, written by a worker in one batch
    assert len(batch_steps) == 2  # four documents, min_steps 2: extraction fanned out over two steps

    registered_examples.assert_catalog_matches_truth()
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        cells = con.execute("select count(*) from table_cells").fetchone()[0]
    finally:
        con.close()
    assert cells > 0


def test_the_run_polls_its_celery_steps_often():
    from dagster_celery import core_execution_loop

    import dagster_project.definitions  # noqa: F401 - building the celery job sets the interval

    assert core_execution_loop.TICK_SECONDS == CELERY_POLL_SECONDS  # dagster-celery's own is 1 s
