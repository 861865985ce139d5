import json

import pandas as pd
import pytest

from paperlake.pipeline.frames import DocumentRow, _typed, documents_frame
from paperlake.pipeline.inputs import scan_inputs
from paperlake.store import DataStore
from schemas.dataset import columns, empty_frame


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


def test_linked_files_outlive_the_stage_they_came_from(tmp_path):
    """A frame passed on unchanged is linked in, and stays when the stage it came from is replaced."""
    store, doc = DataStore(tmp_path), "d" * 64
    store.write_stage(doc, "extraction", {"t": pd.DataFrame({"x": [1, 2]})}, {}, {"v": 1})
    source = store.stage_dir(doc, "extraction") / "t.parquet"
    store.write_stage(doc, "review", {}, {}, {"v": 1}, links={"t.parquet": source})
    store.write_stage(doc, "extraction", {"t": pd.DataFrame({"x": [3]})}, {}, {"v": 2})
    assert store.read_frames(doc, "review", ("t",))["t"]["x"].tolist() == [1, 2]
    assert store.read_frames(doc, "extraction", ("t",))["t"]["x"].tolist() == [3]


def _typed_rows(table: str) -> pd.DataFrame:
    """Two rows of a contract table: every column filled in the first, nullable ones missing in the second."""
    if table == "documents":
        rows = [DocumentRow("a" * 64, "a.pdf", "file:///a.pdf", 2, "A title", "2024-05-01T10:00:00+00:00", "1", "ok", None),
                DocumentRow("b" * 64, "b.pdf", "file:///b.pdf", 0, None, "2024-05-02T10:00:00+00:00", "1", "failed", "x")]
        return documents_frame(rows)
    template = empty_frame(table)
    full = {name: {"i": 1, "f": 0.5, "b": True, "M": pd.Timestamp("2024-05-01T12:00:00Z")}.get(dtype.kind, "text")
            for name, dtype in template.dtypes.items()}
    sparse = {**full, **{name: None for name in columns(table) if name in {"label", "caption", "footnotes",
              "continued_from", "reviewed_by", "reviewed_at", "review_reason", "evidence", "value", "unit",
              "uncertainty", "parent_figure_id", "x_label", "y_label", "y_uncertainty"}}}
    return _typed(pd.DataFrame([full, sparse]), table)


@pytest.mark.parametrize("table", ["documents", "tables", "table_cells", "figures", "figure_series"])
def test_read_frames_gives_what_pandas_reads(tmp_path, table):
    """read_frames reads with pyarrow directly; the frames (values, dtypes, nulls, index) are pandas' own."""
    frame = _typed_rows(table)
    store = DataStore(tmp_path)
    store.write_stage("d" * 64, "extraction", {"full": frame, "empty": empty_frame(table)}, {}, {})
    folder = store.stage_dir("d" * 64, "extraction")
    frames = store.read_frames("d" * 64, "extraction", ("full", "empty"))
    for name in ("full", "empty"):
        expected = pd.read_parquet(folder / f"{name}.parquet")
        pd.testing.assert_frame_equal(frames[name], expected, check_exact=True)
        assert list(frames[name].dtypes) == list(expected.dtypes)
    assert frames["full"].isna().sum().sum() == frame.isna().sum().sum() > 0


def test_quarantine_keeps_a_copy_and_the_reason(tmp_path):
    bad = tmp_path / "bad name (1).pdf"
    bad.write_bytes(b"%PDF-1.4 but broken")
    store = DataStore(tmp_path / "data")
    doc_id = store.register(bad).doc_id
    folder = store.quarantine(doc_id, "not a readable PDF")
    assert (folder / "reason.txt").read_text().strip() == "not a readable PDF"
    copies = [p for p in folder.iterdir() if p.name != "reason.txt"]
    assert [p.read_bytes() for p in copies] == [b"%PDF-1.4 but broken"]


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
