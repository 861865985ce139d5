"""Gather every document's routed frames into one dataset and publish it as a snapshot."""
from __future__ import annotations

from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from paperlake import __version__ as PIPELINE_VERSION
from paperlake.corrections import Overlay, apply_corrections, review_stats
from paperlake.dataset import concat_frames
from paperlake.publish import Snapshot, publish_snapshot
from paperlake.review_store import CorrectionStore
from paperlake.settings import Settings
from paperlake.stages import ALL_TABLES, EXTRACTION, REVIEW
from paperlake.store import DataStore
from paperlake.summary import DatasetCounts, count_frames


def routed_frames(store: DataStore, only: Collection[str] | None = None
                  ) -> tuple[dict[str, pd.DataFrame], dict[str, Path]]:
    """Every finished document's routed frames (before corrections; or only those of the documents in
    `only`) and the figure crops to publish."""
    doc_ids = [d for d in store.iter_stage_docs(REVIEW) if only is None or d in only]
    frames = {name: _stacked([store.stage_dir(d, REVIEW) / f"{name}.parquet" for d in doc_ids], name)
              for name in ALL_TABLES}
    figures = frames["figures"].dropna(subset=["image_path"])
    images = {rel: store.stage_dir(doc_id, EXTRACTION) / rel
              for doc_id, rel in zip(figures["doc_id"], figures["image_path"])}
    return frames, images


def _stacked(paths: list[Path], table: str) -> pd.DataFrame:
    """One table of many documents: files read by Arrow on a few threads, stacked, made pandas once.

    Converting each small file to pandas separately cost ~8 ms a file, most of a 1,000-document publish.
    """
    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = [part for part in pool.map(pq.read_table, paths) if part.num_rows]
    if not parts:
        return concat_frames([], table)
    stacked = pa.concat_tables(parts, promote_options="permissive").to_pandas()
    return concat_frames([{table: stacked}], table)


def reviewed_frames(store: DataStore) -> tuple[dict[str, pd.DataFrame], Overlay, pd.DataFrame]:
    """Routed frames, the curators' corrections laid over them, and the `reviews` statistics."""
    frames, _ = routed_frames(store)
    corrections = CorrectionStore(store.review_dir).load_all()
    overlay = apply_corrections(frames, corrections)
    return frames, overlay, review_stats(frames, corrections, overlay.outcomes)


def pending_review_frames(store: DataStore) -> dict[str, pd.DataFrame]:
    """The corrected frames of the documents that can hold an item needing review: those the router sent
    items of to review, and those with corrections (a correction made stale by re-extraction reopens its
    item). Reading every document to find a few pending items was most of a 1,000-document review queue."""
    corrections = CorrectionStore(store.review_dir).load_all()
    docs = {c.doc_id for c in corrections.values()}
    docs.update(d for d in store.iter_stage_docs(REVIEW)
                if ((store.stage_marker(d, REVIEW) or {}).get("counts") or {}).get("needs_review", 1))
    frames, _ = routed_frames(store, docs)
    return apply_corrections(frames, corrections).frames


def publish_all(store: DataStore, settings: Settings) -> tuple[Snapshot, DatasetCounts]:
    """Publish a snapshot of every document whose stages are complete, with curators' corrections applied.

    Corrections live in DIR/review/corrections/ (see paperlake.corrections for how they survive
    re-extraction); the review statistics are published as the `reviews` table.
    """
    frames, images = routed_frames(store)
    corrections = CorrectionStore(store.review_dir).load_all()
    overlay = apply_corrections(frames, corrections)
    reviews = review_stats(frames, corrections, overlay.outcomes)
    snapshot = publish_snapshot(store.root, {**overlay.frames, "reviews": reviews}, images,
                                pipeline_version=PIPELINE_VERSION, settings_hash=settings.fingerprint(),
                                retention=settings.snapshot_retention)
    return snapshot, count_frames(overlay.frames)
