"""The publish edge: write an immutable snapshot, move `published/CURRENT` to it, refresh the catalog.

Layout and promises are those of DATASET_CONTRACT.md. A publish writes everything into
`published/.staging-<id>/` (files fsynced, manifest last), renames that folder to `published/<id>/`,
replaces `CURRENT` atomically, then rebuilds `catalog.duckdb`. A crash at any step leaves `CURRENT`
naming a complete snapshot; the next publish removes stale staging folders. Publishes of one data dir
are serialised with a lock file (`published/.publish.lock`).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from paperlake.dataset.catalog import CATALOG_NAME, CONTRACT_TABLES, DATASET_TABLES, REVIEWS, refresh_catalog
from paperlake.dataset.layout import CURRENT, MANIFEST, SNAPSHOT_ID, Snapshot, current_snapshot, read_manifest
from paperlake.dataset.retention import prune_snapshots
from paperlake.faults import crash_point
from schemas.dataset import empty_frame

logger = logging.getLogger(__name__)

CONTRACT_VERSION = "1"
STAGING_PREFIX = ".staging-"
LOCK_NAME = ".publish.lock"
_STAMP = "%Y%m%dT%H%M%SZ"
_CHUNK = 1 << 20


# --------------------------------------------------------------------------- pure helpers

def snapshot_id(created_at: datetime, content_sha256: str, existing: list[str] | tuple[str, ...] = ()) -> str:
    """A sortable, unique id `YYYYMMDDTHHMMSSZ-<8 hex of content>`.

    The time part is bumped past the newest existing id's, so ids sort in publish order and never
    collide, even for identical content published twice within a second or after a clock step back.
    """
    stamp = created_at.astimezone(timezone.utc).replace(microsecond=0)
    stamps = [m.group(1) for m in map(SNAPSHOT_ID.match, existing) if m]
    if stamps:
        newest = datetime.strptime(max(stamps), _STAMP).replace(tzinfo=timezone.utc)
        stamp = max(stamp, newest + timedelta(seconds=1))
    return f"{stamp.strftime(_STAMP)}-{content_sha256[:8]}"


def content_hash(files: Mapping[str, Mapping[str, Any]]) -> str:
    """sha256 over the sorted (path, sha256, bytes) entries of a snapshot's files."""
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(f"{rel}\0{files[rel]['sha256']}\0{files[rel]['bytes']}\n".encode())
    return digest.hexdigest()


def safe_relpath(rel: str) -> PurePosixPath:
    """A snapshot-relative path, refused when absolute, escaping, or clashing with a reserved name."""
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or any(part in ("", ".", "..") for part in rel.split("/")):
        raise ValueError(f"image path must be relative and inside the snapshot: {rel!r}")
    reserved = {MANIFEST, *(f"{name}.parquet" for name in DATASET_TABLES)}
    if path.parts[0] in reserved:
        raise ValueError(f"image path clashes with a dataset file: {rel!r}")
    return path


def build_manifest(sid: str, created_at: datetime, parent: str | None, *, pipeline_version: str,
                   settings_hash: str, row_counts: Mapping[str, int],
                   files: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The manifest.json content of a snapshot."""
    return {
        "id": sid,
        "created_at": created_at.astimezone(timezone.utc).isoformat(),
        "parent": parent,
        "pipeline_version": pipeline_version,
        "settings_hash": settings_hash,
        "contract_version": CONTRACT_VERSION,
        "content_sha256": content_hash(files),
        "row_counts": dict(row_counts),
        "files": {rel: dict(files[rel]) for rel in sorted(files)},
    }


def file_digest(path: Path) -> dict[str, Any]:
    """{sha256, bytes} of a file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "bytes": size}


# --------------------------------------------------------------------------- reading


def verify_snapshot(path: Path) -> list[str]:
    """Problems with a snapshot's files against its manifest: missing, changed or unexpected files."""
    root = Path(path)
    try:
        files = read_manifest(root)["files"]
    except (OSError, ValueError, KeyError) as exc:
        return [f"{MANIFEST}: unreadable ({exc})"]
    problems = []
    for rel, expected in sorted(files.items()):
        target = root / rel
        if ".." in PurePosixPath(rel).parts or PurePosixPath(rel).is_absolute():
            problems.append(f"{rel}: path outside the snapshot")
        elif not target.is_file():
            problems.append(f"{rel}: missing")
        else:
            actual = file_digest(target)
            if actual["bytes"] != expected.get("bytes"):
                problems.append(f"{rel}: {actual['bytes']} bytes, manifest says {expected.get('bytes')}")
            elif actual["sha256"] != expected.get("sha256"):
                problems.append(f"{rel}: sha256 mismatch")
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    problems += [f"{rel}: not in the manifest" for rel in sorted(present - set(files) - {MANIFEST})]
    return problems


# --------------------------------------------------------------------------- publishing

def publish_snapshot(data_dir: Path, frames: Mapping[str, pd.DataFrame], images: Mapping[str, Path], *,
                     pipeline_version: str, settings_hash: str, now: datetime | None = None,
                     retention: int | None = None) -> Snapshot:
    """Write a new immutable snapshot of `frames` and `images`, make it CURRENT, refresh the catalog.

    `frames` holds the five contract tables (written as given, dtypes kept) and optionally `reviews`
    (review statistics; an empty one is written when absent); `images` maps a path
    inside the snapshot (e.g. `figures/<doc_id>/<figure_id>.png`) to the file to hard-link or copy.
    `now` (naive means UTC) sets created_at. Identical content is published again under a new id;
    `parent` always names the snapshot that was CURRENT before. With `retention`, snapshots beyond
    the newest `retention` are removed afterwards (never the new one or its parent).
    """
    missing = [name for name in CONTRACT_TABLES if name not in frames]
    unknown = [name for name in frames if name not in DATASET_TABLES]
    if missing or unknown:
        raise ValueError(f"frames must be exactly {list(CONTRACT_TABLES)} (and optionally {REVIEWS!r}); "
                         f"missing {missing}, unknown {unknown}")
    frames = {**frames, REVIEWS: frames[REVIEWS] if REVIEWS in frames else empty_frame(REVIEWS)}
    image_sources = {safe_relpath(rel): Path(src) for rel, src in images.items()}
    absent = [str(src) for src in image_sources.values() if not src.is_file()]
    if absent:
        raise FileNotFoundError(f"image sources missing: {absent[:5]}")
    if "image_path" in frames["figures"]:
        unmatched = set(frames["figures"]["image_path"].dropna()) - set(images)
        if unmatched:
            logger.warning("%d figure image_path(s) have no image to publish, e.g. %s",
                           len(unmatched), sorted(unmatched)[0])
    created_at = (now or datetime.now(timezone.utc))
    created_at = created_at.replace(tzinfo=timezone.utc) if created_at.tzinfo is None else created_at

    data_dir = Path(data_dir).resolve()
    published = data_dir / "published"
    published.mkdir(parents=True, exist_ok=True)
    with _publish_lock(published):
        _remove_stale(data_dir, published)
        parent = current_snapshot(data_dir)
        staging = published / f"{STAGING_PREFIX}{os.getpid()}"
        staging.mkdir()
        try:  # a failed write (disk full) drops the staging folder at once, freeing its space
            files = {rel: _write_parquet(frames[name], staging / rel)
                     for name in DATASET_TABLES for rel in [f"{name}.parquet"]}
            for rel, src in sorted(image_sources.items()):
                files[rel.as_posix()] = _place_file(src, staging / rel)
            existing = [p.name for p in published.iterdir() if p.is_dir()]
            sid = snapshot_id(created_at, content_hash(files), existing)
            final_staging = published / f"{STAGING_PREFIX}{sid}"
            os.rename(staging, final_staging)
            staging = final_staging
            row_counts = {name: len(frames[name]) for name in DATASET_TABLES}
            manifest = build_manifest(sid, created_at, parent.id if parent else None,
                                      pipeline_version=pipeline_version, settings_hash=settings_hash,
                                      row_counts=row_counts, files=files)
            _write_durably(final_staging / MANIFEST, json.dumps(manifest, indent=2, sort_keys=False).encode())
            _fsync_tree(final_staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        crash_point("publish.staged")
        target = published / sid
        os.rename(final_staging, target)
        _fsync_dir(published)
        if parent and parent.manifest.get("content_sha256") == manifest["content_sha256"]:
            logger.info("snapshot %s has the same content as its parent %s", sid, parent.id)
        crash_point("publish.before_current")
        _point_current(published, sid)
        crash_point("publish.before_catalog")
        logger.info("published snapshot %s (%s)", sid, ", ".join(f"{k}={v}" for k, v in row_counts.items()))
        refresh_catalog(data_dir, target)
        pruned: list[str] = []
        if retention is not None:
            pruned = prune_snapshots(data_dir, retention)
    return Snapshot(id=sid, path=target, manifest=manifest, row_counts=row_counts, pruned=tuple(pruned))


@contextlib.contextmanager
def _publish_lock(published: Path) -> Iterator[None]:
    """Exclusive lock of a data dir's publishes (POSIX flock; no-op where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(published / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_stale(data_dir: Path, published: Path) -> None:
    """Drop what a crashed publish left behind: staging folders, CURRENT.tmp, catalog temp files."""
    for stale in published.glob(f"{STAGING_PREFIX}*"):
        logger.warning("removing stale staging folder %s", stale)
        shutil.rmtree(stale, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        (published / f"{CURRENT}.tmp").unlink()
    for stale in data_dir.glob(f"{CATALOG_NAME}.tmp-*"):
        stale.unlink(missing_ok=True)


def _write_parquet(frame: pd.DataFrame, path: Path) -> dict[str, Any]:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with open(path, "wb") as handle:
        pq.write_table(table, handle)
        handle.flush()
        os.fsync(handle.fileno())
    return file_digest(path)


def _place_file(src: Path, dst: Path) -> dict[str, Any]:
    """Hard-link `src` to `dst` (same filesystem), else copy it; fsync the result."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
    with open(dst, "rb") as handle:
        os.fsync(handle.fileno())
    return file_digest(dst)


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open folders
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for folder in sorted({p.parent for p in root.rglob("*")} | {root}, key=lambda p: -len(p.parts)):
        _fsync_dir(folder)


def _point_current(published: Path, sid: str) -> None:
    """Replace CURRENT atomically: write CURRENT.tmp, fsync, os.replace, fsync the folder."""
    tmp = published / f"{CURRENT}.tmp"
    try:
        _write_durably(tmp, f"{sid}\n".encode())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, published / CURRENT)
    _fsync_dir(published)
