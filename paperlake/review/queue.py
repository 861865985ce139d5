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
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from paperlake.review.export import existing_crop, local_files_ref, render_crops, write_import_files
from paperlake.review.series_plot import write_series_plot
from paperlake.review.task_state import file_names
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
    names = file_names(frames)
    tables, figures = pending_rows(frames["tables"], names), pending_rows(frames["figures"], names)
    crops = _crops([(store.source_pdf(row["doc_id"]), row, row["table_id"]) for row in tables]
                   + [(store.source_pdf(row["doc_id"]), row, row["figure_id"]) for row in figures], crops_dir, dpi)
    for row, (crop, crop_bbox, size) in zip(tables, crops[:len(tables)]):
        cells = cells_by_table.get((row["doc_id"], row["table_id"]), empty_cells)
        tasks["tables"].append(table_task(row, cells, image_ref(crop), crop_bbox, image_size=size))
    series_of = {key: group for key, group in frames["figure_series"].groupby(["doc_id", "figure_id"], sort=False)}
    for row, (crop, crop_bbox, size) in zip(figures, crops[len(tables):]):
        series = series_of.get((row["doc_id"], row["figure_id"]))
        plot = write_series_plot(series, str(row["figure_id"]), crops_dir)
        tasks["figures"].append(figure_task(row, image_ref(crop), crop_bbox, image_size=size, series=series,
                                            series_plot_ref=image_ref(plot)))
    return tasks


PARALLEL_CROPS = 40  # from this many crops to render on, a pool of processes renders them (17 ms each, one core)
MAX_CROP_PROCESSES = 4

Crop = tuple[Path, tuple[float, float, float, float], tuple[int, int]]
"""A rendered crop: its file, its box in PDF points (aligned to its pixels) and its (width, height) in pixels."""
_Job = tuple[int, int, tuple[float, float, float, float], Path]  # (index in the queue, page, item box, file)


def _crops(jobs: list[tuple[Path, Mapping, str]], crops_dir: Path, dpi: int) -> list[Crop]:
    """Each job's crop, in order. A crop already rendered for the same item, box and dpi (a re-run) is kept;
    the others are rendered a PDF at a time, one PDF after another, or, for many crops, by one process per
    core (PyMuPDF renders holding the GIL, so threads would not help; the run's forkserver forks them
    quickly), largest PDFs first."""
    done: list[Crop | None] = [None] * len(jobs)
    todo: dict[Path, list[_Job]] = defaultdict(list)
    for index, (pdf, row, item_id) in enumerate(jobs):
        page, bbox, out = crop_target(row, item_id, crops_dir)
        kept = existing_crop(out, page, bbox, dpi)
        if kept is not None:
            done[index] = (out, *kept)
        else:
            todo[pdf].append((index, page, bbox, out))
    groups = sorted(todo.items(), key=lambda group: -len(group[1]))
    processes = min(os.cpu_count() or 1, MAX_CROP_PROCESSES, len(groups))
    if sum(len(group) for _, group in groups) < PARALLEL_CROPS or processes < 2:
        rendered = [_render_pdf_crops(pdf, group, dpi) for pdf, group in groups]
    else:
        with multiprocessing.get_context("forkserver").Pool(processes) as pool:
            rendered = pool.starmap(_render_pdf_crops, [(pdf, group, dpi) for pdf, group in groups], chunksize=1)
    for pdf_crops in rendered:
        for index, crop in pdf_crops:
            done[index] = crop
    return done  # type: ignore[return-value]  # every index was kept or rendered above


def pending_rows(frame: pd.DataFrame, file_names: Mapping[str, str]) -> list[dict]:
    """The rows of items that need review, each with its document's source file name (what tasks show)."""
    rows = frame[frame["review_status"] == "needs_review"].to_dict("records")
    return [row | {"file_name": file_names.get(str(row["doc_id"]))} for row in rows]


def crop_target(row: Mapping, item_id: str, crops_dir: Path) -> tuple[int, tuple[float, float, float, float], Path]:
    """An item's page, box and crop file (named by item id and box)."""
    bbox = (float(row["x0"]), float(row["y0"]), float(row["x1"]), float(row["y1"]))
    tag = hashlib.sha256(repr(tuple(round(v, 1) for v in bbox)).encode()).hexdigest()[:8]
    return int(row["page"]), bbox, crops_dir / f"{item_id}-{tag}.png"


def _render_pdf_crops(pdf: Path, jobs: list[_Job], dpi: int) -> list[tuple[int, Crop]]:
    """Render one PDF's crops; (index, crop) for each job."""
    rendered = render_crops(pdf, [(page, bbox, out) for _, page, bbox, out in jobs], dpi=dpi)
    return [(index, (out, *crop)) for (index, _, _, out), crop in zip(jobs, rendered)]


def _crop(pdf: Path, row: Mapping, item_id: str, crops_dir: Path, dpi: int) -> Crop:
    """Render the page region around an item for curators (file named by item id and box)."""
    page, bbox, out = crop_target(row, item_id, crops_dir)
    return _render_pdf_crops(pdf, [(0, page, bbox, out)], dpi)[0][1]
