"""`paperlake run`: register the PDFs, run the asset graph over them in-process, print a summary."""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shlex
import sys
import threading
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from paperlake.cli.held_output import HeldOutput
from paperlake.dataset.layout import current_snapshot
from paperlake.escaping import terminal_text
from paperlake.lock import BUSY_EXIT_CODE, DataDirBusy, describe_holder, writer_lock
from paperlake.pipeline import progress
from paperlake.pipeline.inputs import scan_inputs
from paperlake.pipeline.summary import count_snapshot, page_path_counts, page_path_lines, read_page_paths
from paperlake.settings import Settings
from paperlake.store import DataStore, InputRefused
from schemas.lean_import import pandera_without_hypothesis as _pandera_without_hypothesis

STAGE_NAMES = {"ingest": "open", "extract": "extract", "validate": "validate", "route": "route",
               "review_images": "images"}


def run_pipeline(settings: Settings, paths: Sequence[Path], verbose: bool = False, wait_s: float = 0.0) -> int:
    """Run the whole pipeline on the PDFs under `paths`; returns 0 when a snapshot was published.

    The data dir's writer lock is held from registering the PDFs to the summary; another run holding it is
    waited for up to `wait_s` seconds, then this one stops with BUSY_EXIT_CODE and says who holds it."""
    data_dir = settings.data_dir.resolve()
    settings = dataclasses.replace(settings, data_dir=data_dir)
    # pandera imports hypothesis (its data strategies, never used here) where it is installed, and hypothesis
    # then loads its plugins, trio's and pytest's: 0.3 s of the run's start-up, before the first document
    os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")
    _pandera_without_hypothesis()
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
    from paperlake.pipeline import head_start
    from paperlake.pipeline.fanout import reader_count
    from paperlake.pipeline.isolation import warm_up
    from paperlake.pipeline.stages import EXTRACTION, document_limits
    from paperlake.review.document_stages import READER_STAGES

    data_dir = settings.data_dir
    if document_limits(settings).active:
        warm_up(fork=True)  # the readers' forkserver, a fork of this process (its imports done), starts its readers
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
    stderr = sys.stderr
    held = HeldOutput() if not verbose else contextlib.nullcontext()
    display = ProgressDisplay(interactive=stderr.isatty(), out=stderr)
    started = time.perf_counter()
    with held:  # library warnings and log lines wait until the bars are done (--verbose shows them live)
        head = head_start.begin(store, settings, doc_ids, READER_STAGES)  # documents read while Dagster starts
        if head is not None:
            threading.Thread(target=_prepare_publishing, args=(head.stopped,), name="paperlake-prepare-publish",
                             daemon=True).start()
        try:
            import dagster

            from dagster_project.local_run import run_documents

            warnings.filterwarnings("ignore", category=dagster.BetaWarning)
            warnings.filterwarnings("ignore", category=dagster.PreviewWarning)
            unsubscribe = progress.subscribe(display.on_event)
            try:
                result = run_documents(data_dir, doc_ids, quiet=not verbose,
                                       review_threshold=settings.review_threshold)
            finally:
                unsubscribe()
                display.close()
        except BaseException:  # Ctrl-C: no waiting for the document the head start reads
            head_start.end(wait=False)
            raise
        finally:
            head_start.end()
    elapsed = time.perf_counter() - started
    problems = list(dict.fromkeys(display.problems))
    for file_name, detail in problems:
        print(f"error: {file_name}: {detail}", file=sys.stderr)
    if isinstance(held, HeldOutput):
        for line in held.lines(known=[detail for _, detail in problems]):
            print(line, file=sys.stderr)
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


def _prepare_publishing(step_began: threading.Event) -> None:
    """Once documents are being read, build what publishing needs first (pint's unit registry, DuckDB's module):
    0.3-0.4 s of the run's end, after its last document, when the readers' cores are idle."""
    step_began.wait()
    try:
        import duckdb  # noqa: F401 - imported for publish_snapshot's catalog

        from extractors import units

        units.prepare()
    except Exception:  # noqa: BLE001 - publishing builds them itself, and reports what goes wrong
        return


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
    """On a terminal, one progress bar per stage (open, extract, validate, route, images), each counting the documents
    that stage finished; elsewhere (logs, CI) one line per document per stage. A document that fails is named
    with its reason once, at the end (`problems`); its later stages say only that it failed earlier."""

    def __init__(self, interactive: bool, out: TextIO | None = None) -> None:
        self.interactive = interactive
        self.out = out or sys.stderr
        self.problems: list[tuple[str, str]] = []  # (file name, reason), in the order they happened
        self.stages: dict[str, StageStats] = {}
        self._bars: dict[str, tqdm] = {}
        self._failed_at: dict[str, str] = {}  # doc_id -> the stage it first failed at

    def on_event(self, event: progress.ProgressEvent) -> None:
        stats = self.stages.setdefault(event.stage, StageStats())
        stats.skipped += event.skipped
        stats.done += not event.skipped
        stats.seconds += event.seconds
        file_name, detail = terminal_text(event.file_name), terminal_text(event.detail)
        name = STAGE_NAMES.get(event.stage, event.stage)
        if event.detail.startswith("failed"):
            first = self._failed_at.setdefault(event.doc_id, name)
            if first == name:
                self.problems.append((file_name, detail))
            detail = "failed (reason below)" if first == name else f"not done: failed at {first}"
        if not self.interactive:
            print(f"{name:<8} {event.index}/{event.total} {file_name}: {detail}", file=self.out)
            return
        bar = self._bars.get(event.stage)
        if bar is None:
            order = list(STAGE_NAMES).index(event.stage) if event.stage in STAGE_NAMES else len(self._bars)
            bar = self._bars[event.stage] = tqdm(total=event.total, desc=f"{name:<8}", unit="doc", file=self.out,
                                                 position=order, leave=True)
        bar.set_postfix_str(file_name[:40], refresh=False)
        bar.update(1)

    def close(self) -> None:
        for stage in sorted(self._bars, key=lambda s: abs(self._bars[s].pos)):  # tqdm keeps a set position negative
            self._bars[stage].close()
        self._bars.clear()


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
    for line in query_hints(data_dir):
        print(f"  {line}")


HINT_SQL = ("select t.label, t.page, t.n_rows, t.n_cols, t.review_status, d.file_name "
            "from tables t join documents d using (doc_id) order by d.file_name, t.page")


def query_hints(data_dir: Path) -> list[str]:
    """Commands to paste that work as printed, nothing activated: this very `paperlake` (or this Python) and
    the data dir, when it is not the default one."""
    from paperlake.settings import ENV_PREFIX

    default = (Path.cwd() / "paperlake-data").resolve()
    dir_arg = "" if data_dir == default and not os.environ.get(ENV_PREFIX + "DATA_DIR") else \
        f" --data-dir {shlex.quote(str(data_dir))}"
    python = shlex.quote(sys.executable)
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    paperlake = shlex.quote(sys.argv[0]) if script and script.name == "paperlake" else f"{python} -m paperlake.cli"
    code = f"import paperlake; print(paperlake.open_dataset({json.dumps(str(data_dir))}).sql({json.dumps(HINT_SQL)}))"
    return [f"{paperlake} query{dir_arg} {shlex.quote(HINT_SQL)}", f"{python} -c {shlex.quote(code)}"]


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
