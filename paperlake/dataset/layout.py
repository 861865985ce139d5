"""The published folder's layout: snapshot ids, manifests, `CURRENT`, and finding snapshots on disk.

The lowest floor of the dataset room: publish writes this layout, retention prunes it, diff and the
catalog read it. Reading only; nothing here writes.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
CURRENT = "CURRENT"
SNAPSHOT_ID = re.compile(r"^(\d{8}T\d{6}Z)-[0-9a-f]{8}$")
"""A snapshot id, `YYYYMMDDTHHMMSSZ-<8 hex of content>`; group 1 is the time stamp."""


@dataclass(frozen=True)
class Snapshot:
    """One published snapshot: its id, absolute folder, manifest and row counts per table."""

    id: str
    path: Path
    manifest: dict[str, Any] = field(repr=False)
    row_counts: dict[str, int]
    pruned: tuple[str, ...] = field(default=(), compare=False)
    """Snapshots the retention setting removed right after this one was published."""


def is_snapshot_id(name: str) -> bool:
    """Whether a folder name under published/ is a snapshot id (not CURRENT, staging or lock files)."""
    return bool(SNAPSHOT_ID.match(name))


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a snapshot; `path` is the snapshot folder or its manifest.json."""
    path = Path(path)
    if path.is_dir():
        path = path / MANIFEST
    return json.loads(path.read_text(encoding="utf-8"))


def current_snapshot(data_dir: Path) -> Snapshot | None:
    """The snapshot `published/CURRENT` names, or None before the first publish."""
    published = Path(data_dir).resolve() / "published"
    try:
        sid = (published / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not sid or "/" in sid or sid.startswith("."):
        raise ValueError(f"{published / CURRENT} holds no valid snapshot id: {sid!r}")
    return _load(published / sid)


def _load(folder: Path) -> Snapshot:
    manifest = read_manifest(folder)
    return Snapshot(id=manifest["id"], path=folder, manifest=manifest,
                    row_counts={k: int(v) for k, v in manifest["row_counts"].items()})


def list_snapshots(data_dir: Path) -> list[Snapshot]:
    """Every complete snapshot under DATA_DIR/published, oldest first (ids sort in publish order)."""
    published = Path(data_dir).resolve() / "published"
    if not published.is_dir():
        return []
    found = []
    for folder in sorted(published.iterdir()):
        if folder.is_dir() and is_snapshot_id(folder.name) and (folder / MANIFEST).is_file():
            manifest = read_manifest(folder)
            found.append(Snapshot(id=manifest["id"], path=folder, manifest=manifest,
                                  row_counts={k: int(v) for k, v in manifest.get("row_counts", {}).items()}))
    return found


def find_snapshot(data_dir: Path, ref: str) -> Snapshot:
    """A snapshot by id, unique id prefix, or `CURRENT`; KeyError names what was wrong."""
    snapshots = list_snapshots(data_dir)
    if ref.upper() == CURRENT:
        current = current_snapshot(data_dir)
        if current is None:
            raise KeyError("nothing published yet")
        return current
    matches = [s for s in snapshots if s.id == ref] or [s for s in snapshots if s.id.startswith(ref)]
    if len(matches) != 1:
        raise KeyError(f"{'no' if not matches else 'more than one'} snapshot matches {ref!r}")
    return matches[0]
