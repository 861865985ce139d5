"""The Label Studio token comes from the environment or a file only its owner can read, and is never shown."""
from __future__ import annotations

import pytest

from paperlake.review.label_studio import LabelStudioClient, LabelStudioError
from paperlake.review.server import free_port
from paperlake.settings import SettingsError, load_settings

TOKEN = "tok-5f1d0c9e-distinctive"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_token_file_open_to_others_is_refused(tmp_path, mode):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    token_file.chmod(mode)
    with pytest.raises(SettingsError, match="must be mode 0600: chmod 600") as caught:
        load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN_FILE": str(token_file)})
    assert TOKEN not in str(caught.value)


def test_token_from_a_0600_file_or_the_environment(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    assert load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN_FILE": str(token_file)}).label_studio_token == TOKEN
    assert load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN": TOKEN}).label_studio_token == TOKEN


def test_settings_never_show_the_token(tmp_path):
    settings = load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN": TOKEN})
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)
    assert TOKEN not in repr(settings.masked())


def test_label_studio_errors_never_hold_the_token():
    client = LabelStudioClient(f"http://127.0.0.1:{free_port()}", TOKEN, timeout=5)
    with pytest.raises(LabelStudioError) as caught:
        client.version()
    assert "cannot reach Label Studio" in str(caught.value) and TOKEN not in str(caught.value)
