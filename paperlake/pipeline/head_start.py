"""Reader work begun while Dagster starts: a run's documents opened and extracted before its step begins.

`paperlake run` spends its first seconds importing Dagster and making a fresh data dir's instance, one core
busy; the readers' forkserver is ready well before the run's step. A head start uses the idle core: one
reader counts the run's pages, then opens and extracts its documents, most pages first, until the step begins
(`stop`). The step takes each stage outcome the head start has (`claim`, waiting for the document it is still
reading) instead of running that stage again, and the head start's reader, models loaded, becomes one of the
step's (isolation.hand_over_worker). Ingest and extract start ahead, then the stages the step runs in the
reader (reader_stages.py): nothing but the PDF and what they wrote before.
What is written is what the step would have written: the same stage functions, settings and reader.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from paperlake.pipeline import reader_stages, stages
from paperlake.pipeline.fanout import reader_count
from paperlake.pipeline.isolation import hand_over_worker, release_worker, retire_spare_workers
from paperlake.settings import Settings
from paperlake.store import DataStore

log = logging.getLogger(__name__)

STAGES: dict[str, Callable[[DataStore, str, Settings], stages.StageOutcome]] = {
    "ingest": lambda store, doc_id, settings: stages.ingest(store, doc_id, settings),
    "extract": lambda store, doc_id, settings: stages.extract(store, doc_id, settings),
}
"""The per-document stages a head start runs, by the names the step's pipeline gives them (assets.py)."""


def reading_key(settings: Settings) -> tuple[object, ...]:
    """What decides what the stages run ahead write: a step whose settings differ here claims nothing."""
    limits = stages.document_limits(settings)
    return (settings.data_dir.resolve(), stages.extraction_versions(settings), limits,
            reader_count(settings.document_workers, limits), settings.review_threshold, settings.review_crop_dpi)


class HeadStart:
    """One thread driving one reader through ingest and extract of a run's documents, until `stop`."""

    def __init__(self, store: DataStore, settings: Settings, doc_ids: Sequence[str],
                 follow_on: Mapping[str, reader_stages.StageFn] | None = None) -> None:
        self.store, self.settings, self.doc_ids = store, settings, list(dict.fromkeys(doc_ids))
        self.follow_on = dict(follow_on or {})
        """The stages then run in the same reader in one call, as the step runs them (reader_stages.py), once
        every one of STAGES finished: a document read ahead is then done but for its partition's metadata."""
        self.key = reading_key(settings)
        self.pages: dict[str, int] = {}
        """Each document's page count, read first (the step's longest-first order uses them)."""
        self._done: dict[str, dict[str, tuple[stages.StageOutcome, float]]] = {}
        self._reading: str | None = None
        self._stopped = self._abandoned = False
        self.stopped = threading.Event()
        """Set when the run's step began (what else waits for that: cli/run.py's publishing warm-up)."""
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._work, name="paperlake-head-start", daemon=True)

    def start(self) -> HeadStart:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Take no further document (the one being read is finished)."""
        with self._changed:
            self._stopped = True
        self.stopped.set()

    @property
    def reading(self) -> str | None:
        """The document being read now, if any."""
        with self._changed:
            return self._reading

    def claim(self, doc_id: str, stage: str, settings: Settings) -> tuple[stages.StageOutcome, float] | None:
        """The outcome and seconds of a stage the head start ran for the document (once; waits while it reads
        the document), or None: not run ahead, or the step's settings read differently."""
        if (stage not in STAGES and stage not in self.follow_on) or reading_key(settings) != self.key:
            return None
        with self._changed:
            self._changed.wait_for(lambda: self._reading != doc_id)
            return self._done.get(doc_id, {}).pop(stage, None)

    def finish(self, wait: bool = True) -> None:
        """Stop, wait for the document being read, and end the reader if no step took it. Without `wait` (the
        run was interrupted) the reader ends when that document is read, and nothing waits for it."""
        with self._changed:
            self._abandoned = not wait
        self.stop()
        if wait and self._thread.is_alive():
            self._thread.join()
        retire_spare_workers()

    def _work(self) -> None:
        try:
            self.pages = stages.reading_sizes(self.store, self.doc_ids, self.settings, keep_reader=True)
            order = sorted(self.doc_ids, key=lambda d: (-self.pages.get(d, 0), -stages.source_size(self.store, d)))
            for doc_id in order:
                with self._changed:
                    if self._stopped:
                        return
                    self._reading = doc_id
                try:
                    self._done[doc_id] = self._read(doc_id)
                finally:
                    with self._changed:
                        stopped = self._stopped
                    if stopped:  # handed over before the step's thread that waits for this document wakes up
                        self._let_go_of_reader()
                    with self._changed:
                        self._reading = None
                        self._changed.notify_all()
        except Exception:  # noqa: BLE001 - a head start is a matter of speed: the step does what it did not
            log.exception("head start stopped")
        finally:
            self._let_go_of_reader()

    def _let_go_of_reader(self) -> None:
        """Hand this thread's reader to the step (isolation.hand_over_worker), or end it when the run is over."""
        with self._changed:
            abandoned = self._abandoned
        if abandoned:
            release_worker()
        else:
            hand_over_worker()

    def _read(self, doc_id: str) -> dict[str, tuple[stages.StageOutcome, float]]:
        """Each stage's outcome and seconds, in order, up to a stage that raised (the step runs that one again)."""
        done: dict[str, tuple[stages.StageOutcome, float]] = {}
        for name, run in STAGES.items():
            started = time.perf_counter()
            try:
                outcome = run(self.store, doc_id, self.settings)
            except Exception:  # noqa: BLE001 - the step runs the stage again and reports what it raises
                log.info("head start: %s of %s raised; left to the step", name, doc_id, exc_info=True)
                break
            done[name] = (outcome, time.perf_counter() - started)
        if self.follow_on and len(done) == len(STAGES):
            ran = reader_stages.run_in_reader(self.store, self.settings, doc_id, list(self.follow_on.values()))
            done.update(zip(self.follow_on, ran.done if ran is not None else ()))
        return done


_current: HeadStart | None = None


def begin(store: DataStore, settings: Settings, doc_ids: Sequence[str],
          follow_on: Mapping[str, reader_stages.StageFn] | None = None) -> HeadStart | None:
    """Start a head start for a run's documents when readers run side by side (none with one reader: no core
    is idle, or with no per-document limits: documents are then read in the run's own process)."""
    global _current
    limits = stages.document_limits(settings)
    if not limits.active or reader_count(settings.document_workers, limits) < 2 or not doc_ids:
        return None
    _current = HeadStart(store, settings, doc_ids, follow_on).start()
    return _current


def current() -> HeadStart | None:
    """The head start of the run in this process, if one is on."""
    return _current


def end(wait: bool = True) -> None:
    """Finish the current head start (the run is over, or failed before its step; `wait`: see HeadStart.finish)."""
    global _current
    head, _current = _current, None
    if head is not None:
        head.finish(wait)
