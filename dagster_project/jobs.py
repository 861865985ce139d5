"""Jobs over the whole graph for a set of document partitions, one per executor.

`process_documents` uses the Definitions' executor (multiprocess: one process per step, all cores);
`process_documents_celery` sends every step to celery workers through a broker (Redis here), and
exists when the `cluster` extra (dagster-celery) is installed. Both take the same run config.
"""
import dagster as dg

SELECTION = dg.AssetSelection.groups("extraction", "review", "publish")
DESCRIPTION = "Ingest, extract, validate, route and publish the documents of the run's partitions."

process_documents = dg.define_asset_job("process_documents", selection=SELECTION, description=DESCRIPTION)


CELERY_POLL_SECONDS = 0.1
"""How often the run asks celery whether its steps have finished. dagster-celery's loop checks once a
second (`TICK_SECONDS`, not a setting) and sleeps a second more before the run ends, so each of the
graph's six hops waited ~0.5-1 s with every worker idle: 5 s per run, 10 ms per document at N=1,000.
A poll is one Redis read per running step."""


def celery_job() -> object | None:
    """The same job on dagster-celery's executor, or None without the `cluster` extra."""
    try:
        from dagster_celery import celery_executor, core_execution_loop
    except ImportError:
        return None
    if isinstance(getattr(core_execution_loop, "TICK_SECONDS", None), (int, float)):
        core_execution_loop.TICK_SECONDS = min(core_execution_loop.TICK_SECONDS, CELERY_POLL_SECONDS)
    return dg.define_asset_job("process_documents_celery", selection=SELECTION, executor_def=celery_executor,
                               description=DESCRIPTION + " Steps run on celery workers.")
