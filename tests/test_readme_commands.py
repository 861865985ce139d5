"""Every command of the README, run exactly as written, in order, in a fresh copy of the repository, with nothing
activated (PATH holds no venv): `.venv/bin/paperlake ...` lines, the Python snippet, and the two servers
(`review serve`, `ui`), started as written and stopped once they answer.

What this test does not run itself, it names: the venv setup of the first line (`python3 -m venv .venv`,
`.venv/bin/pip install -e .`) and `bash .ci/run`, which is what runs this test, on a clean clone, after making
the venv exactly so. `.venv` in the copy is the venv running the tests."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.integration

README = REPO / "README.md"
NOT_RUN_HERE = {
    "python3 -m venv .venv": "made by .ci/run the same way before the tests",
    ".venv/bin/pip install -e .": "made by .ci/run (with the test extras) before the tests",
    "bash .ci/run": "what runs this test",
}
SERVERS = {".venv/bin/paperlake review serve": 8080, ".venv/bin/paperlake ui --data-dir paperlake-data": 3000}
"""Commands that serve until stopped, with the port they serve on as written."""


def readme_commands(text: str) -> list[str]:
    """The shell commands of the README in order: lines starting `.venv/bin/`, `python3 -m venv` or `bash .ci/`
    (each part of an `&&` chain on its own), trailing `# comments` cut."""
    commands = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith((".venv/bin/", "python3 -m venv", "bash .ci/")):
            for part in stripped.split(" && "):
                commands.append(shlex.join(shlex.split(part, comments=True)))
    return commands


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.DOTALL)


def _fresh_copy(target: Path) -> Path:
    """The repository's tracked files (what a clone holds), with `.venv` the venv running these tests."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return target


def _env(home: Path) -> dict[str, str]:
    """Nothing activated; PYTHONPATH makes this checkout's code the one tested (in CI the venv's own install)."""
    keep = {k: v for k, v in os.environ.items() if k.startswith("PAPERLAKE_TEST_")}
    return {**keep, "PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "PYTHONPATH": str(REPO), "LANG": "C.UTF-8",
            "TMPDIR": str(home)}


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # a local server this test started
            return response.status < 500
    except OSError:
        return False


class Server:
    """A README server command started as written (on another port only when its own is taken here)."""

    def __init__(self, command: str, port: int, cwd: Path, env: dict[str, str]) -> None:
        if not _port_free(port):
            port = _free_port()
            command += f" --port {port}"
        self.command, self.port = command, port
        self.log = cwd / f"server-{port}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(shlex.split(command), cwd=cwd, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, path: str, timeout: float, written: Path | None = None) -> None:
        """Until the server answers on `path` (and has written the file `written`, when given)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"{self.command} ended: {self.log.read_text()[-3000:]}"
            if _answers(f"http://127.0.0.1:{self.port}{path}") and (written is None or written.is_file()):
                return
            time.sleep(2)
        raise AssertionError(f"{self.command} did not answer in {timeout} s: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this test started: the server and its children
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _placeholders(command: str, clone: Path, env: dict[str, str]) -> str:
    """OLD_ID: the oldest snapshot; TABLE_ID: a published table (the README's placeholders)."""
    if "OLD_ID" in command:
        published = clone / "paperlake-data" / "published"
        command = command.replace("OLD_ID", min(p.name for p in published.iterdir() if p.is_dir()
                                                and not p.name.startswith(".")))
    if "TABLE_ID" in command:
        found = subprocess.run([".venv/bin/paperlake", "query", "select min(table_id) from tables"], cwd=clone,
                               env=env, capture_output=True, text=True, check=True).stdout
        command = command.replace("TABLE_ID", re.search(r"\b[0-9a-f]{16}-p\d{3}-t\d{2}\b", found)[0])
    return command


def test_the_readme_names_every_command_this_test_runs_or_says_why_not():
    commands = readme_commands(README.read_text(encoding="utf-8"))
    assert commands[:3] == ["python3 -m venv .venv", ".venv/bin/pip install -e .", ".venv/bin/paperlake run examples/pdfs"]
    assert set(SERVERS) <= set(commands) and {c for c in commands if c in NOT_RUN_HERE} == set(NOT_RUN_HERE)
    assert len(python_blocks(README.read_text(encoding="utf-8"))) == 1
    assert len(commands) >= 15


def test_each_readme_command_runs_as_written_in_a_fresh_copy(tmp_path):
    clone = _fresh_copy(tmp_path / "clone")
    env = _env(tmp_path)
    text = README.read_text(encoding="utf-8")
    servers: list[Server] = []
    ran = []
    try:
        for command in readme_commands(text):
            if command in NOT_RUN_HERE:
                continue
            if command in SERVERS:
                server = Server(command, SERVERS[command], clone, env)
                servers.append(server)
                if " ui" in command:
                    server.wait_ready("/server_info", timeout=600)
                else:  # `review serve` records its URL for the commands after it once Label Studio answers
                    server.wait_ready("/api/version", timeout=900, written=clone / "paperlake-data" / "label_studio_url")
                ran.append(command)
                continue
            command = _placeholders(command, clone, env)
            done = subprocess.run(shlex.split(command), cwd=clone, env=env, capture_output=True, text=True,
                                  timeout=900, check=False)
            assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-3000:])
            assert "Traceback" not in done.stderr, (command, done.stderr[-3000:])
            ran.append(command)
        (snippet,) = python_blocks(text)
        done = subprocess.run([".venv/bin/python", "-c", snippet], cwd=clone, env=env, capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "zno_thin_films.pdf" in done.stdout  # rows of the example tables
    finally:
        for server in servers:
            server.stop()
    assert len(ran) == len(readme_commands(text)) - len(NOT_RUN_HERE)
    assert (clone / "paperlake-data" / "catalog.duckdb").is_file()
