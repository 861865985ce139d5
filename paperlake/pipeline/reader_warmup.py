"""Imported once by the readers' forkserver (isolation.PRELOAD), so every reader starts with validation warm.

Since validation runs in the readers (reader_stages.py), each reader's first document paid for what pandera
loads on its first validation (its pandas backends, and hypothesis for its data-synthesis modules): 0.22 CPU s
against 0.05-0.07 s for each later document. Importing this module validates one set of empty frames, with
pandera loaded without hypothesis as in the run's own process (schemas/lean_import.py): 0.18 CPU s once, in
the forkserver, while the run's process imports Dagster.
"""
from __future__ import annotations

from paperlake.pipeline.stages import ALL_TABLES
from schemas.dataset import empty_frame
from schemas.lean_import import pandera_without_hypothesis
from schemas.validate import validate_frames

pandera_without_hypothesis()
try:
    validate_frames({name: empty_frame(name) for name in ALL_TABLES}, page_sizes={})
except Exception:  # noqa: BLE001 - a warm-up only: the forkserver must start whatever happens here
    pass
