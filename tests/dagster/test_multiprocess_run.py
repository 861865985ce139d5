"""The real asset graph on Dagster's multiprocess executor (steps in other processes, each document's
extraction in its own limited child process under them), on the example PDFs, ending in a DuckDB catalog."""
import dagster as dg

from dagster_project.local_run import execute_documents


def test_graph_runs_on_the_multiprocess_executor_and_publishes(registered_examples):
    data_dir, doc_ids = registered_examples.data_dir, registered_examples.doc_ids

    with execute_documents(data_dir, doc_ids, "multiprocess", max_concurrent=2) as result:
        assert result.success, [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
        run_id = result.run_id
    with dg.DagsterInstance.from_config(str(data_dir / "dagster")) as instance:
        batch_steps = {entry.step_key for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_SUCCESS)
                       if entry.step_key and entry.step_key.startswith("extraction.extraction_batch[")}
        materialized = instance.get_materialized_partitions(dg.AssetKey("extraction"))
    assert len(batch_steps) == 2  # four documents fanned out over two extraction steps
    assert materialized == set(doc_ids)  # one materialization per document, written as one batch
    registered_examples.assert_catalog_matches_truth()
