"""Label Studio down, then a push killed -9 right after Label Studio created the tasks: the items wait in
needs_review, and the next push records the tasks the killed one created instead of creating them twice.

Here rather than in tests/faults/ to share the session's Label Studio server (a second one costs minutes)."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from label_studio_sdk import LabelStudio

from paperlake.pipeline.stages import REVIEW, extract, ingest, route, validate
from paperlake.review.label_studio import PROJECTS
from paperlake.review.server import free_port
from paperlake.review.state import TaskMap
from paperlake.settings import load_settings
from paperlake.store import DataStore

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _unique_copy(source: Path, target: Path) -> Path:
    """The PDF with a random title: its own doc_id, so its item ids are this test's alone on the shared server."""
    doc = pymupdf.open(source)
    doc.set_metadata({"title": secrets.token_hex(8)})
    doc.save(target)
    doc.close()
    return target


def _push(data_dir: Path, url: str, token: str, crash: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERLAKE_LABEL_STUDIO_URL": url,
           "PAPERLAKE_LABEL_STUDIO_TOKEN": token}
    env.pop("PAPERLAKE_TEST_CRASH_AT", None)
    if crash:
        env["PAPERLAKE_TEST_CRASH_AT"] = crash
    return subprocess.run([sys.executable, "-m", "paperlake.cli", "review", "push", "--data-dir", str(data_dir)],
                          cwd=REPO, env=env, check=False, capture_output=True, text=True, timeout=300)


def _needs_review(store: DataStore, doc_ids: list[str]) -> set[str]:
    items = set()
    for doc_id in doc_ids:
        frames = store.read_frames(doc_id, REVIEW, ("tables", "figures"))
        for kind, id_column in (("tables", "table_id"), ("figures", "figure_id")):
            frame = frames[kind]
            items |= set(frame.loc[frame["review_status"] == "needs_review", id_column])
    return items


def test_label_studio_down_then_push_killed_then_pushed_once(label_studio, tmp_path):
    data_dir = tmp_path / "data"
    settings = load_settings(data_dir, env={}, review_threshold=1.0)
    store = DataStore(data_dir)
    pdfs = [_unique_copy(REPO / "tests" / "corpus" / "garbled_font.pdf", tmp_path / "garbled.pdf"),
            _unique_copy(REPO / "examples" / "pdfs" / "gas_sensor_array.pdf", tmp_path / "gas.pdf")]
    doc_ids = [store.register(pdf).doc_id for pdf in pdfs]
    for doc_id in doc_ids:
        ingest(store, doc_id, settings)
        extract(store, doc_id, settings)
        validate(store, doc_id)
        route(store, doc_id, settings)
    items = _needs_review(store, doc_ids)
    assert len(items) >= 2

    down = _push(data_dir, f"http://127.0.0.1:{free_port()}", label_studio.token)
    assert down.returncode == 1 and "cannot reach Label Studio" in down.stderr
    assert label_studio.token not in down.stderr + down.stdout
    assert _needs_review(store, doc_ids) == items and not TaskMap.load(store.review_dir).items

    killed = _push(data_dir, label_studio.url, label_studio.token, crash="label_studio.after_import")
    assert killed.returncode == -9, killed.stderr[-2000:]
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    titles = {title for title, _ in PROJECTS.values()}

    def our_tasks() -> list:
        projects = [p.id for p in ls.projects.list() if p.title in titles]
        return [task for project in projects for task in ls.tasks.list(project=project, fields="task_only")
                if (task.data or {}).get("item_id") in items]

    def tasks_per_item() -> dict[str, int]:
        counts: dict[str, int] = {}
        for task in our_tasks():
            counts[task.data["item_id"]] = counts.get(task.data["item_id"], 0) + 1
        return counts

    try:
        tables = {item for item in items if item.rsplit("-", 1)[-1].startswith("t")}
        assert tables and tasks_per_item() == {item: 1 for item in tables}, \
            "the killed push had created the table tasks (tables go first; it never reached the figures)"
        assert not set(TaskMap.load(store.review_dir).items) & items, "but never recorded them"

        again = _push(data_dir, label_studio.url, label_studio.token)
        assert again.returncode == 0, again.stderr[-2000:]
        assert "tables   0 created" in again.stdout, again.stdout
        assert tasks_per_item() == {item: 1 for item in items}, "no task was created twice"
        recorded = TaskMap.load(store.review_dir).items
        assert items <= set(recorded)
        assert not (store.review_dir / "ls_push_in_flight.json").exists()
        for path in data_dir.rglob("*"):
            if path.is_file():
                assert label_studio.token.encode() not in path.read_bytes(), path
    finally:  # the projects are the session's: leave them as the other review tests expect them
        for task in our_tasks():
            ls.tasks.delete(id=str(task.id))
