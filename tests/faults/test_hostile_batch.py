"""The hostile trial's batch, as CI runs it: three good example PDFs, every file of tests/corpus, and what
cannot be committed (made here): names that are not UTF-8 or hold terminal escapes, a symlink to a private
file, a symlinked folder, FIFOs and devices inside the folder and as arguments. One `paperlake run` ends
with rc 0: the good ones published, each bad one with a status and a reason (a row in `documents`, or a
`skipped` line for what is never opened), and nothing outside the inputs read or copied."""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlparse

import pandas as pd
import pytest
from fault_runs import CORPUS, EXAMPLES, paperlake
from test_bad_inputs import EXPECTED, INGEST_ONLY

from paperlake.dataset.layout import current_snapshot
from paperlake.escaping import terminal_text

pytestmark = pytest.mark.integration

GOOD = ["gas_sensor_array.pdf", "zno_thin_films.pdf", "protein_stability.pdf"]
SECRET = b"SECRET-7f3a-root:x:0:0"
BAD_UTF8 = b"r\xe9sum\xe9 \xff\xfe.pdf"  # Latin-1 bytes, not UTF-8
ANSI = "\x1b[31mred\x1b[0m\x07 \u202egnp.pdf"
ANSI_CORRUPT = "\x1b]0;owned\x07\x1b[2J corrupt.pdf"
"""A PDF MuPDF cannot open: its error quotes the name, and that error goes to Dagster's log lines too."""


def _make_inputs(tmp_path: Path) -> tuple[Path, list[Path], dict[str, Path]]:
    from conftest import build_booktabs_pdf, build_ruled_pdf

    folder = tmp_path / "in"
    folder.mkdir()
    for name in GOOD:
        shutil.copyfile(EXAMPLES / name, folder / name)
    for pdf in CORPUS.glob("*.pdf"):
        shutil.copyfile(pdf, folder / pdf.name)
    named = {"bad_utf8": Path(os.fsdecode(os.fsencode(folder) + b"/" + BAD_UTF8)), "ansi": folder / ANSI}
    os.rename(build_booktabs_pdf(tmp_path / "booktabs.pdf"), named["bad_utf8"])  # PyMuPDF saves to str names
    os.rename(build_ruled_pdf(tmp_path / "ruled.pdf"), named["ansi"])
    (folder / ANSI_CORRUPT).write_bytes((CORPUS / "corrupt_bytes.pdf").read_bytes() + b"\n% another document\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "passwd"
    secret.write_bytes(SECRET + b"\n" * 10)
    secret.chmod(0o600)
    shutil.copyfile(EXAMPLES / "catalyst_screening.pdf", outside / "elsewhere.pdf")  # only through a link
    (folder / "passwd.pdf").symlink_to(secret)
    (folder / "elsewhere.pdf").symlink_to(outside / "elsewhere.pdf")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "pipe.pdf")
    special = {"symlink": folder / "passwd.pdf", "symlink to a PDF": folder / "elsewhere.pdf",
               "symlinked folder": folder / "linked", "FIFO in the folder": folder / "pipe.pdf"}
    try:
        os.mknod(folder / "zero.pdf", 0o600 | stat.S_IFCHR, os.makedev(1, 5))
        special["device in the folder"] = folder / "zero.pdf"
    except PermissionError:  # not root
        pass
    arguments = [folder, Path("/dev/zero"), tmp_path / "argument_pipe.pdf", folder / "passwd.pdf"]
    os.mkfifo(arguments[2])
    special |= {"/dev/zero as an argument": arguments[1], "FIFO as an argument": arguments[2]}
    return folder, arguments, {**named, **special}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    folder, arguments, made = _make_inputs(tmp_path)
    data_dir = tmp_path / "data"
    run = paperlake(["run", *map(str, arguments), "--data-dir", str(data_dir)],
                    env={"PAPERLAKE_OCR": "off"}, timeout=600)
    return tmp_path, folder, made, data_dir, run


def _documents(data_dir: Path) -> pd.DataFrame:
    return pd.read_parquet(current_snapshot(data_dir).path / "documents.parquet")


def test_the_batch_finishes_and_publishes_the_good_pdfs(hostile_run):
    _, _, _, data_dir, run = hostile_run
    assert run.returncode == 0, run.stderr[-4000:]
    docs = _documents(data_dir).set_index("file_name")
    for name in GOOD:
        assert docs.loc[name, "status"] == "ok", name
    tables = pd.read_parquet(current_snapshot(data_dir).path / "tables.parquet")
    assert set(docs.loc[GOOD, "doc_id"]) <= set(tables["doc_id"])


def test_names_that_are_not_utf8_or_hold_escapes_are_published_escaped(hostile_run):
    _, _, made, data_dir, run = hostile_run
    docs = _documents(data_dir).set_index("file_name")
    escaped = "r\\xe9sum\\xe9 \\xff\\xfe.pdf"
    assert docs.loc[escaped, "status"] == "ok"
    uri = docs.loc[escaped, "source_uri"]
    assert unquote_to_bytes(urlparse(uri).path) == os.fsencode(made["bad_utf8"]), "the exact bytes, in the URI"
    assert docs.loc[ANSI, "status"] == "ok", "a valid UTF-8 name is kept as it is, escapes included"
    assert docs.loc[ANSI_CORRUPT, "status"] == "failed" and ANSI_CORRUPT in docs.loc[ANSI_CORRUPT, "error"]
    for stream in (run.stdout, run.stderr):
        assert not any(c in stream for c in "\x1b\x07\u202e"), "names reach the terminal escaped"
    assert terminal_text(ANSI) in run.stderr and escaped in run.stderr
    assert f"error: {terminal_text(ANSI_CORRUPT)}: failed: " in run.stderr


def test_each_bad_file_has_a_status_and_a_reason(hostile_run):
    docs = _documents(hostile_run[3]).set_index("file_name")
    for name, (status, phrase) in {**EXPECTED, **INGEST_ONLY}.items():
        row = docs.loc[name]
        assert row["status"] == status, (name, row["status"], row["error"])
        assert pd.isna(row["error"]) if phrase is None else phrase in row["error"], (name, row["error"])


def test_what_is_not_a_regular_file_is_refused_unopened_with_a_one_line_reason(hostile_run):
    _, _, made, data_dir, run = hostile_run
    skipped = {line for line in run.stderr.splitlines() if line.startswith("skipped ")}
    for what, path in made.items():
        if what in ("bad_utf8", "ansi"):
            continue
        lines = [line for line in skipped if line.startswith(f"skipped {terminal_text(str(path))}: ")]
        assert len(lines) == 1, (what, sorted(skipped))  # once, even when named twice
        word = {"symlinked folder": "symbolic link", "symlink": "symbolic link", "symlink to a PDF": "symbolic link",
                "FIFO in the folder": "FIFO", "FIFO as an argument": "FIFO",
                "device in the folder": "character device", "/dev/zero as an argument": "character device"}[what]
        assert word in lines[0], (what, lines)
    assert "elsewhere.pdf" not in set(_documents(data_dir)["file_name"])


def test_nothing_outside_the_inputs_is_read_or_copied(hostile_run):
    _, folder, _, data_dir, run = hostile_run
    catalyst = (EXAMPLES / "catalyst_screening.pdf").read_bytes()
    for path in data_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert SECRET not in data, path
            assert data != catalyst, f"{path}: a PDF reached only through a link was copied"
    assert SECRET.decode() not in run.stdout + run.stderr
    inputs = folder.resolve().as_uri() + "/"
    for uri in _documents(data_dir)["source_uri"]:
        assert uri.startswith(inputs), uri
    for sub in ("sources", "quarantine"):
        for path in (data_dir / sub).rglob("*"):
            if path.is_file():
                assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path} is readable by others"


def test_dagster_metadata_holds_names_escaped(hostile_run):
    import dagster as dg

    _, _, _, data_dir, _ = hostile_run
    instance = dg.DagsterInstance.from_config(str(data_dir / "dagster"))
    try:
        texts = [str(getattr(value, "value", value)) for key in instance.get_asset_keys()
                 for record in instance.fetch_materializations(key, limit=100).records
                 for value in record.asset_materialization.metadata.values()]
    finally:
        instance.dispose()
    failed = [text for text in texts if "corrupt" in text and "Failed to open" in text]
    assert failed, "the failed documents are listed"
    for text in texts:
        assert not any(c in text for c in "\x1b\x07\u202e"), text
        text.encode("utf-8")
