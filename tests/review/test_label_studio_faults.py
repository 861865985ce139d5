"""Label Studio down, then a push killed -9 right after Label Studio created the tasks: the items wait in
needs_review, and the next push records the tasks the killed one created instead of creating them twice.
Label Studio stopped and started, its URL respelled, a wrong token then the right one, the task map lost,
the project deleted: never a task twice, and the task map forgets tasks only when their project is gone.

Here rather than in tests/faults/ to share the session's Label Studio server (a second one costs minutes)."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from paperlake.pipeline.stages import REVIEW, extract, ingest, route, validate
from paperlake.review import label_studio as label_studio_module
from paperlake.review.label_studio import PROJECTS, LabelStudioRefused, LabelStudioUnreachable
from paperlake.review.server import free_port
from paperlake.review.state import TaskMap
from paperlake.review.sync import push_reviews
from paperlake.settings import load_settings
from paperlake.store import DataStore
from tests.review.conftest import unique_copy

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


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


def _processed(tmp_path: Path) -> tuple[DataStore, list[str]]:
    """A data dir with two PDFs of this test's own (random titles) run through the stages at a threshold of
    1.0 (every item needs review); the store and the documents' ids."""
    data_dir = tmp_path / "data"
    settings = load_settings(data_dir, env={}, review_threshold=1.0)
    store = DataStore(data_dir)
    pdfs = [unique_copy(REPO / "tests" / "corpus" / "garbled_font.pdf", tmp_path / "garbled.pdf"),
            unique_copy(REPO / "examples" / "pdfs" / "gas_sensor_array.pdf", tmp_path / "gas.pdf")]
    doc_ids = [store.register(pdf).doc_id for pdf in pdfs]
    for doc_id in doc_ids:
        ingest(store, doc_id, settings)
        extract(store, doc_id, settings)
        validate(store, doc_id)
        route(store, doc_id, settings)
    return store, doc_ids


def test_label_studio_down_then_push_killed_then_pushed_once(label_studio, tmp_path):
    store, doc_ids = _processed(tmp_path)
    data_dir = store.root
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


def test_an_outage_a_respelled_url_a_wrong_token_or_a_lost_map_never_makes_a_task_twice(label_studio, tmp_path,
                                                                                       monkeypatch):
    """Issue 20: an outage or a 401 was taken for 'the project is gone': the task map was emptied and saved,
    and the next push made 5 of 6 tasks again; `localhost` for `127.0.0.1` started another map (23 table
    tasks for 6 items after two switches). Only a project the server, answering the token, no longer has
    makes its tasks be pushed again, once."""
    mine = {kind: (f"{title} {secrets.token_hex(4)}", config) for kind, (title, config) in PROJECTS.items()}
    monkeypatch.setattr(label_studio_module, "PROJECTS", mine)  # this test's own projects on the shared server
    store, doc_ids = _processed(tmp_path)
    items = _needs_review(store, doc_ids)
    tables = {item for item in items if item.rsplit("-", 1)[-1].startswith("t")}
    assert len(items) >= 3 and tables and items - tables
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    respelled = label_studio.url.replace("127.0.0.1", "localhost")

    def push(url: str = label_studio.url, token: str = label_studio.token) -> dict:
        settings = load_settings(store.root, env={}, review_threshold=1.0, label_studio_url=url,
                                 label_studio_token=token)
        return {kind: (r.created, r.updated, r.unchanged) for kind, r in push_reviews(store, settings).items()}

    def tasks_per_item() -> dict[str, int]:
        counts: dict[str, int] = {}
        for project in ls.projects.list():
            if project.title in {title for title, _ in mine.values()}:
                for task in ls.tasks.list(project=project.id, fields="task_only", include="id,data"):
                    counts[task.data["item_id"]] = counts.get(task.data["item_id"], 0) + 1
        return counts

    def recorded() -> dict:
        task_map = TaskMap.load(store.review_dir)
        return {"projects": task_map.projects, "items": {k: v["task"] for k, v in task_map.items.items()}}

    once = {item: 1 for item in items}
    n_tables, n_figures = len(tables), len(items - tables)
    try:
        assert push() == {"tables": (n_tables, 0, 0), "figures": (n_figures, 0, 0)}
        assert tasks_per_item() == once
        pushed = recorded()

        label_studio.stop()  # an outage: nothing is concluded, the map stays as it was
        try:
            with pytest.raises(LabelStudioUnreachable, match="cannot reach Label Studio"):
                push()
            assert recorded() == pushed
        finally:
            label_studio.start()
        assert push() == {"tables": (0, 0, n_tables), "figures": (0, 0, n_figures)}

        assert push(respelled) == {"tables": (0, 0, n_tables), "figures": (0, 0, n_figures)}  # the same server
        with pytest.raises(LabelStudioRefused, match="refused the token") as refused:
            push(token="0" * 40)  # a 401 says nothing of the project
        assert "0" * 40 not in str(refused.value)
        assert recorded() == pushed
        assert push(respelled, label_studio.token + "\n") == {"tables": (0, 0, n_tables), "figures": (0, 0, n_figures)}
        assert tasks_per_item() == once and recorded() == pushed

        # the task map lost: each item is looked up in its project before a task is made
        (store.review_dir / "ls_tasks.json").unlink()
        assert push() == {"tables": (0, 0, n_tables), "figures": (0, 0, n_figures)}
        assert tasks_per_item() == once and recorded() == pushed

        # the table project deleted in Label Studio: a 404 from a server that answers the token, so its tasks
        # are pushed again, once, to a new project; the figures' stay
        ls.projects.delete(id=pushed["projects"]["tables"])
        assert push() == {"tables": (n_tables, 0, 0), "figures": (0, 0, n_figures)}
        assert tasks_per_item() == once
        assert recorded()["projects"]["tables"] != pushed["projects"]["tables"]
    finally:
        for project in ls.projects.list():
            if project.title in {title for title, _ in mine.values()}:
                ls.projects.delete(id=project.id)
