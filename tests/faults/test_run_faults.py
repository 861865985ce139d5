"""`paperlake run` on a folder mixing good PDFs, the nasty corpus, a duplicate and odd file names, killed -9
in the middle of extraction, then run again: every document ends with a clear status, nothing is lost, and
the snapshot holds what an uninterrupted run produces."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pymupdf
import pytest
from conftest import build_booktabs_pdf
from fault_runs import CORPUS, EXAMPLES, paperlake, process, publish, snapshot_content

from paperlake.dataset.layout import current_snapshot
from paperlake.dataset.publish import verify_snapshot
from paperlake.pipeline.inputs import scan_inputs

pytestmark = pytest.mark.integration

BAD = {"not_a_pdf_png.pdf": "failed", "corrupt_bytes.pdf": "failed", "encrypted_with_password.pdf": "failed",
       "encrypted_empty_user_password.pdf": "ok", "zero_pages.pdf": "failed", "decompression_bomb.pdf": "failed",
       "garbled_font.pdf": "partial", "truncated_tail.pdf": "partial", "huge_page.pdf": "failed"}
ODD_NAMES = ["ünïcødé naïve résumé.pdf", "with space's \"quotes\".pdf", "-leading-dash.pdf", "new\nline.pdf",
             "$(touch pwned) `x`.pdf"]


def _odd_pdf(path: Path, title: str) -> None:
    build_booktabs_pdf(path)
    doc = pymupdf.open(path)
    doc.set_metadata({"title": title})  # distinct bytes per name: each is its own document
    doc.saveIncr()
    doc.close()


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    for name in BAD:
        shutil.copyfile(CORPUS / name, folder / name)
    shutil.copyfile(EXAMPLES / "gas_sensor_array.pdf", folder / "gas_sensor_array.pdf")
    shutil.copyfile(EXAMPLES / "gas_sensor_array.pdf", folder / "zz duplicate of gas sensor.pdf")
    for index, name in enumerate(ODD_NAMES):
        try:
            _odd_pdf(folder / name, f"odd name {index}")
        except OSError:  # a filesystem that refuses the name (e.g. a newline) just does not get this case
            continue
    return folder


@pytest.fixture(scope="module")
def killed_then_rerun(mixed_folder, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("run") / "data"
    killed = paperlake(["run", str(mixed_folder), "--data-dir", str(data_dir)],
                       env={"PAPERLAKE_TEST_CRASH_AT": "extract.before_write:3"})
    finished = paperlake(["run", str(mixed_folder), "--data-dir", str(data_dir)])
    return data_dir, killed, finished


def test_the_kill_left_no_snapshot_and_the_rerun_finished_only_what_was_missing(killed_then_rerun):
    data_dir, killed, finished = killed_then_rerun
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "extracted      " in finished.stdout and "; 2 unchanged, skipped" in finished.stdout, finished.stdout
    snapshot = current_snapshot(data_dir)
    assert snapshot is not None and verify_snapshot(snapshot.path) == []


def test_every_input_has_a_clear_status_and_bad_ones_are_quarantined(killed_then_rerun, mixed_folder):
    data_dir, _, finished = killed_then_rerun
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        rows = {name: (status, error, n_pages) for name, status, error, n_pages
                in con.execute("select file_name, status, error, n_pages from documents").fetchall()}
        garbled = con.execute("select review_status, review_reason from tables_all t join documents d "
                              "using (doc_id) where d.file_name = 'garbled_font.pdf'").fetchall()
    finally:
        con.close()
    odd = [p.name for p in mixed_folder.iterdir() if p.name in ODD_NAMES]
    assert len(odd) >= 4
    assert set(rows) == set(BAD) | {"gas_sensor_array.pdf"} | set(odd), "one row per distinct document"
    for name, status in BAD.items():
        assert rows[name][0] == status, (name, rows[name])
        if status != "ok":
            assert rows[name][1], name
            quarantined = list((data_dir / "quarantine").glob("*/reason.txt"))
            assert any(rows[name][1] in path.read_text() for path in quarantined), name
            assert f"{name}: failed" in finished.stderr or status == "partial"
    for name in odd + ["gas_sensor_array.pdf"]:
        assert rows[name][0] == "ok" and rows[name][2] >= 1, (name, rows[name])
    assert garbled and all(status == "needs_review" for status, _ in garbled)
    assert all("garbled text" in reason for _, reason in garbled)


def test_rerun_snapshot_matches_an_uninterrupted_run(killed_then_rerun, mixed_folder, tmp_path):
    data_dir, _, _ = killed_then_rerun
    store, settings, _ = process(tmp_path / "reference", list(scan_inputs([mixed_folder]).pdfs))
    publish(store, settings)
    assert snapshot_content(data_dir) == snapshot_content(tmp_path / "reference")


def test_nothing_is_written_outside_the_data_dir(killed_then_rerun, mixed_folder):
    data_dir, _, _ = killed_then_rerun
    assert sorted(p.name for p in data_dir.parent.iterdir()) == ["data"]
    assert not list(mixed_folder.parent.glob("**/pwned")) and not Path("pwned").exists()
    documents = pd.read_parquet(current_snapshot(data_dir).path / "documents.parquet")
    odd = {p.name for p in mixed_folder.iterdir() if p.name in ODD_NAMES}
    assert odd <= set(documents["file_name"]), "odd names are data: kept exactly as given"
    for path in data_dir.rglob("*"):
        assert path.resolve().is_relative_to(data_dir.resolve()), path


def test_documents_read_side_by_side_publish_what_one_reader_publishes(tmp_path):
    """Two readers at once (PAPERLAKE_DOCUMENT_WORKERS=2) give the same snapshot as one after another."""
    contents = []
    for workers in ("1", "2"):
        done = paperlake(["run", str(EXAMPLES), "--data-dir", str(tmp_path / workers)],
                         env={"PAPERLAKE_DOCUMENT_WORKERS": workers})
        assert done.returncode == 0, done.stderr
        contents.append(snapshot_content(tmp_path / workers))
    assert contents[0] == contents[1] and len(contents[0]["tables"]) >= 4
