"""Run the asset graph for a set of documents, with the Dagster instance kept in the data dir.

`run_documents` runs in this process (the CLI: progress bars, no workers). `execute_documents` runs
the same job on the multiprocess executor (one process per step, `max_concurrent` at once) or on
celery workers, as a deployment would; it needs the persistent instance that both share.
"""

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import dagster as dg

from dagster_project.definitions import defs, process_documents_celery_job, process_documents_job
from dagster_project.partitions import document_partitions, partition_range_tags
from dagster_project.resources import PaperlakeResource

PRELOAD = ["dagster_project.definitions", "paperlake.stages", "extractors.pipeline", "schemas.validate",
           # what a step process imports to open the instance (storage, SQLAlchemy, alembic): 0.45 s each
           "dagster._core.instance.factory", "dagster._core.storage.sqlite_storage", "dagster._daemon",
           "dagster._core.storage.event_log.sqlite", "dagster._core.storage.runs.sqlite",
           "dagster._core.storage.schedules.sqlite", "dagster._core.storage.local_compute_log_manager"]
"""Modules the forkserver imports once, so each step process starts in milliseconds rather than seconds."""


INSTANCE_YAML = "telemetry:\n  enabled: false\n"
"""A new local instance's dagster.yaml: no usage telemetry (a log line per step, sent on when online)."""


def local_instance(dagster_home: Path) -> dg.DagsterInstance:
    """A persistent Dagster instance (SQLite run, event and schedule storage) in the given folder.

    A dagster.yaml already there (Postgres storage, a run coordinator...) is used as it is."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    config = dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_YAML, encoding="utf-8")
    return dg.DagsterInstance.from_config(str(dagster_home))


PLANNED_EVENTS_SWITCH = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"
"""Dagster's switch for one planned-materialization event per asset and run instead of one per partition
(1,000 documents: 1,000 event-log writes, ~5 s, before the first step). A failed run then does not mark
each partition failed; paperlake's own stage status records every failure. Set unless the caller set it."""


def add_partitions(instance: dg.DagsterInstance, doc_ids: Sequence[str]) -> dict[str, str]:
    """Add the documents as partitions (once) and return the run tags that cover exactly them."""
    known = set(instance.get_dynamic_partitions(document_partitions.name))
    missing = [d for d in dict.fromkeys(doc_ids) if d not in known]
    if missing:
        instance.add_dynamic_partitions(document_partitions.name, missing)
    order = {key: i for i, key in enumerate(instance.get_dynamic_partitions(document_partitions.name))}
    ordered = sorted(doc_ids, key=order.__getitem__)
    return partition_range_tags(ordered[0], ordered[-1])


def run_documents(data_dir: Path, doc_ids: Sequence[str], quiet: bool = True,
                  review_threshold: float | None = None) -> dg.ExecuteInProcessResult:
    """Add the documents as partitions and materialize the whole graph over them in one in-process run."""
    os.environ.setdefault(PLANNED_EVENTS_SWITCH, "1")
    instance = local_instance(data_dir / "dagster")
    tags = add_partitions(instance, doc_ids)
    job = defs.resolve_job_def("process_documents")
    run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}} if quiet else None
    return job.execute_in_process(
        instance=instance,
        tags=tags,
        resources={"paperlake": PaperlakeResource(data_dir=str(data_dir), review_threshold=review_threshold)},
        run_config=run_config,
        raise_on_error=False,
    )


def executor_config(executor: str, max_concurrent: int = 2, celery: Mapping[str, Any] | None = None) -> dict:
    """The `execution` run config of the multiprocess executor (forkserver, preloaded) or the celery one."""
    if executor == "multiprocess":
        return {"config": {"multiprocess": {"max_concurrent": max_concurrent,
                                             "start_method": {"forkserver": {"preload_modules": PRELOAD}}}}}
    if executor == "celery":
        return {"config": dict(celery or {})}
    raise ValueError(f"unknown executor {executor!r} (multiprocess or celery)")


def execute_documents(data_dir: Path, doc_ids: Sequence[str], executor: str = "multiprocess", *,
                      max_concurrent: int = 2, celery: Mapping[str, Any] | None = None,
                      log_level: str = "WARNING", instance: dg.DagsterInstance | None = None
                      ) -> dg.JobExecutionResult:
    """Materialize the graph over the documents with a real executor; steps run in other processes."""
    os.environ.setdefault(PLANNED_EVENTS_SWITCH, "1")
    instance = instance or local_instance(Path(data_dir) / "dagster")
    tags = add_partitions(instance, doc_ids)
    job = process_documents_job if executor == "multiprocess" else process_documents_celery_job
    run_config = {"execution": executor_config(executor, max_concurrent, celery),
                  "resources": {"paperlake": {"config": {"data_dir": str(data_dir)}}},
                  "loggers": {"console": {"config": {"log_level": log_level}}}}
    return dg.execute_job(dg.reconstructable(job), instance=instance, run_config=run_config, tags=tags,
                          raise_on_error=False)
