"""The local Dagster instance: telemetry off and the batched event log, kept up to date when the data dir
moves, a user's own dagster.yaml left alone; batches planned."""
import shutil

from dagster_project.batching import plan_batches
from dagster_project.event_log import BatchedSqliteEventLogStorage
from dagster_project.local_run import LEGACY_INSTANCE_YAML, instance_yaml, local_instance


def test_new_instance_has_telemetry_off_and_the_batched_event_log(tmp_path):
    home = tmp_path / "home"
    with local_instance(home) as instance:
        assert instance.telemetry_enabled is False
        assert isinstance(instance.event_log_storage, BatchedSqliteEventLogStorage)
    assert (home / "dagster.yaml").read_text() == instance_yaml(home)
    assert (home / "history" / "runs" / "index.db").exists()


def test_paperlake_yaml_follows_a_moved_data_dir_and_is_upgraded(tmp_path):
    with local_instance(tmp_path / "old"):
        pass
    shutil.move(tmp_path / "old", tmp_path / "new")
    with local_instance(tmp_path / "new") as instance:
        assert instance.event_log_storage.get_all_run_ids() == []
    assert str(tmp_path / "old") not in (tmp_path / "new" / "dagster.yaml").read_text()
    assert not (tmp_path / "old").exists()  # nothing written to the old place

    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "dagster.yaml").write_text(LEGACY_INSTANCE_YAML)  # what paperlake wrote before
    with local_instance(legacy) as instance:
        assert isinstance(instance.event_log_storage, BatchedSqliteEventLogStorage)


def test_existing_dagster_yaml_is_kept(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: true\n")
    with local_instance(home) as instance:
        assert instance.telemetry_enabled is True
    assert "enabled: true" in (home / "dagster.yaml").read_text()


def test_batches_cover_every_document_once_within_the_cap():
    docs = [f"{i:064x}" for i in range(1001)]
    batches = plan_batches(docs, docs_per_step=100, min_steps=2)
    assert [d for b in batches for d in b.doc_ids] == docs
    assert len(batches) == 11 and max(len(b.doc_ids) for b in batches) <= 100
    assert len(plan_batches(docs[:3], docs_per_step=100, min_steps=2)) == 2
    assert all(isinstance(b.key, str) and b.key.isidentifier() for b in batches)


def test_a_users_own_storage_is_left_to_dagster(tmp_path):
    """paperlake creates (and mends) the SQLite databases of its own dagster.yaml only: a user's yaml that puts
    storage elsewhere (Postgres, another folder) gets no databases of paperlake's beside it."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text(f"storage:\n  sqlite:\n    base_dir: {tmp_path / 'elsewhere'}\n")
    with local_instance(home) as instance:
        assert instance.get_runs() == []
    assert (tmp_path / "elsewhere").is_dir()
    assert not (home / "history").exists() and not (home / "schedules").exists()
