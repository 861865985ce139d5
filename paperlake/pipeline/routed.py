"""The routed frames of finished documents, stacked into one dataset (before curators' corrections)."""
from __future__ import annotations

from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from paperlake.pipeline.frames import concat_frames
from paperlake.pipeline.stages import ALL_TABLES, EXTRACTION, REVIEW
from paperlake.store import DataStore


def routed_frames(store: DataStore, only: Collection[str] | None = None
                  ) -> tuple[dict[str, pd.DataFrame], dict[str, Path]]:
    """Every finished document's routed frames (before corrections; or only those of the documents in
    `only`) and the figure crops to publish."""
    doc_ids = (list(store.iter_stage_docs(REVIEW)) if only is None  # `only`: its own markers, not every document's
               else [d for d in sorted(only) if store.is_registered(d) and store.stage_marker(d, REVIEW) is not None])
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
    if len(paths) > 1:
        with ThreadPoolExecutor(max_workers=4) as pool:
            parts = [part for part in pool.map(pq.read_table, paths) if part.num_rows]
    else:  # one document's (its review images, as soon as it is routed): no pool of threads to start
        parts = [part for part in map(pq.read_table, paths) if part.num_rows]
    if not parts:
        return concat_frames([], table)
    stacked = pa.concat_tables(parts, promote_options="permissive").to_pandas()
    return concat_frames([{table: stacked}], table)
