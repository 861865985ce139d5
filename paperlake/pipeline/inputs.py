"""Which files a run takes: PDFs found under the paths given, and a one-line reason for each one skipped."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class InputScan:
    """PDF files to register, and (path, reason) for everything given that is not one."""

    pdfs: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]


def scan_inputs(paths: Iterable[Path]) -> InputScan:
    """Expand folders to the *.pdf files inside (recursively, sorted); check files given directly."""
    pdfs: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if not path.exists():
            skipped.append((path, "no such file or folder"))
        elif path.is_dir():
            pdfs.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        elif path.suffix.lower() == ".pdf" or _starts_like_pdf(path):
            pdfs.append(path)
        else:
            skipped.append((path, "not a PDF (no .pdf suffix and no %PDF header)"))
    return InputScan(tuple(dict.fromkeys(pdfs)), tuple(skipped))


def _starts_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return PDF_MAGIC in handle.read(1024)
    except OSError:
        return False
