"""Snapshots mirrored to object storage (a file:// URL and a local S3 server, moto), read back by DuckDB."""
import contextlib
import hashlib
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dagster_project.definitions import defs
from dagster_project.local_run import run_documents
from dagster_project.resources import PaperlakeResource
from paperlake.dataset.layout import current_snapshot, read_manifest
from paperlake.dataset.object_store import (
    attach_views,
    current_remote_snapshot,
    filesystem,
    mirror_snapshot,
    table_url,
)
from paperlake.store import DataStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pdfs"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """One real run on an example PDF whose settings mirror each snapshot to a file:// store."""
    root = tmp_path_factory.mktemp("lake")
    data_dir, store_url = root / "data", (root / "store").as_uri()
    data_dir.mkdir()
    (data_dir / "paperlake.toml").write_text(f'object_store_url = "{store_url}"\n')
    doc_id = DataStore(data_dir).register(EXAMPLES / "zno_thin_films.pdf").doc_id
    result = run_documents(data_dir, [doc_id])
    assert result.success
    return data_dir, store_url


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """moto's S3 server on a free 127.0.0.1 port, the AWS_* variables pointing at it, a bucket."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    patch = pytest.MonkeyPatch()
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            assert server.poll() is None and time.monotonic() < deadline, "moto_server did not start"
            time.sleep(0.2)
        for name, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                            "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}"}.items():
            patch.setenv(name, value)
        fs, _ = filesystem("s3://paperlake")
        fs.mkdir("paperlake")
        yield "s3://paperlake"
    finally:
        patch.undo()
        server.terminate()
        server.wait(10)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_run_mirrors_its_snapshot_and_duckdb_reads_it(published):
    data_dir, store_url = published
    local = current_snapshot(data_dir)
    sid, manifest = current_remote_snapshot(store_url)
    assert sid == local.id and manifest == read_manifest(local.path)
    fs, root = filesystem(store_url)
    for rel, expected in manifest["files"].items():
        assert _sha256(fs.cat_file(f"{root}/published/{sid}/{rel}")) == expected["sha256"], rel
    assert any(rel.startswith("figures/") for rel in manifest["files"])  # crops travel with the snapshot

    con = duckdb.connect()
    try:
        assert attach_views(con, store_url) == sid
        for table, rows in manifest["row_counts"].items():
            assert con.execute(f'select count(*) from "{table}"').fetchone()[0] == rows
        path = table_url(store_url, sid, "tables")
        assert con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0] == manifest["row_counts"]["tables"]
    finally:
        con.close()


def test_mirror_to_s3_is_complete_idempotent_and_readable_by_duckdb(published, s3):
    data_dir, _ = published
    local = current_snapshot(data_dir)
    first = mirror_snapshot(local.path, f"{s3}/lake")
    assert first.uploaded == len(local.manifest["files"]) and first.already_there == 0
    again = mirror_snapshot(local.path, f"{s3}/lake")
    assert again.uploaded == 0 and again.already_there == first.uploaded

    sid, manifest = current_remote_snapshot(f"{s3}/lake")
    assert sid == local.id and manifest["content_sha256"] == local.manifest["content_sha256"]
    con = duckdb.connect()
    try:
        attach_views(con, f"{s3}/lake")  # through s3fs registered with DuckDB: no httpfs download needed
        for table, rows in manifest["row_counts"].items():
            assert con.execute(f'select count(*) from "{table}"').fetchone()[0] == rows
        captions = con.execute("select count(*) from tables where caption is not null").fetchone()[0]
    finally:
        con.close()
    assert captions > 0


def test_failed_mirror_never_moves_current(published, tmp_path):
    data_dir, _ = published
    broken = tmp_path / "snapshot"
    shutil.copytree(current_snapshot(data_dir).path, broken)
    victim = max(rel for rel in read_manifest(broken)["files"] if rel.startswith("figures/"))
    (broken / victim).unlink()
    url = (tmp_path / "store").as_uri()
    with pytest.raises(FileNotFoundError):
        mirror_snapshot(broken, url)
    assert current_remote_snapshot(url) is None  # readers see no half-copied snapshot


def test_inbox_sensor_reads_pdfs_from_s3(s3, tmp_path):
    fs, _ = filesystem(s3)
    fs.put_file(str(EXAMPLES / "gas_sensor_array.pdf"), "paperlake/inbox/2026/gas.pdf")
    fs.pipe_file("paperlake/inbox/notes.txt", b"not a pdf")
    sensor = defs.resolve_sensor_def("inbox_sensor")
    instance = dg.DagsterInstance.ephemeral()
    resources = {"paperlake": PaperlakeResource(data_dir=str(tmp_path / "data"), inbox_url=f"{s3}/inbox")}
    with dg.build_sensor_context(instance=instance, resources=resources) as context:
        result = sensor(context)
    (request,) = result.dynamic_partitions_requests
    (doc_id,) = request.partition_keys
    record = DataStore(tmp_path / "data").source(doc_id)
    assert record.source_uri == "s3://paperlake/inbox/2026/gas.pdf" and record.file_name == "gas.pdf"
    assert doc_id == hashlib.sha256((EXAMPLES / "gas_sensor_array.pdf").read_bytes()).hexdigest()
    assert not list((tmp_path / "data" / "sources").glob(".download-*"))
    instance.add_dynamic_partitions("documents", [doc_id])
    with dg.build_sensor_context(instance=instance, resources=resources, cursor=result.cursor) as context:
        assert not sensor(context).run_requests
