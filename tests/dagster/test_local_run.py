"""The local Dagster instance: created with telemetry off, a user's own dagster.yaml left alone, batches planned."""
from dagster_project.batching import plan_batches
from dagster_project.local_run import INSTANCE_YAML, local_instance


def test_new_instance_has_telemetry_off(tmp_path):
    with local_instance(tmp_path / "home") as instance:
        assert instance.telemetry_enabled is False
    assert (tmp_path / "home" / "dagster.yaml").read_text() == INSTANCE_YAML


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
