"""Retention: remove published snapshots beyond the newest N, never CURRENT or its parent."""
from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from pathlib import Path

from paperlake.dataset.layout import current_snapshot, list_snapshots

logger = logging.getLogger(__name__)

MIN_RETENTION = 2
PRUNING_PREFIX = ".pruned-"
"""A publish keeps at least CURRENT and its parent: a reader may have just opened the parent."""


def snapshots_to_prune(ids: Sequence[str], keep: int, current: str | None, parent: str | None) -> list[str]:
    """The ids a retention of `keep` removes: all but the newest `keep`, never CURRENT or its parent."""
    keep = max(keep, MIN_RETENTION)
    ordered = sorted(ids)
    protected = set(ordered[-keep:]) | {current, parent}
    return [sid for sid in ordered if sid not in protected]


def prune_snapshots(data_dir: Path, keep: int) -> list[str]:
    """Remove snapshots beyond the newest `keep` (at least 2), never CURRENT or its parent; returns the ids.

    Call it while holding the publish lock (publish_snapshot does) so CURRENT cannot move meanwhile.
    A reader still holding an older catalog.duckdb loses the files of a pruned snapshot.
    """
    current = current_snapshot(data_dir)
    if current is None:
        return []
    for leftover in (Path(data_dir).resolve() / "published").glob(f"{PRUNING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    snapshots = list_snapshots(data_dir)
    doomed = snapshots_to_prune([s.id for s in snapshots], keep, current.id, current.manifest.get("parent"))
    by_id = {s.id: s for s in snapshots}
    for sid in doomed:
        folder = by_id[sid].path
        # rename first, so a half-removed snapshot is never seen under its id
        trash = folder.with_name(f"{PRUNING_PREFIX}{sid}")
        folder.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)
        logger.info("retention: removed snapshot %s", sid)
    return doomed
