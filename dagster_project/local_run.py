"""Run the asset graph in-process for a set of documents, with the Dagster instance kept in the data dir."""

from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from dagster_project.definitions import defs
from dagster_project.partitions import document_partitions, partition_range_tags
from dagster_project.resources import PaperlakeResource


def local_instance(dagster_home: Path) -> dg.DagsterInstance:
    """A persistent Dagster instance (SQLite run, event and schedule storage) in the given folder."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    return dg.DagsterInstance.from_config(str(dagster_home))


def run_documents(data_dir: Path, doc_ids: Sequence[str], quiet: bool = True,
                  review_threshold: float | None = None) -> dg.ExecuteInProcessResult:
    """Add the documents as partitions and materialize the whole graph over them in one run."""
    instance = local_instance(data_dir / "dagster")
    known = instance.get_dynamic_partitions(document_partitions.name)
    missing = [d for d in doc_ids if d not in set(known)]
    if missing:
        instance.add_dynamic_partitions(document_partitions.name, missing)
    order = {key: i for i, key in enumerate(instance.get_dynamic_partitions(document_partitions.name))}
    ordered = sorted(doc_ids, key=order.__getitem__)
    job = defs.resolve_job_def("process_documents")
    run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}} if quiet else None
    return job.execute_in_process(
        instance=instance,
        tags=partition_range_tags(ordered[0], ordered[-1]),
        resources={"paperlake": PaperlakeResource(data_dir=str(data_dir), review_threshold=review_threshold)},
        run_config=run_config,
        raise_on_error=False,
    )
