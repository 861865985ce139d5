"""Headline counts of a dataset, from its frames or from a published snapshot on disk."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
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


PAGE_PATHS_FILE = "page_paths.json"  # in each document's extract stage folder: how each page was read


def page_path_counts(page_paths: Iterable[Sequence[str]]) -> dict[str, int]:
    """Pages per reading path over documents, each path split into its parts.

    A page read as `ocr (no text) + chart:deplot@abc` counts once for `ocr (no text)` and once for
    `chart:deplot@abc`, so the summary says which readers (vector, OCR, each model) ran on how many pages.
    """
    counts: dict[str, int] = {}
    for paths in page_paths:
        for path in paths:
            for part in path.split(" + "):
                counts[part.strip()] = counts.get(part.strip(), 0) + 1
    return counts


def read_page_paths(stage_dirs: Iterable[Path]) -> list[list[str]]:
    """The page paths each extract stage folder recorded (folders extracted before they were recorded give none)."""
    found = []
    for folder in stage_dirs:
        path = folder / PAGE_PATHS_FILE
        if path.is_file():
            found.append([str(p) for p in json.loads(path.read_text(encoding="utf-8"))])
    return found


def page_path_lines(counts: Mapping[str, int]) -> list[str]:
    """Summary lines: pages read by each path, most pages first."""
    if not counts:
        return []
    parts = ", ".join(f"{path} {n}" for path, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return [f"pages read by  {parts}"]
