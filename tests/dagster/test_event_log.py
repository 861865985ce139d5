"""paperlake's SQLite event log writes a step's per-partition materializations as one batch and leaves the
same records as Dagster's own SQLite storage writing them one at a time."""
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.event_log import BatchedSqliteEventLogStorage
from dagster_project.local_run import EVENT_BATCH_SWITCH, local_instance

DOCS = dg.DynamicPartitionsDefinition(name="docs")
KEYS = [f"{i:064x}" for i in range(25)]


@dg.asset(partitions_def=DOCS, backfill_policy=dg.BackfillPolicy.single_run())
def measured(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"documents": len(context.partition_keys)}, data_version=dg.DataVersion("v1"))


JOB = dg.Definitions(assets=[measured]).resolve_implicit_global_asset_job_def()


def _materialize(instance: dg.DagsterInstance) -> str:
    instance.add_dynamic_partitions(DOCS.name, KEYS)
    result = JOB.execute_in_process(instance=instance, tags={"dagster/asset_partition_range_start": KEYS[0],
                                                             "dagster/asset_partition_range_end": KEYS[-1]})
    assert result.success
    return result.run_id


def _records(instance: dg.DagsterInstance, run_id: str) -> dict:
    """What a reader sees of the run's materializations, without ids and timestamps."""
    key = measured.key
    storage = instance.event_log_storage
    materializations = instance.fetch_materializations(key, limit=1000).records
    return {
        "partitions": sorted(instance.get_materialized_partitions(key)),
        "events": sorted((r.partition_key, r.asset_materialization.metadata["documents"].value,
                          r.asset_materialization.tags.get("dagster/data_version")) for r in materializations),
        "run_log": sorted(e.dagster_event.partition for e in instance.all_logs(
            run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)),
        "latest": instance.get_latest_materialization_event(key).dagster_event.partition,
        "asset_entry": storage.get_asset_records([key])[0].asset_entry.last_materialization.dagster_event.partition,
        "tags": sorted(sorted(t.items()) for t in storage.get_event_tags_for_asset(key)),
        "other_events": sorted({e.dagster_event_type.value for e in instance.all_logs(run_id) if e.dagster_event}),
    }


@pytest.fixture
def batching(monkeypatch):
    monkeypatch.setenv(EVENT_BATCH_SWITCH, "1000")
    through_store_event: list = []
    original = BatchedSqliteEventLogStorage.store_event

    def spy(self, event):
        through_store_event.append(event.dagster_event_type)
        return original(self, event)

    monkeypatch.setattr(BatchedSqliteEventLogStorage, "store_event", spy)
    return through_store_event


def test_batched_materializations_leave_the_records_of_one_by_one_writes(tmp_path, batching):
    with local_instance(tmp_path / "batched") as batched:
        assert isinstance(batched.event_log_storage, BatchedSqliteEventLogStorage)
        batched_records = _records(batched, _materialize(batched))
    with dg.DagsterInstance.from_config(str(_plain_home(tmp_path / "plain"))) as plain:
        assert type(plain.event_log_storage).__name__ == "SqliteEventLogStorage"
        plain_records = _records(plain, _materialize(plain))

    assert batched_records == plain_records
    assert batched_records["partitions"] == sorted(KEYS)
    assert len(batched_records["tags"]) == len(KEYS)  # each event's data version, indexed
    assert dg.DagsterEventType.ASSET_MATERIALIZATION not in batching  # all 25 went through the batch
    assert dg.DagsterEventType.STEP_SUCCESS in batching  # other events are written one at a time


def test_a_mixed_batch_is_written_one_event_at_a_time(tmp_path, batching):
    with local_instance(tmp_path / "source") as source:
        run_id = _materialize(source)
        entries = list(source.all_logs(run_id))
        expected = _records(source, run_id)
    materializations = [e for e in entries if e.dagster_event_type == dg.DagsterEventType.ASSET_MATERIALIZATION]
    others = [e for e in entries if e.dagster_event_type != dg.DagsterEventType.ASSET_MATERIALIZATION]
    batching.clear()
    with local_instance(tmp_path / "copy") as copy:
        storage = copy.event_log_storage
        for entry in others:
            storage.store_event(entry)
        storage.store_event_batch(materializations[:5] + [others[-1]])  # mixed: the fallback loop
        storage.store_event_batch(materializations[5:])  # all materializations: one batch
        assert batching.count(dg.DagsterEventType.ASSET_MATERIALIZATION) == 5
        copied = _records(copy, run_id)
    assert copied["partitions"] == expected["partitions"] and copied["events"] == expected["events"]
    assert copied["tags"] == expected["tags"] and copied["asset_entry"] == expected["asset_entry"]


def _plain_home(home: Path) -> Path:
    """An instance folder with Dagster's default storage (no paperlake dagster.yaml)."""
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n# the user's own\n")
    return home


def test_a_failed_batch_leaves_nothing_for_the_one_by_one_retry_to_duplicate(tmp_path, batching, monkeypatch):
    with local_instance(tmp_path / "source") as source:
        run_id = _materialize(source)
        entries = list(source.all_logs(run_id))
        expected = _records(source, run_id)
    materializations = [e for e in entries if e.dagster_event_type == dg.DagsterEventType.ASSET_MATERIALIZATION]

    def index_down(*args):
        raise OSError("disk full")

    with local_instance(tmp_path / "copy") as copy:
        storage = copy.event_log_storage
        for entry in entries:
            if entry not in materializations:
                storage.store_event(entry)
        with monkeypatch.context() as patch:
            patch.setattr(BatchedSqliteEventLogStorage, "_store_asset_event_tags", index_down)
            with pytest.raises(OSError):
                storage.store_event_batch(materializations)
        assert not copy.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        assert not copy.get_materialized_partitions(measured.key)
        for entry in materializations:  # what Dagster does after a failed batch
            storage.store_event(entry)
        copied = _records(copy, run_id)
    assert copied["run_log"] == expected["run_log"] == sorted(KEYS)
    assert copied["events"] == expected["events"]
