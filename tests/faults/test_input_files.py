"""Which files paperlake reads, and what it does with their names: regular files only (no symlink, FIFO or
device is opened), nothing but PDFs copied into the data dir, any file name Linux allows (bytes that are not
UTF-8, control characters) registered, published and printed without breaking the batch or the terminal."""
from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlparse

import pytest
from fault_runs import EXAMPLES

from paperlake.cli.run import ProgressDisplay
from paperlake.escaping import terminal_text
from paperlake.pipeline import progress
from paperlake.pipeline.inputs import scan_inputs
from paperlake.store import DataStore, InputRefused, file_name_text

GOOD = EXAMPLES / "zno_thin_films.pdf"
BAD_UTF8 = b"bad\xff\xfe name.pdf"
ANSI = "\x1b[31mred\x1b[0m\x07 title.pdf"


def _bytes_path(folder: Path, name: bytes) -> Path:
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))


def _secret(tmp_path: Path) -> Path:
    """A private file outside every input folder: its bytes must never reach the data dir."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_bytes(b"root:x:0:0:SECRET-CONTENT-7f3a:/root:/bin/bash\n")
    secret.chmod(0o600)
    return secret


def _tree_holds(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and needle in p.read_bytes()]


def _scan_within(paths: list[Path], seconds: float = 20):
    """scan_inputs in a thread that must finish in time (opening a FIFO or reading /dev/zero never would)."""
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("scan", scan_inputs(paths)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "scan" in result, f"scan_inputs({paths}) did not finish in {seconds} s"
    return result["scan"]


# ------------------------------------------------------------------------------------------ file names
def test_a_name_that_is_not_utf8_is_registered_escaped_and_exact_in_its_uri(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = _bytes_path(folder, BAD_UTF8)
    pdf.write_bytes(GOOD.read_bytes())
    store = DataStore(tmp_path / "data")
    record = store.register(pdf)
    assert record.file_name == "bad\\xff\\xfe name.pdf"
    assert record.file_name.encode("utf-8")  # any UTF-8 writer (JSON, Parquet, a terminal) takes it
    assert unquote_to_bytes(urlparse(record.source_uri).path) == os.fsencode(pdf)  # the exact bytes, lossless
    assert store.source(record.doc_id) == record
    folder = store.quarantine(record.doc_id, "failed: a reason")
    assert sorted(p.name for p in folder.iterdir()) == ["bad_xff_xfe_name.pdf", "reason.txt"]


def test_file_name_text_keeps_utf8_and_escapes_only_undecodable_bytes():
    assert file_name_text("ünï cødé 'q' a\nb.pdf") == "ünï cødé 'q' a\nb.pdf"
    assert file_name_text(os.fsdecode(b"\xff\xfe.pdf")) == "\\xff\\xfe.pdf"
    assert file_name_text(b"caf\xc3\xa9\xe9.pdf") == "café\\xe9.pdf"


def test_terminal_text_escapes_control_characters_and_undecodable_bytes():
    assert terminal_text(ANSI) == "\\x1b[31mred\\x1b[0m\\x07 title.pdf"
    assert terminal_text("a\nb\tc\r\x7f\x9b") == "a\\nb\\tc\\r\\x7f\\x9b"
    assert terminal_text(os.fsdecode(b"\xff.pdf")) == "\\xff.pdf"
    assert terminal_text("ünï cødé.pdf") == "ünï cødé.pdf"


def test_progress_lines_print_file_names_with_control_characters_escaped(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    display = ProgressDisplay(interactive=False)
    display.on_event(progress.ProgressEvent("ingest", 1, 1, "d" * 64, ANSI, "failed: not a \x1b[2Jreadable PDF"))
    assert "\x1b" not in err.getvalue() and "\x07" not in err.getvalue()
    assert "\\x1b[31mred" in err.getvalue()
    assert all("\x1b" not in part for problem in display.problems for part in problem)


# ------------------------------------------------------------------------------------------ what is read
def test_a_symlink_is_refused_inside_a_folder_and_given_directly(tmp_path):
    secret = _secret(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "passwd.pdf").symlink_to(secret)
    (folder / "good.pdf").write_bytes(GOOD.read_bytes())
    (folder / "linked_folder").symlink_to(secret.parent, target_is_directory=True)
    scan = _scan_within([folder, folder / "passwd.pdf"])
    assert [p.name for p in scan.pdfs] == ["good.pdf"]
    reasons = {p.name: r for p, r in scan.skipped}
    assert set(reasons) == {"passwd.pdf", "linked_folder"}
    assert "symbolic link" in reasons["passwd.pdf"] and "symbolic link" in reasons["linked_folder"]
    assert str(secret) not in " ".join(reasons.values()), "the link's target is not named"
    store = DataStore(tmp_path / "data")
    with pytest.raises(InputRefused, match="symbolic link"):
        store.register(folder / "passwd.pdf")
    assert not _tree_holds(store.root, b"SECRET-CONTENT") if store.root.exists() else True


def test_fifos_and_devices_are_refused_before_they_are_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.pdf")
    os.mkfifo(tmp_path / "direct_pipe.pdf")
    paths = [folder, tmp_path / "direct_pipe.pdf", Path("/dev/zero"), Path("/dev/null")]
    try:
        os.mknod(folder / "zero.pdf", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero inside a folder
        device_in_folder = True
    except PermissionError:  # not root: no device node of our own
        device_in_folder = False
    scan = _scan_within(paths)
    assert scan.pdfs == ()
    reasons = {p.name: r for p, r in scan.skipped}
    assert "FIFO" in reasons["pipe.pdf"] and "FIFO" in reasons["direct_pipe.pdf"]
    assert "character device" in reasons["zero"] and "character device" in reasons["null"]
    if device_in_folder:
        assert "character device" in reasons["zero.pdf"]
    assert all("\n" not in r for r in reasons.values()), "one line each"
    store = DataStore(tmp_path / "data")
    with pytest.raises(InputRefused, match="FIFO"):
        store.register(folder / "pipe.pdf")
    with pytest.raises(InputRefused, match="character device"):
        store.register(Path("/dev/zero"))


def test_only_pdfs_are_copied_into_the_data_dir(tmp_path):
    """A file without a %PDF- header gets a document id and its failure, but its bytes stay where they are:
    the data dir keeps at most the first 8 (shown escaped in the error)."""
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_bytes(b"root:x:0:0:SECRET-CONTENT-7f3a\n" * 100)
    store = DataStore(tmp_path / "data")
    record = store.register(not_pdf)
    assert record.size_bytes == not_pdf.stat().st_size
    assert store.source_pdf(record.doc_id).read_bytes() == b"root:x:0"
    folder = store.quarantine(record.doc_id, "failed: not a readable PDF")
    assert [p.name for p in folder.iterdir()] == ["reason.txt"]
    assert not _tree_holds(store.root, b"SECRET-CONTENT")


def test_copies_are_private_whatever_the_input_mode(tmp_path):
    pdf = tmp_path / "open.pdf"
    pdf.write_bytes(GOOD.read_bytes())
    pdf.chmod(0o644)
    store = DataStore(tmp_path / "data")
    doc_id = store.register(pdf).doc_id
    folder = store.quarantine(doc_id, "partial: damaged")
    for path in (store.source_pdf(doc_id), folder / "open.pdf"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_source_uri_names_the_input_as_given_not_where_its_folder_points(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.pdf").write_bytes(GOOD.read_bytes())
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    scan = scan_inputs([tmp_path / "alias"])  # a folder given by the user may itself be a link: it is theirs
    assert [p.name for p in scan.pdfs] == ["a.pdf"]
    record = DataStore(tmp_path / "data").register(scan.pdfs[0])
    assert record.source_uri == (tmp_path / "alias" / "a.pdf").as_uri()
