"""Per-document limits: a child that runs too long, allocates too much or dies costs one document, never the run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pymupdf
import pytest
import memory_hogs
from fault_runs import EXAMPLES, REPO, process, publish, snapshot_content

from paperlake import faults
from paperlake.pipeline import isolation
from paperlake.pipeline.isolation import IsolationError, Limits, run_limited
from paperlake.pipeline.stages import EXTRACTION, MAX_CRASHES, REVIEW, extract, ingest, route, validate
from paperlake.settings import SettingsError, load_settings
from paperlake.store import DataStore


def test_result_and_exceptions_come_back_from_the_child():
    assert run_limited(sum, [1, 2, 3], limits=Limits(timeout_s=30, memory_mb=2048)) == 6
    with pytest.raises(ValueError, match="invalid literal"):
        run_limited(int, "x", limits=Limits(timeout_s=30))


def test_a_child_past_its_time_is_killed():
    started = time.monotonic()
    with pytest.raises(IsolationError, match="timeout") as caught:
        run_limited(time.sleep, 60, limits=Limits(timeout_s=1))
    assert caught.value.kind == "timeout" and time.monotonic() - started < 10


IGNORING_TERM = """
import os, signal
signal.signal(signal.SIGTERM, signal.SIG_IGN)
from paperlake.pipeline.isolation import Limits, run_limited
print(run_limited(os.getpid, limits=Limits(timeout_s=30, memory_mb=1024)) != os.getpid())
"""


def test_a_run_that_ignores_sigterm_still_exits_past_its_idle_reader():
    """A run started in the background has SIGINT ignored, and Dagster maps SIGTERM to SIGINT's handler: the
    reader inherited SIG_IGN, multiprocessing's exit sent it SIGTERM and waited for it forever (the segfault
    batch test hung 300 s under CI started with `&`). The reader now takes SIGTERM's default."""
    done = subprocess.run([sys.executable, "-c", IGNORING_TERM], env={**os.environ, "PYTHONPATH": str(REPO)},
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "True", done.stderr[-2000:]


def test_a_child_past_its_memory_gets_out_of_memory():
    with pytest.raises(IsolationError, match="out of memory") as caught:
        run_limited(bytearray, 3 * 1024**3, limits=Limits(timeout_s=30, memory_mb=1024))
    assert caught.value.kind == "out of memory"


def test_a_child_that_dies_is_reported_crashed():
    with pytest.raises(IsolationError, match="SIGABRT") as caught:
        run_limited(os.abort, limits=Limits(timeout_s=30))
    assert caught.value.kind == "crashed"


def test_one_child_serves_calls_until_it_fails_or_has_served_its_share(monkeypatch):
    limits = Limits(timeout_s=30, memory_mb=2048)
    first = run_limited(os.getpid, limits=limits)
    assert first != os.getpid() and run_limited(os.getpid, limits=limits) == first  # reused, not restarted
    with pytest.raises(ValueError):
        run_limited(int, "x", limits=limits)
    assert run_limited(os.getpid, limits=limits) == first  # an exception in the function keeps the child
    with pytest.raises(IsolationError, match="timeout"):
        run_limited(time.sleep, 60, limits=Limits(timeout_s=1, memory_mb=2048))
    after_timeout = run_limited(os.getpid, limits=limits)
    assert after_timeout != first  # the killed child was replaced
    with pytest.raises(IsolationError, match="out of memory"):
        run_limited(bytearray, 3 * 1024**3, limits=limits)
    after_memory = run_limited(os.getpid, limits=limits)
    assert after_memory != after_timeout  # a child that ran out of memory is not reused
    assert run_limited(os.getpid, limits=Limits(timeout_s=30, memory_mb=1024)) != after_memory  # another cap
    monkeypatch.setattr(isolation, "MAX_CALLS", 3)
    pids = [run_limited(os.getpid, limits=limits) for _ in range(6)]
    assert len(set(pids)) == 2 and pids[:3] == [pids[0]] * 3  # replaced after MAX_CALLS calls


def test_limits_are_settings_and_are_checked(tmp_path):
    settings = load_settings(tmp_path, env={"PAPERLAKE_DOCUMENT_TIMEOUT_S": "2.5", "PAPERLAKE_DOCUMENT_MEMORY_MB": "512"})
    assert (settings.document_timeout_s, settings.document_memory_mb) == (2.5, 512)
    with pytest.raises(SettingsError, match="document_memory_mb"):
        load_settings(tmp_path, env={"PAPERLAKE_DOCUMENT_MEMORY_MB": "10"})
    with pytest.raises(SettingsError, match="document_timeout_s"):
        load_settings(tmp_path, env={"PAPERLAKE_DOCUMENT_TIMEOUT_S": "-1"})


def _long_pdf(path, pages: int = 600):
    """A PDF that takes seconds to extract (2.4 s here), several times the 0.5 s limit the test sets:
    300 pages of 12 lines took 0.34 s on a fast day, and the test passed only when the machine was slow."""
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=300, height=600)
        page.insert_text((20, 30), [f"Row {line} of page {number}: 1.25  3.50  7.75  9.00" for line in range(40)],
                         fontsize=8)
    doc.save(path)
    return path


def test_a_runaway_document_times_out_and_the_batch_goes_on(tmp_path):
    slow = _long_pdf(tmp_path / "slow.pdf")
    # the good document reads in 0.04 s and never needs the layout model, whose first load alone takes
    # about half the 0.5 s limit (gas_sensor_array asks it about Table 1's end)
    store, _, (slow_id, good_id) = process(tmp_path / "data", [slow, EXAMPLES / "catalyst_screening.pdf"],
                                           document_timeout_s=0.5)
    slow_row = store.read_frames(slow_id, EXTRACTION, ("documents",))["documents"].iloc[0]
    assert slow_row["status"] == "failed" and "timeout" in slow_row["error"]
    assert "timeout" in (store.quarantine_dir / slow_id / "reason.txt").read_text()
    good_row = store.read_frames(good_id, EXTRACTION, ("documents",))["documents"].iloc[0]
    assert good_row["status"] == "ok"
    # a larger limit is a reason to try again: the failed document is extracted on the next run
    store, _, _ = process(tmp_path / "data", [slow], document_timeout_s=300.0)
    assert store.read_frames(slow_id, EXTRACTION, ("documents",))["documents"].iloc[0]["status"] == "ok"


def test_a_document_retried_after_a_limit_is_routed_and_published(tmp_path):
    """validate and route decided from the extraction versions alone, which leave the limits out: the
    re-extracted document kept the failed extraction's routed frames (failed, no items), and so did the
    snapshot. Now each stage re-runs when the output of the stage before it was written again."""
    slow = _long_pdf(tmp_path / "slow.pdf")
    store, settings, (slow_id,) = process(tmp_path / "data", [slow], document_timeout_s=0.5)
    assert store.read_frames(slow_id, REVIEW, ("documents",))["documents"].iloc[0]["status"] == "failed"
    publish(store, settings)
    store, settings, _ = process(tmp_path / "data", [slow], document_timeout_s=300.0)
    assert store.read_frames(slow_id, EXTRACTION, ("documents",))["documents"].iloc[0]["status"] == "ok"
    routed = store.read_frames(slow_id, REVIEW, ("documents",))["documents"].iloc[0]
    assert (routed["status"], routed["n_pages"]) == ("ok", 600), routed["error"]
    publish(store, settings)
    published = snapshot_content(tmp_path / "data")["documents"]
    assert len(published) == 1 and "ok" in published[0] and "failed" not in published[0]
    # and a run with nothing new skips every stage
    settings = load_settings(tmp_path / "data", env={}, document_timeout_s=300.0)
    assert extract(store, slow_id, settings).skipped and validate(store, slow_id).skipped
    assert route(store, slow_id, settings).skipped


def _big_image_pdf(path):
    """A captioned 7000 x 7000 photo (147 MB decoded, under the bomb check's 1 GiB): its crop needs memory."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 7000, 7000), False)
    pixmap.clear_with(200)
    page.insert_image(pymupdf.Rect(72, 100, 540, 568), pixmap=pixmap)
    page.insert_text((72, 590), "Figure 1: A large photograph of the sample holder.", fontsize=10)
    doc.save(path, deflate=True)
    return path


def test_a_document_past_its_memory_fails_with_out_of_memory(tmp_path):
    pdf = _big_image_pdf(tmp_path / "big.pdf")
    store, _, (doc_id,) = process(tmp_path / "data", [pdf], document_memory_mb=256)
    row = store.read_frames(doc_id, EXTRACTION, ("documents",))["documents"].iloc[0]
    assert row["status"] == "failed" and "out of memory" in row["error"], row["error"]
    assert (store.quarantine_dir / doc_id / pdf.name).is_file()


def test_crash_points_name_a_count_and_a_signal():
    assert faults.parse("extract.before_write:3") == ("extract.before_write", 3, signal.SIGKILL)
    assert faults.parse("publish.staged") == ("publish.staged", 1, signal.SIGKILL)
    assert faults.parse("extract.reader:2:SIGSEGV") == ("extract.reader", 2, signal.SIGSEGV)
    assert faults.parse("extract.reader:abrt") == ("extract.reader", 1, signal.SIGABRT)
    with pytest.raises(ValueError, match="neither a count nor a signal"):
        faults.parse("extract.reader:often")


CRASHING_BATCH = """
import json, sys
from pathlib import Path
sys.path.insert(0, {faults_dir!r})
from fault_runs import process
store, _, doc_ids = process(Path({data_dir!r}), [Path(p) for p in {pdfs!r}])
print(json.dumps(doc_ids))
"""


def test_a_reader_that_segfaults_fails_its_document_and_the_run_goes_on(tmp_path):
    """The reader really dies of SIGSEGV in the isolation child, in the middle of a batch of three.

    The batch runs in a fresh process: the forkserver the children come from keeps the environment it
    started with, so the crash point must be set before the first document. The first child reaches
    extract.reader for the first and second documents and dies on the second; the child that replaces it
    counts from 1 again, so the third document is read."""
    names = ["gas_sensor_array.pdf", "catalyst_screening.pdf", "protein_stability.pdf"]
    pdfs = [EXAMPLES / name for name in names]
    truth = {name: json.loads((EXAMPLES / name).with_suffix(".truth.json").read_text()) for name in names}
    data_dir = tmp_path / "data"
    script = CRASHING_BATCH.format(faults_dir=str(Path(__file__).parent), data_dir=str(data_dir),
                                   pdfs=[str(p) for p in pdfs])
    env = {**os.environ, "PYTHONPATH": str(REPO), faults.ENV_VAR: "extract.reader:2:SIGSEGV"}
    batch = subprocess.run([sys.executable, "-c", script], check=False, env=env, cwd=REPO, capture_output=True,
                           text=True, timeout=300)
    assert batch.returncode == 0, batch.stderr[-3000:]  # the run itself survived the crash
    good_id, crashed_id, after_id = json.loads(batch.stdout.splitlines()[-1])
    store = DataStore(data_dir)

    def row(doc_id: str) -> dict:
        return store.read_frames(doc_id, EXTRACTION, ("documents",))["documents"].iloc[0].to_dict()

    error = "extraction failed: crashed: the PDF reader died with SIGSEGV"
    assert (row(crashed_id)["status"], row(crashed_id)["error"]) == ("failed", error)
    assert (store.quarantine_dir / crashed_id / "reason.txt").read_text() == error + "\n"
    assert (store.quarantine_dir / crashed_id / "catalyst_screening.pdf").is_file()
    for doc_id, name in ((good_id, names[0]), (after_id, names[2])):  # before the crash, and after it
        assert row(doc_id)["status"] == "ok", (name, row(doc_id)["error"])
        tables = store.read_frames(doc_id, REVIEW, ("tables",))["tables"]
        assert sorted(tables["label"]) == sorted(t["label"] for t in truth[name]["tables"]), name
    # A re-run without the crash, same limits: a crash's cause is not certain, so the document is read
    # again (it was recorded as a failure on a limit, and stayed failed until the limits changed), and its
    # tables, the truth's, reach the review stage
    store, _, _ = process(data_dir, [pdfs[1]])
    assert row(crashed_id)["status"] == "ok"
    tables = store.read_frames(crashed_id, REVIEW, ("tables",))["tables"]
    assert sorted(tables["label"]) == sorted(t["label"] for t in truth[names[1]]["tables"])


RUN_THEN_WAIT = """
import os, time
from paperlake.pipeline.isolation import Limits, run_limited
limits = Limits(timeout_s=120)
print(run_limited(os.getpid, limits=limits), flush=True)
print("calling", flush=True)
{wait}
"""
WAITS = {"idle": "time.sleep(60)",  # the child waits for its next call
         "busy": "run_limited(time.sleep, 60, limits=limits)"}  # the child is reading a document


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("state", ["idle", "busy"])
def test_the_reader_child_of_a_killed_run_dies_with_it(state):
    """kill -9 of the run process: its isolation child (a child of the run's forkserver, so a grandchild
    of the run) must be gone within seconds, whether it was waiting for a call or in the middle of one."""
    run = subprocess.Popen([sys.executable, "-c", RUN_THEN_WAIT.format(wait=WAITS[state])], cwd=REPO,
                           env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True)
    started: list[psutil.Process] = []
    try:
        child = int(run.stdout.readline())
        assert run.stdout.readline() == "calling\n"
        started = psutil.Process(run.pid).children(recursive=True)  # resource tracker, forkserver, child
        assert child in {p.pid for p in started} and psutil.Process(child).ppid() != run.pid
        time.sleep(1.0)  # the call (busy) reaches the child
        assert not _gone(child)
        run.kill()
        run.wait(10)
        deadline = time.monotonic() + 5
        while not _gone(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(child), f"the {state} isolation child {child} outlived the killed run {run.pid}"
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(10)
        run.stdout.close()
        for process in started:  # what the test left behind: only the processes this run started
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass


@pytest.mark.parametrize("signal_name", ["SIGSEGV", "SIGABRT", "SIGKILL"])
def test_a_reader_that_dies_at_its_memory_cap_is_out_of_memory(signal_name):
    """Past RLIMIT_AS a reader often dies by a signal rather than raising MemoryError (a drawing bomb ended
    'crashed: SIGSEGV' at a 4 GB cap): the child's own accounting, its address space at the cap, says why."""
    number = signal.Signals[signal_name]
    with pytest.raises(IsolationError) as caught:
        run_limited(memory_hogs.fill_then_die, number, limits=Limits(timeout_s=60, memory_mb=512))
    assert (caught.value.kind, caught.value.certain) == ("out of memory", True), str(caught.value)
    assert f"died with {signal_name}" in str(caught.value) and "limit 512 MB" in str(caught.value)


def test_a_reader_that_sits_at_its_memory_cap_is_ended_as_out_of_memory():
    """A reader retrying a failed allocation at its cap sat there at 91 % CPU until the 600 s timeout."""
    started = time.monotonic()
    with pytest.raises(IsolationError) as caught:
        run_limited(memory_hogs.fill_then_spin, limits=Limits(timeout_s=120, memory_mb=512))
    assert (caught.value.kind, caught.value.certain) == ("out of memory", True), str(caught.value)
    assert time.monotonic() - started < isolation.AT_CAP_S + 20


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGSEGV"])
def test_a_reader_killed_under_its_cap_is_a_crash_worth_another_try(signal_name):
    """A SIGKILL is what the kernel's out-of-memory killer sends on a busy host whatever the document: it was
    reported 'out of memory' (certain, so the document stayed failed); under the cap it says nothing of it."""
    with pytest.raises(IsolationError) as caught:
        run_limited(memory_hogs.die_by, signal.Signals[signal_name], limits=Limits(timeout_s=60, memory_mb=2048))
    assert (caught.value.kind, caught.value.certain) == ("crashed", False), str(caught.value)
    assert signal_name in str(caught.value) and "out of memory" not in str(caught.value)


def test_a_good_pdf_whose_reader_was_killed_is_read_on_the_next_run(tmp_path):
    """kill -9 of the reader child alone, in the middle of a good PDF: the document fails this run, with
    the reason, and is read on the next one (it was marked 'out of memory' and skipped for good)."""
    slow = _long_pdf(tmp_path / "slow.pdf")
    settings = load_settings(tmp_path / "data", env={})
    store = DataStore(tmp_path / "data")
    doc_id = store.register(slow).doc_id
    ingest(store, doc_id, settings)  # the child that opened it reads it too
    reader = isolation._workers.worker.process.pid
    killer = threading.Timer(0.8, os.kill, (reader, signal.SIGKILL))
    killer.start()
    try:
        failed = extract(store, doc_id, settings)
    finally:
        killer.cancel()
    assert failed.error and "killed (SIGKILL)" in failed.error and "out of memory" not in failed.error
    validate(store, doc_id)
    route(store, doc_id, settings)
    assert store.read_frames(doc_id, REVIEW, ("documents",))["documents"].iloc[0]["status"] == "failed"
    again = extract(store, doc_id, settings)  # the next run, same settings
    assert not again.skipped and again.error is None
    validate(store, doc_id)
    route(store, doc_id, settings)
    routed = store.read_frames(doc_id, REVIEW, ("documents",))["documents"].iloc[0]
    assert (routed["status"], routed["n_pages"]) == ("ok", 600)


ALWAYS_CRASHING = """
import json, sys
from pathlib import Path
sys.path.insert(0, {faults_dir!r})
from fault_runs import process
store, _, doc_ids = process(Path({data_dir!r}), [Path({pdf!r})])
from paperlake.pipeline.stages import EXTRACTION
print(json.dumps(store.stage_marker(doc_ids[0], EXTRACTION)))
"""


def test_a_reader_that_crashes_run_after_run_is_left_failed(tmp_path):
    """A PDF that crashes its reader every time is tried MAX_CRASHES runs in a row, then stands like a
    limit's failure: a run does not pay for it for ever."""
    script = ALWAYS_CRASHING.format(faults_dir=str(Path(__file__).parent), data_dir=str(tmp_path / "data"),
                                    pdf=str(EXAMPLES / "gas_sensor_array.pdf"))
    env = {**os.environ, "PYTHONPATH": str(REPO), faults.ENV_VAR: "extract.reader:1:SIGSEGV"}
    markers = []
    for _ in range(MAX_CRASHES + 1):
        run = subprocess.run([sys.executable, "-c", script], check=False, env=env, cwd=REPO, capture_output=True,
                             text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-3000:]
        markers.append(json.loads(run.stdout.splitlines()[-1]))
    generations = [marker["generation"] for marker in markers]
    assert len(set(generations[:MAX_CRASHES])) == MAX_CRASHES, "read again in each of the first runs"
    assert generations[MAX_CRASHES] == generations[MAX_CRASHES - 1], "then left as it was"
    assert [marker.get("retry", False) for marker in markers] == [True] * (MAX_CRASHES - 1) + [False, False]
    assert markers[-1]["error"] == ("extraction failed: crashed: the PDF reader died with SIGSEGV "
                                    f"({MAX_CRASHES} runs in a row; tried again when the limits change)")
