"""The job that runs the whole graph for a set of document partitions."""
import dagster as dg

process_documents = dg.define_asset_job(
    "process_documents",
    selection=dg.AssetSelection.groups("extraction", "validation", "review", "publish"),
    description="Ingest, extract, validate, route and publish the documents of the run's partitions.",
)
