"""The asset graph: extraction (per document) → review_queue, published_dataset → mirrored_snapshot.

The per-document asset is a document-partitioned graph: a run covers any range of partitions
(single-run backfill policy) and fans out one step per batch of documents, each taken through
ingest, extract, validate and route, and its review images drawn (see per_document.py), so executors spread
the work. Those steps sit in the `paperlake_models` pool; steps that talk to Label Studio or object storage
retry transient errors with exponential backoff and jitter.
"""

from collections import Counter

import dagster as dg
import pandas as pd

from dagster_project.document_metadata import document_metadata
from dagster_project.metadata import escape_md, figure_thumbnails, reliability_metadata, tables_preview
from dagster_project.per_document import BatchReport, Stage, per_document_asset
from dagster_project.policies import MODELS_POOL, TRANSIENT_RETRY, classified, is_transient
from dagster_project.resources import PaperlakeResource
from paperlake.dataset.assemble import publish_all
from paperlake.dataset.layout import current_snapshot
from paperlake.dataset.object_store import mirror_snapshot
from paperlake.pipeline import stages
from paperlake.review.document_stages import READER_STAGES
from paperlake.review.queue import build_review_queue
from paperlake.review.reliability_report import snapshot_items


def _extraction_preview(reports: list[BatchReport]) -> dict[str, object]:
    """Per-document rows of the run (first 20): file name, counts, extraction seconds and status (Markdown,
    names escaped)."""
    lines = ["| file | document | tables | figures | cells | seconds | status |", "|---|---|---|---|---|---|---|"]
    for document, stage_names in [(d, r.stage_names) for r in reports for d in r.documents][:20]:
        extract = document.outcome("extract", stage_names)
        counts = extract.counts if extract else {}
        failed = document.first_failure(stage_names)
        status = "failed" if failed else ("up to date" if extract and extract.skipped else "extracted")
        file_name = document.outcomes[0].file_name if document.outcomes else ""
        lines.append(f"| {escape_md(file_name, 60)} | `{document.doc_id[:12]}` | {counts.get('tables', 0)} "
                     f"| {counts.get('figures', 0)} | {counts.get('cells', 0)} | {sum(document.seconds):.3f} "
                     f"| {status} |")
    return {"preview": dg.MetadataValue.md("\n".join(lines)), "worker_processes": len({r.pid for r in reports})}


PER_DOCUMENT_STAGES = (
    Stage("ingest", lambda store, settings, doc_id: stages.ingest(store, doc_id, settings)),
    Stage("extract", lambda store, settings, doc_id: stages.extract(store, doc_id, settings)),
    *(Stage(name, run, in_reader=True) for name, run in READER_STAGES.items()),
)
"""What happens to each document, in order; every stage skips work its done-marker says is up to date (the
review images, work whose files are already there). Those after extraction run in the document's reader, in
one call (reader_stages.py)."""

extraction = per_document_asset(
    "extraction", PER_DOCUMENT_STAGES, pool=MODELS_POOL,
    description="Each document (one partition each) opened, its tables (cell grids, captions) and figures "
                "(boxes, captions, PNG crops) extracted, validated with pandera and cross-table rules, and "
                "its items routed: under the confidence threshold or invalid → needs_review. Partitions are "
                "keyed by the PDF's sha256; each partition's metadata names its file and counts its items.",
    group_name="extraction", kinds={"pymupdf", "pandera"}, extra_metadata=_extraction_preview,
    describe=document_metadata)


@dg.asset(deps=[extraction], group_name="review", kinds={"labelstudio"}, retry_policy=TRANSIENT_RETRY)
def review_queue(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """Every needs_review item as a Label Studio task with its page crop: import files, and pushed when configured.

    An unreachable Label Studio is retried with backoff; after the last retry the tasks stay in the
    import files and the run goes on (a stopped review server must not fail extraction runs).
    """
    store, settings = paperlake.store(), paperlake.settings()
    counts = build_review_queue(store, settings)
    context.log.info(f"review queue: {counts['tables']} tables, {counts['figures']} figures")
    metadata: dict[str, object] = {**counts, "import_dir": dg.MetadataValue.path(str(store.review_dir))}
    if settings.label_studio_url:
        # loaded here: Label Studio's client (httpx) cost every run 0.4 s of start-up
        from paperlake.review.label_studio import LabelStudioError
        from paperlake.review.sync import push_reviews

        try:
            pushed = push_reviews(store, settings)
        except LabelStudioError as exc:
            last_try = context.retry_number >= TRANSIENT_RETRY.max_retries
            if is_transient(exc) and not last_try:
                context.log.warning(f"Label Studio not reachable (attempt {context.retry_number + 1}); retrying")
                raise
            context.log.warning(f"review tasks not pushed: {exc}")
            metadata |= {"pushed": False, "push_error": str(exc)[:300], "attempts": context.retry_number + 1}
        else:
            metadata["pushed"] = True
            for kind, result in pushed.items():
                metadata |= {f"{kind}_created": result.created, f"{kind}_updated": result.updated,
                             f"{kind}_unchanged": result.unchanged}
            context.log.info(f"pushed to Label Studio: {pushed}")
    return dg.MaterializeResult(metadata=metadata)


@dg.asset(deps=[extraction], group_name="publish", kinds={"parquet", "duckdb"})
def published_dataset(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """An immutable snapshot of every processed document, CURRENT moved to it, catalog views refreshed."""
    store, settings = paperlake.store(), paperlake.settings()
    snapshot, counts = publish_all(store, settings)
    context.log.info(f"published snapshot {snapshot.id}")
    tables = pd.read_parquet(snapshot.path / "tables.parquet")
    figures = pd.read_parquet(snapshot.path / "figures.parquet")
    docs = pd.read_parquet(snapshot.path / "documents.parquet")
    return dg.MaterializeResult(metadata={
        "snapshot_id": snapshot.id,
        "snapshot_path": dg.MetadataValue.path(str(snapshot.path)),
        "catalog": dg.MetadataValue.path(str(store.root / "catalog.duckdb")),
        "snapshots_pruned": len(snapshot.pruned),
        **{k: v for k, v in counts.__dict__.items()},
        "review_status": dg.MetadataValue.json(dict(Counter(tables["review_status"]) + Counter(figures["review_status"]))),
        "tables_preview": dg.MetadataValue.md(tables_preview(tables, docs)),
        "figure_thumbnails": dg.MetadataValue.md(figure_thumbnails(figures, snapshot.path)),
        **reliability_metadata(snapshot_items(snapshot.path, store.review_dir)),
    })


@dg.asset(deps=[published_dataset], group_name="publish", kinds={"s3"}, retry_policy=TRANSIENT_RETRY)
def mirrored_snapshot(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """The current snapshot copied to object storage (`object_store_url`), its CURRENT pointer written last."""
    settings = paperlake.settings()
    snapshot = current_snapshot(settings.data_dir)
    if not settings.object_store_url or snapshot is None:
        reason = "no object_store_url set" if snapshot else "nothing published yet"
        context.log.info(f"snapshot not mirrored: {reason}")
        return dg.MaterializeResult(metadata={"mirrored": False, "reason": reason})
    try:
        result = mirror_snapshot(snapshot.path, settings.object_store_url)
    except Exception as exc:
        raise classified(exc, f"mirror to {settings.object_store_url}") from exc
    context.log.info(f"mirrored {result.snapshot_id} to {result.url}")
    return dg.MaterializeResult(metadata={"mirrored": True, "snapshot_id": result.snapshot_id,
                                          "url": dg.MetadataValue.url(result.url), "uploaded": result.uploaded,
                                          "already_there": result.already_there,
                                          "bytes_uploaded": result.bytes_uploaded})
