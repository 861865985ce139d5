"""Dagster entry point: `dagster dev -m dagster_project.definitions`. Loads and wires, nothing else."""
import dagster as dg

from dagster_project import assets, checks
from dagster_project.jobs import celery_job, process_documents
from dagster_project.resources import PaperlakeResource
from dagster_project.review_sensors import republish, review_pull_sensor
from dagster_project.sensors import inbox_sensor

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([assets]),
    asset_checks=dg.load_asset_checks_from_modules([checks]),
    jobs=[job for job in (process_documents, celery_job(), republish) if job is not None],
    sensors=[inbox_sensor, review_pull_sensor],
    resources={"paperlake": PaperlakeResource.from_env()},
)


def process_documents_job() -> dg.JobDefinition:
    """The multiprocess job, reconstructable in step processes (`dg.reconstructable(process_documents_job)`)."""
    return defs.resolve_job_def("process_documents")


def process_documents_celery_job() -> dg.JobDefinition:
    """The celery job, reconstructable in celery workers."""
    return defs.resolve_job_def("process_documents_celery")
