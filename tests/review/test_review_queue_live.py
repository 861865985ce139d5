"""One truth for the queue, against a real Label Studio and a real headless browser (issue 19 items 2 and 4).

Curators decide through the API; `review pull` applies one correction and refuses another; the Data Manager
shows each task's state as a column and the refused task says why in plain words; a re-run at the default
threshold closes the tasks whose items no longer need review, so `review status` and the queue agree.
"""
from __future__ import annotations

import json
import secrets
from pathlib import Path

import pandas as pd
import pytest
from label_studio_sdk import LabelStudio
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from paperlake.cli.main import main
from paperlake.review import label_studio as ls_module
from paperlake.review.state import TaskMap
from paperlake.review.tasks import table_task
from tests.review.conftest import unique_copy

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pdfs"
pytestmark = pytest.mark.integration
WAIT = 90  # seconds: the Data Manager loads its bundle and tasks on a busy two-core machine


def _tasks(ls: LabelStudio, project: int) -> list[dict]:
    return [task.model_dump() for task in ls.tasks.list(project=project, fields="all")]


def _submit(ls: LabelStudio, task: dict, verdict: str, header_rows: int | None = None) -> None:
    result = json.loads(json.dumps(task["predictions"][0]["result"]))
    for item in result:
        if header_rows is not None and item["from_name"] == "n_header_rows":
            item["value"]["number"] = header_rows
    result.append({"id": "verdict", "from_name": "verdict", "to_name": "image", "type": "choices",
                   "value": {"choices": [verdict]}})
    ls.annotations.create(id=task["id"], result=result)


def _log_in(browser: WebDriver, url: str, email: str, password: str) -> None:
    browser.get(f"{url}/user/login/")
    wait = _wait(browser)
    wait.until(ec.presence_of_element_located((By.NAME, "email"))).send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    wait.until(lambda driver: "/user/login" not in driver.current_url)


def _texts(browser: WebDriver, prefix: str) -> list[str]:
    """The texts of the page's innermost elements that start with `prefix`, looked up again while React
    re-renders them under the test (a stale reference once failed CI)."""
    for _ in range(20):
        try:
            found = browser.find_elements(By.XPATH, f"//*[starts-with(normalize-space(text()), '{prefix}')]")
            return [element.text.strip() for element in found if element.text.strip()]
        except StaleElementReferenceException:
            continue
    raise AssertionError(f"the elements starting with {prefix!r} kept being re-rendered")


def _wait(browser: WebDriver) -> WebDriverWait:
    """A wait that looks again when an element it holds is re-rendered (a stale reference)."""
    return WebDriverWait(browser, WAIT, poll_frequency=0.5, ignored_exceptions=(StaleElementReferenceException,))


def _hostile_cells_stay_text(browser: WebDriver, ls: LabelStudio, project: int, url: str, image: str) -> None:
    """A table whose cells hold markup: the grid shows the characters, and nothing in them runs."""
    cells = pd.DataFrame({"row": [0, 0, 1, 1], "col": [0, 1, 0, 1], "row_span": 1, "col_span": 1,
                          "is_header": [True, True, False, False],
                          "text": ["<script>window.pwned = 1</script>", "<b>bold</b>",
                                   "<img src=x onerror=\"window.pwned = 2\">", "1.0"]})
    row = {"table_id": f"hostile-{secrets.token_hex(4)}", "doc_id": "ef" * 32, "page": 1, "x0": 10.0, "y0": 10.0,
           "x1": 200.0, "y1": 100.0, "label": "Table 9", "caption": "", "n_header_rows": 1, "confidence": 0.1,
           "method": "test", "review_reason": "hostile cells", "file_name": "hostile.pdf"}
    task = table_task(row, cells, image, (0.0, 0.0, 300.0, 200.0))
    created = ls.projects.import_tasks(id=project, request=[task], return_task_ids=True).task_ids[0]
    try:
        browser.get(f"{url}/projects/{project}/data?task={created}")
        wait = _wait(browser)

        def hostile_grid(driver: WebDriver) -> tuple[str, int] | None:
            """The shown grid's text and how many markup elements it holds, read in one go (React may
            re-render it between two reads)."""
            for grid in driver.find_elements(By.XPATH, "//table[.//th]"):
                if grid.is_displayed() and "<img src=x" in grid.text:
                    return grid.text, len(grid.find_elements(By.XPATH, ".//img | .//script | .//b"))
            return None

        text, markup_elements = wait.until(hostile_grid)
        assert "<script>window.pwned = 1</script>" in text and "<b>bold</b>" in text
        assert markup_elements == 0
        assert browser.execute_script("return window.pwned") is None
    finally:
        ls.tasks.delete(id=str(created))


@pytest.fixture
def own_projects(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, str]]:
    """Projects of this test's own (the session's server is shared): the real configs under unique titles."""
    tag = secrets.token_hex(3)
    projects = {kind: (f"{title} {tag}", config) for kind, (title, config) in ls_module.PROJECTS.items()}
    monkeypatch.setattr(ls_module, "PROJECTS", projects)
    return projects


def test_the_queue_follows_the_dataset_in_the_data_manager(label_studio, browser, own_projects, tmp_path,
                                                           monkeypatch, capsys):
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_TOKEN", label_studio.token)
    data_dir, inputs = tmp_path / "data", tmp_path / "in"
    inputs.mkdir()
    for pdf in sorted(EXAMPLES.glob("*.pdf")):
        unique_copy(pdf, inputs / pdf.name)
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "0.99"]) == 0
    task_map = TaskMap.load(data_dir / "review")
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    project = task_map.projects["tables"]
    tables = _tasks(ls, project)
    assert len(tables) >= 3
    for task in tables:
        data = task["data"]
        assert data["review_state"] == "needs review"
        assert data["file"] in {p.name for p in inputs.iterdir()} and data["location"].endswith(f"of {data['file']}")
        assert "<table" in data["grid_html"]

    # A task recorded before tasks carried their state (no `shown` in the map) is rebuilt once, then left alone.
    map_file = data_dir / "review" / "ls_tasks.json"
    raw = json.loads(map_file.read_text())
    del raw["items"][tables[2]["data"]["item_id"]]["shown"]
    map_file.write_text(json.dumps(raw))
    for updated in (1, 0):
        capsys.readouterr()
        assert main(["review", "push", "--data-dir", str(data_dir)]) == 0
        assert f"tables   0 created, {updated} updated" in capsys.readouterr().out

    # One correction applied, one refused (more header rows than rows), the rest left to review.
    applied, refused = tables[0], tables[1]
    rows = len([line for line in refused["data"]["grid_csv"].splitlines() if line.strip()])
    _submit(ls, applied, "accept")
    _submit(ls, refused, "accept", header_rows=rows + 40)
    capsys.readouterr()
    assert main(["review", "pull", "--data-dir", str(data_dir)]) == 0
    reason = f"{rows + 40} header rows, but the table has {rows} rows"
    assert reason in capsys.readouterr().out
    states = {task["id"]: task["data"]["review_state"] for task in _tasks(ls, project)}
    assert states[applied["id"]] == "applied: accepted unchanged"
    assert states[refused["id"]].startswith(f"refused: {reason}")
    assert sum(state == "needs review" for state in states.values()) == len(tables) - 2

    # The Data Manager shows each task's state as a column; the refused task says why in plain words.
    _log_in(browser, label_studio.url, label_studio.login.email, label_studio.login.password)
    browser.get(f"{label_studio.url}/projects/{project}/data")
    wait = _wait(browser)
    wait.until(lambda driver: _texts(driver, "refused: "))
    browser.save_screenshot(str(tmp_path / "data_manager.png"))
    shown = _texts(browser, "applied: ") + _texts(browser, "refused: ") + _texts(browser, "needs review")
    assert sorted(shown) == sorted(states.values()), "one state per task, as the data dir says"
    assert any(reason in text for text in _texts(browser, "refused: "))
    browser.get(f"{label_studio.url}/projects/{project}/data?task={refused['id']}")
    wait.until(lambda driver: any(reason in text for text in _texts(driver, "refused: ")))
    line = next(line for line in refused["data"]["grid_csv"].splitlines() if line and not set(line) & set("'\""))
    grid_text = wait.until(lambda driver: " ".join(
        table.text for table in driver.find_elements(By.XPATH, "//table[.//th]") if table.is_displayed()))
    browser.save_screenshot(str(tmp_path / "refused_task.png"))
    assert line.split(",")[0] in grid_text, "the grid is shown as a table"
    assert any(e.is_displayed() for e in browser.find_elements(By.XPATH, f"//*[contains(text(), '{line}')]")), \
        "the CSV field is visible without selecting the box"
    _hostile_cells_stay_text(browser, ls, project, label_studio.url, refused["data"]["image"])

    # The curator fixes the refused submission: the task now says applied, and its review reason is routing's.
    annotation = next(t for t in _tasks(ls, project) if t["id"] == refused["id"])["annotations"][0]
    fixed = [item for item in annotation["result"] if item["from_name"] != "n_header_rows"]
    ls.annotations.update(id=annotation["id"], result=fixed)
    assert main(["review", "pull", "--data-dir", str(data_dir)]) == 0
    now = ls.tasks.get(id=str(refused["id"]))
    assert (now.data["review_state"], now.is_labeled) == ("applied: accepted unchanged", True)
    assert now.data["review_reason"] == refused["data"]["review_reason"]

    # A re-run at the default threshold: tasks whose items no longer need review close, none stay open.
    assert main(["run", str(inputs), "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    assert main(["review", "status", "--data-dir", str(data_dir)]) == 0
    status = capsys.readouterr().out
    pending_tables, pending_figures = (int(n) for n in status.split("\npending", 1)[1].split()[0:3:2])
    assert f"task states   {pending_tables + pending_figures} open" in status and "out of date" not in status
    after = _tasks(ls, project)
    assert len([task for task in after if not task["is_labeled"]]) == pending_tables, "open tasks = pending items"
    for task in after:
        word = task["data"]["review_state"].split(":")[0]
        expected = ("needs review", "refused") if not task["is_labeled"] else (
            "applied", "no longer needs review", "superseded", "refused")
        assert word in expected, (task["id"], task["is_labeled"], task["data"]["review_state"])
    assert any(task["data"]["review_state"] == "no longer needs review" for task in after)
    assert next(t for t in after if t["id"] == applied["id"])["data"]["review_state"] == "applied: accepted unchanged"
