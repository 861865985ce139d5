"""Settings and secrets reach the resource as dg.EnvVar references; values are read at run time, never shown."""
import dagster as dg

from dagster_project.resources import PaperlakeResource


def test_from_env_uses_env_var_references(tmp_path, monkeypatch):
    env = {"PAPERLAKE_DATA_DIR": str(tmp_path), "PAPERLAKE_LABEL_STUDIO_TOKEN": "s3cret-token",
           "PAPERLAKE_OBJECT_STORE_URL": "file:///srv/store"}
    resource = PaperlakeResource.from_env(env)
    fields = resource._get_non_default_public_field_values()  # what the UI and run config would show
    assert fields["label_studio_token"] == dg.EnvVar("PAPERLAKE_LABEL_STUDIO_TOKEN")
    assert "s3cret-token" not in repr(fields)
    assert "inbox_url" not in fields  # unset variables stay unset

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = resource.process_config_and_initialize().settings()
    assert settings.data_dir == tmp_path and settings.object_store_url == "file:///srv/store"
    assert settings.label_studio_token == "s3cret-token" and settings.masked()["label_studio_token"] == "********"
