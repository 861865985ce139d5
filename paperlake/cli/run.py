"""`paperlake run`: register the PDFs, run the asset graph over them in-process, print a summary."""
from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from paperlake.dataset.layout import current_snapshot
from paperlake.escaping import terminal_text
from paperlake.lock import BUSY_EXIT_CODE, DataDirBusy, describe_holder, writer_lock
from paperlake.pipeline import progress
from paperlake.pipeline.inputs import scan_inputs
from paperlake.pipeline.summary import count_snapshot, page_path_counts, page_path_lines, read_page_paths
from paperlake.settings import Settings
from paperlake.store import DataStore, InputRefused

STAGE_NAMES = {"ingest": "open", "extract": "extract", "validate": "validate", "route": "route"}
LAST_STAGE = "route"
"""The stage after which a document is done (the progress bar counts it)."""


def run_pipeline(settings: Settings, paths: Sequence[Path], verbose: bool = False, wait_s: float = 0.0) -> int:
    """Run the whole pipeline on the PDFs under `paths`; returns 0 when a snapshot was published.

    The data dir's writer lock is held from registering the PDFs to the summary; another run holding it is
    waited for up to `wait_s` seconds, then this one stops with BUSY_EXIT_CODE and says who holds it."""
    data_dir = settings.data_dir.resolve()
    settings = dataclasses.replace(settings, data_dir=data_dir)
    scan = scan_inputs(paths)
    for path, reason in scan.skipped:
        print(f"skipped {terminal_text(str(path))}: {terminal_text(reason)}", file=sys.stderr)
    if not scan.pdfs:
        print("paperlake: no PDF files found in the paths given", file=sys.stderr)
        return 1

    def waiting(holder: dict) -> None:
        print(terminal_text(f"waiting for {describe_holder(holder)}, which holds {data_dir} (up to {wait_s:.0f} s)"),
              file=sys.stderr)

    try:
        with writer_lock(data_dir, wait_s=wait_s, on_wait=waiting,
                         command=" ".join(["paperlake run", *map(str, paths)])):
            return _run_locked(settings, scan.pdfs, len(scan.skipped), verbose)
    except DataDirBusy as exc:
        print(f"paperlake: {terminal_text(str(exc))}", file=sys.stderr)
        return BUSY_EXIT_CODE


def _run_locked(settings: Settings, pdfs: Sequence[Path], skipped: int, verbose: bool) -> int:
    from dagster_project.local_run import run_documents
    from paperlake.pipeline.fanout import reader_count
    from paperlake.pipeline.isolation import warm_up
    from paperlake.pipeline.stages import EXTRACTION, document_limits

    data_dir = settings.data_dir
    if document_limits(settings).active:
        warm_up()  # the readers' forkserver imports the extractors while the PDFs are registered and Dagster starts
    store = DataStore(data_dir)
    doc_ids: list[str] = []
    for pdf in pdfs:
        try:
            doc_ids.append(store.register(pdf).doc_id)
        except InputRefused as exc:  # swapped for a link or a FIFO since the scan, or changed while read
            print(f"skipped {terminal_text(str(pdf))}: {terminal_text(str(exc))}", file=sys.stderr)
            skipped += 1
    doc_ids = list(dict.fromkeys(doc_ids))
    if not doc_ids:
        print("paperlake: no PDF files found in the paths given", file=sys.stderr)
        return 1
    print(f"{len(pdfs)} PDF file(s), {len(doc_ids)} distinct document(s) → {terminal_text(str(data_dir))}"
          + (f"; {skipped} input(s) skipped, each with its reason above" if skipped else ""))
    display = ProgressDisplay(interactive=sys.stderr.isatty())
    unsubscribe = progress.subscribe(display.on_event)
    started = time.perf_counter()
    try:
        result = run_documents(data_dir, doc_ids, quiet=not verbose, review_threshold=settings.review_threshold)
    finally:
        unsubscribe()
        display.close()
    elapsed = time.perf_counter() - started
    for line in dict.fromkeys(display.problems):
        print(f"error: {line}", file=sys.stderr)
    if not result.success:
        failed = [e for e in result.all_events if e.is_step_failure]
        for event in failed:
            error = event.step_failure_data.error
            message = terminal_text(error.message.strip()) if error else "unknown error"
            print(f"step {event.step_key} failed: {message}", file=sys.stderr)
        print("paperlake: the run failed; re-run the same command to finish the remaining work", file=sys.stderr)
        return 1
    snapshot = current_snapshot(data_dir)
    if snapshot is None:
        print("paperlake: no snapshot was published", file=sys.stderr)
        return 1
    paths = read_page_paths(store.stage_dir(doc_id, EXTRACTION) for doc_id in doc_ids)
    _print_summary(data_dir, snapshot.id, snapshot.path,
                   run_lines(display.stages, elapsed, reader_count(settings.document_workers, document_limits(settings)))
                   + page_path_lines(page_path_counts(paths)))
    return 0


@dataclasses.dataclass
class StageStats:
    """What one stage did over a run's documents: how many it worked on, how many were up to date, its time."""

    done: int = 0
    skipped: int = 0
    seconds: float = 0.0


def run_lines(stages: dict[str, StageStats], elapsed: float, readers: int = 1) -> list[str]:
    """Summary lines about the run itself: documents extracted vs skipped as unchanged, and where time went
    (stage times are summed over documents, which `readers` read at once)."""
    extract = stages.get("extract", StageStats())
    lines = [(f"extracted      {extract.done} document(s) in {extract.seconds:.2f} s; "
              f"{extract.skipped} unchanged, skipped")]
    parts = ", ".join(f"{STAGE_NAMES.get(name, name)} {st.seconds:.2f} s" for name, st in stages.items())
    if not parts:
        lines.append(f"run time       {elapsed:.1f} s")
    elif readers > 1:
        lines.append(f"run time       {elapsed:.1f} s ({parts}, summed over documents read {readers} at a time; "
                     "the rest is Dagster and publishing)")
    else:
        lines.append(f"run time       {elapsed:.1f} s ({parts}; the rest is Dagster and publishing)")
    return lines


class ProgressDisplay:
    """One progress bar over the documents on a terminal (a document counts when its last stage is done);
    one line per document per stage elsewhere (logs, CI)."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.problems: list[str] = []
        self._bar: tqdm | None = None
        self.stages: dict[str, StageStats] = {}

    def on_event(self, event: progress.ProgressEvent) -> None:
        stats = self.stages.setdefault(event.stage, StageStats())
        stats.skipped += event.skipped
        stats.done += not event.skipped
        stats.seconds += event.seconds
        file_name, detail = terminal_text(event.file_name), terminal_text(event.detail)
        if event.detail.startswith("failed"):
            self.problems.append(f"{file_name}: {detail}")
        name = STAGE_NAMES.get(event.stage, event.stage)
        if not self.interactive:
            print(f"{name:<8} {event.index}/{event.total} {file_name}: {detail}", file=sys.stderr)
            return
        if self._bar is None:
            self._bar = tqdm(total=event.total, desc="documents", unit="doc", file=sys.stderr)
        self._bar.set_postfix_str(f"{name} {file_name[:40]}")
        if event.stage == LAST_STAGE:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _print_summary(data_dir: Path, snapshot_id: str, snapshot_path: Path, run_info: Sequence[str] = ()) -> None:
    counts = count_snapshot(snapshot_path)
    catalog = data_dir / "catalog.duckdb"
    print()
    print(f"documents      {counts.documents} ({counts.failed_documents} failed)")
    print(f"pages          {counts.pages}")
    print(f"tables         {counts.tables} ({counts.cells} cells)")
    print(f"figures        {counts.figures}")
    print(f"needs review   {counts.needs_review}  (tasks in {terminal_text(str(data_dir / 'review'))})")
    for line in _review_lines(snapshot_path):
        print(line)
    print(f"snapshot       {snapshot_id}")
    print(f"catalog        {terminal_text(str(catalog))}")
    for line in run_info:
        print(line)
    print()
    print("query it:")
    sql = ("select t.label, t.page, t.n_rows, t.n_cols, t.review_status, d.file_name "
           "from tables t join documents d using (doc_id) order by d.file_name, t.page")
    print(f"  python -c \"import duckdb; print(duckdb.connect('{catalog}', read_only=True).sql('{sql}'))\"")


def _review_lines(snapshot_path: Path) -> list[str]:
    """One summary line per review kind and extractor from the snapshot's `reviews` table."""
    import pandas as pd

    path = snapshot_path / "reviews.parquet"
    if not path.exists():
        return []
    lines = []
    for row in pd.read_parquet(path).itertuples(index=False):
        if row.sent == 0:
            continue
        mean = "" if pd.isna(row.edit_distance_mean) else f", {row.edit_distance_mean:.1f} chars edited per accepted"
        lines.append(f"reviews        {row.kind}s by {row.method}: {row.sent} sent, {row.reviewed} reviewed "
                     f"({row.accepted_unchanged} accepted unchanged, {row.corrected} corrected, {row.rejected} "
                     f"rejected), {row.pending} pending{mean}")
    return lines
