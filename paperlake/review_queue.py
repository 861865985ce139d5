"""Items that need review, as Label Studio tasks with page crops, written as import files in the data dir.

With no Label Studio configured this is where review work waits, so nothing is lost; the live push
reads the same tasks.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path


from paperlake.review_export import local_files_ref, render_crop, write_import_files
from paperlake.review_tasks import figure_task, table_task
from paperlake.settings import Settings
from paperlake.stages import REVIEW
from paperlake.store import DataStore


def build_review_queue(store: DataStore, settings: Settings) -> dict[str, int]:
    """Write one task per needs_review item (tables and figures) to the import files; returns counts."""
    tasks: dict[str, list[dict]] = {"tables": [], "figures": []}
    crops_dir = store.review_dir / "crops"
    for doc_id in store.iter_stage_docs(REVIEW):
        frames = store.read_frames(doc_id, REVIEW, ("tables", "table_cells", "figures"))
        pdf = store.source_pdf(doc_id)
        pending_tables = frames["tables"][frames["tables"]["review_status"] == "needs_review"]
        for row in pending_tables.to_dict("records"):
            cells = frames["table_cells"][frames["table_cells"]["table_id"] == row["table_id"]]
            ref, crop_bbox, size = _crop(pdf, row, row["table_id"], crops_dir, store.root, settings.review_crop_dpi)
            tasks["tables"].append(table_task(row, cells, ref, crop_bbox, image_size=size))
        pending_figures = frames["figures"][frames["figures"]["review_status"] == "needs_review"]
        for row in pending_figures.to_dict("records"):
            ref, crop_bbox, size = _crop(pdf, row, row["figure_id"], crops_dir, store.root, settings.review_crop_dpi)
            tasks["figures"].append(figure_task(row, ref, crop_bbox, image_size=size))
    write_import_files(store.review_dir, tasks)
    return {kind: len(items) for kind, items in tasks.items()}


def _crop(pdf: Path, row: Mapping, item_id: str, crops_dir: Path, document_root: Path,
          dpi: int) -> tuple[str, tuple[float, float, float, float], tuple[int, int]]:
    """Render the page region around an item for curators (file named by item id and box)."""
    bbox = (float(row["x0"]), float(row["y0"]), float(row["x1"]), float(row["y1"]))
    tag = hashlib.sha256(repr(tuple(round(v, 1) for v in bbox)).encode()).hexdigest()[:8]
    out = crops_dir / f"{item_id}-{tag}.png"
    crop_bbox, size = render_crop(pdf, int(row["page"]), bbox, out, dpi=dpi)
    return local_files_ref(out, document_root), crop_bbox, size


