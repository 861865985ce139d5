"""`paperlake review pull` publishes through Dagster: after a pull from a real Label Studio, the data dir's Dagster
instance holds a `republish` run whose `published_dataset` materialization names the snapshot in CURRENT."""
from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import pytest
from label_studio_sdk import LabelStudio

from paperlake.cli.main import main
from paperlake.dataset.layout import current_snapshot
from paperlake.review.state import TaskMap
from paperlake.review.tasks import VERDICT
from tests.conftest import EXAMPLES
from tests.review.conftest import unique_copy

pytestmark = pytest.mark.integration
PUBLISHED = dg.AssetKey("published_dataset")


def _latest_publish(data_dir: Path) -> tuple[str, dict[str, str], str]:
    """The latest `published_dataset` materialization in the data dir's instance: its snapshot id, its run's
    tags and job."""
    instance = dg.DagsterInstance.from_config(str(data_dir / "dagster"))
    try:
        event = instance.get_latest_materialization_event(PUBLISHED)
        run = instance.get_run_by_id(event.run_id)
        return event.asset_materialization.metadata["snapshot_id"].value, dict(run.tags), run.job_name
    finally:
        instance.dispose()


def _accept_unchanged(ls: LabelStudio, task_id: int) -> None:
    """What a curator does who finds the prediction right: keep it, choose accept, submit."""
    task = ls.tasks.get(id=str(task_id)).model_dump()
    result = json.loads(json.dumps(task["predictions"][0]["result"]))
    to_name = result[0]["to_name"]
    result.append({"id": "verdict", "from_name": VERDICT, "to_name": to_name, "type": "choices",
                   "value": {"choices": ["accept"]}})
    ls.annotations.create(id=task_id, result=result)


def test_review_pull_publishes_the_current_snapshot_through_dagster(label_studio, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_TOKEN", label_studio.token)
    inputs, data_dir = tmp_path / "in", tmp_path / "data"
    inputs.mkdir()
    unique_copy(EXAMPLES / "catalyst_screening.pdf", inputs / "catalyst_screening.pdf")
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "0.99"]) == 0
    first = current_snapshot(data_dir).id
    assert _latest_publish(data_dir)[0] == first

    task_map = TaskMap.load(data_dir / "review")
    tables = [entry["task"] for entry in task_map.items.values() if entry["kind"] == "tables"]
    assert tables, "the run sent at least one table to review"
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    _accept_unchanged(ls, tables[0])

    capsys.readouterr()
    assert main(["review", "pull", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    current = current_snapshot(data_dir).id
    assert current != first
    snapshot_id, tags, job = _latest_publish(data_dir)
    assert snapshot_id == current, "the UI's latest publish is the snapshot in CURRENT"
    assert job == "republish" and tags["paperlake/trigger"] == "review pull" and tags["paperlake/corrections"] == "1"
    assert f"published snapshot {current} (Dagster run " in out

    # Nothing new to pull: no run, no snapshot.
    assert main(["review", "pull", "--data-dir", str(data_dir)]) == 0
    assert current_snapshot(data_dir).id == current and _latest_publish(data_dir)[0] == current
