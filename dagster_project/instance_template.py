"""A new data dir's Dagster databases copied from a template made once per machine and Dagster version.

Creating them (SQLAlchemy's tables, alembic's stamp and Dagster's data-migration markers in three databases)
took 0.4-0.6 s of wall time and 0.15 CPU s of every run on a new data dir, in the run's own process before
its first step. They come out the same each time but for the markers' timestamps, so they are built once into
~/.cache/paperlake (aside, then moved into place whole: a crash or a second process building at the same
moment leaves no half-made template) and copied. Where the cache cannot be written they are built as before.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import dagster as dg

CACHE_DIR = Path("~/.cache/paperlake").expanduser()
TEMPLATE_VERSION = 1
"""Part of the template's folder name: a change to how the databases are built names a new template."""


def template_dir(cache: Path = CACHE_DIR) -> Path:
    """Where this Dagster version's template databases are kept."""
    return cache / f"dagster-{dg.__version__}-instance-v{TEMPLATE_VERSION}"


def fill(folder: Path, databases: Sequence[str], build: Callable[[Path], None], cache: Path | None = None) -> None:
    """Put the databases (paths relative to a Dagster home) into `folder`: copies of the template's, the
    template built with `build` on first use; `build(folder)` itself where the template cannot be had."""
    template = _template(databases, build, CACHE_DIR if cache is None else cache)
    if template is None:
        build(folder)
        return
    for rel in databases:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template / rel, folder / rel)


def _template(databases: Sequence[str], build: Callable[[Path], None], cache: Path) -> Path | None:
    """The template's folder, built when missing; None where the cache cannot be written."""
    target = template_dir(cache)
    if all((target / rel).is_file() for rel in databases):
        return target
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache, prefix=".dagster-template-") as scratch:
            made = Path(scratch) / "instance"
            build(made)
            if not all((made / rel).is_file() and not (made / f"{rel}-wal").exists() for rel in databases):
                return None  # (SQLite keeps no write-ahead log after a clean close; a copy would lose one)
            with contextlib.suppress(OSError):  # another process moved its template in first: that one is used
                os.rename(made, target)
    except OSError:
        return None
    return target if all((target / rel).is_file() for rel in databases) else None
