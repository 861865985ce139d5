"""A document's review images drawn as soon as it is routed (the `review_images` stage) are the very files the
review queue draws after the run, and the queue then draws nothing; a run killed after some documents' images
were drawn leaves a rerun the whole queue, the same as an uninterrupted run's."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paperlake.pipeline.stages import route
from paperlake.review import export, images, series_plot
from paperlake.review.queue import build_review_queue
from paperlake.settings import Settings
from paperlake.store import DataStore
from tests.faults.fault_runs import process

REPO = Path(__file__).resolve().parents[2]
PDFS = [REPO / "examples" / "pdfs" / name for name in ("gas_sensor_array.pdf", "catalyst_screening.pdf",
                                                        "zno_thin_films.pdf")]


def _routed(data_dir: Path) -> tuple[DataStore, Settings, list[str]]:
    """The PDFs through the stages up to routing, every item sent to review (threshold 1.0)."""
    return process(data_dir, PDFS, review_threshold=1.0)


def _review_files(data_dir: Path) -> dict[str, bytes]:
    review = data_dir / "review"
    return {p.relative_to(review).as_posix(): p.read_bytes() for p in sorted(review.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def queue_alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The review files of a data dir whose queue drew every image itself (as before the stage existed)."""
    store, settings, _ = _routed(tmp_path_factory.mktemp("queue") / "data")
    build_review_queue(store, settings)
    return _review_files(store.root)


def test_images_drawn_per_document_are_the_queue_s_own_and_it_draws_none(queue_alone, tmp_path, monkeypatch):
    store, settings, doc_ids = _routed(tmp_path / "data")
    outcomes = [images.review_images(store, settings, doc_id) for doc_id in doc_ids]
    assert sum(o.counts.get("crops", 0) for o in outcomes) > 0 and not any(o.error for o in outcomes)
    assert sum(o.counts.get("plots", 0) for o in outcomes) > 0

    def not_again(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the queue drew an image the stage had drawn")

    monkeypatch.setattr(export, "render_crop_from", not_again)
    monkeypatch.setattr(series_plot, "series_plot_png", not_again)
    build_review_queue(store, settings)
    assert _review_files(store.root) == queue_alone
    again = [images.review_images(store, settings, doc_id) for doc_id in doc_ids]
    assert all(o.skipped for o in again)  # drawn for this routing: not even looked for again
    (store.stage_dir(doc_ids[0], images.IMAGES) / "_done.json").unlink()
    redone = images.review_images(store, settings, doc_ids[0])  # looked for: every file is there
    assert not redone.skipped and redone.counts == {"crops": 0, "plots": 0}
    route(store, doc_ids[0], dataclasses.replace(settings, review_threshold=0.99))  # routed again: drawn again
    assert not images.review_images(store, settings, doc_ids[0]).skipped


def test_a_failed_drawing_is_left_to_the_queue(queue_alone, tmp_path, monkeypatch):
    store, settings, doc_ids = _routed(tmp_path / "data")
    settings = dataclasses.replace(settings, document_timeout_s=0, document_memory_mb=0)  # drawn in this process

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("box outside the page")

    monkeypatch.setattr(images, "render_crops", broken)
    outcome = images.review_images(store, settings, doc_ids[0])
    assert outcome.error is None and not outcome.skipped and outcome.counts == {}
    monkeypatch.undo()
    build_review_queue(store, settings)
    assert _review_files(store.root) == queue_alone


@pytest.mark.integration
def test_a_run_killed_after_a_document_s_images_then_rerun_has_the_whole_queue(queue_alone, tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for pdf in PDFS:
        (folder / pdf.name).write_bytes(pdf.read_bytes())
    data_dir = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PAPERLAKE_REVIEW_THRESHOLD": "1.0",
           "PAPERLAKE_TEST_CRASH_AT": "review.images_drawn:2"}

    def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "paperlake.cli", "run", str(folder), "--data-dir", str(data_dir)],
                              cwd=REPO, env=env, check=False, capture_output=True, text=True, timeout=300)

    killed = run(env)
    assert killed.returncode != 0
    drawn = _review_files(data_dir)
    assert drawn and not any(name.endswith(".json") for name in drawn)  # images of some documents, no queue yet
    env.pop("PAPERLAKE_TEST_CRASH_AT")
    finished = run(env)
    assert finished.returncode == 0, finished.stderr
    assert _review_files(data_dir) == queue_alone
