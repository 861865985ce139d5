"""The data dir on disk: content-addressed PDFs, per-document stage outputs, quarantine.

Every write goes to a temporary name first and is renamed into place, so a crash leaves either the old
state or the new one, never half a file; a stage is done only once its marker file exists.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

PDF_SUFFIXES = {".pdf"}


@dataclass(frozen=True)
class SourceRecord:
    """A registered PDF: its content id and where it came from (first name seen wins)."""

    doc_id: str
    file_name: str
    source_uri: str
    ingested_at: str
    size_bytes: int


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_file_name(name: str, fallback: str = "input.pdf") -> str:
    """A file name made only of letters, digits, '.', '_' and '-', never starting with '.' or '-' (so never
    '..', hidden, or read as an option), at most 120 characters: safe to join to a folder."""
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:120].lstrip(".-")
    return cleaned or fallback


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to a temporary sibling, flush to disk, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_json(path: Path, payload: object) -> None:
    """Write JSON (UTF-8, sorted keys) atomically."""
    atomic_write_bytes(path, json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False, default=str).encode())


def read_parquet_frame(path: Path) -> pd.DataFrame:
    """One Parquet file as a DataFrame, read with pyarrow directly: pd.read_parquet's own setup costs more than
    reading a document's small files, and both convert with pyarrow's to_pandas."""
    with pq.ParquetFile(path) as parquet:
        return parquet.read().to_pandas()


class DataStore:
    """Paths and atomic reads/writes under one data dir; the only place that knows the layout."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # ----------------------------------------------------------------------------------- layout
    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"

    @property
    def review_dir(self) -> Path:
        return self.root / "review"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    def source_pdf(self, doc_id: str) -> Path:
        return self.sources_dir / f"{doc_id}.pdf"

    def work_dir(self, doc_id: str) -> Path:
        return self.root / "work" / doc_id

    def stage_dir(self, doc_id: str, stage: str) -> Path:
        return self.work_dir(doc_id) / stage

    # ----------------------------------------------------------------------------------- sources
    def register(self, path: Path) -> SourceRecord:
        """Copy a PDF into the content-addressed store (once per content) and return its record."""
        doc_id = sha256_file(path)
        meta_path = self.sources_dir / f"{doc_id}.json"
        if meta_path.exists():
            return self.source(doc_id)
        target = self.source_pdf(doc_id)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            os.close(fd)
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
        record = SourceRecord(
            doc_id=doc_id,
            file_name=path.name,
            source_uri=path.resolve().as_uri(),
            ingested_at=datetime.now(timezone.utc).isoformat(),
            size_bytes=path.stat().st_size,
        )
        atomic_write_json(meta_path, asdict(record))
        return record

    def source(self, doc_id: str) -> SourceRecord:
        meta = json.loads((self.sources_dir / f"{doc_id}.json").read_text(encoding="utf-8"))
        return SourceRecord(**meta)

    def is_registered(self, doc_id: str) -> bool:
        return (self.sources_dir / f"{doc_id}.json").is_file()

    def registered_ids(self) -> list[str]:
        if not self.sources_dir.is_dir():
            return []
        return sorted(p.stem for p in self.sources_dir.glob("*.json"))

    # ----------------------------------------------------------------------------------- quarantine
    def quarantine(self, doc_id: str, reason: str) -> Path:
        """Keep a copy of a bad input with the reason beside it; returns the quarantine folder."""
        record = self.source(doc_id)
        folder = self.quarantine_dir / doc_id
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / safe_file_name(record.file_name)
        if not copy.exists():
            shutil.copyfile(self.source_pdf(doc_id), copy)
        atomic_write_bytes(folder / "reason.txt", (reason.strip() + "\n").encode())
        return folder

    # ----------------------------------------------------------------------------------- stages
    def stage_marker(self, doc_id: str, stage: str) -> dict | None:
        """The marker a finished stage left (its versions and counts), or None when not finished."""
        path = self.stage_dir(doc_id, stage) / "_done.json"
        if not path.exists():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def write_stage(self, doc_id: str, stage: str, frames: Mapping[str, pd.DataFrame],
                    files: Mapping[str, bytes], marker: Mapping[str, object],
                    links: Mapping[str, Path] | None = None) -> Path:
        """Replace a stage's output with new frames and files, then write its done-marker last.

        `links` (relative name -> existing file) are hard-linked in, or copied where linking fails: for
        another stage's output passed on unchanged, which is never rewritten in place (stages replace whole).
        """
        final = self.stage_dir(doc_id, stage)
        staging = final.with_name(f".{stage}.staging")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        for name, frame in frames.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)
        for rel, data in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for rel, source in (links or {}).items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:  # another file system, or one without hard links
                shutil.copyfile(source, target)
        (staging / "_done.json").write_text(json.dumps(dict(marker), sort_keys=True, default=str), encoding="utf-8")
        old = final.with_name(f".{stage}.old")
        if old.exists():
            shutil.rmtree(old)
        if final.exists():
            final.rename(old)
        staging.rename(final)
        if old.exists():
            shutil.rmtree(old)
        return final

    def read_frames(self, doc_id: str, stage: str, names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
        """A stage's frames by name (the same frames pd.read_parquet gives, at half the cost on small files)."""
        folder = self.stage_dir(doc_id, stage)
        return {name: read_parquet_frame(folder / f"{name}.parquet") for name in names}

    def iter_stage_docs(self, stage: str) -> Iterator[str]:
        """Doc ids whose stage has finished."""
        for doc_id in self.registered_ids():
            if self.stage_marker(doc_id, stage) is not None:
                yield doc_id
