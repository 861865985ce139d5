"""The review cycle with a live Label Studio: push tasks, pull annotations into corrections, report status.

Glue between the data dir (paperlake.store, paperlake.review.state), the pure converters
(paperlake.review.corrections) and the server (paperlake.review.label_studio). No Dagster here: the CLI and the
Dagster assets and sensor call these functions.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pandas as pd

from paperlake.pipeline.stages import EXTRACTION
from paperlake.review.annotations import annotation_to_correction
from paperlake.review.corrections import Correction, CorrectionError, extraction_hashes, validate_correction
from paperlake.review.label_studio import LabelStudioClient, LabelStudioError, PushResult, data_uri
from paperlake.review.state import CorrectionStore, TaskMap
from paperlake.review.task_state import queue_states, shows_out_of_date, state_counts
from paperlake.review.task_sync import sync_task_states
from paperlake.settings import Settings
from paperlake.store import DataStore

logger = logging.getLogger(__name__)

CURSOR_OVERLAP = timedelta(seconds=2)
"""Pulls ask for tasks updated a little before the cursor; annotations already read are skipped by id."""


@dataclass(frozen=True)
class PullResult:
    """What one pull did: corrections kept, corrections refused (item -> reasons), annotations seen."""

    saved: tuple[str, ...] = ()
    refused: dict[str, list[str]] = field(default_factory=dict)
    seen: int = 0
    cursor: str = ""


def client_for(settings: Settings) -> LabelStudioClient:
    """A client for the configured server; LabelStudioError when no URL or token is configured."""
    if not settings.label_studio_url:
        raise LabelStudioError("no Label Studio configured: set PAPERLAKE_LABEL_STUDIO_URL (or run "
                               "`paperlake review serve`)")
    return LabelStudioClient(settings.label_studio_url, settings.label_studio_token or "")


def push_reviews(store: DataStore, settings: Settings,
                 client: LabelStudioClient | None = None) -> dict[str, PushResult]:
    """Push every item that needs review: one task per item, created once, updated when it changed."""
    from paperlake.review.queue import review_tasks

    client = client or client_for(settings)
    tasks = review_tasks(store, settings, data_uri)
    task_map = TaskMap.load(store.review_dir).for_server(client.url)
    results = {}
    try:
        for kind, kind_tasks in tasks.items():
            results[kind] = client.push(kind, kind_tasks, task_map)
        sync_task_states(store, client, task_map)  # tasks of items no longer pending are closed
    finally:
        task_map.save()
    return results


def pull_reviews(store: DataStore, settings: Settings, since: str | None = None,
                 client: LabelStudioClient | None = None) -> PullResult:
    """Read annotations submitted since the cursor into corrections (validated) in DIR/review/corrections/.

    since: ISO time (UTC); None uses the cursor kept in ls_tasks.json. Each item's latest submitted
    annotation counts; one read before (same id and update time) is skipped. A correction that cannot be
    read or breaks the contract is refused: recorded in DIR/review/refused/ and sent back to its task.
    """
    from paperlake.pipeline.routed import routed_frames

    client = client or client_for(settings)
    task_map = TaskMap.load(store.review_dir).for_server(client.url)
    since = task_map.cursor if since is None else since
    query_from = _minus(since, CURSOR_OVERLAP) if since else ""
    corrections = CorrectionStore(store.review_dir)
    frames: dict[str, pd.DataFrame] | None = None
    hashes: dict[str, str] = {}
    users: dict[int, str] | None = None
    saved: list[str] = []
    refused: dict[str, list[str]] = {}
    seen, cursor = 0, since or ""
    try:
        for kind in sorted(task_map.projects):
            project_id = client.known_project(kind, task_map)  # this server's project, however the URL is spelled
            if project_id is None:
                continue
            for task in client.updated_tasks(project_id, query_from):
                cursor = max(cursor, _iso(task.get("updated_at")))
                annotation = _latest(task.get("annotations") or [])
                data = task.get("data") or {}
                item_id = str(data.get("item_id", ""))
                if annotation is None or not item_id:
                    continue
                if item_id not in task_map.items and not store.is_registered(str(data.get("doc_id", ""))):
                    continue  # another data dir's task on a shared project: its annotations are not ours
                entry = task_map.items.setdefault(item_id, {"kind": kind, "project": project_id,
                                                            "task": int(task["id"]), "content_hash": "",
                                                            "doc_id": data.get("doc_id")})
                stamp = (annotation.get("id"), _iso(annotation.get("updated_at")))
                if (entry.get("annotation"), entry.get("annotation_updated_at")) == stamp:
                    continue
                seen += 1
                if frames is None:
                    frames, _ = routed_frames(store)
                    hashes = extraction_hashes(frames)
                if users is None:
                    users = client.users()
                reviewer = _reviewer(annotation, users)
                try:
                    correction = annotation_to_correction(
                        data, annotation.get("result") or [], reviewed_by=reviewer, reviewed_at=stamp[1],
                        task_id=int(task["id"]), annotation_id=annotation.get("id"))
                    correction = Correction.from_json({**correction.to_json(), "extraction_hash": hashes.get(item_id, ""),
                                                       "annotation_updated_at": stamp[1]})
                    reasons = validate_correction(correction, _doc_frames(frames, correction.doc_id),
                                                  _page_sizes(store, correction.doc_id))
                except CorrectionError as exc:
                    correction, reasons = None, [str(exc)]
                entry["annotation"], entry["annotation_updated_at"] = stamp
                if reasons:
                    refused[item_id] = reasons
                    corrections.refuse(item_id, reasons, correction)  # the task shows it: task_sync
                    logger.warning("correction of %s refused: %s", item_id, "; ".join(reasons))
                    continue
                corrections.save(correction)
                saved.append(item_id)
        task_map.cursor = cursor
        if seen:
            sync_task_states(store, client, task_map)
    finally:
        task_map.save()
    return PullResult(tuple(saved), refused, seen, cursor)


def review_status(store: DataStore) -> dict[str, object]:
    """Counts for `paperlake review status`: tasks per state, items pending and those without a task yet,
    tasks whose state Label Studio does not show yet, corrections kept and refused.

    The states are computed as every push and pull writes them to the tasks (paperlake.review.task_state),
    from the same overlay as `pending`: the open tasks plus the unpushed items are the pending items.
    """
    from paperlake.review.reviewed import reviewed_frames

    task_map = TaskMap.load(store.review_dir)
    _, overlay, reviews = reviewed_frames(store)
    corrections = CorrectionStore(store.review_dir)
    kept, refused = corrections.load_all(), corrections.refused()
    states = queue_states(task_map.items, overlay.frames, kept, overlay.outcomes, refused)
    pending = {kind: int((overlay.frames[kind]["review_status"] == "needs_review").sum())
               for kind in ("tables", "figures")}
    pending_ids = {str(i) for table, column in (("tables", "table_id"), ("figures", "figure_id"))
                   for i in overlay.frames[table].loc[overlay.frames[table]["review_status"] == "needs_review", column]}
    stale = sum(shows_out_of_date(task_map.items[item_id], *state) for item_id, state in states.items())
    return {"server": task_map.server or None, "projects": dict(task_map.projects),
            "tasks": len(task_map.items), "cursor": task_map.cursor or None, "pending": pending,
            "states": state_counts(state for state, _ in states.values()),
            "not_pushed": len(pending_ids - set(task_map.items)), "stale": stale if task_map.server else 0,
            "corrections": len(kept), "refused": refused, "reviews": reviews}


def _latest(annotations: list[dict]) -> dict | None:
    submitted = [a for a in annotations if not a.get("was_cancelled")]
    return max(submitted, key=lambda a: (_iso(a.get("updated_at")), a.get("id") or 0), default=None)


def _reviewer(annotation: dict, users: dict[int, str]) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        return str(who.get("email") or who.get("id"))
    if isinstance(who, int) and who in users:
        return users[who]
    name = str(annotation.get("created_username") or "").strip()
    return name.split(",")[0].strip() or f"user {who}"


def _iso(value: object) -> str:
    """A Label Studio time as ISO 8601 UTC with microseconds and Z, so strings sort as times."""
    if not value:
        return ""
    stamp = pd.Timestamp(str(value))
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _minus(iso: str, delta: timedelta) -> str:
    stamp = datetime.fromisoformat(iso).astimezone(UTC) - delta
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _doc_frames(frames: dict[str, pd.DataFrame], doc_id: str) -> dict[str, pd.DataFrame]:
    return {name: frames[name][frames[name]["doc_id"] == doc_id]
            for name in ("tables", "table_cells", "figures", "figure_series")}


def _page_sizes(store: DataStore, doc_id: str) -> dict[tuple[str, int], tuple[float, float]]:
    path = store.stage_dir(doc_id, EXTRACTION) / "page_sizes.json"
    sizes = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    return {(doc_id, i + 1): (float(w), float(h)) for i, (w, h) in enumerate(sizes)}
