"""Headline counts of a dataset, from its frames or from a published snapshot on disk."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class DatasetCounts:
    """What a run summary and run metadata report about a dataset."""

    documents: int
    failed_documents: int
    pages: int
    tables: int
    cells: int
    figures: int
    needs_review: int


def count_frames(frames: Mapping[str, pd.DataFrame]) -> DatasetCounts:
    """Counts over the contract frames of a dataset."""
    docs, tables, figures = frames["documents"], frames["tables"], frames["figures"]
    return DatasetCounts(
        documents=len(docs),
        failed_documents=int((docs["status"] == "failed").sum()),
        pages=int(docs["n_pages"].sum()),
        tables=len(tables),
        cells=len(frames["table_cells"]),
        figures=len(figures),
        needs_review=int((tables["review_status"] == "needs_review").sum()
                         + (figures["review_status"] == "needs_review").sum()),
    )


def count_snapshot(snapshot_dir: Path) -> DatasetCounts:
    """Counts read from a published snapshot's Parquet files."""
    wanted = {"documents": ["status", "n_pages"], "tables": ["review_status"], "table_cells": ["table_id"],
              "figures": ["review_status"]}
    frames = {name: pd.read_parquet(snapshot_dir / f"{name}.parquet", columns=cols) for name, cols in wanted.items()}
    return count_frames(frames)
