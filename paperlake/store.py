"""The data dir on disk: content-addressed PDFs, per-document stage outputs, quarantine.

Every write goes to a temporary name first and is renamed into place, so a crash leaves either the old
state or the new one, never half a file; a stage is done only once its marker file exists.

Inputs are read only when they are regular files: a symbolic link, FIFO, device or socket is refused
(`InputRefused`) before any byte is read, checked on the open file itself so a file swapped for a link
in between is refused too. Only PDFs (a `%PDF-` in the first KB) are copied in; of any other file the
data dir keeps its first 8 bytes, what ingest needs to say what it is. Copies are private (mode 0600).
A file name is kept as `file_name_text` gives it (always valid UTF-8); `source_uri` holds its exact bytes.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyarrow.parquet as pq

PDF_SUFFIXES = {".pdf"}
PDF_MAGIC = b"%PDF-"
HEADER_WINDOW = 1024
"""A PDF's header may follow up to 1 KB of junk (PDF 32000-1, annex H): where `%PDF-` is looked for."""
KEPT_PREFIX = 8
"""Bytes of a file that is not a PDF kept in the data dir, so ingest can say what it starts with."""
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
"""Opening an input: never through a symbolic link, never waiting for a FIFO's writer."""


class InputRefused(Exception):
    """An input that is not read: not a regular file (link, FIFO, device...), unreadable, or changed while
    read. The message is one line, fit to print after the file's name."""


def file_kind(mode: int) -> str:
    """What a stat mode describes, in words ('a regular file', 'a FIFO', 'a character device'...)."""
    for test, name in ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a folder"),
                       (stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def not_regular_reason(kind: str) -> str:
    """The one-line reason an input that is not a regular file is refused."""
    return f"{kind}: paperlake reads regular files only" + (
        " (give the file it points to)" if kind == "a symbolic link" else "")


def open_input(path: Path) -> int:
    """A read-only descriptor on a regular file, opened without following a link or blocking on a FIFO;
    InputRefused otherwise. The caller closes it."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if os.path.islink(path):
            raise InputRefused(not_regular_reason("a symbolic link")) from None
        raise InputRefused(f"cannot be read: {exc.strerror or type(exc).__name__}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputRefused(not_regular_reason(file_kind(mode)))
    os.set_blocking(fd, True)
    return fd


def file_name_text(name: str | bytes) -> str:
    """A file name as text every UTF-8 writer accepts (JSON, Parquet, a terminal): the name itself when its
    bytes are UTF-8, else each byte that is not part of a UTF-8 character written as `\\xNN`, so
    b'bad\\xff.pdf' is 'bad\\xff.pdf' (a backslash, 'x', 'f', 'f'). Control characters are kept: printing
    escapes them (paperlake.escaping.terminal_text)."""
    if isinstance(name, str):
        try:
            name = name.encode("utf-8", "surrogateescape")  # how Python decodes file names on Linux
        except UnicodeEncodeError:
            name = name.encode("utf-8", "surrogatepass")
    return name.decode("utf-8", "backslashreplace")


def path_uri(path: Path) -> str:
    """A `file://` URI of the path as given (made absolute, links not resolved), its bytes percent-encoded:
    the exact name, whatever bytes it holds."""
    return Path(os.path.abspath(path)).as_uri()


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
    with path.open("rb") as handle:
        return _sha256_handle(handle)[0]


def _sha256_handle(handle, copy_to=None) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """Hex sha256 of what is left of an open file and its first HEADER_WINDOW bytes, copying it on the way."""
    digest = hashlib.sha256()
    head = b""
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
        if len(head) < HEADER_WINDOW:
            head += chunk[: HEADER_WINDOW - len(head)]
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest(), head


def safe_file_name(name: str, fallback: str = "input.pdf") -> str:
    """A file name made only of letters, digits, '.', '_' and '-', never starting with '.' or '-' (so never
    '..', hidden, or read as an option), at most 120 characters: safe to join to a folder."""
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:120].lstrip(".-")
    return cleaned or fallback


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write bytes to a temporary sibling, flush to disk, then rename over the target (mode: as given, else
    mkstemp's 0600)."""
    _atomic_replace(path, lambda handle: handle.write(data), mode)


def atomic_copy_file(source: Path, path: Path) -> None:
    """Copy a file to a temporary sibling (mode 0600), flush to disk, then rename over the target."""
    def copy(handle: BinaryIO) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, handle, 1 << 20)

    _atomic_replace(path, copy)


def _atomic_replace(path: Path, write: Callable[[BinaryIO], object], mode: int | None = None) -> None:
    """The one way a file is replaced: written to a temporary sibling, fsynced, renamed over the target;
    the sibling is removed when anything fails, so a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            write(handle)
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
    reading a document's small files, and both convert with pyarrow's to_pandas.

    The last few files read are kept (a copy handed out each time, so a caller may change its own): the
    validate and route stages read the same extraction frames one after the other, 1 ms a file to read
    against 0.05 ms to copy. A file is known by its inode, size and times: one replaced (always by a rename,
    atomic_write_bytes) is read anew."""
    info = os.stat(path)
    key = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    with _FRAMES_LOCK:
        frame = _FRAMES.get(key)
        if frame is not None:
            _FRAMES.move_to_end(key)
    if frame is None:
        with pq.ParquetFile(path) as parquet:
            frame = parquet.read().to_pandas()
        if info.st_size <= _FRAME_CACHE_BYTES:
            with _FRAMES_LOCK:
                _FRAMES[key] = frame
                while len(_FRAMES) > _FRAME_CACHE_FILES:
                    _FRAMES.popitem(last=False)
    return frame.copy()


def forget_frames(folder: Path) -> None:
    """Drop the kept frames of the files in a folder about to be replaced (an inode freed there may be reused
    by the next file written within the clock's resolution, with the same size)."""
    prefix = os.path.join(str(folder), "")
    with _FRAMES_LOCK:
        for key in [k for k in _FRAMES if k[0].startswith(prefix)]:
            del _FRAMES[key]


_FRAMES: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_FRAMES_LOCK = threading.Lock()
_FRAME_CACHE_FILES = 32  # a few documents' stage frames: readers side by side interleave their stages
_FRAME_CACHE_BYTES = 4 << 20  # a document's frames are small; a large file is read each time


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
        """Copy a PDF into the content-addressed store (once per content) and return its record.

        InputRefused when the path is not a regular file (checked on the opened file, before reading) or it
        changed while it was copied. A file that is not a PDF is registered (ingest fails it with its
        reason) but only its first KEPT_PREFIX bytes are kept.
        """
        path = Path(path)
        with os.fdopen(open_input(path), "rb") as handle:
            doc_id, head = _sha256_handle(handle)
            meta_path = self.sources_dir / f"{doc_id}.json"
            if meta_path.exists():
                return self.source(doc_id)
            target = self.source_pdf(doc_id)
            if not target.exists():
                handle.seek(0)
                self._store_source(handle, target, doc_id, is_pdf=PDF_MAGIC in head, head=head)
            size = os.fstat(handle.fileno()).st_size
        record = SourceRecord(
            doc_id=doc_id,
            file_name=file_name_text(path.name),
            source_uri=path_uri(path),
            ingested_at=datetime.now(timezone.utc).isoformat(),
            size_bytes=size,
        )
        atomic_write_json(meta_path, asdict(record))
        return record

    @staticmethod
    def _store_source(handle, target: Path, doc_id: str, is_pdf: bool, head: bytes) -> None:  # type: ignore[no-untyped-def]
        """Write sources/<doc_id>.pdf (mode 0600, atomically): the whole PDF, checked against its id, or the
        first bytes of anything else."""
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as out:
                if is_pdf:
                    copied, _ = _sha256_handle(handle, copy_to=out)
                    if copied != doc_id:
                        raise InputRefused("changed while it was read; run again when it is complete")
                else:
                    out.write(head[:KEPT_PREFIX])
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def holds_pdf(self, doc_id: str) -> bool:
        """Whether the stored source is a PDF's bytes (not the prefix kept of another file)."""
        try:
            with self.source_pdf(doc_id).open("rb") as handle:
                return PDF_MAGIC in handle.read(HEADER_WINDOW)
        except OSError:
            return False

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
        """Keep a copy of a bad PDF (mode 0600) with the reason beside it; returns the quarantine folder.
        A file that is not a PDF gets the reason only: its bytes were never copied in."""
        record = self.source(doc_id)
        folder = self.quarantine_dir / doc_id
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / safe_file_name(record.file_name)
        if not copy.exists() and self.holds_pdf(doc_id):
            atomic_copy_file(self.source_pdf(doc_id), copy)
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
        forget_frames(final)
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
