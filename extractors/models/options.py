"""Settings shared by every model: where its weights are (hub id or folder, pinned revision) and how it runs."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEVICES = ("auto", "cuda", "mps", "cpu")
DTYPES = ("auto", "float32", "float16", "bfloat16")


@dataclass(frozen=True)
class ModelOptions:
    """One model's weights and runtime.

    `source` is a hub id (`microsoft/table-transformer-detection`) or a local folder holding the model and
    its processor; a hub id needs a pinned `revision` (a commit hash or tag) so a run is reproducible.
    `setting` names the setting that chose `source` (an environment variable), for error messages.
    """

    source: str
    revision: str | None = None  # commit hash or tag; required for a hub id, ignored for a local folder
    device: str = "auto"  # auto: cuda, then mps, then cpu
    dtype: str = "auto"  # auto: float16 on cuda, float32 elsewhere
    batch_size: int = 4  # images per forward pass
    setting: str = "source"

    def __post_init__(self) -> None:
        if not self.source.strip():
            raise ValueError(f"{self.setting}: empty model source")
        if self.device not in DEVICES:
            raise ValueError(f"{self.setting}: device must be one of {DEVICES}, got {self.device!r}")
        if self.dtype not in DTYPES:
            raise ValueError(f"{self.setting}: dtype must be one of {DTYPES}, got {self.dtype!r}")
        if self.batch_size < 1:
            raise ValueError(f"{self.setting}: batch_size must be at least 1, got {self.batch_size}")
        if not self.is_local and not self.revision:
            raise ValueError(f"{self.setting}: hub model {self.source!r} needs a pinned revision "
                             f"(set {self.setting}_REVISION to a commit hash or tag)")

    @property
    def is_local(self) -> bool:
        return Path(self.source).expanduser().is_dir() or self.source.startswith((".", "/", "~"))

    def method(self, role: str) -> str:
        """How items this model read are labelled: `<role>:<source name>@<revision or local>`."""
        name = Path(self.source).name if self.is_local else self.source
        return f"{role}:{name}@{(self.revision or 'local')[:12]}"

    @classmethod
    def from_env(cls, prefix: str, default_source: str | None = None,
                 default_revision: str | None = None) -> ModelOptions | None:
        """Options from `<prefix>` (source), `<prefix>_REVISION`, `_DEVICE`, `_DTYPE`, `_BATCH_SIZE`; None if unset."""
        source = os.environ.get(prefix, default_source)
        if not source:
            return None
        return cls(
            source=source,
            revision=os.environ.get(f"{prefix}_REVISION", default_revision),
            device=os.environ.get(f"{prefix}_DEVICE", "auto"),
            dtype=os.environ.get(f"{prefix}_DTYPE", "auto"),
            batch_size=int(os.environ.get(f"{prefix}_BATCH_SIZE", "4")),
            setting=prefix,
        )


def hub_offline() -> bool:
    """Whether HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) asks for no network."""
    return any(os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
               for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))
