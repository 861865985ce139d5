"""The stages after extraction (validate, route, review images) run in the document's reader process.

On short papers the run's own process set the pace: each document's frames read back, pandera, routing and the
review images' lookup held its GIL, 130-170 ms a document, while the readers' cores waited (LaTeX papers: the
run's process did about 60% of the run's CPU). Run in the reader that extracted the document, in one call, they
share the cores like extraction does. The stage functions are the same ones, on the same data dir (the run
holds its writer lock; its reader writes the stage files for it, each atomically with its marker last), so
the files and markers are what the run's process would write; a reader that dies or times out in them (a
cause never seen: no PDF is read there) costs nothing but time: the run's process then runs what is not done
itself, as it did before.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from paperlake.faults import crash_point
from paperlake.pipeline import stages
from paperlake.pipeline.isolation import IsolationError, run_limited
from paperlake.pipeline.reader_child import picklable
from paperlake.settings import Settings
from paperlake.store import DataStore

StageFn = Callable[[DataStore, Settings, str], stages.StageOutcome]


def validate(store: DataStore, settings: Settings, doc_id: str) -> stages.StageOutcome:
    """The validate stage with the per-document stages' arguments."""
    return stages.validate(store, doc_id)


def route(store: DataStore, settings: Settings, doc_id: str) -> stages.StageOutcome:
    """The route stage with the per-document stages' arguments."""
    return stages.route(store, doc_id, settings)


@dataclasses.dataclass(frozen=True)
class ReaderRun:
    """What the stages run in a reader did, in order: (outcome, seconds) of each one that finished, and the
    exception the next one raised (None when all finished)."""

    done: tuple[tuple[stages.StageOutcome, float], ...]
    error: Exception | None = None


def run_stages(root: str, settings: Settings, doc_id: str, functions: Sequence[StageFn]) -> ReaderRun:
    """In a reader: each stage function in turn on the data dir, as the step's own process runs them (its
    settings without limits: a review image is drawn here, not in another reader)."""
    store = DataStore(Path(root))
    here = dataclasses.replace(settings, document_timeout_s=0.0, document_memory_mb=0)
    done: list[tuple[stages.StageOutcome, float]] = []
    for function in functions:
        started = time.perf_counter()
        try:
            outcome = function(store, here, doc_id)
        except Exception as exc:  # noqa: BLE001 - raised again in the run's process, as that stage's
            return ReaderRun(tuple(done), picklable(exc))
        done.append((outcome, time.perf_counter() - started))
    return ReaderRun(tuple(done))


def run_in_reader(store: DataStore, settings: Settings, doc_id: str, functions: Sequence[StageFn]) -> ReaderRun | None:
    """The stages run in this thread's reader process, or None when there is none (no per-document limits: the
    run reads documents in its own process) or it died or timed out (the caller runs what is not done)."""
    limits = stages.document_limits(settings)
    if not limits.active:
        return None
    try:
        ran = run_limited(run_stages, str(store.root), settings, doc_id, tuple(functions), limits=limits)
    except IsolationError:
        return None
    drawn = [outcome for outcome, _ in ran.done if "crops" in outcome.counts]  # the review images stage's count
    if drawn:  # where a test stops the run once a document's review images are drawn (the reader cannot)
        crash_point("review.images_drawn")
    return ran
