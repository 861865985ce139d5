"""A document's review images, drawn as soon as the document is routed rather than after the run's last one.

The review queue (queue.py) shows each needs_review item's page crop and, for a figure, a re-plot of its
recovered series. Both are files named by what they show, and the queue keeps any it finds: so the
per-document stage `review_images` draws a document's images in its reader process (queue.py's own
functions, the same bytes) while the other reader extracts the next document, and the queue, after the
last document, only gathers them. On realdev that took 4-5 s of drawing (171 crops, 20 re-plots and
matplotlib's import) off the end of the run.

Nothing depends on this stage: a document whose images it did not draw (a crash, a failed drawing, a run
of an older version) has them drawn by the queue, as before, so a rerun still finishes the work.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from paperlake.faults import crash_point
from paperlake.pipeline.isolation import run_limited
from paperlake.pipeline.reader_child import in_reader
from paperlake.pipeline.stages import REVIEW, StageOutcome, document_limits
from paperlake.review.export import existing_crop, render_crops
from paperlake.review.queue import crop_target, pending_rows
from paperlake.review.reviewed import pending_review_docs, pending_review_frames
from paperlake.review.series_plot import series_plot_path, write_series_plot
from paperlake.settings import Settings
from paperlake.store import DataStore

log = logging.getLogger(__name__)

BBox = tuple[float, float, float, float]
IMAGES = "review_images"
"""The stage's folder in a document's work dir (only its done-marker)."""


@dataclass(frozen=True)
class ReviewImages:
    """What is left to draw of one document's review images: crops as (page, box, file), and figures'
    series plots as (series rows or None, figure id), each into `crops_dir` at the queue's crop dpi."""

    pdf: Path
    crops_dir: Path
    dpi: int
    crops: tuple[tuple[int, BBox, Path], ...] = ()
    plots: tuple[tuple[pd.DataFrame | None, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.crops and not self.plots


def missing_review_images(store: DataStore, doc_id: str, dpi: int) -> ReviewImages:
    """The crops and series plots the review queue will show for the document's pending items (curators'
    corrections laid over, as the queue does) and does not find drawn yet. Nothing, without reading the
    document's frames, where the router sent none of its items to review and no curator corrected one (on
    short papers, about half of them)."""
    crops_dir = store.review_dir / "crops"
    if not pending_review_docs(store, only={doc_id})[0]:
        return ReviewImages(store.source_pdf(doc_id), crops_dir, dpi)
    frames = pending_review_frames(store, only={doc_id})
    crops: list[tuple[int, BBox, Path]] = []
    for table, id_column in (("tables", "table_id"), ("figures", "figure_id")):
        for row in pending_rows(frames[table], {}):
            page, bbox, out = crop_target(row, row[id_column], crops_dir)
            if existing_crop(out, page, bbox, dpi) is None:
                crops.append((page, bbox, out))
    series_of = {key: group for key, group in frames["figure_series"].groupby(["doc_id", "figure_id"], sort=False)}
    plots: dict[Path, tuple[pd.DataFrame | None, str]] = {}
    for row in pending_rows(frames["figures"], {}):
        series = series_of.get((row["doc_id"], row["figure_id"]))
        out = series_plot_path(series, str(row["figure_id"]), crops_dir)
        if not out.is_file():
            plots.setdefault(out, (series, str(row["figure_id"])))  # one shared file for figures without series
    return ReviewImages(store.source_pdf(doc_id), crops_dir, dpi, tuple(crops), tuple(plots.values()))


def draw_review_images(images: ReviewImages) -> tuple[int, int]:
    """Draw the crops and series plots (in a reader process: PyMuPDF is loaded there, and matplotlib is
    loaded once per reader); returns how many of each."""
    render_crops(images.pdf, list(images.crops), dpi=images.dpi)
    for series, figure_id in images.plots:
        write_series_plot(series, figure_id, images.crops_dir)
    return len(images.crops), len(images.plots)


def review_images(store: DataStore, settings: Settings, doc_id: str) -> StageOutcome:
    """The per-document stage: draw the document's missing review images in its reader process (in this one
    when no per-document limit is set). A failure to draw is logged, never the document's: the queue draws
    what is missing (and reports a real problem) after the run's documents.

    Its done-marker names the routing it drew for (and the dpi), so a rerun over unchanged documents does
    not read each one's frames again to find nothing missing; routing again replaces that stage's folder
    and with it the match (a curator's new box is drawn by the queue, as before)."""
    source = store.source(doc_id)
    routed = (store.stage_marker(doc_id, REVIEW) or {}).get("routed_at")
    drawn_for = {"routed_at": routed, "dpi": settings.review_crop_dpi}
    if routed is None or store.stage_marker(doc_id, IMAGES) == drawn_for:
        return StageOutcome(doc_id, source.file_name, True, {})
    try:
        images = missing_review_images(store, doc_id, settings.review_crop_dpi)
        limits = document_limits(settings)
        crops, plots = (0, 0) if images.empty else (
            run_limited(draw_review_images, images, limits=limits) if limits.active else draw_review_images(images))
    except Exception as exc:  # noqa: BLE001 - the queue draws what is missing and reports it
        log.warning("review images of %s not drawn ahead (the review queue draws them): %s: %s",
                    doc_id, type(exc).__name__, exc)
        return StageOutcome(doc_id, source.file_name, False, {})
    if not in_reader():  # in a reader (reader_stages.py) the run's own process stops there, once it is told
        crash_point("review.images_drawn")
    store.write_stage(doc_id, IMAGES, {}, {}, drawn_for)
    return StageOutcome(doc_id, source.file_name, False, {"crops": crops, "plots": plots})
