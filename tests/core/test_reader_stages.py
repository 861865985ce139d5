"""The stages after extraction run in the document's reader (issue 16): the same files as in the run's own
process, none of the work there. Documents drawn at random per seed from the shared PDF builders."""
from __future__ import annotations

import dataclasses
import io
import random
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import build_booktabs_pdf, build_figure_pdf, build_ruled_pdf

from paperlake.pipeline import reader_stages, stages
from paperlake.pipeline.frames import parquet_bytes
from paperlake.pipeline.isolation import Limits, release_worker, run_limited
from paperlake.review.document_stages import READER_STAGES
from paperlake.settings import Settings
from paperlake.store import DataStore

SEEDS = range(3)
BUILDERS = [build_booktabs_pdf, build_ruled_pdf, build_figure_pdf]


def _stage_files(root: Path) -> dict[str, bytes]:
    """Every file the stages wrote (markers aside: they carry fresh generation ids and times), and the crops."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and path.name != "_done.json" and path.name != "documents.parquet"
            and ("work" in path.parts or "review" in path.parts)}


def _documents(folder: Path, rng: random.Random) -> list[Path]:
    folder.mkdir()
    builders = rng.sample(BUILDERS, rng.randrange(1, len(BUILDERS) + 1))
    return [build(folder / f"{n}.pdf") for n, build in enumerate(builders)]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_reader_stages_write_in_the_reader_what_the_run_s_process_writes(tmp_path: Path, seed: int,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """validate, route and review images run in one reader call: the run's own process calls none of them, and
    every stage file and review image is the one the stages write when run in the run's own process."""
    rng = random.Random(seed)
    pdfs = _documents(tmp_path / "in", rng)
    threshold = rng.choice([0.0, 0.5, 1.0])  # 1.0: every item needs review, its crop drawn
    written = []
    for limited in (True, False):
        settings = Settings(data_dir=tmp_path / f"data-{limited}", review_threshold=threshold,
                            document_timeout_s=120 if limited else 0.0, document_memory_mb=2048 if limited else 0)
        store = DataStore(settings.data_dir)
        called: list[str] = []
        for name in ("validate", "route"):
            real = getattr(stages, name)
            monkeypatch.setattr(stages, name, lambda *a, _real=real, _name=name: called.append(_name) or _real(*a))
        try:
            for pdf in pdfs:
                doc_id = store.register(pdf).doc_id
                stages.ingest(store, doc_id, settings)
                stages.extract(store, doc_id, settings)
                ran = reader_stages.run_in_reader(store, settings, doc_id, list(READER_STAGES.values()))
                if limited:
                    assert ran is not None and ran.error is None and len(ran.done) == 3
                    assert not ran.done[0][0].skipped and not ran.done[1][0].skipped
                else:  # no limits: no reader; the run's process runs each stage itself
                    assert ran is None
                    for function in READER_STAGES.values():
                        function(store, settings, doc_id)
        finally:
            release_worker()
            monkeypatch.undo()
        assert called == ([] if limited else ["validate", "route"] * len(pdfs))
        written.append(_stage_files(settings.data_dir))
    assert written[0].keys() == written[1].keys() and written[0] == written[1]
    assert any("/validation/failures.json" in name for name in written[0])


def _raises(store: DataStore, settings: Settings, doc_id: str) -> stages.StageOutcome:
    raise OSError(f"disk full under {doc_id}")


def test_a_stage_that_raises_in_the_reader_is_that_stage_s_error_and_the_ones_before_are_done(tmp_path: Path) -> None:
    """The stages before the one that raised come back done; its exception comes back as it was raised."""
    settings = Settings(data_dir=tmp_path / "data", document_timeout_s=60, document_memory_mb=2048)
    store = DataStore(settings.data_dir)
    doc_id = store.register(build_booktabs_pdf(tmp_path / "a.pdf")).doc_id
    stages.ingest(store, doc_id, settings)
    stages.extract(store, doc_id, settings)
    try:
        ran = reader_stages.run_in_reader(store, settings, doc_id, [reader_stages.validate, _raises, reader_stages.route])
    finally:
        release_worker()
    assert ran is not None and len(ran.done) == 1 and not ran.done[0][0].error
    assert isinstance(ran.error, OSError) and doc_id in str(ran.error)
    assert store.stage_marker(doc_id, stages.VALIDATION) is not None and store.stage_marker(doc_id, stages.REVIEW) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_the_extract_stage_s_parquet_bytes_are_those_pandas_writes_to_a_file(tmp_path: Path, seed: int) -> None:
    """The reader makes each item frame's Parquet file in memory; the run's process writes those bytes."""
    rng = random.Random(seed)
    rows = rng.randrange(0, 20)
    frame = pd.DataFrame({"doc_id": [f"d{rng.randrange(9)}" for _ in range(rows)],
                          "value": pd.array([rng.choice([None, rng.uniform(-9, 9)]) for _ in range(rows)],
                                            dtype="Float64"),
                          "text": pd.array([rng.choice(["a", None, "Δ 5 °C"]) for _ in range(rows)], dtype="string")})
    frame.to_parquet(tmp_path / "f.parquet", index=False)
    assert parquet_bytes(frame) == (tmp_path / "f.parquet").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(parquet_bytes(frame))), frame)


def _validation_state() -> tuple[bool, bool]:
    """In a reader: whether pandera's pandas backends are loaded, and hypothesis."""
    return "pandera.backends.pandas.register" in sys.modules, "hypothesis" in sys.modules


def test_a_fresh_reader_starts_with_validation_loaded_and_without_hypothesis() -> None:
    """The forkserver validated once (reader_warmup.py), so a reader's first document does not load pandera's
    backends itself (0.15 CPU s a reader), and hypothesis, a dev extra, is not loaded for it."""
    limits = Limits(timeout_s=60, memory_mb=2048)
    try:
        loaded, hypothesis = run_limited(_validation_state, limits=limits)
    finally:
        release_worker()
    assert loaded and not hypothesis


def test_reader_stages_run_with_the_settings_they_were_given_but_no_limits(tmp_path: Path) -> None:
    """In the reader, a review image is drawn there (no reader of the reader's own): the settings lose their limits only."""
    settings = Settings(data_dir=tmp_path, document_timeout_s=60, document_memory_mb=2048, review_threshold=0.3)
    seen: list[Settings] = []
    reader_stages.run_stages(str(tmp_path), settings, "0" * 64, [lambda store, here, doc_id: seen.append(here)])
    assert seen == [dataclasses.replace(settings, document_timeout_s=0.0, document_memory_mb=0)]
