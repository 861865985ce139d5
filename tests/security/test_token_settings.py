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


@pytest.mark.parametrize("suffix", ["\n", "\r\n", "  ", "\t\n"])
def test_a_token_is_stripped_wherever_it_comes_from(tmp_path, suffix):
    """`$(cat token.txt)` ends in a newline: sent as is, the header was refused and the error quoted it."""
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + suffix)
    token_file.chmod(0o600)
    assert load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN": TOKEN + suffix}).label_studio_token == TOKEN
    assert load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN_FILE": str(token_file)}).label_studio_token == TOKEN
    assert load_settings(tmp_path, env={}, label_studio_token=" " + TOKEN + suffix).label_studio_token == TOKEN
    (tmp_path / "paperlake.toml").write_text(f'label_studio_token = "{TOKEN}\\n"\n')
    assert load_settings(tmp_path, env={}).label_studio_token == TOKEN
    assert load_settings(tmp_path, env={}, label_studio_token=suffix).label_studio_token is None


@pytest.mark.parametrize("inside", ["\n", " ", "\x00", "é", "\u200b"])
def test_a_token_no_header_can_carry_is_refused_without_showing_it(tmp_path, inside):
    bad = TOKEN[:8] + inside + TOKEN[8:]
    with pytest.raises(SettingsError, match="position 9; the token is not shown") as caught:
        load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_TOKEN": bad})
    assert "PAPERLAKE_LABEL_STUDIO_TOKEN" in str(caught.value)
    assert TOKEN[:8] not in str(caught.value) and TOKEN[8:] not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_a_url_holding_credentials_is_refused_without_showing_it(tmp_path):
    with pytest.raises(SettingsError, match="holds credentials") as caught:
        load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_URL": f"http://admin:{TOKEN}@127.0.0.1:8080"})
    assert TOKEN not in str(caught.value) and "admin" not in str(caught.value)
    with pytest.raises(LabelStudioError, match="holds credentials") as caught:
        LabelStudioClient(f"http://admin:{TOKEN}@127.0.0.1:8080", "abc")
    assert TOKEN not in str(caught.value)


def test_an_error_that_quotes_the_token_is_told_without_it():
    """Whatever the SDK or httpx raise with the token in the text (a header value, a URL) reaches no message,
    and rides along as no exception's context."""
    client = LabelStudioClient(f"http://127.0.0.1:{free_port()}", TOKEN + "\n", timeout=5)

    def leaky() -> None:
        raise ValueError(f"Illegal header value b'Token {TOKEN}\\n'")

    with pytest.raises(LabelStudioError) as caught:
        client._call(leaky)
    assert TOKEN not in str(caught.value) and "[token]" in str(caught.value)
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    with pytest.raises(LabelStudioError) as caught:
        client.version()
    assert "cannot reach Label Studio" in str(caught.value) and caught.value.__context__ is None
