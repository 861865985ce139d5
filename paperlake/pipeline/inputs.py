"""Which files a run takes: PDFs found under the paths given, and a one-line reason for each one skipped.

Only regular files are taken. A symbolic link (to a file or a folder) inside a folder is not followed, a
link given as a file is refused, and a FIFO, device or socket is refused without being opened (opening a
FIFO waits for a writer; /dev/zero never ends): each with its reason. A folder given by the user is walked
even when it is itself a link (the user chose it); nothing under it leads outside it.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from paperlake.store import HEADER_WINDOW, PDF_MAGIC, InputRefused, file_kind, not_regular_reason, open_input


@dataclass(frozen=True)
class InputScan:
    """PDF files to register, and (path, reason) for everything given that is not one."""

    pdfs: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]


def scan_inputs(paths: Iterable[Path]) -> InputScan:
    """Expand folders to the *.pdf regular files inside (recursively, sorted); check files given directly."""
    pdfs: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        path = Path(path)
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            skipped.append((path, "no such file or folder"))
            continue
        except OSError as exc:
            skipped.append((path, f"cannot be read: {exc.strerror or type(exc).__name__}"))
            continue
        if stat.S_ISLNK(mode) and path.is_dir():
            mode = os.stat(path).st_mode  # a folder the user named through a link: theirs to name
        if stat.S_ISDIR(mode):
            found, refused = _walk(path)
            pdfs.extend(found)
            skipped.extend(refused)
        elif not stat.S_ISREG(mode):
            skipped.append((path, not_regular_reason(file_kind(mode))))
        elif path.suffix.lower() == ".pdf":
            pdfs.append(path)
        else:
            reason = _header_reason(path)
            if reason is None:
                pdfs.append(path)
            else:
                skipped.append((path, reason))
    return InputScan(tuple(dict.fromkeys(pdfs)), tuple(dict.fromkeys(skipped)))


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The *.pdf regular files under a folder, sorted, without following links; what was refused and why."""
    found: list[Path] = []
    refused: list[tuple[Path, str]] = []

    def unreadable(exc: OSError) -> None:
        refused.append((Path(exc.filename or folder), f"cannot be read: {exc.strerror or type(exc).__name__}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        for name in dirs:
            if os.path.islink(os.path.join(root, name)):  # listed, never entered
                refused.append((Path(root, name), "a symbolic link to a folder: not followed"))
        for name in files:
            if not name.lower().endswith(".pdf"):
                continue
            path = Path(root, name)
            try:
                mode = os.lstat(path).st_mode
            except OSError as exc:
                refused.append((path, f"cannot be read: {exc.strerror or type(exc).__name__}"))
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            else:
                refused.append((path, not_regular_reason(file_kind(mode))))
    return sorted(found), sorted(refused)


def _header_reason(path: Path) -> str | None:
    """None when a file without the .pdf suffix starts like a PDF; else why it is not taken."""
    try:
        with os.fdopen(open_input(path), "rb") as handle:
            head = handle.read(HEADER_WINDOW)
    except InputRefused as exc:
        return str(exc)
    return None if PDF_MAGIC in head else "not a PDF (no .pdf suffix and no %PDF header)"
