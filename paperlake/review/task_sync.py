"""Keep every Label Studio task's state in step with its item: after each push and pull, and for `review status`.

The states come from the data dir alone (routed items, corrections, refusals: paperlake.review.task_state);
Label Studio is told only what changed since the task map last recorded it, so a sync with nothing new
costs no request. An item that no longer needs review, or is no longer extracted, closes its task (it leaves
the curators' labeling stream); a pending one keeps or reopens it.
"""
from __future__ import annotations

import logging
from typing import Any, Protocol

from paperlake.review.corrections import apply_corrections
from paperlake.review.state import CorrectionStore, TaskMap
from paperlake.review.task_state import TaskState, queue_states, shows_out_of_date
from paperlake.store import DataStore

logger = logging.getLogger(__name__)


class ShowsFields(Protocol):
    """What a sync needs of a Label Studio client (paperlake.review.label_studio.LabelStudioClient)."""

    def show_fields(self, task_id: int, fields: dict[str, Any], open_: bool) -> bool: ...


def task_states(store: DataStore, task_map: TaskMap) -> dict[str, tuple[TaskState, dict[str, str]]]:
    """item_id -> (state, fields the task should show) for every task in the map, read from the data dir.

    Only the documents the map's tasks come from are read (all of them for a map written before tasks
    recorded their document)."""
    from paperlake.pipeline.routed import routed_frames  # the pipeline's readers: loaded when a sync runs

    if not task_map.items:
        return {}
    docs = {entry.get("doc_id") for entry in task_map.items.values()}
    frames, _ = routed_frames(store, None if None in docs else {str(d) for d in docs})
    store_ = CorrectionStore(store.review_dir)
    corrections = store_.load_all()
    overlay = apply_corrections(frames, corrections)
    return queue_states(task_map.items, overlay.frames, corrections, overlay.outcomes, store_.refused())


def sync_task_states(store: DataStore, client: ShowsFields, task_map: TaskMap) -> int:
    """Write each task's state (and the fields that follow its item) where it changed; the number of tasks
    updated. The task map records what each task shows, so the next sync skips it."""
    updated = 0
    for item_id, (state, fields) in task_states(store, task_map).items():
        entry = task_map.items[item_id]
        if not shows_out_of_date(entry, state, fields):
            continue
        if client.show_fields(int(entry["task"]), fields, state.open):
            entry["shown"], entry["open"] = {**(entry.get("shown") or {}), **fields}, state.open
            updated += 1
        else:
            logger.warning("the Label Studio task %s of %s is gone: its state was not updated", entry["task"], item_id)
    if updated:
        logger.info("%d Label Studio task(s) now show their item's state", updated)
    return updated
