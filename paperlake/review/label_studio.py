"""Label Studio I/O: the only module that talks to a Label Studio server (through label_studio_sdk).

One project per review kind (tables, figures) with the config from label_configs/; one task per item,
keyed by item id and content hash in DIR/review/ls_tasks.json (paperlake.review.state.TaskMap), so a
re-push creates nothing new and a changed item updates its task and prediction in place. Images travel
inside the task as base64 `data:` URIs: they work with a server on another machine, need no storage
configured in Label Studio and no upload bookkeeping (see label_configs/README.md).

The token is passed to the SDK only; it never appears in messages, logs or return values.
"""
from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from label_studio_sdk.core.api_error import ApiError

from paperlake.faults import crash_point
from paperlake.review.state import TaskMap
from paperlake.store import atomic_write_json

logger = logging.getLogger(__name__)

CONFIGS = Path(__file__).resolve().parents[2] / "label_configs"
PROJECTS = {"tables": ("paperlake: table review", "table_review.xml"),
            "figures": ("paperlake: figure review", "figure_review.xml")}
"""Review kind -> (project title, labeling config file)."""
_BATCH = 50


class LabelStudioError(RuntimeError):
    """Label Studio could not be reached or refused a request; the message never holds the token."""


@dataclass(frozen=True)
class PushResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def data_uri(png: Path) -> str:
    """A PNG file as a base64 data: URI (what a task's image field holds when pushed)."""
    return "data:image/png;base64," + base64.b64encode(Path(png).read_bytes()).decode("ascii")


def label_config(kind: str) -> str:
    return (CONFIGS / PROJECTS[kind][1]).read_text(encoding="utf-8")


class LabelStudioClient:
    """A thin wrapper over label_studio_sdk for paperlake's review projects and tasks."""

    def __init__(self, url: str, token: str, timeout: float = 60.0) -> None:
        if not url or not token:
            raise LabelStudioError("Label Studio needs both a URL and a token (PAPERLAKE_LABEL_STUDIO_URL, "
                                   "PAPERLAKE_LABEL_STUDIO_TOKEN or PAPERLAKE_LABEL_STUDIO_TOKEN_FILE)")
        self.url = url.rstrip("/")
        from label_studio_sdk import LabelStudio  # 0.9 s to import: paid by a push, not by every process

        self._ls = LabelStudio(base_url=self.url, api_key=token, timeout=timeout)

    # ------------------------------------------------------------------------------ projects
    def ensure_project(self, kind: str, task_map: TaskMap) -> int:
        """The project of a review kind: the one the task map names if it still exists, else by title, else new."""
        title, _ = PROJECTS[kind]
        config = label_config(kind)
        known = task_map.projects.get(kind)
        if known is not None:
            try:
                project = self._call(self._ls.projects.get, id=known)
                if (project.label_config or "").strip() != config.strip():
                    self._call(self._ls.projects.update, id=known, label_config=config)
                return known
            except LabelStudioError:
                logger.warning("project %s for %s is gone from %s: its tasks will be pushed again", known, kind,
                               self.url)
                task_map.items = {k: v for k, v in task_map.items.items() if v.get("project") != known}
        found = [p for p in self._call(lambda: list(self._ls.projects.list(title=title))) if p.title == title]
        if found:
            project_id = int(found[0].id)
        else:
            project_id = int(self._call(self._ls.projects.create, title=title, label_config=config,
                                        description="paperlake items that need a curator's review").id)
            logger.info("created Label Studio project %s (%s)", project_id, title)
        task_map.projects[kind] = project_id
        return project_id

    # ------------------------------------------------------------------------------ push
    def push(self, kind: str, tasks: Sequence[Mapping[str, Any]], task_map: TaskMap) -> PushResult:
        """Create or update one task per item (tasks as paperlake.review.tasks builds them)."""
        project_id = self.ensure_project(kind, task_map)
        self._adopt_in_flight(kind, project_id, task_map)
        created = updated = unchanged = 0
        new: list[Mapping[str, Any]] = []
        for task in tasks:
            data = task["data"]
            entry = task_map.items.get(data["item_id"])
            if entry and entry.get("project") == project_id:
                if entry.get("content_hash") == data["content_hash"]:
                    unchanged += 1
                    continue
                if self._update_task(int(entry["task"]), task):
                    entry["content_hash"] = data["content_hash"]
                    updated += 1
                    continue
            new.append(task)
        for start in range(0, len(new), _BATCH):
            batch = [dict(task) for task in new[start:start + _BATCH]]
            in_flight = _in_flight_path(task_map)
            atomic_write_json(in_flight, {"kind": kind, "project": project_id,
                                          "items": [task["data"]["item_id"] for task in batch]})
            response = self._call(self._ls.projects.import_tasks, id=project_id, request=batch,
                                  return_task_ids=True)
            crash_point("label_studio.after_import")
            task_ids = list(response.task_ids or [])
            if len(task_ids) != len(batch):
                raise LabelStudioError(f"Label Studio created {len(task_ids)} tasks for {len(batch)} items")
            for task, task_id in zip(batch, task_ids):
                task_map.items[task["data"]["item_id"]] = {
                    "kind": kind, "project": project_id, "task": int(task_id),
                    "content_hash": task["data"]["content_hash"]}
            task_map.save()  # recorded batch by batch, then the batch is no longer in flight
            in_flight.unlink(missing_ok=True)
            created += len(batch)
        return PushResult(created, updated, unchanged)

    def _adopt_in_flight(self, kind: str, project_id: int, task_map: TaskMap) -> None:
        """Record the tasks of a batch whose push was killed after Label Studio created them but before the
        task map was saved (DIR/review/ls_push_in_flight.json names its items), so they are not created twice."""
        path = _in_flight_path(task_map)
        if not path.is_file():
            return
        pending = json.loads(path.read_text(encoding="utf-8"))
        if pending.get("kind") != kind:
            return
        wanted = {item for item in pending.get("items", [])
                  if task_map.items.get(item, {}).get("project") != project_id}
        found: dict[str, Any] = {}
        if wanted and pending.get("project") == project_id:
            pager = self._call(self._ls.tasks.list, project=project_id, fields="task_only", page_size=100)
            try:
                for task in pager:  # the newest task of an item is the one the killed push created
                    item_id = str((task.data or {}).get("item_id") or "")
                    if item_id in wanted and (item_id not in found or int(task.id) > int(found[item_id].id)):
                        found[item_id] = task
            except ApiError as exc:
                raise LabelStudioError(f"listing tasks of project {project_id} failed: HTTP {exc.status_code}") \
                    from None
        for item_id, task in found.items():
            task_map.items[item_id] = {"kind": kind, "project": project_id, "task": int(task.id),
                                       "content_hash": str((task.data or {}).get("content_hash") or "")}
        if found:
            logger.warning("recorded %d %s task(s) an interrupted push had created", len(found), kind)
        task_map.save()
        path.unlink(missing_ok=True)

    def _update_task(self, task_id: int, task: Mapping[str, Any]) -> bool:
        """Replace a task's data and prediction; False when the task no longer exists."""
        try:
            self._ls.tasks.update(id=str(task_id), data=dict(task["data"]))
        except ApiError as exc:
            if exc.status_code == 404:
                return False
            raise LabelStudioError(f"updating task {task_id} failed: HTTP {exc.status_code}") from None
        for old in self._call(self._ls.predictions.list, task=task_id):
            self._call(self._ls.predictions.delete, id=old.id)
        for prediction in task.get("predictions", []):
            self._call(self._ls.predictions.create, task=task_id, result=prediction["result"],
                       model_version=prediction.get("model_version"), score=prediction.get("score"))
        return True

    # ------------------------------------------------------------------------------ pull
    def updated_tasks(self, project_id: int, since: str = "") -> Iterator[dict[str, Any]]:
        """Tasks of a project (data and annotations) updated after `since` (ISO time, UTC), oldest first."""
        query = None
        if since:
            query = json.dumps({"filters": {"conjunction": "and", "items": [
                {"filter": "filter:tasks:updated_at", "operator": "greater", "type": "Datetime", "value": since}]},
                "ordering": ["tasks:updated_at"]})
        pager = self._call(self._ls.tasks.list, project=project_id, fields="all", query=query, page_size=100)
        try:
            for task in pager:  # iterate items, not pages: iter_pages() raises 404 after the last page
                yield _plain(task)
        except ApiError as exc:
            raise LabelStudioError(f"listing tasks of project {project_id} failed: HTTP {exc.status_code}") from None

    def users(self) -> dict[int, str]:
        """User id -> email, to name reviewers."""
        return {int(u.id): (u.email or u.username or str(u.id)) for u in self._call(self._ls.users.list)}

    def send_back(self, task_id: int, data: Mapping[str, Any], reason: str) -> None:
        """Show a curator why their correction was not applied: the task's review_reason line says it."""
        self._call(self._ls.tasks.update, id=str(task_id),
                   data={**dict(data), "review_reason": f"correction not applied: {reason}"})

    def version(self) -> str:
        return str(self._call(self._ls.versions.get).release)

    # ------------------------------------------------------------------------------ helpers
    def _call(self, function: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ApiError as exc:
            raise LabelStudioError(f"Label Studio at {self.url} answered HTTP {exc.status_code} "
                                   f"({_brief(exc.body)})") from None
        except OSError as exc:
            raise LabelStudioError(f"cannot reach Label Studio at {self.url}: {exc}") from None
        except Exception as exc:  # httpx errors: connection refused, timeouts
            if type(exc).__module__.startswith("httpx"):
                raise LabelStudioError(f"cannot reach Label Studio at {self.url}: {type(exc).__name__}: {exc}") \
                    from None
            raise


def _in_flight_path(task_map: TaskMap) -> Path:
    return task_map.path.with_name("ls_push_in_flight.json")


def _plain(task: Any) -> dict[str, Any]:
    raw = task.model_dump() if hasattr(task, "model_dump") else dict(task)
    return json.loads(json.dumps(raw, default=str))


def _brief(body: Any) -> str:
    text = body if isinstance(body, str) else json.dumps(body, default=str)
    return " ".join(text.split())[:200] if text and not text.lstrip().startswith("<") else "no details"
