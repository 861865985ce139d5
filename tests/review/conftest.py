"""A real Label Studio server for the review tests: started once per session on 127.0.0.1, stopped at the end.

Label Studio runs from its own virtual environment: PAPERLAKE_TEST_LABEL_STUDIO_VENV (CI sets it after
creating it), else ~/.cache/paperlake/label-studio-venv, created here when missing (slow, but real: the
tests never skip). Its database is a copy of the machine's migrated template (`review_server.template_database`,
made on first use: 45-110 s); the session reuses it. A test may stop and start it again (an outage): the
same port, data and token, ready in seconds.
"""
from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from paperlake.review import server as review_server


class LiveLabelStudio:
    """The session's server: its URL and token, and stop()/start() for tests of an outage."""

    def __init__(self, exe: Path, server_dir: Path, port: int, login: review_server.Login) -> None:
        self.exe, self.server_dir, self.port, self.login = exe, server_dir, port, login
        self.token = login.token
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = review_server.start(self.exe, self.server_dir, self.port, self.login)
        review_server.wait_ready(self.process, self.port, timeout=600)

    def stop(self) -> None:
        if self.process is not None:
            review_server.stop(self.process)
            self.process = None


def unique_copy(source: Path, target: Path) -> Path:
    """The PDF with a random title: its own doc_id, so its item ids are this test's alone on the shared server."""
    doc = pymupdf.open(source)
    doc.set_metadata({"title": secrets.token_hex(8)})
    doc.save(target)
    doc.close()
    return target


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveLabelStudio]:
    venv = Path(os.environ.get("PAPERLAKE_TEST_LABEL_STUDIO_VENV") or review_server.DEFAULT_VENV)
    exe = review_server.ensure_venv(venv)
    server_dir = tmp_path_factory.mktemp("label-studio")
    login = review_server.Login("curator@example.com", secrets.token_urlsafe(12), secrets.token_hex(20))
    server = LiveLabelStudio(exe, server_dir, review_server.free_port(), login)
    try:
        server.start()
        yield server
    finally:
        server.stop()
