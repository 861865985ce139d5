"""Per-document limits: a child that runs too long, allocates too much or dies costs one document, never the run."""
from __future__ import annotations

import os
import time

import pymupdf
import pytest
from fault_runs import EXAMPLES, process

from paperlake.pipeline import isolation
from paperlake.pipeline.isolation import IsolationError, Limits, run_limited
from paperlake.pipeline.stages import EXTRACTION
from paperlake.settings import SettingsError, load_settings


def test_result_and_exceptions_come_back_from_the_child():
    assert run_limited(sum, [1, 2, 3], limits=Limits(timeout_s=30, memory_mb=2048)) == 6
    with pytest.raises(ValueError, match="invalid literal"):
        run_limited(int, "x", limits=Limits(timeout_s=30))


def test_a_child_past_its_time_is_killed():
    started = time.monotonic()
    with pytest.raises(IsolationError, match="timeout") as caught:
        run_limited(time.sleep, 60, limits=Limits(timeout_s=1))
    assert caught.value.kind == "timeout" and time.monotonic() - started < 10


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
    store, _, (slow_id, good_id) = process(tmp_path / "data", [slow, EXAMPLES / "gas_sensor_array.pdf"],
                                           document_timeout_s=0.5)
    slow_row = store.read_frames(slow_id, EXTRACTION, ("documents",))["documents"].iloc[0]
    assert slow_row["status"] == "failed" and "timeout" in slow_row["error"]
    assert "timeout" in (store.quarantine_dir / slow_id / "reason.txt").read_text()
    good_row = store.read_frames(good_id, EXTRACTION, ("documents",))["documents"].iloc[0]
    assert good_row["status"] == "ok"
    # a larger limit is a reason to try again: the failed document is extracted on the next run
    store, _, _ = process(tmp_path / "data", [slow], document_timeout_s=300.0)
    assert store.read_frames(slow_id, EXTRACTION, ("documents",))["documents"].iloc[0]["status"] == "ok"


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
