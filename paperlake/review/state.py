"""Review state in the data dir: curators' corrections, refused corrections, and the Label Studio task map.

    DIR/review/corrections/<item_id>.json   one accepted or rejected item, as the curator left it
    DIR/review/refused/<item_id>.json       a correction that failed validation, with the reasons
    DIR/review/ls_tasks.json                projects per kind (id and creation time on the server);
                                            item_id -> task id, content hash, last annotation

Corrections are the durable record of human work: they are written atomically, never deleted by the
pipeline, and replaced only by a newer annotation of the same item.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperlake.review.corrections import Correction, dumps, loads
from paperlake.store import atomic_write_bytes, atomic_write_json

logger = logging.getLogger(__name__)

_SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def _name(item_id: str) -> str:
    if not _SAFE.match(item_id) or item_id.startswith("."):
        raise ValueError(f"not a safe item id for a file name: {item_id!r}")
    return f"{item_id}.json"


class CorrectionStore:
    """Corrections and refused corrections under DIR/review/."""

    def __init__(self, review_dir: Path) -> None:
        self.review_dir = Path(review_dir)
        self.corrections_dir = self.review_dir / "corrections"
        self.refused_dir = self.review_dir / "refused"

    def save(self, correction: Correction) -> Path:
        """Keep a correction (replacing an older one of the item) and forget an earlier refusal."""
        path = self.corrections_dir / _name(correction.item_id)
        atomic_write_bytes(path, (dumps(correction) + "\n").encode("utf-8"))
        (self.refused_dir / _name(correction.item_id)).unlink(missing_ok=True)
        return path

    def refuse(self, item_id: str, reasons: list[str], correction: Correction | None = None) -> Path:
        """Record why an item's latest submission was not applied (the item keeps its previous state); the
        correction when it could be read at all."""
        path = self.refused_dir / _name(item_id)
        atomic_write_json(path, {"reasons": reasons,
                                 "correction": correction.to_json() if correction is not None else None})
        return path

    def load_all(self) -> dict[str, Correction]:
        """item_id -> correction; an unreadable file is logged and skipped, never deleted."""
        corrections: dict[str, Correction] = {}
        if not self.corrections_dir.is_dir():
            return corrections
        for path in sorted(self.corrections_dir.glob("*.json")):
            try:
                correction = loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, TypeError) as exc:
                logger.warning("skipping unreadable correction %s: %s", path, exc)
                continue
            corrections[correction.item_id] = correction
        return corrections

    def refused(self) -> dict[str, list[str]]:
        """item_id -> reasons its latest correction was refused."""
        if not self.refused_dir.is_dir():
            return {}
        out = {}
        for path in sorted(self.refused_dir.glob("*.json")):
            try:
                out[path.stem] = list(json.loads(path.read_text(encoding="utf-8"))["reasons"])
            except (OSError, ValueError, KeyError) as exc:
                logger.warning("skipping unreadable refusal %s: %s", path, exc)
        return out


@dataclass
class TaskMap:
    """DIR/review/ls_tasks.json: which Label Studio task shows which item, so pushes never duplicate.

    The map belongs to its projects, not to a URL: `projects` (kind -> id) with `project_created` (kind -> the
    project's creation time on its server) say which projects; paperlake.review.label_studio checks them
    against the server it talks to, however its URL is spelled. `server` is the URL last used (for display).
    items: item_id -> {"kind", "project", "task", "content_hash", "annotation", "annotation_updated_at"}
    """

    path: Path
    server: str = ""
    projects: dict[str, int] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    cursor: str = ""
    project_created: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, review_dir: Path) -> TaskMap:
        path = Path(review_dir) / "ls_tasks.json"
        if not path.is_file():
            return cls(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, raw.get("server", ""), {k: int(v) for k, v in raw.get("projects", {}).items()},
                   dict(raw.get("items", {})), raw.get("cursor", ""), dict(raw.get("project_created", {})))

    def save(self) -> None:
        atomic_write_json(self.path, {"server": self.server, "projects": self.projects, "items": self.items,
                                      "cursor": self.cursor, "project_created": self.project_created})

    def for_server(self, url: str) -> TaskMap:
        """This map, noting the URL it is used with. Whether its projects are that server's is asked of the
        server (LabelStudioClient.ensure_project), never read from the URL: `localhost` and `127.0.0.1`, or a
        renamed host, reach the same projects, and starting a new map there duplicated every task."""
        self.server = url
        return self
