"""Each review task's state, derived from its item in the data dir: one truth for Label Studio and `review status`.

Pure. A task shows one item; what became of the item decides the task's state (its `review_state` field,
a column in Label Studio's Data Manager), checked in this order:

- `superseded: no longer extracted`: a re-extraction no longer finds the item;
- `refused: <reasons in plain words>`: the curator's latest submission broke a rule and was not applied;
- `applied: accepted unchanged | corrected | rejected`: the curator's decision is in the dataset;
- `needs review`: the item waits for a curator (sent by routing, or reopened because it was re-extracted
  differently after its review);
- `superseded: re-extracted, no longer needs review`: the item changed since the task showed it and no
  longer needs review;
- `no longer needs review`: the item is auto-accepted now (say, after a run at a lower threshold).

A task is *open* exactly when its item is pending (`review_status == needs_review`): open tasks stay in the
curators' labeling stream, the others leave it, so the queue and the dataset cannot disagree.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from paperlake.review.corrections import APPLIED, KINDS, Correction, extraction_hashes
from paperlake.review.tasks import item_location

NEEDS_REVIEW = "needs review"
APPLIED_STATE = "applied"
REFUSED = "refused"
NO_LONGER_NEEDED = "no longer needs review"
SUPERSEDED = "superseded"
STATES = (NEEDS_REVIEW, REFUSED, APPLIED_STATE, NO_LONGER_NEEDED, SUPERSEDED)
"""The states, by the word before any ':' (what `review status` counts)."""
SHOWN_FIELDS = ("review_state", "review_reason", "file", "location")
"""Task data fields kept in step with the item by every push and pull (the rest is the task as pushed)."""


@dataclass(frozen=True)
class TaskState:
    """What a task's item has become: `state` as shown on the task, `open` while the item is pending."""

    state: str
    open: bool

    @property
    def word(self) -> str:
        """The state without its details (`refused`, `applied`, ...)."""
        return self.state.split(":", 1)[0]


@dataclass(frozen=True)
class ItemView:
    """What the data dir says of one item: its current row (corrections laid over), None when no longer
    extracted; its content hash now; the content hash its task shows; its correction, the correction's
    outcome (applied, reopened) and the reasons its latest submission was refused."""

    row: Mapping[str, Any] | None
    current_hash: str = ""
    shown_hash: str = ""
    correction: Correction | None = None
    outcome: str | None = None
    refused: tuple[str, ...] = ()


def task_state(item: ItemView) -> TaskState:
    """The state of the task showing this item (see the module's docstring for the order of the rules)."""
    if item.row is None:
        return TaskState(f"{SUPERSEDED}: no longer extracted", False)
    pending = str(item.row.get("review_status")) == "needs_review"
    if item.refused:
        return TaskState(f"{REFUSED}: " + "; ".join(item.refused), pending)
    if item.correction is not None and item.outcome == APPLIED:
        return TaskState(f"{APPLIED_STATE}: {item.correction.outcome.replace('_', ' ')}", False)
    if pending:
        return TaskState(NEEDS_REVIEW, True)
    if item.shown_hash and item.current_hash and item.shown_hash != item.current_hash:
        return TaskState(f"{SUPERSEDED}: re-extracted, no longer needs review", False)
    return TaskState(NO_LONGER_NEEDED, False)


def shown_fields(state: TaskState, row: Mapping[str, Any] | None, file_name: str) -> dict[str, str]:
    """The task data fields that follow the item: its state, review reason (the routing's, never an old
    refusal), file name and location. An item no longer extracted keeps its last reason and location."""
    fields = {"review_state": state.state}
    if row is not None:
        page, label = int(row["page"]), _plain(row.get("label"))
        fields |= {"review_reason": _plain(row.get("review_reason")), "file": file_name,
                   "location": item_location(label, page, file_name)}
    return fields


def state_counts(states: Iterable[TaskState]) -> dict[str, int]:
    """Tasks per state word, every state listed (zero included), and `open`: the tasks of pending items."""
    states = list(states)
    counts = Counter(state.word for state in states)
    return {**{word: counts.get(word, 0) for word in STATES}, "open": sum(state.open for state in states)}


def queue_states(items: Mapping[str, Mapping[str, Any]], frames: Mapping[str, pd.DataFrame],
                 corrections: Mapping[str, Correction], outcomes: Mapping[str, str],
                 refused: Mapping[str, Sequence[str]]) -> dict[str, tuple[TaskState, dict[str, str]]]:
    """item_id -> (its task's state, the task fields that follow it) for every task in the task map.

    items is the task map's item_id -> entry (its `content_hash` is what the task shows); frames are the routed
    frames with the corrections laid over them (`outcomes` from the same overlay); refused maps an item to the
    reasons its latest submission was refused.
    """
    rows = item_rows(frames)
    hashes = extraction_hashes(frames, [item_id for item_id in items if item_id in rows])
    names = file_names(frames)
    out = {}
    for item_id, entry in items.items():
        row = rows.get(item_id)
        view = ItemView(row, hashes.get(item_id, ""), str(entry.get("content_hash") or ""),
                        corrections.get(item_id), outcomes.get(item_id), tuple(refused.get(item_id, ())))
        state = task_state(view)
        doc_id = str(row["doc_id"]) if row is not None else ""
        out[item_id] = (state, shown_fields(state, row, names.get(doc_id) or f"document {doc_id[:12]}"))
    return out


def shows_out_of_date(entry: Mapping[str, Any], state: TaskState, fields: Mapping[str, str]) -> bool:
    """Whether a task (its task map entry) shows other fields, or another openness, than its item's state."""
    shown = entry.get("shown") or {}
    return {**shown, **fields} != shown or entry.get("open") != state.open


def item_rows(frames: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, Any]]:
    """item_id -> its row (tables and figures) in frames with the corrections laid over."""
    rows: dict[str, dict[str, Any]] = {}
    for table, id_column in KINDS.values():
        for row in frames[table].to_dict("records"):
            rows[str(row[id_column])] = row
    return rows


def file_names(frames: Mapping[str, pd.DataFrame]) -> dict[str, str]:
    """doc_id -> the document's source file name, as people know it."""
    documents = frames.get("documents")
    if documents is None or documents.empty:
        return {}
    return {str(d): str(f) for d, f in zip(documents["doc_id"], documents["file_name"]) if not pd.isna(f)}


def _plain(value: Any) -> str:
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)
