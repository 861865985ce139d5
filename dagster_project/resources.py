"""The paperlake resource: where the data dir is, and the settings read from it."""

import dagster as dg

from paperlake.settings import Settings, load_settings
from paperlake.store import DataStore


class PaperlakeResource(dg.ConfigurableResource):
    """Data dir and settings; with no data_dir set, PAPERLAKE_DATA_DIR or ./paperlake-data is used at run time."""

    data_dir: str | None = None
    review_threshold: float | None = None  # overrides the data dir's setting for this run when given

    def settings(self) -> Settings:
        return load_settings(self.data_dir, review_threshold=self.review_threshold)

    def store(self) -> DataStore:
        return DataStore(self.settings().data_dir)
