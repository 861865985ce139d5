"""The routed frames with curators' corrections laid over them: what review reads and reports on."""
from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from paperlake.pipeline.routed import routed_frames
from paperlake.pipeline.stages import REVIEW
from paperlake.review.corrections import Overlay, apply_corrections, review_stats
from paperlake.review.state import CorrectionStore
from paperlake.store import DataStore


def reviewed_frames(store: DataStore) -> tuple[dict[str, pd.DataFrame], Overlay, pd.DataFrame]:
    """Routed frames, the curators' corrections laid over them, and the `reviews` statistics."""
    frames, _ = routed_frames(store)
    corrections = CorrectionStore(store.review_dir).load_all()
    overlay = apply_corrections(frames, corrections)
    return frames, overlay, review_stats(frames, corrections, overlay.outcomes)


def pending_review_frames(store: DataStore, only: Collection[str] | None = None) -> dict[str, pd.DataFrame]:
    """The corrected frames of the documents that can hold an item needing review: those the router sent
    items of to review, and those with corrections (a correction made stale by re-extraction reopens its
    item). Reading every document to find a few pending items was most of a 1,000-document review queue.
    `only`: just these documents (one document's review images, drawn as soon as it is routed)."""
    docs, corrections = pending_review_docs(store, only)
    frames, _ = routed_frames(store, docs)
    return apply_corrections(frames, corrections).frames


def pending_review_docs(store: DataStore, only: Collection[str] | None = None) -> tuple[set[str], dict]:
    """The documents that can hold an item needing review (of `only`, when given) and the curators'
    corrections of those (pending_review_frames reads the frames of these documents alone)."""
    corrections = CorrectionStore(store.review_dir).load_all()
    if only is not None:
        corrections = {key: c for key, c in corrections.items() if c.doc_id in only}
    docs = {c.doc_id for c in corrections.values()}
    docs.update(d for d in (store.iter_stage_docs(REVIEW) if only is None else only)
                if ((store.stage_marker(d, REVIEW) or {}).get("counts") or {}).get("needs_review", 1))
    return docs, corrections
