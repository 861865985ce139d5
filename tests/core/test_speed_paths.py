"""Work a run no longer repeats (issue 16): the same answers, fewer reads. Cases drawn at random per seed."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pymupdf
import pytest

import paperlake.store as store_module
from dagster_project.per_document import longest_first
from paperlake.pipeline.frames import DocumentRow, documents_frame
from paperlake.pipeline.routed import routed_frames
from paperlake.pipeline.stages import ALL_TABLES, REVIEW, reading_sizes
from paperlake.settings import Settings
from paperlake.store import DataStore
from schemas.dataset import empty_frame

SEEDS = range(4)


def _frame(rng: random.Random, rows: int) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{rng.randrange(9)}" for _ in range(rows)],
                         "value": [rng.choice([None, rng.uniform(-9, 9)]) for _ in range(rows)],
                         "text": [rng.choice(["a", "bb", None, "Δ 5 °C"]) for _ in range(rows)]})


@pytest.mark.parametrize("seed", SEEDS)
def test_frames_read_again_come_from_memory_as_a_fresh_read_gives_them(tmp_path: Path, seed: int,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """validate and route read the same extraction frames in turn: the second read opens no file, gives what
    pandas reads, is the caller's own copy, and a stage written again is read anew (same size included)."""
    rng = random.Random(seed)
    store, doc = DataStore(tmp_path), f"{seed:064d}"
    frame = _frame(rng, rng.randrange(1, 30))
    store.write_stage(doc, "extraction", {"t": frame}, {}, {"v": 1})
    path = store.stage_dir(doc, "extraction") / "t.parquet"
    first = store.read_frames(doc, "extraction", ("t",))["t"]
    opened: list[object] = []
    real = pq.ParquetFile
    monkeypatch.setattr(store_module.pq, "ParquetFile", lambda *a, **k: opened.append(a) or real(*a, **k))
    second = store.read_frames(doc, "extraction", ("t",))["t"]
    assert not opened
    pd.testing.assert_frame_equal(second, pd.read_parquet(path), check_exact=True)
    pd.testing.assert_frame_equal(first, second, check_exact=True)
    second.loc[0, "text"] = "changed by the caller"
    pd.testing.assert_frame_equal(store.read_frames(doc, "extraction", ("t",))["t"], first, check_exact=True)
    again = frame.copy()
    again["value"] = again["value"].map(lambda v: None if v is None else -v)  # same shape, other values
    store.write_stage(doc, "extraction", {"t": again}, {}, {"v": 2})
    pd.testing.assert_frame_equal(store.read_frames(doc, "extraction", ("t",))["t"], pd.read_parquet(path),
                                  check_exact=True)
    assert opened  # read anew


@pytest.mark.parametrize("seed", SEEDS)
def test_one_documents_routed_frames_read_its_own_marker_only(tmp_path: Path, seed: int,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's review images read its routed frames as soon as it is routed: its own marker, not every
    document's (a run of N documents read N² markers), and the same rows as all documents' frames filtered."""
    rng = random.Random(seed)
    store = DataStore(tmp_path / "data")
    docs = []
    for i in range(rng.randrange(3, 9)):
        pdf = tmp_path / f"{i}.pdf"
        pdf.write_bytes(b"%PDF-1.4 " + str((seed, i)).encode())
        doc = store.register(pdf).doc_id
        docs.append(doc)
        if rng.random() < 0.8:  # some documents are not routed yet
            rows = [DocumentRow(doc, f"{i}.pdf", f"file:///{i}.pdf", rng.randrange(1, 30), rng.choice([None, "T"]),
                                "2024-05-01T10:00:00+00:00", "1", "ok", None)]
            store.write_stage(doc, REVIEW, {name: empty_frame(name) for name in ALL_TABLES}
                              | {"documents": documents_frame(rows)}, {}, {"v": 1})
    everything, _ = routed_frames(store)
    asked: list[str] = []
    real = DataStore.stage_marker
    monkeypatch.setattr(DataStore, "stage_marker", lambda self, d, s: asked.append(d) or real(self, d, s))
    for doc in docs:
        asked.clear()
        frames, _ = routed_frames(store, {doc})
        assert set(asked) <= {doc}
        for name in ALL_TABLES:
            expected = everything[name][everything[name]["doc_id"] == doc].reset_index(drop=True)
            pd.testing.assert_frame_equal(frames[name].reset_index(drop=True), expected, check_exact=True)


def _pdf(path: Path, pages: int, padding: int) -> Path:
    """A PDF of `pages` pages whose size in bytes `padding` (an embedded file) makes as large as wanted."""
    doc = pymupdf.open()
    for n in range(pages):
        doc.new_page().insert_text((72, 72), f"page {n + 1}")
    if padding:
        doc.embfile_add("pad", random.Random(padding).randbytes(padding))
    doc.save(path)
    return path


@pytest.mark.parametrize("seed", SEEDS)
def test_readers_take_the_documents_of_most_pages_first_whatever_their_bytes(tmp_path: Path, seed: int) -> None:
    """Readers side by side start with the longest documents; a small file of many pages (realdev's R02) is
    long, a large file of one page is not. Pages are counted in a reader, or taken from the ingest marker."""
    rng = random.Random(seed)
    store = DataStore(tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data", document_timeout_s=60, document_memory_mb=2048)
    wanted: dict[str, int] = {}
    for i in range(rng.randrange(4, 8)):
        pages = rng.randrange(1, 12)
        pdf = _pdf(tmp_path / f"{i}.pdf", pages, rng.randrange(0, 200_000) // pages)
        wanted[store.register(pdf).doc_id] = pages
    numbered = list(enumerate(wanted, start=1))
    ordered = longest_first(store, numbered, settings)
    assert sorted(ordered) == numbered
    assert [wanted[d] for _, d in ordered] == sorted(wanted.values(), reverse=True)
    assert reading_sizes(store, list(wanted), settings) == wanted


@pytest.mark.parametrize("seed", SEEDS)
def test_a_reader_keeps_its_models_for_fifty_documents_of_three_calls(seed: int) -> None:
    """Each document takes three calls of its reader (open, extract, review images); a reader replaced loads
    its models again, so one serves 50 documents' calls before it is replaced (after 50 calls: 16 documents)."""
    from paperlake.pipeline.isolation import Limits, release_worker, run_limited

    documents = random.Random(seed).randrange(17, 51)
    limits = Limits(timeout_s=60, memory_mb=2048)
    try:
        pids = {run_limited(os.getpid, limits=limits) for _ in range(3 * documents)}
    finally:
        release_worker()
    assert len(pids) == 1 and os.getpid() not in pids


def test_a_run_loads_pandera_without_hypothesis_and_leaves_it_importable() -> None:
    """pandera's data-synthesis modules import hypothesis (a dev extra) when it is installed: 0.11 CPU s of a run's
    own process for nothing a run does. The run loads them without it; validation works, hypothesis still imports."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from paperlake.cli.run import _pandera_without_hypothesis\n"
            "_pandera_without_hypothesis()\n"
            "from schemas.dataset import empty_frame\n"
            "from schemas.validate import validate_frames\n"
            "assert validate_frames({'tables': empty_frame('tables')}).ok\n"
            "assert 'hypothesis' not in sys.modules, 'pandera loaded hypothesis'\n"
            "import hypothesis\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def _grid_by_rows(cells: pd.DataFrame) -> tuple[list, int]:
    """grid_of as it was written before (row tuples from itertuples): the reference for the column-wise one."""
    if cells.empty:
        return [], 0
    n_rows = int((cells["row"] + cells["row_span"].clip(lower=1)).max())
    n_cols = int((cells["col"] + cells["col_span"].clip(lower=1)).max())
    grid: list[list[str | None]] = [[""] * n_cols for _ in range(n_rows)]
    header_rows: set[int] = set()
    for cell in cells.itertuples(index=False):
        r, c = int(cell.row), int(cell.col)
        for i in range(max(1, int(cell.row_span))):
            for j in range(max(1, int(cell.col_span))):
                grid[r + i][c + j] = None
        grid[r][c] = (cell.text if isinstance(cell.text, str) else "").strip()
        if bool(cell.is_header):
            header_rows.add(r)
    n_header = 0
    while n_header in header_rows:
        n_header += 1
    return grid, n_header


@pytest.mark.parametrize("seed", range(24))
def test_a_tables_grid_is_read_column_wise_as_row_tuples_read_it(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Routing builds each table's text grid (its consistency checks): from the cells' columns, not itertuples'
    per-row tuples (route's largest cost per table), the same grid and header rows for typed and untyped cells."""
    from paperlake.calibration.consistency import grid_of
    from paperlake.pipeline.frames import _typed

    rng = random.Random(seed)
    rows = []
    for _ in range(rng.randrange(1, 40)):
        r, c = rng.randrange(8), rng.randrange(6)
        rows.append({"table_id": "t", "doc_id": "d" * 64, "row": r, "col": c, "row_span": rng.choice([1, 1, 1, 2, 0]),
                     "col_span": rng.choice([1, 1, 2, 3, 0]), "is_header": r < rng.randrange(3),
                     "text": rng.choice([" 1.5 ", "n/a", "", None, "Yield (%)", "Δ 5 °C"])})
    raw = pd.DataFrame(rows)
    typed = _typed(raw.copy(), "table_cells")
    expected = [_grid_by_rows(raw), _grid_by_rows(typed)]

    def no_row_tuples(*args: object, **kwargs: object) -> None:
        raise AssertionError("grid_of built row tuples")

    monkeypatch.setattr(pd.DataFrame, "itertuples", no_row_tuples)
    assert [grid_of(raw), grid_of(typed)] == expected
    assert grid_of(typed.iloc[0:0]) == ([], 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_frames_read_back_typed_are_not_converted_again(tmp_path: Path, seed: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage's frames read back from Parquet already have the contract's dtypes: typing them again (each
    routed document's review images, the queue, publishing) converts no column and gives the same frame; an
    untyped column is still converted."""
    from paperlake.pipeline.frames import _typed

    rng = random.Random(seed)
    rows = [{"table_id": f"t{rng.randrange(3)}", "doc_id": "d" * 64, "row": rng.randrange(5), "col": rng.randrange(4),
             "row_span": 1, "col_span": 1, "is_header": rng.random() < 0.3, "text": rng.choice(["1.5", "", "n/a"]),
             "value": rng.choice([None, rng.uniform(-9, 9)]), "unit": rng.choice([None, "K"])}
            for _ in range(rng.randrange(1, 25))]
    typed = _typed(pd.DataFrame(rows), "table_cells")
    typed.to_parquet(tmp_path / "cells.parquet", index=False)
    read = pq.read_table(tmp_path / "cells.parquet").to_pandas()
    converted: list[object] = []
    original = pd.Series.astype

    def counting(self, dtype, *args, **kwargs):  # type: ignore[no-untyped-def]
        converted.append(self.name)
        return original(self, dtype, *args, **kwargs)

    monkeypatch.setattr(pd.Series, "astype", counting)
    again = _typed(read, "table_cells")
    assert converted == []
    assert again.equals(typed) and list(again.dtypes) == list(typed.dtypes)
    _typed(read.assign(row=read["row"].astype(float)), "table_cells")
    assert "row" in converted
