import json

import pandas as pd

from paperlake.inputs import scan_inputs
from paperlake.store import DataStore


def test_same_content_under_two_names_is_one_document(tmp_path):
    a = tmp_path / "in" / "a.pdf"
    a.parent.mkdir()
    a.write_bytes(b"%PDF-1.4 same bytes")
    b = tmp_path / "in" / "copy of a.pdf"
    b.write_bytes(a.read_bytes())
    store = DataStore(tmp_path / "data")
    ra, rb = store.register(a), store.register(b)
    assert ra.doc_id == rb.doc_id and len(ra.doc_id) == 64
    assert store.registered_ids() == [ra.doc_id]
    assert store.source_pdf(ra.doc_id).read_bytes() == a.read_bytes()
    assert store.source(ra.doc_id).file_name == "a.pdf"


def test_stage_output_replaced_whole_with_marker_last(tmp_path):
    store = DataStore(tmp_path)
    frame = pd.DataFrame({"x": [1, 2]})
    store.write_stage("d" * 64, "extraction", {"t": frame}, {"figures/a.png": b"png"}, {"v": 1})
    assert store.stage_marker("d" * 64, "extraction") == {"v": 1}
    store.write_stage("d" * 64, "extraction", {"t": frame.iloc[:1]}, {}, {"v": 2})
    folder = store.stage_dir("d" * 64, "extraction")
    assert not (folder / "figures" / "a.png").exists()
    assert len(store.read_frames("d" * 64, "extraction", ("t",))["t"]) == 1
    assert json.loads((folder / "_done.json").read_text()) == {"v": 2}


def test_quarantine_keeps_a_copy_and_the_reason(tmp_path):
    bad = tmp_path / "bad name (1).pdf"
    bad.write_bytes(b"not a pdf")
    store = DataStore(tmp_path / "data")
    doc_id = store.register(bad).doc_id
    folder = store.quarantine(doc_id, "not a readable PDF")
    assert (folder / "reason.txt").read_text().strip() == "not a readable PDF"
    copies = [p for p in folder.iterdir() if p.name != "reason.txt"]
    assert [p.read_bytes() for p in copies] == [b"not a pdf"]


def test_scan_inputs_reports_missing_and_non_pdf(tmp_path):
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    (folder / "x.pdf").write_bytes(b"%PDF-1.4")
    (folder / "sub" / "Y.PDF").write_bytes(b"%PDF-1.4")
    (folder / "notes.txt").write_text("hello")
    note = tmp_path / "notes.txt"
    note.write_text("hello")
    scan = scan_inputs([folder, tmp_path / "missing", note])
    assert [p.name for p in scan.pdfs] == ["Y.PDF", "x.pdf"]
    assert [(p.name, r.split(" ")[0]) for p, r in scan.skipped] == [("missing", "no"), ("notes.txt", "not")]
