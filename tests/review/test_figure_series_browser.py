"""A curator corrects a chart point in a real Label Studio, in a real headless browser; `review pull` publishes it.

Issue 19 item 1: open a figure task, see the recovered series (re-plot and points table), change a point,
submit, `paperlake review pull`, and the point is in `figure_series` of the new snapshot.
"""
from __future__ import annotations

import base64
import io
import secrets
import time
from collections.abc import Iterator

import pytest
from label_studio_sdk import LabelStudio
from PIL import Image
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from paperlake.cli.main import main
from paperlake.review import label_studio as label_studio_module
from paperlake.review.label_studio import PROJECTS
from paperlake.review.state import TaskMap
from tests.catalog import catalog_rows
from tests.conftest import build_figure_pdf
from tests.review.conftest import unique_copy

pytestmark = pytest.mark.integration
WAIT_S = 90  # Label Studio's React app on a busy two-core machine
NEW_Y = "0.9"


def _wait(driver: WebDriver) -> WebDriverWait:
    """Waits that look again when React re-renders an element under the test (a stale reference) or something
    still covers it (an element in the middle of a re-layout)."""
    return WebDriverWait(driver, WAIT_S, poll_frequency=0.5, ignored_exceptions=(
        StaleElementReferenceException, ElementClickInterceptedException, ElementNotInteractableException))


def _log_in(driver: WebDriver, url: str, email: str, password: str) -> None:
    driver.get(f"{url}/user/login/")
    _wait(driver).until(EC.presence_of_element_located((By.NAME, "email"))).send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    _wait(driver).until(lambda d: "/user/login" not in d.current_url)


def _points_row(driver: WebDriver) -> WebElement:
    """The points table's row in the editor (the TextArea named series_csv), scrolled into view."""
    shown = driver.find_element(By.CSS_SELECTOR, "[name^='series_csv:']")
    row = shown.find_element(By.XPATH, "./ancestor::*[@data-testid='textarea-region']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    return row


def _edit_point(driver: WebDriver, old_line: str, new_y: str) -> None:
    """Open the points table for editing, replace the y of one line by typing, save the field."""
    _wait(driver).until(lambda d: _points_row(d).find_element(
        By.CSS_SELECTOR, "[data-testid='htx-textbox-edit-button']").click() is None)
    box = _wait(driver).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "textarea[name^='series_csv:']")))
    text = box.get_attribute("value")
    start = text.index(old_line) + len(old_line) - len(old_line.rsplit(",", 1)[1])
    driver.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[2]);",
                          box, start, text.index(old_line) + len(old_line))
    box.send_keys(new_y)
    assert box.get_attribute("value") == text.replace(old_line, old_line.rsplit(",", 1)[0] + "," + new_y)
    _points_row(driver).find_element(By.CSS_SELECTOR, "[data-testid='htx-textbox-save']").click()


def _choose(driver: WebDriver, choice: str) -> None:
    """Click a choice's label (Ant Design hides the radio input itself)."""
    def click(d: WebDriver) -> bool:
        label = d.find_element(By.XPATH, f"//label[.//input[@type='radio' and @name='{choice}']]")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
        label.click()
        return d.find_element(By.CSS_SELECTOR, f"input[type='radio'][name='{choice}']").is_selected()
    _wait(driver).until(click)


def _png_size(data_uri: str) -> tuple[int, int]:
    with Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))) as picture:
        return picture.size


def _editor_image(driver: WebDriver, size: tuple[int, int]) -> WebElement | None:
    """The labeling editor's loaded image (Label Studio shows a task's images from blob: URLs) of that size."""
    for img in driver.find_elements(By.CSS_SELECTOR, "img[src^='blob:']"):
        if tuple(driver.execute_script("return [arguments[0].complete ? arguments[0].naturalWidth : 0, "
                                       "arguments[0].naturalHeight]", img)) == size:
            return img
    return None


def _annotations(ls: LabelStudio, task_id: int) -> list:
    return list(ls.tasks.get(id=str(task_id)).annotations or [])


@pytest.fixture
def own_projects(label_studio, monkeypatch) -> Iterator[dict[str, tuple[str, str]]]:
    """This test's own review projects on the session's shared server (other tests count the tasks of theirs),
    deleted afterwards."""
    mine = {kind: (f"{title} {secrets.token_hex(4)}", config) for kind, (title, config) in PROJECTS.items()}
    monkeypatch.setattr(label_studio_module, "PROJECTS", mine)
    yield mine
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    for project in ls.projects.list():
        if project.title in {title for title, _ in mine.values()}:
            ls.projects.delete(id=project.id)


def test_a_curator_corrects_a_chart_point_in_the_browser(label_studio, own_projects, browser, tmp_path,
                                                         monkeypatch):
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("PAPERLAKE_LABEL_STUDIO_TOKEN", label_studio.token)
    data_dir, inputs = tmp_path / "data", tmp_path / "in"
    inputs.mkdir()
    unique_copy(build_figure_pdf(tmp_path / "chart.pdf"), inputs / "chart.pdf")

    # A run sends the chart to review and pushes its task, points included.
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "0.99"]) == 0
    [(figure_id,)] = catalog_rows(data_dir, "select figure_id from figures where review_status = 'needs_review'")
    extracted = catalog_rows(data_dir, f"select series, point, x, y from figure_series where figure_id = '{figure_id}' "
                                f"order by point")
    assert len(extracted) == 10, "the vector chart's ten points were recovered"
    first_snapshot = catalog_rows(data_dir, "select snapshot_id from snapshot_info")[0][0]
    task_map = TaskMap.load(data_dir / "review")
    project, task_id = task_map.projects["figures"], int(task_map.items[figure_id]["task"])
    ls = LabelStudio(base_url=label_studio.url, api_key=label_studio.token)
    assert ls.projects.get(id=project).title == own_projects["figures"][0]
    task_data = ls.tasks.get(id=str(task_id)).data
    series, point, x, y = extracted[4]
    assert abs(y - float(NEW_Y)) > 0.1, "the new value is a real change"
    old_line = next(line for line in task_data["series_csv"].splitlines() if line.startswith(f"{series},{x:g},"))

    # The curator opens the task: the series is shown as a re-plot beside the crop and as a points table.
    _log_in(browser, label_studio.url, label_studio.login.email, label_studio.login.password)
    browser.get(f"{label_studio.url}/projects/{project}/data?task={task_id}")
    shown = _wait(browser).until(lambda d: _points_row(d).text)
    assert shown.splitlines() == task_data["series_csv"].splitlines() and old_line in shown.splitlines()
    assert "10 points in 1 series" in browser.find_element(By.TAG_NAME, "body").text
    plot = _wait(browser).until(lambda d: _editor_image(d, _png_size(task_data["series_plot"])))
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", plot)  # the re-plot and the table
    time.sleep(1)  # let the scroll and the images settle before the picture is taken
    screenshot = tmp_path / "figure-task.png"
    browser.save_screenshot(str(screenshot))
    with Image.open(screenshot) as picture:
        assert picture.size[0] >= 1000 and len(picture.convert("RGB").getcolors(1 << 20) or ()) > 100

    # It changes one point, accepts and submits.
    _edit_point(browser, old_line, NEW_Y)
    _choose(browser, "accept")
    _wait(browser).until(lambda d: d.find_element(By.XPATH, "//button[normalize-space()='Submit']").click() is None)
    _wait(browser).until(lambda d: _annotations(ls, task_id))

    # review pull reads it and publishes a snapshot where the point is corrected and the rest kept.
    assert main(["review", "pull", "--data-dir", str(data_dir)]) == 0
    assert catalog_rows(data_dir, "select snapshot_id from snapshot_info")[0][0] != first_snapshot
    published = catalog_rows(data_dir, f"select series, point, x, y from figure_series where figure_id = '{figure_id}' "
                                f"order by point")
    assert len(published) == len(extracted)
    assert published[4] == (series, point, float(f"{x:g}"), float(NEW_Y))
    assert [p[:2] for p in published] == [e[:2] for e in extracted]
    assert [round(p[3], 5) for i, p in enumerate(published) if i != 4] == \
           [round(e[3], 5) for i, e in enumerate(extracted) if i != 4]
    assert catalog_rows(data_dir, f"select review_status, reviewed_by from figures where figure_id = '{figure_id}'") == \
           [("reviewed", label_studio.login.email)]
