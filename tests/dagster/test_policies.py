"""Retries: transient errors retry with backoff and jitter, deterministic ones fail once; extraction sits in a pool."""
import errno

import dagster as dg
import pytest

from dagster_project.definitions import defs
from dagster_project.local_run import run_documents
from dagster_project.policies import MODELS_POOL, TRANSIENT_RETRY, is_transient
from paperlake.pipeline import stages
from paperlake.review.label_studio import LabelStudioError
from paperlake.store import DataStore


def _refused() -> LabelStudioError:
    try:
        raise ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
    except ConnectionRefusedError as cause:
        try:
            raise LabelStudioError("Label Studio at http://127.0.0.1:9 is not reachable") from cause
        except LabelStudioError as exc:
            return exc


@pytest.mark.parametrize("exc, transient", [
    (_refused(), True),
    (TimeoutError("read timed out"), True),
    (OSError(errno.ECONNRESET, "reset by peer"), True),
    (LabelStudioError("401: invalid token"), False),
    (ValueError("cannot parse page 3"), False),
    (FileNotFoundError(errno.ENOENT, "no such file"), False),
])
def test_errors_are_classified(exc, transient):
    assert is_transient(exc) is transient


def test_policy_and_pool_on_the_steps():
    assert TRANSIENT_RETRY.backoff == dg.Backoff.EXPONENTIAL and TRANSIENT_RETRY.jitter == dg.Jitter.PLUS_MINUS
    job = defs.resolve_job_def("process_documents")
    batch = job.graph.node_named("extraction").definition.node_named("extraction_batch").definition
    assert batch.pool == MODELS_POOL and batch.retry_policy == TRANSIENT_RETRY
    assert job.graph.node_named("review_queue").definition.retry_policy == TRANSIENT_RETRY


def _step_events(result, kind):
    return [e.step_key for e in result.all_events if e.event_type == kind]


def test_transient_error_is_retried_and_the_run_finishes(tmp_path, make_pdf, monkeypatch):
    store = DataStore(tmp_path / "data")
    doc_id = store.register(make_pdf("booktabs")).doc_id
    real_extract, calls = stages.extract, []

    def flaky(store, doc_id, settings):
        calls.append(doc_id)
        if len(calls) == 1:
            raise ConnectionResetError(errno.ECONNRESET, "object store reset the connection")
        return real_extract(store, doc_id, settings)

    monkeypatch.setattr(stages, "extract", flaky)
    result = run_documents(tmp_path / "data", [doc_id])
    assert result.success
    assert _step_events(result, dg.DagsterEventType.STEP_UP_FOR_RETRY) == ["extraction.extraction_batch[batch_0000]"]
    assert len(calls) == 2 and store.stage_marker(doc_id, stages.EXTRACTION)["counts"]["tables"] == 1


def test_deterministic_error_fails_without_retry(tmp_path, make_pdf, monkeypatch):
    store = DataStore(tmp_path / "data")
    doc_id = store.register(make_pdf("ruled")).doc_id

    def broken(store, doc_id):
        raise ValueError("schema bug")

    # no per-document limits: the stages run in this process, where the patch is (a reader would import its own)
    monkeypatch.setenv("PAPERLAKE_DOCUMENT_TIMEOUT_S", "0")
    monkeypatch.setenv("PAPERLAKE_DOCUMENT_MEMORY_MB", "0")
    monkeypatch.setattr(stages, "validate", broken)
    result = run_documents(tmp_path / "data", [doc_id])
    assert not result.success
    assert not _step_events(result, dg.DagsterEventType.STEP_UP_FOR_RETRY)
    (failure,) = [e for e in result.all_events if e.is_step_failure]
    assert failure.step_key == "extraction.extraction_batch[batch_0000]"
    assert "validate of" in failure.step_failure_data.error.message
    assert "ValueError: schema bug" in failure.step_failure_data.error.message
