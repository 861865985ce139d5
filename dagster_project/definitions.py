"""Dagster entry point: `dagster dev -m dagster_project.definitions`. Loads and wires, nothing else."""
import dagster as dg

from dagster_project import assets, checks
from dagster_project.jobs import process_documents
from dagster_project.resources import PaperlakeResource
from dagster_project.review_sensors import republish, review_pull_sensor
from dagster_project.sensors import inbox_sensor

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([checks]),
    jobs=[process_documents, republish],
    sensors=[inbox_sensor, review_pull_sensor],
    resources={"paperlake": PaperlakeResource()},
)
