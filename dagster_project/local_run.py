"""Run the asset graph for a set of documents, with the Dagster instance kept in the data dir.

`run_documents` runs in this process (the CLI: progress bars, no workers). `execute_documents` runs
the same job on the multiprocess executor (one process per step, `max_concurrent` at once) or on
celery workers, as a deployment would; it needs the persistent instance that both share. `republish` runs
the publish assets alone, in this process (`paperlake review pull`). All hold the data dir's writer lock
(paperlake/lock.py) while they run.

The instance's SQLite databases are created once, whole: under a lock on the Dagster home, in a temporary
folder beside it, and moved into place only when complete, so processes opening a new data dir at the same
moment (or a run killed while it is created) never leave a database stamped twice or half made.
"""

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import dagster as dg

from dagster_project import instance_template
from dagster_project.definitions import defs, process_documents_celery_job, process_documents_job
from dagster_project.migration_scripts import shared_migration_scripts
from dagster_project.partitions import document_partitions, partition_range_tags
from dagster_project.resources import PaperlakeResource
from dagster_project.sqlite_syncs import fewer_syncs, no_syncs, sync_file
from paperlake.faults import crash_point
from paperlake.lock import writer_lock
from paperlake.settings import load_settings
from paperlake.store import atomic_write_bytes

PRELOAD = ["dagster_project.definitions", "paperlake.pipeline.stages", "extractors.pipeline", "schemas.validate",
           # what a step process imports to open the instance (storage, SQLAlchemy, alembic): 0.45 s each
           "dagster._core.instance.factory", "dagster._core.storage.sqlite_storage", "dagster._daemon",
           "dagster._core.storage.event_log.sqlite", "dagster._core.storage.runs.sqlite",
           "dagster._core.storage.schedules.sqlite", "dagster._core.storage.local_compute_log_manager"]
"""Modules the forkserver imports once, so each step process starts in milliseconds rather than seconds."""


INSTANCE_YAML_HEADER = "# written by paperlake (dagster_project/local_run.py); delete this line to keep edits\n"
"""Marks a dagster.yaml that paperlake wrote and may rewrite (when the data dir moved, or on upgrade)."""

LEGACY_INSTANCE_YAML = "telemetry:\n  enabled: false\n"
"""What paperlake wrote before it named an event log storage: still paperlake's to rewrite."""


def instance_yaml(dagster_home: Path) -> str:
    """A local instance's dagster.yaml: no usage telemetry (a log line per step, sent on when online), and
    Dagster's SQLite event log with a batched write of the per-document materializations (event_log.py)."""
    runs = json.dumps(str(dagster_home.resolve() / "history" / "runs"))
    return (f"{INSTANCE_YAML_HEADER}telemetry:\n  enabled: false\n"
            "event_log_storage:\n  module: dagster_project.event_log\n  class: BatchedSqliteEventLogStorage\n"
            f"  config:\n    base_dir: {runs}\n")


def write_instance_yaml(dagster_home: Path) -> None:
    """Write paperlake's dagster.yaml into the folder, unless it holds one of the user's (Postgres storage,
    a run coordinator...), which is left as it is."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    config = dagster_home / "dagster.yaml"
    current = config.read_text(encoding="utf-8") if config.exists() else None
    if current is None or current == LEGACY_INSTANCE_YAML or current.startswith(INSTANCE_YAML_HEADER):
        wanted = instance_yaml(dagster_home)
        if current != wanted:
            atomic_write_bytes(config, wanted.encode("utf-8"))


INSTANCE_DATABASES = ("history/runs/index.db", "schedules/schedules.db", "history/runs.db")
"""The SQLite databases of a local instance, in the order a new one is moved into place (runs.db last)."""


def local_instance(dagster_home: Path) -> dg.DagsterInstance:
    """A persistent Dagster instance (SQLite run, event and schedule storage) in the given folder, created
    whole on first use (see the module's docstring) and with a doubled schema stamp mended."""
    dagster_home = Path(dagster_home)
    write_instance_yaml(dagster_home)
    with _home_lock(dagster_home), shared_migration_scripts():
        if _is_paperlakes(dagster_home / "dagster.yaml"):  # a user's own (Postgres...) is left to Dagster
            _create_databases(dagster_home)
            for rel in INSTANCE_DATABASES:
                mend_schema_stamp(dagster_home / rel)
        return dg.DagsterInstance.from_config(str(dagster_home))


def _is_paperlakes(config: Path) -> bool:
    """Whether a dagster.yaml is the one paperlake writes (SQLite storage in the Dagster home)."""
    try:
        return config.read_text(encoding="utf-8").startswith(INSTANCE_YAML_HEADER)
    except OSError:
        return False


@contextlib.contextmanager
def _home_lock(dagster_home: Path) -> Iterator[None]:
    """Exclusive flock on DAGSTER_HOME/.instance.lock while the instance is created or checked."""
    fd = os.open(dagster_home / ".instance.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _create_databases(dagster_home: Path) -> None:
    """Build the databases that are missing in a temporary folder and move them in, runs.db last.

    Where the event index alone is missing beside earlier runs' event databases, Dagster builds it in place
    (it re-indexes those runs)."""
    missing = [rel for rel in INSTANCE_DATABASES if not (dagster_home / rel).exists()]
    if not missing:
        return
    if "history/runs/index.db" in missing and any((dagster_home / "history" / "runs").glob("*.db")):
        dg.DagsterInstance.from_config(str(dagster_home)).dispose()
        return
    for leftover in dagster_home.glob(".init-*"):  # of a process killed while building
        shutil.rmtree(leftover, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=dagster_home, prefix=".init-") as folder:
        fresh = Path(folder)
        instance_template.fill(fresh, missing, _build_databases)  # copies of a template made once (0.5 s less)
        crash_point("dagster.instance_init")
        for rel in missing:
            target = dagster_home / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):  # none after a clean close; moved along if SQLite kept them
                side = fresh / (rel + suffix)
                if side.exists():
                    sync_file(side)
                    os.replace(side, target.with_name(target.name + suffix))
            sync_file(fresh / rel)
            os.replace(fresh / rel, target)


def _build_databases(fresh: Path) -> None:
    """A new instance's databases, built by Dagster in an empty folder."""
    write_instance_yaml(fresh)
    with no_syncs(fresh):  # a sync per statement was 0.7-1.2 s; each file is synced once, whole, where it is used
        dg.DagsterInstance.from_config(str(fresh)).dispose()


def mend_schema_stamp(database: Path) -> bool:
    """Keep only the head revision in a database stamped with it and another (two processes that raced
    through Dagster's first start: one stamped the head, the other an older revision, and Dagster then
    refuses every run: "more than one head"). Returns whether it mended anything."""
    if not database.exists():
        return False
    with contextlib.closing(sqlite3.connect(database, timeout=30)) as con:
        try:
            stamps = [row[0] for row in con.execute("SELECT version_num FROM alembic_version")]
        except sqlite3.OperationalError:  # no stamp table: Dagster's own upgrade path handles it
            return False
        if len(stamps) < 2:
            return False
        head = _alembic_head()
        if head not in stamps:
            return False
        with con:
            con.execute("DELETE FROM alembic_version WHERE version_num != ?", (head,))
    return True


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory
    from dagster._core.storage.runs.sqlite import sqlite_run_storage
    from dagster._core.storage.sql import get_alembic_config

    return ScriptDirectory.from_config(get_alembic_config(sqlite_run_storage.__file__)).get_current_head()


PLANNED_EVENTS_SWITCH = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"
"""Dagster's switch for one planned-materialization event per asset and run instead of one per partition
(1,000 documents: 1,000 event-log writes, ~5 s, before the first step). A failed run then does not mark
each partition failed; paperlake's own stage status records every failure."""

EVENT_BATCH_SWITCH = "DAGSTER_EVENT_BATCH_SIZE"
"""Dagster's switch for handing a step's per-partition materializations to the event log this many at a
time; its Postgres storage and paperlake's SQLite one (event_log.py) write each batch in a few statements."""

DAGSTER_SWITCHES = {PLANNED_EVENTS_SWITCH: "1", EVENT_BATCH_SWITCH: "1000"}
"""What every local Dagster process gets in its environment, unless the caller set these variables."""


def use_dagster_switches(env: MutableMapping[str, str] = os.environ) -> MutableMapping[str, str]:
    """Set each of DAGSTER_SWITCHES in `env` (this process's environment by default) unless already set."""
    for name, value in DAGSTER_SWITCHES.items():
        env.setdefault(name, value)
    return env


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
    use_dagster_switches()
    with writer_lock(data_dir), shared_migration_scripts():  # the run's own event database is stamped too
        instance = local_instance(data_dir / "dagster")
        with fewer_syncs(data_dir / "dagster"):
            tags = add_partitions(instance, doc_ids)
            job = defs.resolve_job_def("process_documents")
            run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}} if quiet else None
            return job.execute_in_process(
                instance=instance,
                tags=tags,
                # in-process steps run one after another: one step, whose readers share the cores (fanout.py)
                resources={"paperlake": PaperlakeResource(data_dir=str(data_dir), review_threshold=review_threshold,
                                                          min_steps=1)},
                run_config=run_config,
                raise_on_error=False,
            )


def republish(data_dir: Path, tags: Mapping[str, str] | None = None, quiet: bool = True,
              wait_s: float = 0.0) -> dg.ExecuteInProcessResult:
    """Run the `republish` job (published_dataset, then mirrored_snapshot) in this process on the data dir's
    instance, so the Dagster UI's latest materialization of `published_dataset` is the snapshot in CURRENT.

    What `paperlake review pull` publishes with; the review_pull_sensor requests the same job. Holds the writer
    lock (waiting up to `wait_s` seconds for another writer, then DataDirBusy)."""
    use_dagster_switches()
    with (writer_lock(data_dir, wait_s=wait_s, command="paperlake review pull (publish)"),
          shared_migration_scripts()):
        instance = local_instance(data_dir / "dagster")
        with fewer_syncs(data_dir / "dagster"):
            run_config = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}} if quiet else None
            return defs.resolve_job_def("republish").execute_in_process(
                instance=instance, tags=dict(tags or {}), run_config=run_config, raise_on_error=False,
                resources={"paperlake": PaperlakeResource(data_dir=str(data_dir))})


def executor_config(executor: str, max_concurrent: int = 2, celery: Mapping[str, Any] | None = None) -> dict:
    """The `execution` run config of the multiprocess executor (forkserver, preloaded) or the celery one."""
    if executor == "multiprocess":
        return {"config": {"multiprocess": {"max_concurrent": max_concurrent,
                                             "start_method": {"forkserver": {"preload_modules": PRELOAD}}}}}
    if executor == "celery":
        return {"config": dict(celery or {})}
    raise ValueError(f"unknown executor {executor!r} (multiprocess or celery)")


def _step_readers(data_dir: Path) -> int:
    """Documents each step of an executor run reads at once: the data dir's setting, or 1 when it is 'auto'."""
    return load_settings(data_dir).document_workers or 1


def execute_documents(data_dir: Path, doc_ids: Sequence[str], executor: str = "multiprocess", *,
                      max_concurrent: int = 2, celery: Mapping[str, Any] | None = None,
                      log_level: str = "WARNING", instance: dg.DagsterInstance | None = None
                      ) -> dg.JobExecutionResult:
    """Materialize the graph over the documents with a real executor; steps run in other processes."""
    use_dagster_switches()
    with writer_lock(data_dir):
        instance = instance or local_instance(Path(data_dir) / "dagster")
        tags = add_partitions(instance, doc_ids)
        job = process_documents_job if executor == "multiprocess" else process_documents_celery_job
        run_config = {"execution": executor_config(executor, max_concurrent, celery),
                      # steps already run side by side here: one reader each, unless the setting says otherwise
                      "resources": {"paperlake": {"config": {"data_dir": str(data_dir),
                                                             "document_workers": _step_readers(data_dir)}}},
                      "loggers": {"console": {"config": {"log_level": log_level}}}}
        return dg.execute_job(dg.reconstructable(job), instance=instance, run_config=run_config, tags=tags,
                              raise_on_error=False)
