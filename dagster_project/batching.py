"""Split a run's documents into batches: one Dagster step per batch, so steps are few but still parallel."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Batch:
    """Consecutive documents of one run handled by one step; `offset` and `total` number progress lines."""

    index: int
    offset: int
    total: int
    doc_ids: tuple[str, ...]

    @property
    def key(self) -> str:
        """A mapping key Dagster accepts (letters, digits, underscores)."""
        return f"batch_{self.index:04d}"


def plan_batches(doc_ids: Sequence[str], docs_per_step: int, min_steps: int) -> list[Batch]:
    """At least `min_steps` batches (when there are that many documents), none over `docs_per_step`."""
    if not doc_ids:
        return []
    count = min(len(doc_ids), max(math.ceil(len(doc_ids) / docs_per_step), min_steps))
    size = math.ceil(len(doc_ids) / count)
    return [Batch(i, start, len(doc_ids), tuple(doc_ids[start:start + size]))
            for i, start in enumerate(range(0, len(doc_ids), size))]
