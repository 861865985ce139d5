"""Bounded fuzzing of ingest + extract: mutated bytes of the example PDFs either extract or fail with a clear,
quarantined error; never an unhandled exception, a crash of the run or a hang (the per-document timeout
turns a hang into a failed document).

A fixed, derandomized set of cases runs in CI. OCR is off here: it only re-reads pages the fuzzer blanked,
at seconds a page, which would buy no coverage of the parsing paths for most of the time budget.
"""
from __future__ import annotations

import os

import pandas as pd
import pytest
from fault_runs import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperlake.pipeline.stages import EXTRACTION, extract, ingest
from paperlake.settings import load_settings
from paperlake.store import DataStore

BASES = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.pdf"))]
CASES = int(os.environ.get("PAPERLAKE_FUZZ_CASES", "40"))
"""Cases per CI run; set PAPERLAKE_FUZZ_CASES higher (and PAPERLAKE_FUZZ_SEEDED=0 for new cases) to fuzz longer."""
DERANDOMIZE = os.environ.get("PAPERLAKE_FUZZ_SEEDED", "1") != "0"


@st.composite
def mutated_pdfs(draw: st.DrawFn) -> bytes:
    """An example PDF with 1-6 mutations: byte flips, PDF keywords spliced in, slices cut, repeated or dropped."""
    data = bytearray(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "token", "cut", "repeat", "truncate"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "token":
            token = draw(st.sampled_from([b"obj", b"endobj", b"stream", b"R", b"<<", b">>", b"/Length 999999999",
                                          b"xref", b"trailer", b"-1", b"9999999999", b"/Filter /FlateDecode"]))
            data[at:at] = b" " + token + b" "
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 4096))]
        elif kind == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 4096))]
        else:
            del data[max(16, at):]
        if not data:
            data = bytearray(b"%PDF-")
    return bytes(data)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    return DataStore(root), load_settings(root, env={}, ocr="off", document_timeout_s=20.0, document_memory_mb=2048)


@settings(max_examples=CASES, derandomize=DERANDOMIZE, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pdf=mutated_pdfs())
def test_mutated_pdfs_extract_or_fail_clearly(fuzz_store, tmp_path_factory, pdf):
    store, config = fuzz_store
    path = tmp_path_factory.mktemp("case") / "mutated.pdf"
    path.write_bytes(pdf)
    doc_id = store.register(path).doc_id
    ingest(store, doc_id, config)
    outcome = extract(store, doc_id, config)
    row = store.read_frames(doc_id, EXTRACTION, ("documents",))["documents"].iloc[0]
    assert row["status"] in ("ok", "partial", "failed")
    if row["status"] != "ok":
        assert isinstance(row["error"], str) and row["error"].strip()
        assert row["error"] in (store.quarantine_dir / doc_id / "reason.txt").read_text()
    if row["status"] == "failed":
        assert outcome.error == row["error"]
    else:
        assert not pd.isna(row["n_pages"]) and row["n_pages"] >= 1
    print(f"fuzz case {doc_id[:12]}: {row['status']}: {row['error']}")
