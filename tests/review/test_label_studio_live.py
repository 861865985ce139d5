"""The review cycle against a real Label Studio: push, curators annotate through the API, pull, republish, query."""
from __future__ import annotations

import csv
import io
import json
import secrets
import shutil
import sqlite3
from pathlib import Path

import dagster as dg
import pytest
from label_studio_sdk import LabelStudio

from dagster_project.definitions import defs
from dagster_project.resources import PaperlakeResource
from paperlake.cli.main import main
from paperlake.review import server as review_server
from paperlake.review.annotations import edit_distance
from paperlake.review.label_studio import PROJECTS
from paperlake.review.state import TaskMap
from paperlake.review.tasks import csv_to_grid
from tests.catalog import catalog_rows

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pdfs"
pytestmark = pytest.mark.integration


def _tasks(ls: LabelStudio, project: int) -> list[dict]:
    return [task.model_dump() for task in ls.tasks.list(project=project, fields="all")]


def _submit(ls: LabelStudio, task: dict, verdict: str, edit=None) -> None:
    """What a curator does in the UI: start from the prediction, change fields, choose a verdict, submit."""
    result = json.loads(json.dumps(task["predictions"][0]["result"]))
    if edit:
        edit(result)
    result.append({"id": "verdict", "from_name": "verdict", "to_name": "image", "type": "choices",
                   "value": {"choices": [verdict]}})
    ls.annotations.create(id=task["id"], result=result)


def _numeric_body_cell(task: dict) -> tuple[int, int, str]:
    grid = csv_to_grid(task["data"]["grid_csv"])
    for r in range(task["data"]["n_header_rows"], len(grid)):
        for c, text in enumerate(grid[r]):
            if text.replace(".", "", 1).isdigit():
                return r, c, text
    raise AssertionError("no numeric body cell")


def _set_cell(result: list[dict], r: int, c: int, text: str) -> None:
    for item in result:
        if item["from_name"] == "grid_csv":
            grid = csv_to_grid("\n".join(item["value"]["text"]))
            grid[r][c] = text
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(grid)
            item["value"]["text"] = [out.getvalue().rstrip("\n")]


def _move_box(result: list[dict], dx: float) -> None:
    for item in result:
        if "x" in item["value"]:
            item["value"]["x"] = max(0.0, item["value"]["x"] + dx)


def _set_header_rows(result: list[dict], n: int) -> None:
    for item in result:
        if item["from_name"] == "n_header_rows":
            item["value"]["number"] = n


def test_review_cycle_with_a_live_label_studio(label_studio, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_TOKEN", label_studio.token)
    data_dir = tmp_path / "data"
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)

    # A run with a high threshold sends items to review; the review_queue asset pushes them.
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "0.99"]) == 0
    pending = catalog_rows(data_dir, "select (select count(*) from tables where review_status = 'needs_review'), "
                              "(select count(*) from figures where review_status = 'needs_review')")[0]
    assert pending[0] >= 3 and pending[1] >= 1
    task_map = TaskMap.load(data_dir / "review")
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    table_tasks = _tasks(ls, task_map.projects["tables"])
    figure_tasks = _tasks(ls, task_map.projects["figures"])
    assert (len(table_tasks), len(figure_tasks)) == pending, "exactly one task per item"
    assert {p.title for p in ls.projects.list()} >= {title for title, _ in PROJECTS.values()}
    first = table_tasks[0]
    assert first["data"]["image"].startswith("data:image/png;base64,")
    assert first["predictions"][0]["model_version"].startswith("paperlake-vector-tables")
    # each task scores its item with the confidence the catalog holds, below the 0.99 that sent it to review
    scores = {task["data"]["item_id"]: task["predictions"][0]["score"] for task in table_tasks}
    assert scores == dict(catalog_rows(data_dir, "select table_id, confidence from tables "
                                          "where review_status = 'needs_review'"))
    assert max(scores.values()) < 0.99

    # Pushing again creates nothing.
    assert main(["review", "push", "--data-dir", str(data_dir)]) == 0
    assert len(_tasks(ls, task_map.projects["tables"])) == len(table_tasks)

    # Curators: a cell corrected, a figure's box moved, a table rejected, one invalid correction.
    corrected, rejected, invalid = table_tasks[0], table_tasks[1], table_tasks[2]
    r, c, old_text = _numeric_body_cell(corrected)
    new_text = "1234.5"
    _submit(ls, corrected, "accept", lambda result: _set_cell(result, r, c, new_text))
    _submit(ls, rejected, "reject")
    _submit(ls, invalid, "accept", lambda result: _set_header_rows(result, 99))
    moved = figure_tasks[0]
    _submit(ls, moved, "accept", lambda result: _move_box(result, 5.0))

    # The sensor pulls them and asks for a republish.
    instance = dg.DagsterInstance.ephemeral()
    sensor = defs.resolve_sensor_def("review_pull_sensor")
    context = dg.build_sensor_context(instance=instance, cursor="",
                                      resources={"paperlake": PaperlakeResource(data_dir=str(data_dir))})
    tick = sensor(context)
    assert len(tick.run_requests) == 1 and tick.cursor
    corrections = sorted(p.stem for p in (data_dir / "review" / "corrections").glob("*.json"))
    assert corrections == sorted([corrected["data"]["item_id"], rejected["data"]["item_id"],
                                  moved["data"]["item_id"]])
    refused = json.loads((data_dir / "review" / "refused" / f"{invalid['data']['item_id']}.json").read_text())
    assert any("99 header rows, but the table has" in reason for reason in refused["reasons"])
    shown = ls.tasks.get(id=str(invalid["id"]))
    assert shown.data["review_state"].startswith("refused: 99 header rows, but the table has")
    assert shown.data["review_reason"] == invalid["data"]["review_reason"], "the routing's reason stays"
    assert shown.is_labeled is False, "a refused task goes back to the curators' queue"
    decided = {task["id"]: ls.tasks.get(id=str(task["id"])).data["review_state"] for task in (corrected, rejected, moved)}
    assert decided == {corrected["id"]: "applied: corrected", rejected["id"]: "applied: rejected",
                       moved["id"]: "applied: corrected"}
    again = sensor(dg.build_sensor_context(instance=instance, cursor=tick.cursor,
                                           resources={"paperlake": PaperlakeResource(data_dir=str(data_dir))}))
    assert not again.run_requests, "annotations already read are not read again"

    # The republish job (what the sensor's run request runs), then the catalog shows the corrections.
    result = defs.resolve_job_def("republish").execute_in_process(
        instance=instance, resources={"paperlake": PaperlakeResource(data_dir=str(data_dir))})
    assert result.success
    table_id = corrected["data"]["item_id"]
    cell = catalog_rows(data_dir, f"select c.text, c.value from table_cells c where table_id = '{table_id}' "
                           f"and row = {r} and col = {c}")
    assert cell == [(new_text, 1234.5)]
    status = catalog_rows(data_dir, f"select review_status, reviewed_by, reviewed_at is not null from tables "
                             f"where table_id = '{table_id}'")
    assert status == [("reviewed", "curator@example.com", True)]
    gone = rejected["data"]["item_id"]
    assert catalog_rows(data_dir, f"select count(*) from tables where table_id = '{gone}'") == [(0,)]
    assert catalog_rows(data_dir, f"select count(*) from table_cells where table_id = '{gone}'") == [(0,)]
    assert catalog_rows(data_dir, f"select review_status from tables_all where table_id = '{gone}'") == [("rejected",)]
    figure_id = moved["data"]["item_id"]
    x0 = catalog_rows(data_dir, f"select x0 from figures where figure_id = '{figure_id}'")[0][0]
    assert x0 > moved["data"]["item_bbox"][0] + 1.0, "the moved box is published in PDF points"
    reviews = {(kind, method): (sent, reviewed, corrected_n, rejected_n, distance)
               for kind, method, sent, reviewed, corrected_n, rejected_n, distance in catalog_rows(
                   data_dir, "select kind, method, sent, reviewed, corrected, rejected, edit_distance_total "
                             "from reviews")}
    tables = [v for (kind, _), v in reviews.items() if kind == "table"]
    assert sum(v[0] for v in tables) == pending[0]
    assert (sum(v[1] for v in tables), sum(v[2] for v in tables), sum(v[3] for v in tables)) == (2, 1, 1)
    assert sum(v[4] for v in tables) == edit_distance(old_text, new_text)

    # Re-running the pipeline (nothing changed) keeps the corrections and pushes no new tasks.
    capsys.readouterr()
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "0.99"]) == 0
    summary = capsys.readouterr().out
    assert "reviews        tables by paperlake-vector-tables" in summary and "1 corrected, 1 rejected" in summary
    assert catalog_rows(data_dir, f"select value from table_cells where table_id = '{table_id}' and row = {r} "
                           f"and col = {c}") == [(1234.5,)]
    assert len(_tasks(ls, task_map.projects["tables"])) == len(table_tasks)


def test_a_new_data_dir_starts_from_the_empty_template_with_only_its_own_login(label_studio, tmp_path):
    """The session's server made the machine's migrated template; a second data dir's server starts from a copy
    (no migrations), and its one user is the login it was started with: the template holds none."""
    template = review_server.template_database(label_studio.exe)
    with sqlite3.connect(template) as con:
        assert con.execute("SELECT count(*) FROM htx_user").fetchone() == (0,)
    login = review_server.Login("second@example.com", secrets.token_urlsafe(12), secrets.token_hex(20))
    port = review_server.free_port()
    process = review_server.start(label_studio.exe, tmp_path / "server", port, login)
    try:
        url = review_server.wait_ready(process, port, timeout=300)
        users = LabelStudio(base_url=url, api_key=login.token).users.list()
        assert [user.email for user in users] == [login.email]
    finally:
        review_server.stop(process)
    assert not (tmp_path / "server" / "label_studio.sqlite3.partial").exists()
