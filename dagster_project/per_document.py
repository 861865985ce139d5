"""Per-document assets as graphs: plan the run's documents into batches, run one step per batch, summarize.

Every batch is its own step, so the multiprocess executor, celery workers or Kubernetes pods share a
backfill, while a run still covers any range of document partitions (single-run backfill policy) and
a step handles many documents (orchestration cost is paid per step, not per document).
"""

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import dagster as dg

from dagster_project.batching import Batch, plan_batches
from dagster_project.partitions import document_partitions
from dagster_project.policies import TRANSIENT_RETRY, classified
from dagster_project.resources import PaperlakeResource
from paperlake import progress, stages
from paperlake.escaping import markdown_text
from paperlake.settings import Settings
from paperlake.store import DataStore

StageFn = Callable[[DataStore, Settings, str], stages.StageOutcome]


@dataclass(frozen=True)
class BatchReport:
    """What one step did: each document's outcome and the seconds its stage took (passed between steps)."""

    stage: str
    outcomes: tuple[stages.StageOutcome, ...]
    seconds: tuple[float, ...]
    pid: int


def summary(outcomes: Sequence[stages.StageOutcome]) -> dict[str, int]:
    """Counts over a run's documents: the stage's own counts, documents, skipped, errors."""
    totals: Counter[str] = Counter()
    for outcome in outcomes:
        totals.update(outcome.counts)
    totals["documents"] = len(outcomes)
    totals["skipped_up_to_date"] = sum(o.skipped for o in outcomes)
    totals["errors"] = sum(o.error is not None for o in outcomes)
    return dict(totals)


def run_batch(context: dg.OpExecutionContext, paperlake: PaperlakeResource, stage: str, run: StageFn,
              batch: Batch) -> BatchReport:
    """Run one stage over a batch's documents; a transient error is re-raised for the retry policy."""
    import os

    store, settings = paperlake.store(), paperlake.settings()
    outcomes, seconds = [], []
    for position, doc_id in enumerate(batch.doc_ids, start=batch.offset + 1):
        if not store.is_registered(doc_id):
            context.log.warning(f"{stage}: partition {doc_id} has no registered PDF; skipped")
            continue
        started = time.perf_counter()
        try:
            outcome = run(store, settings, doc_id)
        except Exception as exc:
            raise classified(exc, f"{stage} of {doc_id}") from exc
        took = time.perf_counter() - started
        outcomes.append(outcome)
        seconds.append(took)
        if outcome.error:  # one event per problem; per-document lines would cost an event-log write each
            context.log.warning(f"{stage} {position}/{batch.total} {doc_id[:12]}: {outcome.detail}")
        progress.report(progress.ProgressEvent(stage, position, batch.total, doc_id, outcome.file_name,
                                               outcome.detail, skipped=outcome.skipped, seconds=took))
    context.log.info(f"{stage}: {len(outcomes)} document(s) of batch {batch.index} in {sum(seconds):.2f} s")
    return BatchReport(stage, tuple(outcomes), tuple(seconds), os.getpid())


def per_document_asset(name: str, stage: str, run: StageFn, *, description: str, group_name: str,
                       kinds: set[str], upstream: str | None = None, pool: str | None = None,
                       extra_metadata: Callable[[PaperlakeResource, list[BatchReport]], dict[str, object]]
                       | None = None) -> dg.AssetsDefinition:
    """A document-partitioned asset whose run fans out over batches of its partitions (one step each)."""

    @dg.op(name=f"{name}_batches", ins={"upstream": dg.In(dg.Nothing)} if upstream else {},
           out=dg.DynamicOut(Batch), description=f"Split the run's documents into batches for {stage}.")
    def batches(context: dg.OpExecutionContext, paperlake: PaperlakeResource):  # type: ignore[no-untyped-def]
        settings = paperlake.settings()
        planned = plan_batches(list(context.partition_keys), settings.docs_per_step, settings.min_steps)
        context.log.info(f"{stage}: {len(context.partition_keys)} document(s) in {len(planned)} step(s)")
        for batch in planned:
            yield dg.DynamicOutput(batch, mapping_key=batch.key)

    @dg.op(name=f"{name}_batch", pool=pool, retry_policy=TRANSIENT_RETRY,
           tags={"paperlake/stage": stage}, description=f"{stage} for one batch of documents.")
    def batch_step(context: dg.OpExecutionContext, paperlake: PaperlakeResource, batch: Batch) -> BatchReport:
        return run_batch(context, paperlake, stage, run, batch)

    @dg.op(name=f"{name}_summary", out=dg.Out(dg.Nothing), description=f"Counts of {stage} over the run.")
    def summarize(context: dg.OpExecutionContext, paperlake: PaperlakeResource, reports: list[BatchReport]) -> None:
        outcomes = [o for report in reports for o in report.outcomes]
        seconds = [s for report in reports for s in report.seconds]
        metadata: dict[str, object] = {**summary(outcomes), "steps": len(reports),
                                       f"{stage}_seconds": round(sum(seconds), 3)}
        failed = [o for o in outcomes if o.error]
        if failed:
            metadata["failed_documents"] = dg.MetadataValue.md(
                "\n".join(f"- `{o.doc_id[:12]}`: {markdown_text(o.error or '')}" for o in failed[:20]))
        if extra_metadata is not None:
            metadata |= extra_metadata(paperlake, reports)
        context.add_output_metadata(metadata)

    if upstream:
        def compose(upstream):  # type: ignore[no-untyped-def]  # the parameter is the upstream asset (Nothing)
            return summarize(batches(upstream).map(batch_step).collect())
        ins = {"upstream": dg.AssetIn(key=upstream, dagster_type=dg.Nothing)}
    else:
        def compose():  # type: ignore[no-untyped-def]
            return summarize(batches().map(batch_step).collect())
        ins = {}
    return dg.graph_asset(name=name, description=description, group_name=group_name, kinds=kinds,
                          partitions_def=document_partitions, backfill_policy=dg.BackfillPolicy.single_run(),
                          ins=ins)(compose)
