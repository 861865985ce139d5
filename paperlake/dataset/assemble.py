"""Gather every finished document's routed frames, lay curators' corrections over them, publish a snapshot."""
from __future__ import annotations

from paperlake import __version__ as PIPELINE_VERSION
from paperlake.dataset.layout import Snapshot
from paperlake.dataset.publish import publish_snapshot
from paperlake.dataset.si import with_si_columns
from paperlake.pipeline.routed import routed_frames
from paperlake.pipeline.summary import DatasetCounts, count_frames
from paperlake.review.corrections import apply_corrections, review_stats
from paperlake.review.state import CorrectionStore
from paperlake.settings import Settings
from paperlake.store import DataStore


def publish_all(store: DataStore, settings: Settings) -> tuple[Snapshot, DatasetCounts]:
    """Publish a snapshot of every document whose stages are complete, with curators' corrections applied.

    Corrections live in DIR/review/corrections/ (see paperlake.review.corrections for how they survive
    re-extraction); the review statistics are published as the `reviews` table. Cells get their SI columns
    here, after corrections, so a corrected cell's SI value follows its corrected text.
    """
    frames, images = routed_frames(store)
    corrections = CorrectionStore(store.review_dir).load_all()
    overlay = apply_corrections(frames, corrections)
    reviews = review_stats(frames, corrections, overlay.outcomes)
    published = {**overlay.frames, "table_cells": with_si_columns(overlay.frames["table_cells"]), "reviews": reviews}
    snapshot = publish_snapshot(store.root, published, images,
                                pipeline_version=PIPELINE_VERSION, settings_hash=settings.fingerprint(),
                                retention=settings.snapshot_retention)
    return snapshot, count_frames(overlay.frames)
