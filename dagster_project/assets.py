"""The asset graph: documents → extraction → validation → review_routing → review_queue, published_dataset.

Per-document assets run once over every partition of the run (single-run backfill policy), so a batch
of PDFs is one Dagster run; each calls a paperlake stage per document and records counts as metadata.
"""

import time
from collections import Counter
from collections.abc import Callable, Iterator

import dagster as dg

from dagster_project.partitions import document_partitions
from dagster_project.resources import PaperlakeResource
from paperlake import progress, stages
from paperlake.assemble import publish_all
from paperlake.label_studio import LabelStudioError
from paperlake.review_queue import build_review_queue
from paperlake.review_sync import push_reviews
from schemas.dataset import CONTRACT_TABLES

_PER_DOCUMENT = {"partitions_def": document_partitions, "backfill_policy": dg.BackfillPolicy.single_run()}


def _each_document(context: dg.AssetExecutionContext, paperlake: PaperlakeResource, stage: str,
                   run: Callable[[str], stages.StageOutcome]) -> list[stages.StageOutcome]:
    """Run one stage over the run's documents, reporting progress per document."""
    store = paperlake.store()
    keys = [k for k in context.partition_keys if store.is_registered(k)]
    outcomes = []
    for index, doc_id in enumerate(keys, start=1):
        started = time.perf_counter()
        outcome = run(doc_id)
        seconds = time.perf_counter() - started
        outcomes.append(outcome)
        context.log.info(f"{stage} {index}/{len(keys)} {outcome.file_name}: {outcome.detail} ({seconds:.2f} s)")
        progress.report(progress.ProgressEvent(stage, index, len(keys), doc_id, outcome.file_name, outcome.detail,
                                               skipped=outcome.skipped, seconds=seconds))
    return outcomes


def _summary(outcomes: list[stages.StageOutcome]) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for outcome in outcomes:
        totals.update(outcome.counts)
    totals["documents"] = len(outcomes)
    totals["skipped_up_to_date"] = sum(o.skipped for o in outcomes)
    totals["errors"] = sum(o.error is not None for o in outcomes)
    return dict(totals)


@dg.asset(**_PER_DOCUMENT, group_name="extraction", kinds={"pdf"})
def documents(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """Each registered PDF opened once: page count and title, or a failed status with the reason."""
    store = paperlake.store()
    outcomes = _each_document(context, paperlake, "ingest", lambda d: stages.ingest(store, d))
    return dg.MaterializeResult(metadata=_summary(outcomes))


@dg.asset(**_PER_DOCUMENT, deps=[documents], group_name="extraction", kinds={"pymupdf"})
def extraction(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """Tables (cell grids, captions) and figures (boxes, captions, PNG crops) from the vector path."""
    store, settings = paperlake.store(), paperlake.settings()
    outcomes = _each_document(context, paperlake, "extract", lambda d: stages.extract(store, d, settings))
    return dg.MaterializeResult(metadata=_summary(outcomes))


_VALIDATION_CHECKS = [dg.AssetCheckSpec(f"{name}_schema", asset="validation",
                                        description=f"Items of `{name}` satisfy the pandera schema")
                      for name in CONTRACT_TABLES] + [
    dg.AssetCheckSpec("cross_table_rules", asset="validation",
                      description="Cells belong to tables, spans stay in grids, boxes stay on pages")]


@dg.asset(**_PER_DOCUMENT, deps=[extraction], group_name="validation", kinds={"pandera"},
          check_specs=_VALIDATION_CHECKS)
def validation(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> Iterator[object]:
    """pandera schemas and cross-table rules over each document's items; failures route items to review."""
    store = paperlake.store()
    outcomes = _each_document(context, paperlake, "validate", lambda d: stages.validate(store, d))
    by_table: Counter[str] = Counter()
    for outcome in outcomes:
        marker = store.stage_marker(outcome.doc_id, stages.VALIDATION) or {}
        by_table.update(marker.get("by_table", {}))
    yield dg.MaterializeResult(metadata=_summary(outcomes))
    for spec in _VALIDATION_CHECKS:
        table = spec.name.removesuffix("_schema")
        failed = by_table.get("cross_table", 0) if spec.name == "cross_table_rules" else by_table.get(table, 0)
        yield dg.AssetCheckResult(check_name=spec.name, passed=failed == 0, severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"failures": failed, "note": "failing items are kept and sent to review"})


@dg.asset(**_PER_DOCUMENT, deps=[validation], group_name="review", kinds={"python"})
def review_routing(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """Items under the confidence threshold or failing validation get review_status = needs_review."""
    store, settings = paperlake.store(), paperlake.settings()
    outcomes = _each_document(context, paperlake, "route", lambda d: stages.route(store, d, settings))
    return dg.MaterializeResult(metadata={**_summary(outcomes), "threshold": settings.review_threshold})


@dg.asset(deps=[review_routing], group_name="review", kinds={"labelstudio"})
def review_queue(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """Every needs_review item as a Label Studio task with its page crop: import files, and pushed when configured."""
    store, settings = paperlake.store(), paperlake.settings()
    counts = build_review_queue(store, settings)
    context.log.info(f"review queue: {counts['tables']} tables, {counts['figures']} figures")
    metadata: dict[str, object] = {**counts, "import_dir": dg.MetadataValue.path(str(store.review_dir))}
    if settings.label_studio_url:
        try:
            pushed = push_reviews(store, settings)
        except LabelStudioError as exc:  # a stopped review server must not fail extraction runs
            context.log.warning(f"review tasks not pushed: {exc}")
            metadata["pushed"] = False
        else:
            metadata["pushed"] = True
            for kind, result in pushed.items():
                metadata |= {f"{kind}_created": result.created, f"{kind}_updated": result.updated,
                             f"{kind}_unchanged": result.unchanged}
            context.log.info(f"pushed to Label Studio: {pushed}")
    return dg.MaterializeResult(metadata=metadata)


@dg.asset(deps=[review_routing], group_name="publish", kinds={"parquet", "duckdb"})
def published_dataset(context: dg.AssetExecutionContext, paperlake: PaperlakeResource) -> dg.MaterializeResult:
    """An immutable snapshot of every processed document, CURRENT moved to it, catalog views refreshed."""
    store, settings = paperlake.store(), paperlake.settings()
    snapshot, counts = publish_all(store, settings)
    context.log.info(f"published snapshot {snapshot.id}")
    return dg.MaterializeResult(metadata={
        "snapshot_id": snapshot.id,
        "snapshot_path": dg.MetadataValue.path(str(snapshot.path)),
        "catalog": dg.MetadataValue.path(str(store.root / "catalog.duckdb")),
        "snapshots_pruned": len(snapshot.pruned),
        **{k: v for k, v in counts.__dict__.items()},
    })
