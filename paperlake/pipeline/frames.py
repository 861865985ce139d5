"""Pure converters from extraction records to the contract's frames (DATASET_CONTRACT.md).

Item ids are stable for the same document, page and position on the page, so re-runs, reviews and
snapshot diffs can refer to the same table or figure.
"""
from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from extractors.model import DocumentExtraction, FigureItem, TableItem
from schemas.dataset import columns, empty_frame

ITEM_TABLES = ("tables", "table_cells", "figures", "figure_series")
ID_PREFIX = 16


@dataclass(frozen=True)
class DocumentRow:
    """The `documents` row of one PDF."""

    doc_id: str
    file_name: str
    source_uri: str
    n_pages: int
    title: str | None
    ingested_at: str
    pipeline_version: str
    status: str
    error: str | None


def table_id(doc_id: str, page: int, index: int) -> str:
    """Id of the index-th table (reading order) on a page of a document."""
    return f"{doc_id[:ID_PREFIX]}-p{page:03d}-t{index:02d}"


def figure_id(doc_id: str, page: int, index: int) -> str:
    """Id of the index-th figure (reading order) on a page of a document."""
    return f"{doc_id[:ID_PREFIX]}-p{page:03d}-f{index:02d}"


def image_path(doc_id: str, fig_id: str) -> str:
    """Where a figure's crop lives inside a snapshot (relative path, as the contract says)."""
    return f"figures/{doc_id}/{fig_id}.png"


@dataclass(frozen=True)
class ExtractedFiles:
    """One document's extraction as the extract stage writes it: each item frame's Parquet file (made in the
    reader, which has the cores to spare: the run's own process only writes the bytes), the figure crops, and
    what the stage's marker and the document's status need."""

    parquet: dict[str, bytes]
    images: dict[str, bytes]
    counts: dict[str, int]
    garbled: int
    page_sizes: list[list[float]]
    page_paths: list[str]
    warnings: list[str]


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The Parquet file `frame.to_parquet(path, index=False)` writes, byte for byte."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def documents_frame(rows: Sequence[DocumentRow]) -> pd.DataFrame:
    """The `documents` frame for some documents."""
    if not rows:
        return empty_frame("documents")
    frame = pd.DataFrame([row.__dict__ for row in rows])
    frame["ingested_at"] = pd.to_datetime(frame["ingested_at"], utc=True)
    return _typed(frame, "documents")


def extraction_frames(doc_id: str, extraction: DocumentExtraction) -> tuple[dict[str, pd.DataFrame], dict[str, bytes]]:
    """The item frames of one document and its figure crops (relative image path → PNG bytes)."""
    table_ids = _ids(doc_id, extraction.tables, table_id)
    figure_ids = _ids(doc_id, extraction.figures, figure_id)
    tables = [_table_row(doc_id, tid, t, table_ids) for tid, t in zip(table_ids, extraction.tables)]
    cells = [
        {"table_id": tid, "doc_id": doc_id, "row": c.row, "col": c.col, "row_span": c.row_span,
         "col_span": c.col_span, "is_header": c.is_header, "text": c.text, "value": c.value,
         "uncertainty": c.uncertainty, "unit": c.unit, **_cell_box(c.bbox)}
        for tid, t in zip(table_ids, extraction.tables) for c in t.cells
    ]
    figures = [_figure_row(doc_id, fid, f, figure_ids) for fid, f in zip(figure_ids, extraction.figures)]
    series = [
        {"figure_id": fid, "doc_id": doc_id, "series": p.series, "point": p.point, "x": p.x, "y": p.y,
         "x_label": p.x_label or f.x_label, "y_label": p.y_label or f.y_label, "y_uncertainty": p.uncertainty}
        for fid, f in zip(figure_ids, extraction.figures) for p in f.series
    ]
    images = {image_path(doc_id, fid): f.png for fid, f in zip(figure_ids, extraction.figures) if f.png}
    frames = {
        "tables": _frame(tables, "tables"),
        "table_cells": _frame(cells, "table_cells"),
        "figures": _frame(figures, "figures"),
        "figure_series": _frame(series, "figure_series"),
    }
    return frames, images


def _cell_box(box: tuple[float, float, float, float] | None) -> dict[str, float | None]:
    return dict(zip(("x0", "y0", "x1", "y1"), box or (None, None, None, None)))


def _ids(doc_id: str, items: Sequence[TableItem] | Sequence[FigureItem], make) -> list[str]:  # type: ignore[no-untyped-def]
    seen: dict[int, int] = {}
    ids = []
    for item in items:
        index = seen.get(item.page, 0)
        seen[item.page] = index + 1
        ids.append(make(doc_id, item.page, index))
    return ids


def _table_row(doc_id: str, tid: str, t: TableItem, ids: list[str]) -> dict:
    return {
        "table_id": tid, "doc_id": doc_id, "page": t.page,
        "x0": t.bbox[0], "y0": t.bbox[1], "x1": t.bbox[2], "y1": t.bbox[3],
        "label": t.label, "caption": t.caption, "footnotes": t.footnotes,
        "n_rows": t.n_rows, "n_cols": t.n_cols, "n_header_rows": t.n_header_rows,
        "continued_from": ids[t.continued_from] if t.continued_from is not None else None,
        "confidence": t.confidence, "method": t.method, "review_status": "needs_review",
        "reviewed_by": None, "reviewed_at": None, "review_reason": None,
        "evidence": json.dumps(dict(t.evidence), sort_keys=True),
    }


def _figure_row(doc_id: str, fid: str, f: FigureItem, ids: list[str]) -> dict:
    return {
        "figure_id": fid, "doc_id": doc_id, "page": f.page,
        "x0": f.bbox[0], "y0": f.bbox[1], "x1": f.bbox[2], "y1": f.bbox[3],
        "label": f.label, "caption": f.caption, "figure_kind": f.kind,
        "image_path": image_path(doc_id, fid) if f.png else None,
        "parent_figure_id": ids[f.parent] if f.parent is not None else None,
        "confidence": f.confidence, "method": f.method, "review_status": "needs_review",
        "reviewed_by": None, "reviewed_at": None, "review_reason": None,
        "evidence": json.dumps(dict(f.evidence), sort_keys=True),
    }


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    if not rows:
        return empty_frame(table)
    return _typed(pd.DataFrame(rows), table)


def _typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Columns in contract order with the contract's dtypes (taken from an empty typed frame)."""
    template = empty_frame(table)
    frame = frame.reindex(columns=columns(table))
    for name, dtype in template.dtypes.items():
        if frame[name].dtype == dtype:  # already typed (a stage's own Parquet read back): astype would only copy
            continue
        try:
            frame[name] = frame[name].astype(dtype)
        except (TypeError, ValueError):
            if str(dtype).startswith("datetime64"):
                frame[name] = pd.to_datetime(frame[name], utc=True)
            else:
                raise
    return frame


def concat_frames(parts: Sequence[Mapping[str, pd.DataFrame]], table: str) -> pd.DataFrame:
    """Stack one table's frames from many documents, typed as the contract says."""
    frames = [p[table] for p in parts if table in p and len(p[table])]
    if not frames:
        return empty_frame(table)
    return _typed(pd.concat(frames, ignore_index=True), table)
