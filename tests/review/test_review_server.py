"""The local server's secrets and port checks (the server itself runs in test_label_studio_live.py)."""
from __future__ import annotations

import os
import re
import socket
import stat
from pathlib import Path

import pytest

from paperlake.review import server as review_server
from paperlake.settings import load_settings


def test_login_and_token_are_generated_once_with_mode_0600(tmp_path):
    first = review_server.ensure_login(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{40}", first.token) and len(first.password) >= 12
    for name in (review_server.TOKEN_FILE, review_server.LOGIN_FILE):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert review_server.ensure_login(tmp_path) == first


def test_settings_find_the_local_server_and_mask_its_token(tmp_path):
    login = review_server.ensure_login(tmp_path)
    (tmp_path / review_server.URL_FILE).write_text("http://127.0.0.1:8080\n")
    settings = load_settings(tmp_path, env={})
    assert settings.label_studio_url == "http://127.0.0.1:8080" and settings.label_studio_token == login.token
    assert login.token not in str(settings.masked())
    explicit = load_settings(tmp_path, env={"PAPERLAKE_LABEL_STUDIO_URL": "https://ls.example.org",
                                            "PAPERLAKE_LABEL_STUDIO_TOKEN": "t0k"})
    assert (explicit.label_studio_url, explicit.label_studio_token) == ("https://ls.example.org", "t0k")


def test_a_listening_port_is_busy():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert not review_server.port_is_free(sock.getsockname()[1])
    assert review_server.port_is_free(review_server.free_port())


def test_the_token_and_password_never_reach_the_command_line(tmp_path):
    login = review_server.ensure_login(tmp_path)
    command, env = review_server.server_command(tmp_path / "label-studio", tmp_path / "server", 8099, login)
    joined = " ".join(command)
    assert login.token not in joined and login.password not in joined  # `ps` shows argv to every user
    assert env["LABEL_STUDIO_USER_TOKEN"] == login.token
    assert env["LABEL_STUDIO_USERNAME"] == login.email and env["LABEL_STUDIO_PASSWORD"] == login.password


def test_label_studio_server_ships_the_sdk_the_client_is_bounded_to() -> None:
    """pyproject.toml bounds label-studio-sdk to what the pinned server installs beside itself."""
    import subprocess
    import tomllib

    from packaging.requirements import Requirement

    venv = Path(os.environ.get("PAPERLAKE_TEST_LABEL_STUDIO_VENV") or review_server.DEFAULT_VENV)
    exe = review_server.ensure_venv(venv)
    shipped = subprocess.run([str(exe.parent / "python"), "-c", "from importlib.metadata import version as v; "
                              "print(v('label-studio'), v('label-studio-sdk'))"],
                             capture_output=True, text=True, check=True).stdout.split()
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8"))
    bound = next(Requirement(r) for r in pyproject["project"]["dependencies"] if r.startswith("label-studio-sdk"))
    assert shipped[0] == review_server.LABEL_STUDIO_VERSION
    assert bound.specifier.contains(shipped[1]), (shipped, str(bound))


def test_a_data_dir_with_a_database_keeps_it(tmp_path):
    """Seeding copies the template only into a server dir with no database: a curator's data is never replaced
    (the executable named here does not exist, so making a template would fail)."""
    server_dir = tmp_path / "label-studio"
    server_dir.mkdir()
    (server_dir / review_server.DATABASE_FILE).write_bytes(b"curated")
    assert not review_server.seed_database(tmp_path / "no-such-label-studio", server_dir, cache=tmp_path / "cache")
    assert (server_dir / review_server.DATABASE_FILE).read_bytes() == b"curated"


def test_a_failed_template_leaves_nothing_behind(tmp_path):
    """A Label Studio that fails to migrate gives a clear error, and no half-made template or database stays."""
    failing = tmp_path / "label-studio"
    failing.write_text("#!/bin/sh\necho 'no database for you' >&2\nexit 3\n")
    failing.chmod(0o755)
    cache, server_dir = tmp_path / "cache", tmp_path / "server"
    with pytest.raises(review_server.ServerError, match="exit code 3.*no database for you"):
        review_server.seed_database(failing, server_dir, cache=cache)
    assert list(cache.iterdir()) == [] and not (server_dir / review_server.DATABASE_FILE).exists()
