"""Asset checks shown in the UI: validation results per contract table, and the published snapshot's integrity.

Each group is one multi-asset check (one step), so checks add little to a run of many documents.
"""

from collections import Counter
from collections.abc import Iterator

import dagster as dg
import pyarrow.parquet as pq

from dagster_project.resources import PaperlakeResource
from paperlake.dataset.layout import current_snapshot
from paperlake.dataset.publish import verify_snapshot
from paperlake.pipeline import stages
from schemas.dataset import CONTRACT_TABLES, DATASET_TABLES, columns

_VALIDATION_CHECKS = [dg.AssetCheckSpec(f"{name}_schema", asset="extraction",
                                        description=f"Items of `{name}` satisfy the pandera schema")
                      for name in CONTRACT_TABLES] + [
    dg.AssetCheckSpec("cross_table_rules", asset="extraction",
                      description="Cells belong to tables, spans stay in grids, boxes stay on pages")]

_SNAPSHOT_CHECKS = [
    dg.AssetCheckSpec("snapshot_intact", asset="published_dataset",
                      description="Every file of the current snapshot matches its checksum"),
    dg.AssetCheckSpec("contract_columns", asset="published_dataset",
                      description="Published columns follow DATASET_CONTRACT.md, in order")]


@dg.multi_asset_check(specs=_VALIDATION_CHECKS, description="Validation failures per contract table (warnings: "
                                                            "failing items are kept and sent to review)")
def validation_checks(paperlake: PaperlakeResource) -> Iterator[dg.AssetCheckResult]:
    store = paperlake.store()
    by_table: Counter[str] = Counter()
    documents = 0
    for doc_id in store.iter_stage_docs(stages.VALIDATION):
        by_table.update((store.stage_marker(doc_id, stages.VALIDATION) or {}).get("by_table", {}))
        documents += 1
    for spec in _VALIDATION_CHECKS:
        table = "cross_table" if spec.name == "cross_table_rules" else spec.name.removesuffix("_schema")
        failed = by_table.get(table, 0)
        yield dg.AssetCheckResult(check_name=spec.name, asset_key="extraction", passed=failed == 0,
                                  severity=dg.AssetCheckSeverity.WARN,
                                  metadata={"failures": failed, "documents": documents,
                                            "note": "failing items are kept and sent to review"})


@dg.multi_asset_check(specs=_SNAPSHOT_CHECKS, description="The current snapshot: checksums and contract columns")
def snapshot_checks(paperlake: PaperlakeResource) -> Iterator[dg.AssetCheckResult]:
    snapshot = current_snapshot(paperlake.store().root)
    if snapshot is None:
        for spec in _SNAPSHOT_CHECKS:
            yield dg.AssetCheckResult(check_name=spec.name, asset_key="published_dataset", passed=False,
                                      metadata={"problem": "no current snapshot"})
        return
    problems = verify_snapshot(snapshot.path)
    yield dg.AssetCheckResult(check_name="snapshot_intact", asset_key="published_dataset", passed=not problems,
                              metadata={"snapshot_id": snapshot.id, "problems": len(problems),
                                        "first_problems": "; ".join(problems[:5])})
    mismatched = [name for name in DATASET_TABLES
                  if pq.read_schema(snapshot.path / f"{name}.parquet").names != columns(name)]
    yield dg.AssetCheckResult(check_name="contract_columns", asset_key="published_dataset", passed=not mismatched,
                              metadata={"mismatched_tables": ", ".join(mismatched) or "none"})
