"""Checks on the published snapshot: files intact, and every table's columns exactly as the contract says."""

import pyarrow.parquet as pq
import dagster as dg

from dagster_project.assets import published_dataset
from dagster_project.resources import PaperlakeResource
from paperlake.publish import current_snapshot, verify_snapshot
from schemas.dataset import DATASET_TABLES, columns


@dg.asset_check(asset=published_dataset, description="Every file of the current snapshot matches its checksum")
def snapshot_intact(paperlake: PaperlakeResource) -> dg.AssetCheckResult:
    snapshot = current_snapshot(paperlake.store().root)
    if snapshot is None:
        return dg.AssetCheckResult(passed=False, metadata={"problem": "no current snapshot"})
    problems = verify_snapshot(snapshot.path)
    return dg.AssetCheckResult(passed=not problems, metadata={"snapshot_id": snapshot.id, "problems": len(problems),
                                                              "first_problems": "; ".join(problems[:5])})


@dg.asset_check(asset=published_dataset, description="Published columns follow DATASET_CONTRACT.md, in order")
def contract_columns(paperlake: PaperlakeResource) -> dg.AssetCheckResult:
    snapshot = current_snapshot(paperlake.store().root)
    if snapshot is None:
        return dg.AssetCheckResult(passed=False, metadata={"problem": "no current snapshot"})
    mismatched = [name for name in DATASET_TABLES
                  if pq.read_schema(snapshot.path / f"{name}.parquet").names != columns(name)]
    return dg.AssetCheckResult(passed=not mismatched, metadata={"mismatched_tables": ", ".join(mismatched) or "none"})
