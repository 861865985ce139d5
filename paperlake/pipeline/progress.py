"""Progress events from the per-document stages, for whoever is watching (the CLI's progress bars).

Stages call `report(...)`; a watcher subscribes with `subscribe(callback)`. Nothing is printed here:
inside Dagster the same events also go to `context.log`.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressEvent:
    """One document finished one stage."""

    stage: str
    index: int  # 1-based position within this stage's batch
    total: int
    doc_id: str
    file_name: str
    detail: str
    skipped: bool = False  # the stage was already up to date for this document
    seconds: float = 0.0  # time the stage took for this document


Listener = Callable[[ProgressEvent], None]
_listeners: list[Listener] = []
_sending = threading.Lock()  # a step's reader threads report at once; listeners see one event at a time


def subscribe(listener: Listener) -> Callable[[], None]:
    """Start sending events to a listener; returns a function that stops it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def report(event: ProgressEvent) -> None:
    """Send an event to every listener, one event at a time; a failing listener never stops the pipeline."""
    with _sending:
        _send(event)


def _send(event: ProgressEvent) -> None:
    for listener in list(_listeners):
        try:
            listener(event)
        except Exception:  # noqa: BLE001 - display problems must not break extraction
            pass
