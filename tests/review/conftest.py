"""A real Label Studio server for the review tests: started once per session on 127.0.0.1, stopped at the end.

Label Studio runs from its own virtual environment: PAPERLAKE_TEST_LABEL_STUDIO_VENV (CI sets it after
creating it), else ~/.cache/paperlake/label-studio-venv, created here when missing (slow, but real: the
tests never skip). The first start migrates a fresh database (45-110 s); the session reuses it.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from paperlake.review import server as review_server


@dataclass(frozen=True)
class LiveLabelStudio:
    url: str
    token: str


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveLabelStudio]:
    venv = Path(os.environ.get("PAPERLAKE_TEST_LABEL_STUDIO_VENV") or review_server.DEFAULT_VENV)
    exe = review_server.ensure_venv(venv)
    server_dir = tmp_path_factory.mktemp("label-studio")
    login = review_server.Login("curator@example.com", secrets.token_urlsafe(12), secrets.token_hex(20))
    port = review_server.free_port()
    process = review_server.start(exe, server_dir, port, login)
    try:
        url = review_server.wait_ready(process, port, timeout=600)
        yield LiveLabelStudio(url, login.token)
    finally:
        review_server.stop(process)
