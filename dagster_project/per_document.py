"""The per-document asset as a graph: plan the run's documents into batches, one step per batch, summarize.

Every batch is its own step, so the multiprocess executor, celery workers or Kubernetes pods share a
backfill, while a run still covers any range of document partitions (single-run backfill policy). A
step takes each of its documents through every stage in turn (ingest → extract → validate → route),
a few documents at once (paperlake/pipeline/fanout.py),
so orchestration is paid per batch, and Dagster records one materialization per document, not one
per document and stage (each costs an event-log write; docs/cluster.md has the figures).
"""

import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import dagster as dg

from dagster_project.batching import Batch, plan_batches
from dagster_project.document_metadata import add_partition_metadata
from dagster_project.partitions import document_partitions
from dagster_project.policies import TRANSIENT_RETRY, classified
from dagster_project.resources import PaperlakeResource
from paperlake.escaping import markdown_text, terminal_text
from paperlake.pipeline import head_start, progress, reader_stages, stages
from paperlake.pipeline.fanout import map_in_threads, reader_count
from paperlake.settings import Settings
from paperlake.store import DataStore

StageFn = Callable[[DataStore, Settings, str], stages.StageOutcome]
DescribeFn = Callable[[DataStore, str], Mapping[str, object]]
"""A document's own partition metadata, read after its stages (file name, counts, a preview)."""


@dataclass(frozen=True)
class Stage:
    """One per-document stage: its name (in metadata, logs and progress) and the function that runs it."""

    name: str
    run: StageFn
    in_reader: bool = False
    """Whether the stage may run in the document's reader process (reader_stages.py): `run` is then a
    module-level function, and the stages so marked that follow each other run there in one call."""


@dataclass(frozen=True)
class DocumentReport:
    """One document's way through the stages: each stage's outcome and the seconds it took, in order."""

    doc_id: str
    outcomes: tuple[stages.StageOutcome, ...]
    seconds: tuple[float, ...]
    metadata: Mapping[str, object] = field(default_factory=dict)
    """The document's own partition metadata (per_document_asset's `describe`), read in the batch's step."""

    def outcome(self, stage: str, names: Sequence[str]) -> stages.StageOutcome | None:
        """The outcome of the named stage (None when the document never reached it)."""
        index = list(names).index(stage)
        return self.outcomes[index] if index < len(self.outcomes) else None

    def first_failure(self, names: Sequence[str]) -> tuple[str, stages.StageOutcome] | None:
        """The stage the document failed in and its outcome (None when every stage it reached succeeded)."""
        return next(((name, o) for name, o in zip(names, self.outcomes) if o.error), None)


@dataclass(frozen=True)
class BatchReport:
    """What one step did for its documents (passed from the batch steps to the summary step)."""

    stage_names: tuple[str, ...]
    documents: tuple[DocumentReport, ...]
    pid: int


def summary(reports: Sequence[BatchReport]) -> dict[str, object]:
    """Counts over a run's documents: each stage's own counts and seconds, documents, up to date, errors."""
    totals: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    documents = [d for report in reports for d in report.documents]
    for report in reports:
        for document in report.documents:
            for name, outcome, took in zip(report.stage_names, document.outcomes, document.seconds):
                totals.update(outcome.counts)
                seconds[name] += took
    metadata: dict[str, object] = dict(totals)
    metadata["documents"] = len(documents)
    metadata["skipped_up_to_date"] = sum(all(o.skipped for o in d.outcomes) for d in documents)
    metadata["errors"] = sum(any(o.error for o in d.outcomes) for d in documents)
    metadata |= {f"{name}_seconds": round(value, 3) for name, value in seconds.items()}
    return metadata


def run_batch(context: dg.OpExecutionContext, paperlake: PaperlakeResource, pipeline: Sequence[Stage],
              batch: Batch, describe: DescribeFn | None = None) -> BatchReport:
    """Take each document of a batch through every stage, several documents at once (settings.document_workers,
    each in its own reader process), then read its partition metadata with `describe`; a transient error is
    re-raised for the retry policy."""
    store, settings = paperlake.store(), paperlake.settings()

    def one_document(numbered: tuple[int, str]) -> tuple[DocumentReport | None, list[str]]:
        position, doc_id = numbered
        if not store.is_registered(doc_id):
            return None, [f"partition {doc_id} has no registered PDF; skipped"]
        outcomes, seconds, problems = [], [], []
        ahead: dict[str, tuple[stages.StageOutcome, float]] = {}
        raised: dict[str, Exception] = {}
        tried = False  # the reader stages are sent to the reader once: after a reader died, this thread runs them
        for index, stage in enumerate(pipeline):
            claimed = head.claim(doc_id, stage.name, settings) if head is not None else None
            if claimed is None and stage.in_reader and not tried:
                tried = True
                ahead, raised = _in_reader(store, settings, doc_id, pipeline[index:])
            if claimed is None:
                claimed = ahead.pop(stage.name, None)
            if stage.name in raised:
                exc = raised.pop(stage.name)
                raise classified(exc, f"{stage.name} of {doc_id}") from exc
            if claimed is not None:  # run while Dagster started (head_start.py) or in the reader (reader_stages.py)
                outcome, took = claimed
            else:
                started = time.perf_counter()
                try:
                    outcome = stage.run(store, settings, doc_id)
                except Exception as exc:
                    raise classified(exc, f"{stage.name} of {doc_id}") from exc
                took = time.perf_counter() - started
            outcomes.append(outcome)
            seconds.append(took)
            if outcome.error:  # one event per problem; per-document lines would cost an event-log write each
                # the detail may quote the file's name, which may hold terminal escapes: Dagster prints log lines raw
                problems.append(f"{stage.name} {position}/{batch.total} {doc_id[:12]}: {terminal_text(outcome.detail)}")
            progress.report(progress.ProgressEvent(stage.name, position, batch.total, doc_id, outcome.file_name,
                                                   outcome.detail, skipped=outcome.skipped, seconds=took))
        metadata = describe(store, doc_id) if describe is not None else {}
        return DocumentReport(doc_id, tuple(outcomes), tuple(seconds), metadata), problems

    def log_problems(result: tuple[DocumentReport | None, list[str]]) -> None:
        for problem in result[1]:  # logged from the step's own thread, as each document finishes
            context.log.warning(problem)

    head = head_start.current()
    if head is not None:
        head.stop()
    readers = reader_count(settings.document_workers, stages.document_limits(settings))
    numbered = list(enumerate(batch.doc_ids, start=batch.offset + 1))
    if readers > 1:  # longest first, so no reader is left with a long document while the others wait
        numbered = longest_first(store, numbered, settings, head.pages if head is not None else None)
    reading = head.reading if head is not None else None
    if reading is not None:  # first: the thread that waits for it takes over the head start's reader
        numbered.sort(key=lambda pair: pair[1] != reading)
    results = map_in_threads(one_document, numbered, readers, on_done=log_problems)
    by_id = {report.doc_id: report for report, _ in results if report is not None}
    documents = [by_id[doc_id] for doc_id in batch.doc_ids if doc_id in by_id]
    context.log.info(f"{len(documents)} document(s) of batch {batch.index} in "
                     f"{sum(sum(d.seconds) for d in documents):.2f} s, {readers} at a time")
    return BatchReport(tuple(stage.name for stage in pipeline), tuple(documents), os.getpid())


def _in_reader(store: DataStore, settings: Settings, doc_id: str, pipeline: Sequence[Stage]
               ) -> tuple[dict[str, tuple[stages.StageOutcome, float]], dict[str, Exception]]:
    """The reader stages at the head of `pipeline` run in the document's reader in one call: each one's outcome
    and seconds by name, and the exception of the one that raised; nothing when they could not run there (the
    step's thread then runs each itself)."""
    group = []
    for stage in pipeline:
        if not stage.in_reader:
            break
        group.append(stage)
    ran = reader_stages.run_in_reader(store, settings, doc_id, [stage.run for stage in group])
    if ran is None:
        return {}, {}
    done = {stage.name: result for stage, result in zip(group, ran.done)}
    raised = {group[len(ran.done)].name: ran.error} if ran.error is not None else {}
    return done, raised


def longest_first(store: DataStore, numbered: list[tuple[int, str]], settings: Settings,
                  known: Mapping[str, int] | None = None) -> list[tuple[int, str]]:
    """(position, doc_id) pairs with the most pages first, then the largest file (stages.reading_sizes; `known`
    page counts are not counted again)."""
    pages = stages.reading_sizes(store, [doc_id for _, doc_id in numbered], settings, known)
    return sorted(numbered, key=lambda pair: (-pages.get(pair[1], 0), -stages.source_size(store, pair[1])))


def per_document_asset(name: str, pipeline: Sequence[Stage], *, description: str, group_name: str,
                       kinds: set[str], pool: str | None = None,
                       extra_metadata: Callable[[list[BatchReport]], dict[str, object]] | None = None,
                       describe: DescribeFn | None = None) -> dg.AssetsDefinition:
    """A document-partitioned asset whose run fans out over batches of its partitions (one step each).

    Each partition's materialization carries what `describe` says of its document; the run's last
    partition also carries the run's summary, every key prefixed `run_`."""
    pipeline = tuple(pipeline)
    chain = " → ".join(stage.name for stage in pipeline)

    @dg.op(name=f"{name}_batches", out=dg.DynamicOut(Batch),
           description="Split the run's documents into batches, one step each.")
    def batches(context: dg.OpExecutionContext, paperlake: PaperlakeResource):  # type: ignore[no-untyped-def]
        settings = paperlake.settings()
        planned = plan_batches(list(context.partition_keys), settings.docs_per_step, settings.min_steps)
        context.log.info(f"{len(context.partition_keys)} document(s) in {len(planned)} step(s)")
        for batch in planned:
            yield dg.DynamicOutput(batch, mapping_key=batch.key)

    @dg.op(name=f"{name}_batch", pool=pool, retry_policy=TRANSIENT_RETRY,
           tags={"paperlake/stages": chain}, description=f"{chain} for one batch of documents.")
    def batch_step(context: dg.OpExecutionContext, paperlake: PaperlakeResource, batch: Batch) -> BatchReport:
        return run_batch(context, paperlake, pipeline, batch, describe)

    @dg.op(name=f"{name}_summary", out=dg.Out(dg.Nothing), description="Counts of every stage over the run.")
    def summarize(context: dg.AssetExecutionContext, reports: list[BatchReport]) -> None:
        """Every partition's materialization names its run's size and carries its document's own metadata;
        the run's last partition (the asset's latest materialization in the UI) also carries the run's
        summary, as `run_*`. A copy of the summary on every partition would make each of the run's N
        event-log writes a quarter slower."""
        metadata = {**summary(reports), "steps": len(reports)}
        failed = [failure for report in reports for d in report.documents
                  if (failure := d.first_failure(report.stage_names))]
        if failed:
            metadata["failed_documents"] = dg.MetadataValue.md("\n".join(
                f"- {markdown_text(terminal_text(o.file_name))} `{o.doc_id[:12]}` ({stage}): "
                f"{markdown_text(terminal_text(o.error or ''))}"
                for stage, o in failed[:20]))
        if extra_metadata is not None:
            metadata |= extra_metadata(reports)
        context.add_output_metadata({"documents_in_run": len(context.partition_keys)})
        by_partition: dict[str, dict[str, object]] = {
            d.doc_id: dict(d.metadata) for report in reports for d in report.documents if d.metadata}
        if context.partition_keys:
            last = context.partition_keys[-1]
            by_partition[last] = {**by_partition.get(last, {}), **{f"run_{k}": v for k, v in metadata.items()}}
        add_partition_metadata(context, by_partition)

    def compose():  # type: ignore[no-untyped-def]
        return summarize(batches().map(batch_step).collect())

    return dg.graph_asset(name=name, description=description, group_name=group_name, kinds=kinds,
                          partitions_def=document_partitions, backfill_policy=dg.BackfillPolicy.single_run()
                          )(compose)
