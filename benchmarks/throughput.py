"""Throughput of the real asset graph on the multiprocess executor and on celery: pages/s, overhead, memory.

    python benchmarks/throughput.py [--n 1000] [--pages 3] [--executors multiprocess,celery]
                                    [--workers 2] [--workdir DIR] [--instance-dir DIR]

Generates N multi-page PDFs (PyMuPDF-drawn text and a ruled table per page; cached in the workdir),
runs the whole graph over them once per executor into a fresh data dir, and prints pages/s, the time
inside paperlake's stages, Dagster's overhead per document next to extraction time per document (the
`extraction` asset's four stages, and its extract stage alone), peak
memory of every process involved, and the publish time (the publish step, and a second publish of the
same data timed alone). `--instance-dir` puts the Dagster instance (SQLite event log) elsewhere, e.g. on
tmpfs, to separate disk fsync cost from Dagster's.

Dagster's overhead = core time of the run not spent in paperlake's per-document stages, outside the
whole-dataset steps (publish, review queue, mirror, checks): ((wall − the seconds when any of those runs)
× workers − stage time) / N. Idle cores while Dagster starts step processes or writes events count; the
seconds of a serial publish do not (paperlake's own, not Dagster's). The line under it splits the wall
time Dagster takes alone: before the first step, writing the materializations, starting step processes.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PAPERLAKE_STEPS = ("published_dataset", "review_queue", "mirrored_snapshot", "validation_checks", "snapshot_checks")
"""Steps that run paperlake code over the whole dataset (their time is not Dagster's overhead)."""

WORDS = ("sample catalyst yield temperature pressure measured value error mean spread series run batch "
         "film sensor protein stability response").split()


def covered_seconds(intervals: list[tuple[float, float]]) -> float:
    """Seconds during which at least one of the (start, end) intervals runs."""
    total, reach = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def make_pdf(path: Path, seed: int, pages: int) -> None:
    """A PDF of `pages` pages, each with two paragraphs and a captioned booktabs table of 6 rows."""
    import pymupdf

    rng = random.Random(seed)
    doc = pymupdf.open()
    for p in range(pages):
        page = doc.new_page(width=612, height=792)
        text = "\n".join(" ".join(rng.choice(WORDS) for _ in range(14)) for _ in range(6))
        page.insert_text((72, 80), text, fontsize=10, fontname="tiro", lineheight=1.3)
        top = 190
        page.insert_text((140, top - 10), f"Table {p + 1}: Results of run {seed}-{p}.", fontsize=10, fontname="tiro")
        xs = [145, 250, 330, 420]
        page.draw_line((140, top), (470, top), width=0.8)
        for x, head in zip(xs, ["Sample", "Time (s)", "Yield (%)", "Error"]):
            page.insert_text((x, top + 14), head, fontsize=10, fontname="tiro")
        page.draw_line((140, top + 20), (470, top + 20), width=0.5)
        rows = [[f"S{r}", f"{rng.uniform(1, 50):.1f}", f"{rng.uniform(10, 99):.1f}", f"{rng.uniform(-3, 3):.2f}"]
                for r in range(6)]
        for c, x in enumerate(xs):
            page.insert_text((x, top + 34), "\n".join(row[c] for row in rows), fontsize=10, fontname="tiro",
                             lineheight=1.4)
        bottom = top + 34 + 14 * 6 - 8
        page.draw_line((140, bottom), (470, bottom), width=0.8)
        text = "\n".join(" ".join(rng.choice(WORDS) for _ in range(14)) for _ in range(10))
        page.insert_text((72, bottom + 30), text, fontsize=10, fontname="tiro", lineheight=1.3)
    doc.save(path)
    doc.close()


def _make(args: tuple[Path, int, int]) -> None:
    make_pdf(*args)


def generate(folder: Path, n: int, pages: int) -> list[Path]:
    """N PDFs in `folder` (kept between runs), made on every core."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"bench{i:05d}-{pages}p.pdf" for i in range(n)]
    todo = [(path, i, pages) for i, path in enumerate(paths) if not path.exists()]
    if todo:
        with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 2) as pool:
            pool.map(_make, todo, chunksize=16)
    return paths


class PeakMemory:
    """Samples the summed RSS of this process, its descendants and extra process trees (celery workers)."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval, self.peak_total, self.peak_single, self.extra = interval, 0, 0, []  # type: ignore[var-annotated]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            roots = [psutil.Process()] + [psutil.Process(pid) for pid in self.extra if psutil.pid_exists(pid)]
            seen: dict[int, int] = {}
            for root in roots:
                try:
                    for proc in [root, *root.children(recursive=True)]:
                        seen[proc.pid] = proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_total = max(self.peak_total, sum(seen.values()))
            self.peak_single = max([self.peak_single, *seen.values()])
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def _cluster(executor: str, dagster_home: Path, workers: int) -> Iterator[tuple[dict | None, list[int]]]:
    if executor != "celery":
        yield None, []
        return
    from dagster_project.local_cluster import local_celery_cluster

    env = {"PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    with local_celery_cluster(dagster_home, workers=workers, env=env) as cluster:
        yield cluster.executor_config, cluster.pids


def bench(executor: str, pdfs: list[Path], workdir: Path, instance_dir: Path | None, workers: int) -> None:
    import dagster as dg

    from dagster_project.local_run import execute_documents, local_instance
    from paperlake.dataset.assemble import publish_all
    from paperlake.settings import load_settings
    from paperlake.store import DataStore

    data_dir = workdir / f"data-{executor}"
    shutil.rmtree(data_dir, ignore_errors=True)
    home = (instance_dir / f"dagster-{executor}") if instance_dir else data_dir / "dagster"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    store = DataStore(data_dir)
    started = time.perf_counter()
    doc_ids = [store.register(pdf).doc_id for pdf in pdfs]
    register_s = time.perf_counter() - started
    with _cluster(executor, home, workers) as (celery, pids), PeakMemory() as memory:
        memory.extra = pids
        instance = local_instance(home)
        started = time.perf_counter()
        with execute_documents(data_dir, doc_ids, executor, max_concurrent=workers, celery=celery,
                               instance=instance) as result:
            wall = time.perf_counter() - started
            if not result.success:
                raise SystemExit(f"{executor}: the run failed")
            run_id = result.run_id
    stage_s: dict[str, float] = {}
    step_times: dict[str, list[float]] = {}
    worker_started: dict[str, float] = {}
    events = 0
    logs = instance.all_logs(run_id)
    for entry in logs:
        events += 1
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type == dg.DagsterEventType.STEP_WORKER_STARTED and entry.step_key:
            worker_started.setdefault(entry.step_key, entry.timestamp)
        if event.event_type == dg.DagsterEventType.ASSET_MATERIALIZATION:
            for key, value in event.event_specific_data.materialization.metadata.items():
                if key.startswith("run_") and key.endswith("_seconds"):  # the run summary, on its last partition
                    stage_s.setdefault(key.removeprefix("run_").removesuffix("_seconds"), float(value.value))
        if event.event_type in (dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS) and entry.step_key:
            step_times.setdefault(entry.step_key, []).append(entry.timestamp)
    instance.dispose()
    durations = {key: times[-1] - times[0] for key, times in step_times.items()}
    first_start = min(times[0] for times in step_times.values())
    before_first_step = first_start - logs[0].timestamp
    step_start_up = sum(step_times[k][0] - t for k, t in worker_started.items() if step_times[k][0] > first_start)
    publish_step = durations["published_dataset"]
    whole_dataset_wall = covered_seconds([(step_times[k][0], step_times[k][-1]) for k in PAPERLAKE_STEPS
                                          if k in step_times])
    summaries = sum(v for k, v in durations.items() if k.endswith("_summary"))
    settings = load_settings(data_dir)
    started = time.perf_counter()
    snapshot, counts = publish_all(store, settings)
    publish_alone = time.perf_counter() - started
    n = len(doc_ids)
    inside = sum(stage_s.values())
    overhead = ((wall - whole_dataset_wall) * workers - inside) / n
    extract_per_doc = stage_s.get("extract", 0.0) / n
    print(f"\n== {executor} ({workers} {'workers' if executor == 'celery' else 'processes'}), N={n} documents, "
          f"{counts.pages} pages, {counts.tables} tables")
    print(f"registering PDFs        {register_s:.1f} s (before the run)")
    print(f"run wall time           {wall:.1f} s  → {counts.pages / wall:.1f} pages/s, {n / wall:.2f} documents/s")
    print("time inside stages      " + ", ".join(f"{k} {v:.1f} s" for k, v in stage_s.items())
          + f" (sum {inside:.1f} s = {inside / n * 1000:.0f} ms/document)")
    print("whole-dataset steps     " + ", ".join(f"{k} {durations.get(k, 0.0):.1f} s" for k in PAPERLAKE_STEPS))
    print(f"extraction per document {inside / n * 1000:.0f} ms in the `extraction` asset (all its stages), "
          f"{extract_per_doc * 1000:.0f} ms in its extract stage alone")
    print(f"Dagster overhead        {overhead * 1000:.0f} ms/document = {overhead * n / inside:.0%} of the extraction "
          f"asset's time, {overhead / extract_per_doc:.0%} of the extract stage's "
          f"(((wall − whole-dataset steps' {whole_dataset_wall:.1f} s) × {workers} − stages) / N); {events} events "
          f"in the run log ({events / n:.1f}/document), {len(step_times)} steps")
    print(f"of which (wall)         {before_first_step:.1f} s before the first step (run start, the step-process "
          f"server importing the pipeline; the other {workers - 1} idle), {summaries:.1f} s writing the "
          f"materializations (the others idle), {step_start_up:.1f} s starting the other steps' processes")
    print(f"publish                 {publish_step:.1f} s in the run's publish step; {publish_alone:.1f} s "
          f"republishing alone (snapshot {snapshot.id})")
    print(f"peak memory             {memory.peak_total / 2**20:.0f} MiB all processes together, "
          f"{memory.peak_single / 2**20:.0f} MiB the largest one")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--executors", default="multiprocess,celery")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "paperlake-throughput")
    parser.add_argument("--instance-dir", type=Path, default=None)
    args = parser.parse_args()
    started = time.perf_counter()
    pdfs = generate(args.workdir / "pdfs", args.n, args.pages)
    print(f"{len(pdfs)} PDFs of {args.pages} pages in {args.workdir / 'pdfs'} ({time.perf_counter() - started:.1f} s)")
    for executor in args.executors.split(","):
        bench(executor.strip(), pdfs, args.workdir, args.instance_dir, args.workers)


if __name__ == "__main__":
    main()
