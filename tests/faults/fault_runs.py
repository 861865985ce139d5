"""Helpers for the fault tests: `paperlake run` in a subprocess (so it can be killed), the stages in-process,
and snapshot content compared without the per-run columns (ingest time, snapshot ids)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from paperlake.dataset.assemble import publish_all
from paperlake.dataset.layout import Snapshot, current_snapshot
from paperlake.pipeline.stages import extract, ingest, route, validate
from paperlake.settings import Settings, load_settings
from paperlake.store import DataStore

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
EXAMPLES = REPO / "examples" / "pdfs"
RUN_COLUMNS = {"ingested_at", "source_uri"}
"""Columns that differ between two data dirs holding the same PDFs."""


def paperlake(args: Sequence[str], env: Mapping[str, str] | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m paperlake.cli ARGS` with this checkout first on the path; output captured as text."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "paperlake.cli", *args], check=False, cwd=REPO, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def process(data_dir: Path, pdfs: Sequence[Path], **overrides: object) -> tuple[DataStore, Settings, list[str]]:
    """Register and run every per-document stage in this process (no Dagster); returns the doc ids."""
    settings = load_settings(data_dir, env={}, **overrides)
    store = DataStore(data_dir)
    doc_ids = list(dict.fromkeys(store.register(pdf).doc_id for pdf in pdfs))
    for doc_id in doc_ids:
        ingest(store, doc_id, settings)
        extract(store, doc_id, settings)
        validate(store, doc_id)
        route(store, doc_id, settings)
    return store, settings, doc_ids


def publish(store: DataStore, settings: Settings) -> Snapshot:
    return publish_all(store, settings)[0]


def snapshot_content(data_dir: Path) -> dict[str, list[tuple]]:
    """Every table of the CURRENT snapshot as sorted rows, without per-run columns: equal for equal content."""
    snapshot = current_snapshot(data_dir)
    assert snapshot is not None, f"no snapshot in {data_dir}"
    content = {}
    for name in ("documents", "tables", "table_cells", "figures", "figure_series"):
        frame = pd.read_parquet(snapshot.path / f"{name}.parquet")
        frame = frame.drop(columns=[c for c in RUN_COLUMNS if c in frame.columns])
        content[name] = sorted(tuple(str(v) for v in row) for row in frame.itertuples(index=False))
    return content
