"""Each document partition's own metadata: the names people know for a partition keyed by a sha256.

Partition keys stay the documents' sha256 (stored runs and materializations refer to them); the
file name, pages, tables, figures, items needing review and a preview of the document's tables go on
each partition's materialization instead. Read from the document's routed frames (before curators'
corrections, which the `published_dataset` asset applies); PDF text reaches metadata only as escaped Markdown.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq

from dagster_project.metadata import escape_md, item_preview_lines
from paperlake.pipeline.stages import REVIEW
from paperlake.store import DataStore

DOCUMENT_PREVIEW_ROWS = 10
TABLE_COLUMNS = ["label", "page", "n_rows", "n_cols", "confidence", "review_status"]


def document_metadata(store: DataStore, doc_id: str) -> dict[str, object]:
    """A document's partition metadata: file name, status, pages, tables, figures, items needing review and
    its tables as a Markdown preview (label, page, rows × cols, confidence, review status)."""
    routed = store.stage_dir(doc_id, REVIEW)
    if store.stage_marker(doc_id, REVIEW) is None:  # a run that failed before routing this document
        file_name = store.source(doc_id).file_name
        return {"file_name": dg.MetadataValue.md(escape_md(file_name, 200)), "status": "not routed"}
    document = pq.read_table(routed / "documents.parquet", columns=["file_name", "n_pages", "status"]).to_pylist()
    tables = pq.read_table(routed / "tables.parquet", columns=TABLE_COLUMNS)
    figures = pq.read_table(routed / "figures.parquet", columns=["review_status"])["review_status"].to_pylist()
    statuses = tables["review_status"].to_pylist() + figures
    file_name = str(document[0]["file_name"]) if document else store.source(doc_id).file_name
    return {
        "file_name": dg.MetadataValue.md(escape_md(file_name, 200)),
        "status": str(document[0]["status"]) if document else "unknown",
        "pages": int(document[0]["n_pages"]) if document else 0,
        "tables": tables.num_rows,
        "figures": len(figures),
        "needs_review": statuses.count("needs_review"),
        # pandas only where there is a table to show (its conversion was most of a document's metadata)
        "tables_preview": dg.MetadataValue.md(document_tables_preview(tables.to_pandas() if tables.num_rows
                                                                      else pd.DataFrame())),
    }


def document_tables_preview(tables: pd.DataFrame, rows: int = DOCUMENT_PREVIEW_ROWS) -> str:
    """One document's tables as a Markdown table: label, page, rows × cols, confidence, review status."""
    if tables.empty:
        return "_no tables_"
    lines = ["| table | page | rows × cols | confidence | review |", "|---|---|---|---|---|"]
    lines += [f"| {line} |" for line in item_preview_lines(tables.head(rows))]
    if len(tables) > rows:
        lines.append(f"\n_{len(tables) - rows} more in the catalog_")
    return "\n".join(lines)


@contextlib.contextmanager
def partitions_read_once(instance: dg.DagsterInstance) -> Iterator[None]:
    """Within the block, the instance answers which dynamic partitions exist from one read.

    `context.add_asset_metadata(..., partition_key=...)` checks the key against the instance's partitions with
    three database queries per call (15 ms each on SQLite): 1,000 documents' metadata took 14 s, 0.1 s with
    this. The partitions cannot change under a step that is materializing them."""
    listed: dict[str, tuple[list[str], set[str]]] = {}
    read = instance.get_dynamic_partitions

    def keys(partitions_def_name: str) -> tuple[list[str], set[str]]:
        if partitions_def_name not in listed:
            names = list(read(partitions_def_name))
            listed[partitions_def_name] = (names, set(names))
        return listed[partitions_def_name]

    def get_dynamic_partitions(partitions_def_name: str) -> list[str]:
        return keys(partitions_def_name)[0]

    def has_dynamic_partition(partitions_def_name: str, partition_key: str) -> bool:
        return partition_key in keys(partitions_def_name)[1]

    instance.get_dynamic_partitions = get_dynamic_partitions  # type: ignore[method-assign]
    instance.has_dynamic_partition = has_dynamic_partition  # type: ignore[method-assign]
    try:
        yield
    finally:
        del instance.get_dynamic_partitions
        del instance.has_dynamic_partition


def add_partition_metadata(context: dg.AssetExecutionContext, by_partition: Mapping[str, Mapping[str, object]]) -> None:
    """Add each partition's own metadata to its materialization in this step."""
    with partitions_read_once(context.instance):
        for partition_key, metadata in by_partition.items():
            context.add_asset_metadata(dict(metadata), partition_key=partition_key)
