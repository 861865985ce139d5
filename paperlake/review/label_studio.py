"""Label Studio I/O: the only module that talks to a Label Studio server (through label_studio_sdk).

One project per review kind (tables, figures) with the config from label_configs/; one task per item,
keyed by item id and content hash in DIR/review/ls_tasks.json (paperlake.review.state.TaskMap), so a
re-push creates nothing new and a changed item updates its task and prediction in place. Images travel
inside the task as base64 `data:` URIs: they work with a server on another machine, need no storage
configured in Label Studio and no upload bookkeeping (see label_configs/README.md).

What the server says is told apart, because each asks for something else:
- unreachable (refused, timed out: `LabelStudioUnreachable`, a ConnectionError, retried with backoff),
- the token refused (401, 403: `LabelStudioRefused`),
- a project gone: a 404 for it from a server that answers the token and no longer lists it. Only that
  forgets the project's tasks in the task map; nothing else touches the map.
The map is tied to the project (its id and creation time on the server), not to the URL's spelling:
`localhost` and `127.0.0.1` reach the same projects. And a push never trusts the map alone: before creating
a task it looks the item up in the project, and records (or updates) a task the server already holds.

The token is passed to the SDK only, through the one HTTP client built here, whose errors are rewritten
without it: it never appears in messages, logs, events or return values. A URL holding credentials is refused.
"""
from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from label_studio_sdk.core.api_error import ApiError

from paperlake.faults import crash_point
from paperlake.review.state import TaskMap
from paperlake.review.task_state import SHOWN_FIELDS
from paperlake.settings import SettingsError, clean_token, clean_url

logger = logging.getLogger(__name__)

CONFIGS = Path(__file__).resolve().parents[2] / "label_configs"
PROJECTS = {"tables": ("paperlake: table review", "table_review.xml"),
            "figures": ("paperlake: figure review", "figure_review.xml")}
"""Review kind -> (project title, labeling config file)."""
_BATCH = 50


class LabelStudioError(RuntimeError):
    """Label Studio could not be reached or refused a request; the message never holds the token.
    `status_code`: the HTTP status, when the server answered."""

    status_code: int | None = None


class LabelStudioUnreachable(LabelStudioError, ConnectionError):
    """No answer: connection refused or reset, a timeout, a name that does not resolve (worth retrying)."""


class LabelStudioRefused(LabelStudioError):
    """The server answered 401 or 403: the token is wrong, expired or lacks the rights."""


class LabelStudioNotFound(LabelStudioError):
    """The server answered 404 for what was asked."""


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
        try:
            clean = clean_token(token or "", "the Label Studio client")
            url = clean_url(url or "", "the Label Studio client") or ""
        except SettingsError as exc:
            raise LabelStudioError(str(exc)) from None
        if not url or not clean:
            raise LabelStudioError("Label Studio needs both a URL and a token (PAPERLAKE_LABEL_STUDIO_URL, "
                                   "PAPERLAKE_LABEL_STUDIO_TOKEN or PAPERLAKE_LABEL_STUDIO_TOKEN_FILE)")
        self.url = url.rstrip("/")
        from label_studio_sdk import LabelStudio  # 0.9 s to import: paid by a push, not by every process

        self._secrets = (f"Token {clean}", clean)
        http = _RedactingClient(self._secrets, timeout=timeout, follow_redirects=True)
        self._ls = LabelStudio(base_url=self.url, api_key=clean, timeout=timeout, httpx_client=http)

    # ------------------------------------------------------------------------------ projects
    def ensure_project(self, kind: str, task_map: TaskMap) -> int:
        """The project of a review kind: the one the task map names if this server still holds it, else the
        one with its title, else a new one."""
        title, _ = PROJECTS[kind]
        config = label_config(kind)
        project = self._known_project(kind, task_map)
        if project is None:
            found = sorted((p for p in self._call(lambda: list(self._ls.projects.list(title=title)))
                            if p.title == title), key=lambda p: int(p.id))
            if found:
                project = found[0]
            else:
                project = self._call(self._ls.projects.create, title=title, label_config=config,
                                     description="paperlake items that need a curator's review")
                logger.info("created Label Studio project %s (%s)", project.id, title)
        elif (project.label_config or "").strip() != config.strip():
            self._call(self._ls.projects.update, id=int(project.id), label_config=config)
        task_map.projects[kind] = int(project.id)
        task_map.project_created[kind] = _created(project)
        return int(project.id)

    def known_project(self, kind: str, task_map: TaskMap) -> int | None:
        """The id of the project the task map names for a kind, if this server holds it; else None."""
        project = self._known_project(kind, task_map)
        return None if project is None else int(project.id)

    def _known_project(self, kind: str, task_map: TaskMap) -> Any | None:
        """The project the task map names for a kind, when this server holds it (same id, same creation
        time). The map forgets the project and its tasks only when the server, answering the token, no
        longer has it or has another project under its id; unreachable or refused, nothing is concluded."""
        known = task_map.projects.get(kind)
        if known is None:
            return None
        project = self._project(known)
        stamp = task_map.project_created.get(kind)
        if project is not None and (_created(project) == stamp if stamp else project.title == PROJECTS[kind][0]):
            task_map.project_created[kind] = _created(project)
            return project
        why = "was deleted" if project is None else "is another project (another server?)"
        logger.warning("Label Studio project %s of the %s review %s on %s: the tasks recorded for it are forgotten",
                       known, kind, why, self.url)
        task_map.items = {k: v for k, v in task_map.items.items() if v.get("project") != known}
        task_map.projects.pop(kind, None)
        task_map.project_created.pop(kind, None)
        return None

    def _project(self, project_id: int) -> Any | None:
        """The project, or None when it is confirmed gone: a 404 for it, from a server that answers the token
        and does not list it. Unreachable, refused and any other answer raise (nothing is concluded)."""
        try:
            return self._call(self._ls.projects.get, id=project_id)
        except LabelStudioNotFound:
            listed = {int(p.id) for p in self._each(self._ls.projects.list, page_size=100)}
        if project_id in listed:
            raise LabelStudioError(f"Label Studio at {self.url} answered 404 for project {project_id}, which it lists")
        return None

    # ------------------------------------------------------------------------------ push
    def push(self, kind: str, tasks: Sequence[Mapping[str, Any]], task_map: TaskMap) -> PushResult:
        """Create or update one task per item (tasks as paperlake.review.tasks builds them). An item the map
        does not know is looked up in the project first: a task the server holds is recorded, not created again.
        A task recorded before tasks carried their state (no `shown` in its entry) is updated once."""
        project_id = self.ensure_project(kind, task_map)
        created = updated = unchanged = 0
        unknown: list[Mapping[str, Any]] = []
        for task in tasks:
            data = task["data"]
            entry = task_map.items.get(data["item_id"])
            if entry and entry.get("project") == project_id:
                # an entry without "shown" is a task pushed before tasks carried their state, grid and top-level
                # fields: it is rebuilt once
                if entry.get("content_hash") == data["content_hash"] and "shown" in entry:
                    unchanged += 1
                    continue
                if self._update_task(int(entry["task"]), task):
                    entry |= {"content_hash": data["content_hash"], **_shown(data, open_=None)}
                    updated += 1
                    continue
            unknown.append(task)
        new: list[Mapping[str, Any]] = []
        for start in range(0, len(unknown), _BATCH):
            batch = unknown[start:start + _BATCH]
            held = self._tasks_of_items(project_id, [task["data"]["item_id"] for task in batch])
            for task in batch:
                data = task["data"]
                found = held.get(data["item_id"])
                if found is None:
                    new.append(task)
                    continue
                task_id, content_hash = found
                task_map.items[data["item_id"]] = {"kind": kind, "project": project_id, "task": task_id,
                                                   "content_hash": content_hash, **_shown(data, open_=None)}
                if content_hash == data["content_hash"]:
                    unchanged += 1
                elif self._update_task(task_id, task):
                    task_map.items[data["item_id"]] |= {"content_hash": data["content_hash"], **_shown(data, open_=None)}
                    updated += 1
                else:
                    new.append(task)
        if len(new) < len(unknown):
            logger.info("%d %s task(s) Label Studio already held were recorded, not created again",
                        len(unknown) - len(new), kind)
            task_map.save()
        for start in range(0, len(new), _BATCH):
            batch = [dict(task) for task in new[start:start + _BATCH]]
            response = self._call(self._ls.projects.import_tasks, id=project_id, request=batch,
                                  return_task_ids=True)
            crash_point("label_studio.after_import")
            task_ids = list(response.task_ids or [])
            if len(task_ids) != len(batch):
                raise LabelStudioError(f"Label Studio created {len(task_ids)} tasks for {len(batch)} items")
            for task, task_id in zip(batch, task_ids):
                task_map.items[task["data"]["item_id"]] = {
                    "kind": kind, "project": project_id, "task": int(task_id),
                    "content_hash": task["data"]["content_hash"], **_shown(task["data"], open_=True)}
            task_map.save()  # recorded batch by batch (a push killed before this finds them by item id)
            created += len(batch)
        return PushResult(created, updated, unchanged)

    def _tasks_of_items(self, project_id: int, item_ids: Sequence[str]) -> dict[str, tuple[int, str]]:
        """item id -> (task id, content hash) of the tasks the project holds for these items (the newest task
        when an item has several)."""
        if not item_ids:
            return {}
        query = json.dumps({"filters": {"conjunction": "or", "items": [
            {"filter": "filter:tasks:data.item_id", "operator": "equal", "type": "String", "value": item_id}
            for item_id in item_ids]}})
        wanted, found = set(item_ids), {}
        for task in self._each(self._ls.tasks.list, project=project_id, fields="task_only", include="id,data",
                               query=query, page_size=100):
            data = task.data or {}
            item_id = str(data.get("item_id") or "")
            if item_id in wanted and (item_id not in found or int(task.id) > found[item_id][0]):
                found[item_id] = (int(task.id), str(data.get("content_hash") or ""))
        return found

    def _update_task(self, task_id: int, task: Mapping[str, Any]) -> bool:
        """Replace a task's data and prediction; False when the task no longer exists."""
        try:
            self._call(self._ls.tasks.update, id=str(task_id), data=dict(task["data"]))
        except LabelStudioNotFound:
            return False
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
        # items, not pages: iter_pages() raises 404 after the last page
        for task in self._each(self._ls.tasks.list, project=project_id, fields="all", query=query, page_size=100):
            yield _plain(task)

    def users(self) -> dict[int, str]:
        """User id -> email, to name reviewers."""
        return {int(u.id): (u.email or u.username or str(u.id)) for u in self._call(self._ls.users.list)}

    def show_fields(self, task_id: int, fields: Mapping[str, Any], open_: bool) -> bool:
        """Set some of a task's data fields (its review_state, ...: paperlake.review.task_state), keeping the
        rest, and keep it in the curators' labeling stream while open (not labeled) or take it out. False
        when the task is gone."""
        try:
            task = self._call(self._ls.tasks.get, id=str(task_id))
        except LabelStudioNotFound:
            return False
        self._call(self._ls.tasks.update, id=str(task_id), data={**dict(task.data or {}), **fields},
                   is_labeled=not open_)
        return True

    def version(self) -> str:
        return str(self._call(self._ls.versions.get).release)

    # ------------------------------------------------------------------------------ helpers
    def _call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """function(*args, **kwargs) with what went wrong as a LabelStudioError: unreachable, refused, not
        found or another HTTP status, its message free of the token. Raised outside the handler, so no
        exception that might quote a header rides along as its context."""
        try:
            return function(*args, **kwargs)
        except ApiError as exc:
            error = self._http_error(exc.status_code, exc.body)
        except (httpx.TransportError, OSError) as exc:
            error = LabelStudioUnreachable(f"cannot reach Label Studio at {self.url}: {type(exc).__name__}: {exc}")
        except Exception as exc:
            if not any(secret in str(exc) for secret in self._secrets):
                raise
            error = LabelStudioError(f"Label Studio request failed: {type(exc).__name__}: {exc}")
        raise _redacted(error, self._secrets)

    def _each(self, function: Callable[..., Any], **kwargs: Any) -> Iterator[Any]:
        """The items of a paged listing, each page's request checked like any call."""
        items = iter(self._call(function, **kwargs))
        end = object()
        while (item := self._call(next, items, end)) is not end:
            yield item

    def _http_error(self, status: int | None, body: Any) -> LabelStudioError:
        if status in (401, 403):
            error: LabelStudioError = LabelStudioRefused(
                f"Label Studio at {self.url} refused the token (HTTP {status}): check PAPERLAKE_LABEL_STUDIO_TOKEN "
                f"(or PAPERLAKE_LABEL_STUDIO_TOKEN_FILE)")
        elif status == 404:
            error = LabelStudioNotFound(f"Label Studio at {self.url} answered HTTP 404 ({_brief(body)})")
        else:
            error = LabelStudioError(f"Label Studio at {self.url} answered HTTP {status} ({_brief(body)})")
        error.status_code = status
        return error


class _RedactingClient(httpx.Client):
    """The HTTP client the SDK is given: the one place a request carries the token. An error on the way
    (an illegal header value, a refused connection) is raised again, of the same type, with the token cut
    out of its message and nothing chained to it."""

    def __init__(self, secrets: Sequence[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._secrets = tuple(secrets)

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        try:
            return super().send(request, **kwargs)
        except httpx.RequestError as exc:
            error = type(exc)(_redact(str(exc), self._secrets), request=request)
        raise error


def _redact(text: str, secrets: Sequence[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "[token]")
    return text


def _redacted(error: LabelStudioError, secrets: Sequence[str]) -> LabelStudioError:
    text = _redact(str(error), secrets)
    if text == str(error):
        return error
    clean = type(error)(text)
    clean.status_code = error.status_code
    return clean


def _shown(data: Mapping[str, Any], open_: bool | None) -> dict[str, Any]:
    """What the task map records of a task just written: its document, the fields that follow its item as
    the task now shows them, and whether it is open (None: not known, the next state sync sets it)."""
    return {"doc_id": data.get("doc_id"), "shown": {k: data[k] for k in SHOWN_FIELDS if k in data}, "open": open_}


def _created(project: Any) -> str:
    """A project's creation time on its server, as text: with its id, what tells this project from another."""
    created = getattr(project, "created_at", None)
    return created.isoformat() if hasattr(created, "isoformat") else str(created or "")


def _plain(task: Any) -> dict[str, Any]:
    raw = task.model_dump() if hasattr(task, "model_dump") else dict(task)
    return json.loads(json.dumps(raw, default=str))


def _brief(body: Any) -> str:
    text = body if isinstance(body, str) else json.dumps(body, default=str)
    return " ".join(text.split())[:200] if text and not text.lstrip().startswith("<") else "no details"
