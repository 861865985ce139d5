"""Gather every document's routed frames into one dataset and publish it as a snapshot."""
from __future__ import annotations

from pathlib import Path

from paperlake import __version__ as PIPELINE_VERSION
from paperlake.dataset import concat_frames
from paperlake.publish import Snapshot, publish_snapshot
from paperlake.settings import Settings
from paperlake.stages import ALL_TABLES, EXTRACTION, REVIEW
from paperlake.store import DataStore
from paperlake.summary import DatasetCounts, count_frames


def publish_all(store: DataStore, settings: Settings) -> tuple[Snapshot, DatasetCounts]:
    """Publish a snapshot of every document whose stages are complete."""
    doc_ids = list(store.iter_stage_docs(REVIEW))
    parts = [store.read_frames(doc_id, REVIEW, ALL_TABLES) for doc_id in doc_ids]
    frames = {name: concat_frames(parts, name) for name in ALL_TABLES}
    images: dict[str, Path] = {}
    for doc_id, part in zip(doc_ids, parts):
        for rel in part["figures"]["image_path"].dropna():
            images[rel] = store.stage_dir(doc_id, EXTRACTION) / rel
    snapshot = publish_snapshot(store.root, frames, images, pipeline_version=PIPELINE_VERSION,
                                settings_hash=settings.fingerprint())
    return snapshot, count_frames(frames)
