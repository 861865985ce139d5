"""The asset graph's shape: a change to keys, deps, checks, jobs or sensors shows up here."""
import dagster as dg

from dagster_project.definitions import defs


def _graph():
    return defs.resolve_asset_graph()


def test_asset_keys_and_dependencies():
    graph = _graph()
    deps = {key.to_user_string(): sorted(p.to_user_string() for p in graph.get(key).parent_keys)
            for key in graph.get_all_asset_keys()}
    assert deps == {
        "extraction": [],
        "review_queue": ["extraction"],
        "published_dataset": ["extraction"],
        "mirrored_snapshot": ["published_dataset"],
    }


def test_the_per_document_asset_is_dynamically_partitioned():
    graph = _graph()
    partitions = graph.get(dg.AssetKey("extraction")).partitions_def
    assert isinstance(partitions, dg.DynamicPartitionsDefinition) and partitions.name == "documents"
    for name in ("review_queue", "published_dataset", "mirrored_snapshot"):
        assert graph.get(dg.AssetKey(name)).partitions_def is None


def test_validation_checks_cover_every_contract_table():
    checks = {key.name for key in defs.resolve_asset_graph().asset_check_keys}
    assert {"documents_schema", "tables_schema", "table_cells_schema", "figures_schema",
            "figure_series_schema", "cross_table_rules", "snapshot_intact", "contract_columns"} <= checks


def test_jobs_and_sensors():
    assert defs.resolve_job_def("process_documents") is not None
    assert defs.resolve_sensor_def("inbox_sensor") is not None
    assert defs.resolve_sensor_def("review_pull_sensor") is not None
    republish = defs.resolve_job_def("republish")
    assert sorted(key.to_user_string() for key in republish.asset_layer.selected_asset_keys) == \
        ["mirrored_snapshot", "published_dataset"]
    assert defs.resolve_job_def("process_documents_celery").executor_def.name == "celery"
