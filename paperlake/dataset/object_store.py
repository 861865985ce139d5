"""Object storage through fsspec URLs: mirror published snapshots there, and list/fetch inbox PDFs.

One code path for every store: `s3://bucket/prefix` (s3fs; endpoint and keys from the usual AWS_*
variables, AWS_ENDPOINT_URL for MinIO/Ceph/moto), `file:///path` or a plain local path. A mirror
writes `<url>/published/<id>/...` file by file, the snapshot's manifest.json after its data files, and
`<url>/published/CURRENT` last, so a reader that follows CURRENT never meets a partial snapshot; a
re-run after a crash uploads only what is missing.
"""
from __future__ import annotations

import json
import logging
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fsspec

from paperlake.dataset.layout import CURRENT, MANIFEST, read_manifest

if TYPE_CHECKING:
    from paperlake.store import DataStore, SourceRecord

logger = logging.getLogger(__name__)

PUBLISHED = "published"


@dataclass(frozen=True)
class MirrorResult:
    """Where a snapshot was mirrored and how many files were uploaded or already there."""

    snapshot_id: str
    url: str
    uploaded: int
    already_there: int
    bytes_uploaded: int


@dataclass(frozen=True)
class RemoteFile:
    """A file in a store: its full URL, name, size and a change stamp (ETag or mtime)."""

    url: str
    name: str
    size: int
    stamp: str


def filesystem(url: str) -> tuple[Any, str]:
    """(fsspec filesystem, path inside it) for a URL or local path."""
    fs, path = fsspec.core.url_to_fs(url)
    return fs, path.rstrip("/") or "/"


def join_url(url: str, *parts: str) -> str:
    """`url` with path parts appended with '/', whatever the scheme."""
    return posixpath.join(url.rstrip("/"), *parts)


def mirror_snapshot(snapshot_dir: Path, url: str) -> MirrorResult:
    """Copy a complete local snapshot to `<url>/published/<id>/`, then point `<url>/published/CURRENT` at it."""
    snapshot_dir = Path(snapshot_dir)
    manifest = read_manifest(snapshot_dir)
    sid = manifest["id"]
    fs, root = filesystem(url)
    target = posixpath.join(root, PUBLISHED, sid)
    fs.makedirs(target, exist_ok=True)
    uploaded = already = sent = 0
    for rel, expected in sorted(manifest["files"].items()):
        remote = posixpath.join(target, rel)
        if _has_size(fs, remote, int(expected["bytes"])):
            already += 1
            continue
        fs.makedirs(posixpath.dirname(remote), exist_ok=True)
        fs.put_file(str(snapshot_dir / rel), remote)
        uploaded += 1
        sent += int(expected["bytes"])
    fs.pipe_file(posixpath.join(target, MANIFEST), (snapshot_dir / MANIFEST).read_bytes())
    _replace(fs, posixpath.join(root, PUBLISHED, CURRENT), f"{sid}\n".encode())
    logger.info("mirrored snapshot %s to %s (%d uploaded, %d already there)", sid, url, uploaded, already)
    return MirrorResult(sid, join_url(url, PUBLISHED, sid), uploaded, already, sent)


def current_remote_snapshot(url: str) -> tuple[str, dict[str, Any]] | None:
    """(id, manifest) of the snapshot `<url>/published/CURRENT` names, or None before the first mirror."""
    fs, root = filesystem(url)
    pointer = posixpath.join(root, PUBLISHED, CURRENT)
    if not fs.exists(pointer):
        return None
    sid = fs.cat_file(pointer).decode("utf-8").strip()
    if not sid or "/" in sid or sid.startswith("."):
        raise ValueError(f"{join_url(url, PUBLISHED, CURRENT)} holds no valid snapshot id: {sid!r}")
    return sid, json.loads(fs.cat_file(posixpath.join(root, PUBLISHED, sid, MANIFEST)))


def table_url(url: str, snapshot_id: str, table: str) -> str:
    """The URL of one table's Parquet file in a mirrored snapshot (what DuckDB's read_parquet takes)."""
    if "://" not in url or url.startswith("file://"):
        _, root = filesystem(url)
        return posixpath.join(root, PUBLISHED, snapshot_id, f"{table}.parquet")
    return join_url(url, PUBLISHED, snapshot_id, f"{table}.parquet")


def attach_views(con: Any, url: str, use_httpfs: bool = False) -> str:
    """Create one DuckDB view per table of the store's CURRENT snapshot; returns the snapshot id.

    With `use_httpfs`, DuckDB reads s3:// itself (httpfs extension and an S3 secret set up by the
    caller, see docs/cluster.md); otherwise the fsspec filesystem is registered with the connection,
    which needs no DuckDB extension (works offline). Local and file:// stores are read directly.
    """
    found = current_remote_snapshot(url)
    if found is None:
        raise FileNotFoundError(f"nothing published at {url} yet (no {join_url(url, PUBLISHED, CURRENT)})")
    sid, manifest = found
    if "://" in url and not url.startswith("file://") and not use_httpfs:
        fs, _ = filesystem(url)
        con.register_filesystem(fs)
    for table in manifest["row_counts"]:
        source = table_url(url, sid, table).replace("'", "''")
        con.execute(f'CREATE OR REPLACE VIEW "{table}" AS SELECT * FROM read_parquet(\'{source}\')')
    return sid


def list_pdfs(url: str) -> Iterator[RemoteFile]:
    """Every `.pdf` under a folder URL (recursively), sorted by path, with a stamp that changes with its bytes."""
    fs, root = filesystem(url)
    if not fs.isdir(root):
        raise FileNotFoundError(f"inbox {url} does not exist or is not a folder")
    for path, info in sorted(fs.find(root, detail=True).items()):
        if info.get("type", "file") != "file" or not path.lower().endswith(".pdf"):
            continue
        stamp = info.get("ETag") or info.get("etag") or info.get("mtime") or info.get("LastModified") or ""
        yield RemoteFile(fs.unstrip_protocol(path), posixpath.basename(path), int(info.get("size") or 0),
                         str(stamp).strip('"'))


def fetch(url: str, destination: Path) -> Path:
    """Download one file to a local path (parent folders created)."""
    fs, path = filesystem(url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fs.get_file(path, str(destination))
    return destination


def _has_size(fs: Any, path: str, size: int) -> bool:
    try:
        return int(fs.size(path)) == size
    except (FileNotFoundError, OSError):
        return False


def _replace(fs: Any, path: str, data: bytes) -> None:
    """Replace a small object whole: on a local disk through a temporary name and a rename, elsewhere one PUT."""
    if "file" in _protocols(fs):
        tmp = f"{path}.tmp"
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
    else:
        fs.pipe_file(path, data)


def _protocols(fs: Any) -> tuple[str, ...]:
    protocol = fs.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


def register_from(store: DataStore, remote: RemoteFile) -> SourceRecord:
    """Register an inbox PDF in the data dir: a local file directly, a remote one through a download.

    A remote PDF is downloaded beside the sources (same filesystem), registered, and the download
    removed; its record keeps the remote URL as `source_uri`.
    """
    import dataclasses
    import tempfile

    from paperlake.store import atomic_write_json, path_uri

    fs, path = filesystem(remote.url)
    if "file" in _protocols(fs):
        return store.register(Path(path))
    store.sources_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=store.sources_dir, prefix=".download-") as folder:
        local = fetch(remote.url, Path(folder) / remote.name)
        record = store.register(local)
    if record.source_uri == path_uri(local):
        record = dataclasses.replace(record, source_uri=remote.url)
        atomic_write_json(store.sources_dir / f"{record.doc_id}.json", dataclasses.asdict(record))
    return record
