"""Jobs over the whole graph for a set of document partitions, one per executor.

`process_documents` uses the Definitions' executor (multiprocess: one process per step, all cores);
`process_documents_celery` sends every step to celery workers through a broker (Redis here), and
exists when the `cluster` extra (dagster-celery) is installed. Both take the same run config.
"""
import dagster as dg

SELECTION = dg.AssetSelection.groups("extraction", "review", "publish")
DESCRIPTION = "Ingest, extract, validate, route and publish the documents of the run's partitions."

process_documents = dg.define_asset_job("process_documents", selection=SELECTION, description=DESCRIPTION)


def celery_job() -> object | None:
    """The same job on dagster-celery's executor, or None without the `cluster` extra."""
    try:
        from dagster_celery import celery_executor
    except ImportError:
        return None
    return dg.define_asset_job("process_documents_celery", selection=SELECTION, executor_def=celery_executor,
                               description=DESCRIPTION + " Steps run on celery workers.")
