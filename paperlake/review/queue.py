"""Items that need review, as Label Studio tasks with page crops: import files in the data dir, or a live push.

The queue is built from the published view of the items (curators' corrections applied): an item a
curator has reviewed leaves the queue, an item whose extraction changed after its review comes back.
With no Label Studio configured the tasks are written as import files, so nothing is lost; with one,
paperlake.review.sync pushes the same tasks.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from paperlake.review.export import local_files_ref, render_crop, write_import_files
from paperlake.review.tasks import figure_task, table_task
from paperlake.settings import Settings
from paperlake.store import DataStore

ImageRef = Callable[[Path], str]
"""Turns a crop file into the URL a task shows (a local-files URL, or a data: URI for a live push)."""


def build_review_queue(store: DataStore, settings: Settings) -> dict[str, int]:
    """Write one task per needs_review item (tables and figures) to the import files; returns counts."""
    tasks = review_tasks(store, settings, lambda png: local_files_ref(png, store.root))
    write_import_files(store.review_dir, tasks)
    return {kind: len(items) for kind, items in tasks.items()}


def review_tasks(store: DataStore, settings: Settings, image_ref: ImageRef) -> dict[str, list[dict]]:
    """kind ("tables", "figures") -> one Label Studio task per item that needs review, crops rendered."""
    from paperlake.review.reviewed import (
        pending_review_frames,  # assemble imports the publish edge: load it lazily
    )

    frames = pending_review_frames(store)
    tasks: dict[str, list[dict]] = {"tables": [], "figures": []}
    crops_dir = store.review_dir / "crops"
    dpi = settings.review_crop_dpi
    cells_by_table = {key: group for key, group in frames["table_cells"].groupby(["doc_id", "table_id"], sort=False)}
    empty_cells = frames["table_cells"].iloc[0:0]
    tables, figures = _pending(frames["tables"]), _pending(frames["figures"])
    crops = _crops([(store.source_pdf(row["doc_id"]), row, row["table_id"]) for row in tables]
                   + [(store.source_pdf(row["doc_id"]), row, row["figure_id"]) for row in figures], crops_dir, dpi)
    for row, (crop, crop_bbox, size) in zip(tables, crops[:len(tables)]):
        cells = cells_by_table.get((row["doc_id"], row["table_id"]), empty_cells)
        tasks["tables"].append(table_task(row, cells, image_ref(crop), crop_bbox, image_size=size))
    for row, (crop, crop_bbox, size) in zip(figures, crops[len(tables):]):
        tasks["figures"].append(figure_task(row, image_ref(crop), crop_bbox, image_size=size))
    return tasks


PARALLEL_CROPS = 40  # from this many crops on, a pool of processes renders them (27 ms each, one core)
MAX_CROP_PROCESSES = 4


def _crops(jobs: list[tuple[Path, Mapping, str]], crops_dir: Path,
           dpi: int) -> list[tuple[Path, tuple[float, float, float, float], tuple[int, int]]]:
    """Each job's crop, in order: one after another, or, for many, by one process per core (PyMuPDF renders
    and encodes holding the GIL, so threads would not help; the run's forkserver forks them quickly)."""
    processes = min(os.cpu_count() or 1, MAX_CROP_PROCESSES)
    arguments = [(pdf, dict(row), item_id, crops_dir, dpi) for pdf, row, item_id in jobs]
    if len(jobs) < PARALLEL_CROPS or processes < 2:
        return [_crop(*args) for args in arguments]
    with multiprocessing.get_context("forkserver").Pool(processes) as pool:
        return pool.starmap(_crop, arguments, chunksize=8)


def _pending(frame: pd.DataFrame) -> list[dict]:
    return frame[frame["review_status"] == "needs_review"].to_dict("records")


def _crop(pdf: Path, row: Mapping, item_id: str, crops_dir: Path,
          dpi: int) -> tuple[Path, tuple[float, float, float, float], tuple[int, int]]:
    """Render the page region around an item for curators (file named by item id and box)."""
    bbox = (float(row["x0"]), float(row["y0"]), float(row["x1"]), float(row["y1"]))
    tag = hashlib.sha256(repr(tuple(round(v, 1) for v in bbox)).encode()).hexdigest()[:8]
    out = crops_dir / f"{item_id}-{tag}.png"
    crop_bbox, size = render_crop(pdf, int(row["page"]), bbox, out, dpi=dpi)
    return out, crop_bbox, size
