"""`paperlake review stats` end to end: a real `paperlake run` over the examples, curators' decisions read by the
real pull path (paperlake.review.sync with a stand-in for the server), the printed table, the PNG, and the same
numbers as metadata of the Dagster asset that publishes.

The stand-in serves what `review push` sent it, each task with the annotation a curator submitted (Label
Studio's JSON: the prediction's result, edited, plus a verdict): no server is needed. The live round trip is
tests/review/test_label_studio_live.py's."""
from __future__ import annotations

import csv
import io
import itertools
import math
import re
import shutil
import struct
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pandas as pd
import pytest

from dagster_project.definitions import defs
from dagster_project.resources import PaperlakeResource
from paperlake.cli.main import main
from paperlake.dataset.layout import current_snapshot
from paperlake.review.label_studio import PushResult
from paperlake.review.state import TaskMap
from paperlake.review.sync import pull_reviews, push_reviews
from paperlake.review.tasks import FIGURE_KIND, FIGURE_KINDS, GRID_CSV, VERDICT, csv_to_grid
from paperlake.settings import load_settings
from paperlake.store import DataStore
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.integration
CURATOR = "curator@example.com"


class RecordedLabelStudio:
    """Stands in for LabelStudioClient: keeps pushed tasks, hands back the annotations curators submitted."""

    url = "http://label-studio.invalid"

    def __init__(self) -> None:
        self.projects = {"tables": 11, "figures": 12}
        self.tasks: dict[int, dict[str, Any]] = {}
        self.shown: dict[int, tuple[str, bool]] = {}
        self._ids = itertools.count(1)

    def push(self, kind: str, tasks: Sequence[Mapping[str, Any]], task_map: TaskMap) -> PushResult:
        task_map.projects[kind] = self.projects[kind]
        for task in tasks:
            task_id = next(self._ids)
            self.tasks[task_id] = {"id": task_id, "project": self.projects[kind], "data": dict(task["data"]),
                                   "predictions": task["predictions"], "annotations": [], "updated_at": ""}
            task_map.items[task["data"]["item_id"]] = {"kind": kind, "project": self.projects[kind],
                                                       "task": task_id, "content_hash": task["data"]["content_hash"]}
        return PushResult(created=len(tasks))

    def known_project(self, kind: str, task_map: TaskMap) -> int | None:
        return task_map.projects.get(kind)

    def updated_tasks(self, project_id: int, since: str = "") -> Iterator[dict[str, Any]]:
        yield from (t for t in self.tasks.values() if t["project"] == project_id and t["updated_at"] >= since)

    def users(self) -> dict[int, str]:
        return {1: CURATOR}

    def show_fields(self, task_id: int, fields: Mapping[str, Any], open_: bool) -> bool:
        self.tasks[task_id]["data"].update(fields)
        self.shown[task_id] = (str(fields.get("review_state")), open_)
        return True

    def submit(self, task: dict[str, Any], verdict: str, edit: Callable[[list[dict]], None] | None = None) -> None:
        """A curator starts from the prediction, edits it, chooses a verdict and submits."""
        result = [dict(item, value=dict(item["value"])) for item in task["predictions"][0]["result"]]
        if edit is not None:
            edit(result)
        result.append({"id": "v", "from_name": VERDICT, "to_name": "image", "type": "choices",
                       "value": {"choices": [verdict]}})
        stamp = f"2026-12-06T10:00:{len(self.tasks) + task['id']:02d}.000000Z"
        task["annotations"] = [{"id": 100 + task["id"], "result": result, "completed_by": 1, "updated_at": stamp,
                                "was_cancelled": False}]
        task["updated_at"] = stamp


def _edit_first_cell(result: list[dict]) -> None:
    for item in result:
        if item["from_name"] == GRID_CSV:
            grid = csv_to_grid("\n".join(item["value"]["text"]))
            grid[0][0] = (grid[0][0] + " corrected").strip()
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(grid)
            item["value"]["text"] = [out.getvalue().rstrip("\n")]
            return
    raise AssertionError("the table task has no CSV grid to correct")


def _change_figure_kind(result: list[dict]) -> None:
    choice = next((item for item in result if item["from_name"] == FIGURE_KIND), None)
    if choice is None:
        result.append({"id": "k", "from_name": FIGURE_KIND, "to_name": "image", "type": "choices",
                       "value": {"choices": ["other"]}})
        return
    shown = choice["value"]["choices"][0]
    choice["value"]["choices"] = [next(k for k in FIGURE_KINDS if k != shown)]


DECISIONS = {"tables": [("accept", None), ("accept", None), ("accept", _edit_first_cell), ("reject", None)],
             "figures": [("accept", None), ("accept", _change_figure_kind), ("reject", None)]}
"""Per kind, what curators decide about its first tasks (the others stay pending)."""
OUTCOME = {"accept": "accepted_unchanged", "reject": "rejected"}


@dataclass(frozen=True)
class Reviewed:
    data_dir: Path
    before: str                   # `review stats` printed before any review
    outcomes: dict[str, str]      # item_id -> accepted_unchanged, corrected or rejected
    republish: dg.ExecuteInProcessResult


def _stats(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["review", "stats", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Reviewed:
    """The examples run at review threshold 0.99 (most items go to review), then curators decide about some."""
    inputs, data_dir = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("stats") / "data"
    for pdf in sorted(EXAMPLES.glob("*.pdf")):
        shutil.copy(pdf, inputs / pdf.name)
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "0.99"]) == 0
    capture = io.StringIO()
    with redirect_stdout(capture):
        assert main(["review", "stats", "--data-dir", str(data_dir)]) == 0
    settings, store = load_settings(data_dir), DataStore(data_dir)
    server = RecordedLabelStudio()
    pushed = push_reviews(store, settings, client=server)  # type: ignore[arg-type]
    assert pushed["tables"].created >= len(DECISIONS["tables"]) and pushed["figures"].created >= len(DECISIONS["figures"])
    outcomes = {}
    for kind, decisions in DECISIONS.items():
        tasks = [t for t in server.tasks.values() if t["project"] == server.projects[kind]]
        for task, (verdict, edit) in zip(tasks, decisions):
            server.submit(task, verdict, edit)
            outcomes[task["data"]["item_id"]] = "corrected" if edit else OUTCOME[verdict]
    pulled = pull_reviews(store, settings, since="", client=server)  # type: ignore[arg-type]
    assert pulled.refused == {} and sorted(pulled.saved) == sorted(outcomes), pulled.refused
    states = {t["data"]["item_id"]: server.shown.get(task_id) for task_id, t in server.tasks.items()}
    assert {item_id: states[item_id] for item_id in outcomes} == {
        item_id: (f"applied: {outcome.replace('_', ' ')}", False) for item_id, outcome in outcomes.items()}, \
        "each decided task shows its decision applied and leaves the labeling stream"
    # what the review_pull_sensor's run request runs: publish with the corrections applied (Dagster metadata)
    result = defs.resolve_job_def("republish").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), resources={"paperlake": PaperlakeResource(data_dir=str(data_dir))})
    assert result.success
    return Reviewed(data_dir, capture.getvalue(), outcomes, result)


def _snapshot_items(data_dir: Path) -> pd.DataFrame:
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        return con.execute("select 'tables' as kind, table_id as item_id, confidence, review_status from tables_all "
                       "union all select 'figures', figure_id, confidence, review_status from figures_all").df()
    finally:
        con.close()


def _expected_lines(items: pd.DataFrame, outcomes: Mapping[str, str]) -> list[list[str]]:
    """The printed bins, computed here from the catalog: [bin, items, exact share, mean confidence, gap]."""
    reviewed = items[items["item_id"].isin(list(outcomes))]
    lines = []
    for k in range(10):
        in_bin = reviewed[[min(math.floor(c * 10 + 1e-9), 9) == k for c in reviewed["confidence"]]]
        if in_bin.empty:
            lines.append([f"{k / 10:.1f}-{(k + 1) / 10:.1f}", "0", "-", "-", "-"])
            continue
        share = sum(outcomes[i] == "accepted_unchanged" for i in in_bin["item_id"]) / len(in_bin)
        mean = float(in_bin["confidence"].mean())
        lines.append([f"{k / 10:.1f}-{(k + 1) / 10:.1f}", str(len(in_bin)), f"{share:.2f}", f"{mean:.2f}",
                      f"{share - mean:+.2f}"])
    return lines


def _section(out: str, kind: str) -> list[list[str]]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{kind}: "))
    assert lines[start + 1].split()[:3] == ["confidence", "items", "exact"]
    return [line.split() for line in lines[start + 2:start + 12]]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_before_any_review_it_says_what_to_do(reviewed: Reviewed):
    (line,) = reviewed.before.splitlines()
    assert line.startswith(f"no reviewed items yet in {reviewed.data_dir}, snapshot ")
    assert "`paperlake review push`" in line and "`paperlake review pull`" in line
    pending, auto = map(int, re.search(r"\((\d+) pending, (\d+) auto-accepted\)", line).groups())
    items = _snapshot_items(reviewed.data_dir)  # now: the 7 reviewed items are no longer pending
    assert pending == int((items["review_status"] == "needs_review").sum()) + len(reviewed.outcomes)
    assert auto == int((items["review_status"] == "auto_accepted").sum())


def test_stats_print_the_reliability_table_of_curators_outcomes(reviewed: Reviewed, capsys):
    code, out, err = _stats(capsys, "--data-dir", str(reviewed.data_dir))
    assert code == 0 and err == ""
    items = _snapshot_items(reviewed.data_dir)
    current = current_snapshot(reviewed.data_dir)
    assert f"reliability of confidence in {reviewed.data_dir}, snapshot {current.id}" in out
    n_auto = int((items["review_status"] == "auto_accepted").sum())
    n_pending = int((items["review_status"] == "needs_review").sum())
    assert (f"reviewed 7 (3 accepted unchanged, 2 corrected, 2 rejected), auto-accepted {n_auto}, "
            f"pending {n_pending}") in out
    for kind in ("tables", "figures"):
        kind_items = items[items["kind"] == kind]
        kind_outcomes = {i: o for i, o in reviewed.outcomes.items() if i in set(kind_items["item_id"])}
        assert len(kind_outcomes) == len(DECISIONS[kind])
        assert _section(out, kind) == _expected_lines(kind_items, kind_outcomes)
    # the counts agree with the snapshot's `reviews` table (what `review status` shows)
    con = duckdb.connect(str(reviewed.data_dir / "catalog.duckdb"), read_only=True)
    try:
        totals = con.execute("select sum(accepted_unchanged), sum(corrected), sum(rejected), sum(pending) "
                         "from reviews").fetchone()
    finally:
        con.close()
    assert tuple(int(v) for v in totals) == (3, 2, 2, n_pending)
    diagram = reviewed.data_dir / "review" / "reliability_all.png"
    assert f"diagram: {diagram}" in out
    width, height = _png_size(diagram)
    assert width >= 800 and height >= 400 and diagram.stat().st_size > 10_000


def test_one_kind_and_an_output_path(reviewed: Reviewed, capsys, tmp_path):
    out_png = tmp_path / "charts" / "figures.png"
    code, out, _ = _stats(capsys, "--data-dir", str(reviewed.data_dir), "--kind", "figures", "--out", str(out_png))
    assert code == 0
    assert "reviewed 3 (1 accepted unchanged, 1 corrected, 1 rejected)" in out
    assert "\nfigures: 3 with a known outcome, ECE " in out and "\ntables:" not in out
    width, _ = _png_size(out_png)
    assert 400 <= width < 800 and out_png.stat().st_size > 5_000  # one panel


def test_dagster_shows_the_same_table_as_metadata(reviewed: Reviewed, capsys):
    (event,) = reviewed.republish.asset_materializations_for_node("published_dataset")
    metadata = event.metadata
    assert metadata["reviews_reviewed"].value == 7 and metadata["reviews_accepted_unchanged"].value == 3
    assert (metadata["reviews_corrected"].value, metadata["reviews_rejected"].value) == (2, 2)
    markdown = metadata["reliability"].value
    _, out, _ = _stats(capsys, "--data-dir", str(reviewed.data_dir), "--kind", "tables")
    for cells in _section(out, "tables"):
        if cells[1] != "0":
            assert f"| {' | '.join(cells)} |" in markdown
    assert "**tables**: 4 reviewed, ECE " in markdown and "**figures**: 3 reviewed, ECE " in markdown
    assert "](data:image/png;base64," in markdown
    ece_line = next(line for line in out.splitlines() if line.startswith("tables: "))
    # the CLI prints three decimals and the metadata keeps four of the same number: at most 0.00055 apart
    assert abs(float(ece_line.rsplit("ECE ", 1)[1]) - metadata["reliability_ece_tables"].value) <= 0.0006


def test_the_first_run_published_the_metadata_before_any_review(reviewed: Reviewed):
    instance = dg.DagsterInstance.from_config(str(reviewed.data_dir / "dagster"))
    try:
        records = instance.fetch_materializations(dg.AssetKey("published_dataset"), limit=10).records
    finally:
        instance.dispose()
    (record,) = records  # `paperlake run`'s, in the data dir's instance (the republish ran in another)
    metadata = record.asset_materialization.metadata
    assert metadata["reviews_reviewed"].value == 0 and metadata["reviews_pending"].value >= 7
    assert "no reviewed items yet" in metadata["reliability"].value


def test_benchmark_rows_give_the_same_table(tmp_path, capsys):
    rows = pd.DataFrame({"corpus": "dev", "kind": ["table"] * 5 + ["figure"] * 2,
                         "item_id": [f"i{n}" for n in range(7)],
                         "confidence": [0.95, 0.91, 1.0, 0.58, 0.62, 0.97, 0.99],
                         "review_status": ["auto_accepted"] * 3 + ["needs_review"] * 2 + ["auto_accepted"] * 2,
                         "exact": [1.0, 0.0, 1.0, 0.0, None, 1.0, 1.0]})
    path = tmp_path / "calibration_items.parquet"
    rows.to_parquet(path, index=False)
    code, out, _ = _stats(capsys, "--corpus-items", str(path), "--kind", "tables")
    assert code == 0
    assert "items 5: 4 judged by the benchmark, 1 not judged; 3 auto-accepted" in out
    table = _section(out, "tables")
    assert table[9] == ["0.9-1.0", "3", "0.67", "0.95", "-0.29"]
    assert table[5] == ["0.5-0.6", "1", "0.00", "0.58", "-0.58"] and table[6][1] == "0"  # 0.62: not judged
    assert "tables: 4 with a known outcome, ECE 0.360" in out  # (3 * |2/3 - 2.86/3| + 0.58) / 4
    diagram = tmp_path / "calibration_items_reliability_tables.png"
    assert f"diagram: {diagram}" in out and _png_size(diagram)[0] >= 400


def test_bad_inputs_get_one_clear_line(tmp_path, capsys):
    code, out, err = _stats(capsys, "--data-dir", str(tmp_path / "nowhere"))
    assert code == 2 and out == "" and err.strip() == (
        f"paperlake: {tmp_path / 'nowhere'} is not a data dir (no such folder): give --data-dir DIR of a "
        "`paperlake run`")
    (tmp_path / "empty").mkdir()
    code, _, err = _stats(capsys, "--data-dir", str(tmp_path / "empty"))
    assert code == 2 and "has no published snapshot: run `paperlake run PDF_DIR" in err
    code, _, err = _stats(capsys, "--corpus-items", str(tmp_path / "missing.parquet"))
    assert code == 2 and "no such file" in err
    (tmp_path / "other.csv").write_text("a,b\n1,2\n")
    code, _, err = _stats(capsys, "--corpus-items", str(tmp_path / "other.csv"))
    assert code == 2 and "not calibration item rows: no column confidence, exact, kind" in err
    assert "Traceback" not in err
