"""The paperlake resource: where the data dir is, and the settings read from it.

In a deployment every field comes from an environment variable through `dg.EnvVar` (see `from_env`):
the UI shows the variable's name, never its value, and the token never enters run config or logs.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

import dagster as dg

from paperlake.settings import ENV_PREFIX, Settings, load_settings
from paperlake.store import DataStore

ENV_FIELDS = ("data_dir", "label_studio_url", "label_studio_token", "inbox_url", "object_store_url")
"""Resource fields filled from PAPERLAKE_<FIELD> with dg.EnvVar when that variable is set."""


class PaperlakeResource(dg.ConfigurableResource):
    """Data dir and settings; unset fields fall back to DATA_DIR/paperlake.toml, PAPERLAKE_* and defaults."""

    data_dir: str | None = None
    review_threshold: float | None = None  # overrides the data dir's setting for this run when given
    document_workers: int | None = None  # documents one step reads at once; overrides the setting when given
    min_steps: int | None = None  # overrides the setting when given (the CLI's in-process run: 1)
    label_studio_url: str | None = None
    label_studio_token: str | None = None  # a secret: set it with dg.EnvVar, never as a literal
    inbox_url: str | None = None
    object_store_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> PaperlakeResource:
        """A resource whose fields are dg.EnvVar references to the PAPERLAKE_* variables that are set."""
        env = os.environ if env is None else env
        return cls(**{name: dg.EnvVar(ENV_PREFIX + name.upper()) for name in ENV_FIELDS
                      if env.get(ENV_PREFIX + name.upper())})

    def settings(self) -> Settings:
        return load_settings(self.data_dir, review_threshold=self.review_threshold,
                             document_workers=self.document_workers, min_steps=self.min_steps,
                             label_studio_url=self.label_studio_url, label_studio_token=self.label_studio_token,
                             inbox_url=self.inbox_url, object_store_url=self.object_store_url)

    def store(self) -> DataStore:
        return DataStore(self.settings().data_dir)
