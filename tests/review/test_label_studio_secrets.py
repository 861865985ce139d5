"""The Label Studio token through whole `paperlake run`s against the real server: the right token with the
trailing newline `$(cat token.txt)` gives, then a wrong one with and without it. Neither token reaches a file
of the data dir (the Dagster instance, its run and event storage and compute logs included) or the output.

Issue 20: a newline in the token made httpx refuse the header, and its LocalProtocolError quoted the header
value (`Token SECRET...\\n`) to stderr and into three files under the Dagster instance."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from paperlake.review.label_studio import PROJECTS
from paperlake.review.state import TaskMap
from tests.review.conftest import unique_copy

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _run(folder: Path, data_dir: Path, url: str, token: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERLAKE_LABEL_STUDIO_URL": url,
           "PAPERLAKE_LABEL_STUDIO_TOKEN": token}
    env.pop("PAPERLAKE_TEST_CRASH_AT", None)
    return subprocess.run([sys.executable, "-m", "paperlake.cli", "run", str(folder), "--data-dir", str(data_dir),
                           "--review-threshold", "1.0", "--verbose"], cwd=REPO, env=env, check=False,
                          capture_output=True, text=True, timeout=600)


def test_the_token_reaches_no_file_or_output_with_or_without_a_newline(label_studio, tmp_path):
    folder, data_dir = tmp_path / "in", tmp_path / "data"
    folder.mkdir()
    unique_copy(REPO / "tests" / "corpus" / "garbled_font.pdf", folder / "garbled.pdf")
    unique_copy(REPO / "examples" / "pdfs" / "gas_sensor_array.pdf", folder / "gas.pdf")
    wrong = f"wrong{secrets.token_hex(18)}"
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    runs = []
    try:
        runs.append(_run(folder, data_dir, label_studio.url, label_studio.token + "\n"))  # $(cat token.txt)
        assert runs[0].returncode == 0, runs[0].stderr[-3000:]
        pushed = TaskMap.load(data_dir / "review").items
        assert pushed and "review tasks not pushed" not in runs[0].stderr + runs[0].stdout
        for token in (wrong + "\n", wrong):
            runs.append(_run(folder, data_dir, label_studio.url.replace("127.0.0.1", "localhost"), token))
            assert runs[-1].returncode == 0, runs[-1].stderr[-3000:]  # the run publishes all the same
            assert "refused the token (HTTP 401)" in runs[-1].stderr + runs[-1].stdout
        assert TaskMap.load(data_dir / "review").items == pushed, "a wrong token changes nothing recorded"
        scanned = 0
        for secret in (label_studio.token, wrong):
            for run in runs:
                assert secret not in run.stdout + run.stderr
            for path in data_dir.rglob("*"):  # the Dagster home (runs, events, compute logs) is inside
                if path.is_file():
                    assert secret.encode() not in path.read_bytes(), f"the token is in {path}"
                    scanned += 1
        assert (data_dir / "dagster").is_dir() and scanned > 40
    finally:  # the projects are the session's: leave them as the other review tests expect them
        titles = {title for title, _ in PROJECTS.values()}
        ours = set(TaskMap.load(data_dir / "review").items)
        for project in ls.projects.list():
            if project.title in titles:
                for task in ls.tasks.list(project=project.id, fields="task_only", include="id,data"):
                    if (task.data or {}).get("item_id") in ours:
                        ls.tasks.delete(id=str(task.id))
