"""Settings: every one has a default, and can be set in DATA_DIR/paperlake.toml or as PAPERLAKE_<NAME>.

Precedence: environment variable > paperlake.toml > default. Secrets (the Label Studio token) are
masked whenever settings are shown and are never part of the settings hash recorded in manifests. The token
is stripped of surrounding whitespace when read (`$(cat token.txt)` ends in a newline) and refused, without
being shown, when what is left could not travel in an HTTP header; a Label Studio URL holding credentials
(`user:password@`) is refused too: the token authenticates, and URLs appear in messages.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_PREFIX = "PAPERLAKE_"
CONFIG_FILE = "paperlake.toml"
DEFAULT_DATA_DIR = Path("paperlake-data")


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names the setting and where it came from."""


def _setting(default: Any, description: str, secret: bool = False) -> Any:
    return field(default=default, repr=not secret, metadata={"description": description, "secret": secret})


@dataclass(frozen=True)
class Settings:
    """The effective settings of one data dir."""

    data_dir: Path = _setting(DEFAULT_DATA_DIR, "Where paperlake keeps everything it writes.")
    inbox_dir: Path | None = _setting(None, "Folder the inbox sensor watches for new PDFs (default: DATA_DIR/inbox).")
    review_threshold: float = _setting(0.9, "Items whose confidence (the calibrated probability of being exactly "
                                            "right) is below this go to review (0..1).")
    crop_dpi: int = _setting(150, "Resolution of figure crops in the published snapshot.")
    review_crop_dpi: int = _setting(110, "Resolution of the page crops shown to curators.")
    label_studio_url: str | None = _setting(None, "Label Studio base URL; unset means review tasks go to an import file "
                                                  "(default: the server `paperlake review serve` started here).")
    label_studio_token: str | None = _setting(None, "Label Studio API token (secret).", secret=True)
    label_studio_token_file: Path | None = _setting(None, "File holding the Label Studio token (mode 0600).")
    snapshot_retention: int = _setting(20, "Snapshots kept under DATA_DIR/published (the newest ones; at least 2: "
                                           "CURRENT and its parent are never removed).")
    ocr: str = _setting("auto", "OCR of pages without a usable text layer: auto (when rapidocr is installed), "
                                "on, or off.")
    document_timeout_s: float = _setting(600.0, "Wall-clock limit for opening or extracting one document (seconds); "
                                                "past it the document fails with 'timeout' and is quarantined. "
                                                "0 with document_memory_mb 0 runs extraction in-process.")
    document_memory_mb: int = _setting(4096, "Address-space limit of the child process that reads one document (MB); "
                                             "past it the document fails with 'out of memory'. 0: no limit.")
    document_workers: int = _setting(0, "Documents a step reads at once, each in its own reader process (each may use "
                                        "up to document_memory_mb): 0 = one per CPU core, at most 4; 1 = one at a "
                                        "time. Extraction in-process (both limits 0) always reads one at a time.")
    inbox_url: str | None = _setting(None, "fsspec URL the inbox sensor watches instead of inbox_dir, e.g. "
                                           "s3://bucket/inbox/ or file:///srv/inbox (s3 needs the `cluster` extra).")
    object_store_url: str | None = _setting(None, "fsspec URL each published snapshot is mirrored to, e.g. "
                                                  "s3://bucket/paperlake (CURRENT written last); unset: local only.")
    docs_per_step: int = _setting(250, "Most documents one Dagster step handles (fewer, larger steps: less overhead; "
                                       "each step starts its own processes).")
    min_steps: int = _setting(2, "A run splits its documents into at least this many steps, so parallel workers "
                                 "(processes, celery workers, pods) share even a small batch.")

    def __post_init__(self) -> None:
        if self.label_studio_token is not None:  # however it was set: stripped, checked, never shown
            object.__setattr__(self, "label_studio_token", clean_token(self.label_studio_token, "label_studio_token"))
        if self.label_studio_url is not None:
            object.__setattr__(self, "label_studio_url", clean_url(self.label_studio_url, "label_studio_url"))
        if not 0.0 <= self.review_threshold <= 1.0:
            raise SettingsError(f"review_threshold must be within 0..1, got {self.review_threshold}")
        for name in ("crop_dpi", "review_crop_dpi"):
            value = getattr(self, name)
            if not 36 <= value <= 600:
                raise SettingsError(f"{name} must be within 36..600, got {value}")
        if self.ocr not in ("auto", "on", "off"):
            raise SettingsError(f"ocr must be auto, on or off, got {self.ocr!r}")
        if self.document_timeout_s < 0:
            raise SettingsError(f"document_timeout_s must be >= 0 (0: no limit), got {self.document_timeout_s}")
        if self.document_memory_mb != 0 and self.document_memory_mb < 64:
            raise SettingsError(f"document_memory_mb must be 0 (no limit) or at least 64, got {self.document_memory_mb}")
        if self.document_workers < 0:
            raise SettingsError(f"document_workers must be >= 0 (0: one per CPU core), got {self.document_workers}")
        if self.docs_per_step < 1 or self.min_steps < 1:
            raise SettingsError(f"docs_per_step and min_steps must be at least 1, got {self.docs_per_step} "
                                f"and {self.min_steps}")
        if self.snapshot_retention < 2:
            raise SettingsError(f"snapshot_retention must be at least 2 (CURRENT and its parent), "
                                f"got {self.snapshot_retention}")

    @property
    def effective_inbox(self) -> Path:
        return self.inbox_dir if self.inbox_dir is not None else self.data_dir / "inbox"

    def masked(self) -> dict[str, str]:
        """Every setting as text for display, secrets replaced by asterisks."""
        shown: dict[str, str] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.metadata.get("secret") and value:
                shown[f.name] = "********"
            else:
                shown[f.name] = "" if value is None else str(value)
        return shown

    def fingerprint(self) -> str:
        """sha256 of the settings that shape the output (paths and secrets excluded)."""
        shaping = {f.name: str(getattr(self, f.name)) for f in dataclasses.fields(self)
                   if not f.metadata.get("secret") and f.name not in {"data_dir", "inbox_dir",
                                                                       "label_studio_token_file",
                                                                       "snapshot_retention", "document_timeout_s",
                                                                       "document_memory_mb", "inbox_url",
                                                                       "object_store_url", "docs_per_step",
                                                                       "min_steps"}}
        if self.ocr == "auto":  # the default leaves the hash as it was before the setting existed
            del shaping["ocr"]
        return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()


def clean_token(token: str, origin: str) -> str | None:
    """A Label Studio token as an HTTP header can carry it: surrounding whitespace (the newline of
    `$(cat token.txt)`) stripped, None when nothing is left. Any other space, control character or non-ASCII
    character is refused: SettingsError naming where the token came from and the position, never the token."""
    token = token.strip()
    for position, char in enumerate(token, start=1):
        if not "!" <= char <= "~":  # visible ASCII: what an Authorization header value may hold
            raise SettingsError(f"the Label Studio token from {origin} holds a character no token holds (a space, "
                                f"a control character or non-ASCII) at position {position}; the token is not shown")
    return token or None


def clean_url(url: str, origin: str) -> str | None:
    """A Label Studio base URL, stripped; one holding credentials (user:password@host) is refused without
    being shown: URLs are named in messages and logs, so they must not carry secrets."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        raise SettingsError(f"label_studio_url from {origin} is not a URL") from None
    if "@" in parts.netloc:
        raise SettingsError(f"label_studio_url from {origin} holds credentials (user:password@host); the URL is not "
                            f"shown. Give the host alone: the token authenticates")
    return url or None


def describe() -> list[tuple[str, str, str]]:
    """(name, environment variable, description) for every setting: the source of `paperlake config --help`."""
    return [(f.name, ENV_PREFIX + f.name.upper(), f.metadata["description"]) for f in dataclasses.fields(Settings)]


def load_settings(data_dir: Path | str | None = None, env: Mapping[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Settings for a data dir: defaults, then DATA_DIR/paperlake.toml, then PAPERLAKE_* variables, then overrides."""
    env = os.environ if env is None else env
    if data_dir is None:
        data_dir = env.get(ENV_PREFIX + "DATA_DIR") or DEFAULT_DATA_DIR
    data_dir = Path(data_dir)
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    raw: dict[str, tuple[Any, str]] = {}
    config_path = data_dir / CONFIG_FILE
    if config_path.is_file():
        try:
            from_file = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{config_path}: not valid TOML: {exc}") from exc
        for key, value in from_file.items():
            if key not in fields or key == "data_dir":
                raise SettingsError(f"{config_path}: unknown setting {key!r}")
            raw[key] = (value, str(config_path))
    for name in fields:
        var = ENV_PREFIX + name.upper()
        if name != "data_dir" and var in env and env[var] != "":
            raw[name] = (env[var], var)
    for name, value in overrides.items():
        if name not in fields:
            raise SettingsError(f"unknown setting {name!r}")
        if value is not None:
            raw[name] = (value, "command line")
    values: dict[str, Any] = {"data_dir": data_dir}
    for name, (value, origin) in raw.items():
        values[name] = _coerce(name, value, fields[name].type, origin)
        if name == "label_studio_token":
            values[name] = clean_token(values[name], origin)
        elif name == "label_studio_url":
            values[name] = clean_url(values[name], origin)
    values.update(_local_label_studio(data_dir, values))
    settings = Settings(**values)
    if settings.label_studio_token is None and settings.label_studio_token_file is not None:
        settings = dataclasses.replace(settings, label_studio_token=_read_token(settings.label_studio_token_file))
    return settings


def _local_label_studio(data_dir: Path, values: Mapping[str, Any]) -> dict[str, Any]:
    """URL and token file of the server `paperlake review serve` started for this data dir, when none is set."""
    url_file, token_file = data_dir / "label_studio_url", data_dir / "label_studio_token"
    if values.get("label_studio_url") or not url_file.is_file():
        return {}
    found: dict[str, Any] = {"label_studio_url": url_file.read_text(encoding="utf-8").strip() or None}
    if not values.get("label_studio_token") and not values.get("label_studio_token_file") and token_file.is_file():
        found["label_studio_token_file"] = token_file
    return found


def _coerce(name: str, value: Any, annotation: str, origin: str) -> Any:
    kind = annotation.replace(" | None", "")
    try:
        if kind == "float":
            return float(value)
        if kind == "int":
            return int(value)
        if kind == "Path":
            return Path(str(value)).expanduser()
        return str(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{name} from {origin}: cannot read {value!r} as {kind}") from None


def _read_token(path: Path) -> str:
    """The token in a file only its owner can read; a group- or world-readable file is refused, not read."""
    try:
        mode = path.stat().st_mode
        if mode & 0o077:
            raise SettingsError(f"label_studio_token_file {path} is open to its group or others (mode {mode & 0o777:04o}); "
                                f"a token file must be mode 0600: chmod 600 {path}")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"label_studio_token_file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SettingsError(f"label_studio_token_file {path} is not UTF-8 text; its content is not shown") from None
    return clean_token(text, f"label_studio_token_file {path}") or ""
