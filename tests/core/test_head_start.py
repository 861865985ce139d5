"""The head start (issue 16): documents read while Dagster starts are not read again, and the run writes the same."""
from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
from conftest import build_booktabs_pdf, build_figure_pdf, build_ruled_pdf

import dagster_project.local_run as local_run
from paperlake.cli.main import main
from paperlake.dataset.layout import current_snapshot
from paperlake.pipeline import head_start, isolation, stages
from paperlake.pipeline.isolation import Limits, hand_over_worker, release_worker, retire_spare_workers, run_limited
from paperlake.settings import Settings
from paperlake.store import DataStore

LIMITS = Limits(timeout_s=60, memory_mb=2048)
TIMES = {"ingested_at", "reviewed_at", "routed_at", "created_at", "published_at", "snapshot_id", "run_id"}


def test_a_reader_handed_over_is_the_next_threads_and_one_nobody_takes_ends() -> None:
    """A thread's reader handed over serves the next thread that needs one (models loaded), not one of
    another memory cap; a spare nobody took ends with retire_spare_workers."""
    pids: dict[str, int] = {}

    def first() -> None:
        pids["first"] = run_limited(os.getpid, limits=LIMITS)
        hand_over_worker()

    def second(name: str, limits: Limits) -> None:
        try:
            pids[name] = run_limited(os.getpid, limits=limits)
        finally:
            release_worker()

    for target, args in ((first, ()), (second, ("other cap", Limits(timeout_s=60, memory_mb=1024))),
                         (second, ("second", LIMITS))):
        thread = threading.Thread(target=target, args=args)
        thread.start()
        thread.join()
    assert pids["second"] == pids["first"] != pids["other cap"]
    thread = threading.Thread(target=first)
    thread.start()
    thread.join()
    spare = pids["first"]
    assert psutil.pid_exists(spare)
    retire_spare_workers()
    assert not isolation._spares
    assert not psutil.pid_exists(spare) or psutil.Process(spare).status() == psutil.STATUS_ZOMBIE


@pytest.mark.parametrize("seed", range(4))
def test_the_step_takes_what_the_head_start_read_and_waits_for_the_document_it_reads(tmp_path: Path, seed: int,
                                                                                     monkeypatch) -> None:
    """Stages run ahead are claimed once, with their seconds; a claim for the document being read waits for it;
    a stage that raised, or a step whose settings read otherwise, claims nothing (the step runs it itself)."""
    rng = random.Random(seed)
    docs = [f"{seed}{i:063d}" for i in range(rng.randrange(3, 7))]
    broken = rng.choice(docs)
    slow = rng.choice([d for d in docs if d != broken])
    release = threading.Event()
    ran: list[tuple[str, str]] = []

    def stage(name: str):  # type: ignore[no-untyped-def]
        def run(store, doc_id, settings):  # type: ignore[no-untyped-def]
            if doc_id == slow:
                release.wait(10)
            ran.append((name, doc_id))
            if doc_id == broken and name == "extract":
                raise OSError("disk full")
            return stages.StageOutcome(doc_id, f"{doc_id[:4]}.pdf", False, {name: 1})
        return run

    monkeypatch.setattr(head_start, "STAGES", {"ingest": stage("ingest"), "extract": stage("extract")})
    events: list[str] = []
    monkeypatch.setattr(head_start, "hand_over_worker", lambda: events.append("handed over"))
    settings = Settings(data_dir=tmp_path / "data", document_timeout_s=60, document_memory_mb=2048,
                        document_workers=2)
    head = head_start.HeadStart(DataStore(settings.data_dir), settings, docs).start()
    deadline = time.monotonic() + 10
    while head.reading != slow and time.monotonic() < deadline:
        time.sleep(0.01)
    head.stop()
    assert head.reading == slow
    threading.Timer(0.3, release.set).start()
    started = time.monotonic()
    claimed = head.claim(slow, "ingest", settings)
    events.append("claimed")
    assert claimed is not None and time.monotonic() - started >= 0.2  # it waited for the document being read
    assert events.index("handed over") < events.index("claimed")  # the reader is there for the thread that waited
    assert claimed[0].counts == {"ingest": 1} and claimed[1] >= 0.2
    assert head.claim(slow, "ingest", settings) is None  # once
    assert head.claim(slow, "validate", settings) is None
    other = Settings(data_dir=settings.data_dir, document_timeout_s=60, document_memory_mb=2048,
                     document_workers=2, crop_dpi=settings.crop_dpi + 1)
    read = {d for _, d in ran}
    for doc in docs:
        if doc in read and doc != slow:
            assert head.claim(doc, "extract", other) is None
            assert (head.claim(doc, "extract", settings) is None) == (doc == broken)
        elif doc not in read:  # after the stop: never read ahead
            assert head.claim(doc, "ingest", settings) is None
    head.finish()
    assert len(ran) == len(set(ran))


def test_an_interrupted_run_does_not_wait_for_the_document_the_head_start_reads(tmp_path: Path,
                                                                               monkeypatch) -> None:
    """Ctrl-C while Dagster starts: the run ends at once; the head start's reader ends once its document is
    read, handed to nobody."""
    release, events = threading.Event(), []

    def slow(store, doc_id, settings):  # type: ignore[no-untyped-def]
        release.wait(10)
        return stages.StageOutcome(doc_id, "slow.pdf", False, {})

    monkeypatch.setattr(head_start, "STAGES", {"ingest": slow})
    monkeypatch.setattr(head_start, "hand_over_worker", lambda: events.append("handed over"))
    monkeypatch.setattr(head_start, "release_worker", lambda: events.append("ended"))
    settings = Settings(data_dir=tmp_path / "data", document_timeout_s=60, document_memory_mb=2048,
                        document_workers=2)
    head = head_start.HeadStart(DataStore(settings.data_dir), settings, ["0" * 64]).start()
    while head.reading is None:
        time.sleep(0.01)
    started = time.monotonic()
    head.finish(wait=False)
    assert time.monotonic() - started < 1
    release.set()
    head._thread.join(10)
    assert "ended" in events and "handed over" not in events


def _published(data_dir: Path) -> dict[str, pd.DataFrame]:
    snapshot = current_snapshot(data_dir)
    assert snapshot is not None
    frames = {}
    for path in sorted(snapshot.path.glob("*.parquet")):
        frame = pd.read_parquet(path)
        frames[path.name] = frame[[c for c in frame.columns if c not in TIMES]].astype(str)
    return frames


@pytest.mark.integration
@pytest.mark.parametrize("seed", range(2))
def test_a_run_with_a_head_start_publishes_what_one_without_publishes_reading_each_document_once(
        tmp_path: Path, capsys, monkeypatch, seed: int) -> None:
    """The head start reads every document before the step begins (the step is held until then): each is
    opened and extracted once, reported as extracted (not unchanged), and the snapshot, figure crops and
    review files are those of a run without a head start."""
    monkeypatch.setenv("PAPERLAKE_DOCUMENT_WORKERS", "2")
    rng = random.Random(seed)
    inputs = tmp_path / "in"
    inputs.mkdir()
    builders = [build_booktabs_pdf, build_ruled_pdf, build_figure_pdf]
    rng.shuffle(builders)
    for n, build in enumerate(builders[:rng.randrange(2, 4)]):
        build(inputs / f"{n}.pdf")
    calls: list[tuple[str, str]] = []
    for name in ("ingest", "extract"):
        real = getattr(stages, name)
        monkeypatch.setattr(stages, name, lambda store, doc_id, settings, _real=real, _name=name: (
            calls.append((_name, threading.current_thread().name)), _real(store, doc_id, settings))[1])
    heads: list[head_start.HeadStart | None] = []
    real_begin, real_run = head_start.begin, local_run.run_documents

    def held_run(data_dir, doc_ids, **kwargs):  # type: ignore[no-untyped-def]
        head = heads[-1]
        if head is not None:  # the step begins once the head start has read every document
            deadline = time.monotonic() + 120
            while (head.reading is not None or len(head._done) < len(doc_ids)) and time.monotonic() < deadline:
                time.sleep(0.02)
        return real_run(data_dir, doc_ids, **kwargs)

    monkeypatch.setattr(head_start, "begin", lambda *a: heads.append(real_begin(*a)) or heads[-1])
    monkeypatch.setattr(local_run, "run_documents", held_run)
    published, crops = [], []
    for with_head_start in (True, False):
        if not with_head_start:
            monkeypatch.setattr(head_start, "begin", lambda *a: heads.append(None))
        calls.clear()
        data_dir = tmp_path / f"data-{with_head_start}"
        assert main(["run", str(inputs), "--data-dir", str(data_dir)]) == 0
        out = capsys.readouterr()
        documents = len(list(inputs.glob("*.pdf")))
        assert f"extracted      {documents} document(s)" in out.out and "0 unchanged" in out.out
        assert sorted(name for name, _ in calls) == ["extract"] * documents + ["ingest"] * documents
        readers = {thread for _, thread in calls}
        assert readers == {"paperlake-head-start"} if with_head_start else "paperlake-head-start" not in readers
        assert "up to date" not in out.err
        published.append(_published(data_dir))
        crops.append({p.name: p.read_bytes() for p in sorted((data_dir / "review" / "crops").glob("*.png"))})
    assert heads[0] is not None and not any(heads[0]._done.values())  # every stage read ahead was claimed
    assert published[0].keys() == published[1].keys()
    for name in published[0]:
        pd.testing.assert_frame_equal(published[0][name], published[1][name])
    assert crops[0] == crops[1]
