"""`paperlake report` end to end: the real pipeline on the bundled examples, the report command as a user runs
it, and the page opened from disk in a real headless Chromium: tables and figures shown, crops loaded, the
status filter hiding items, a screenshot that is not blank; a cell holding a script runs nothing there."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from selenium.webdriver.common.by import By

from paperlake.report.build import build_report
from paperlake.report.gather import Cell, Document, ReportData, Review, TableEntry
from paperlake.report.page import report_html
from tests.catalog import catalog_rows
from tests.conftest import EXAMPLES, REPO

pytestmark = pytest.mark.integration


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "paperlake.cli", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=600, check=False)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A data dir holding one snapshot of the bundled examples, made by `paperlake run`."""
    tmp = tmp_path_factory.mktemp("report-run")
    done = _cli("run", str(EXAMPLES), "--data-dir", str(tmp / "data"), cwd=tmp)
    assert done.returncode == 0, done.stderr[-3000:]
    return tmp / "data"


def _counts(data_dir: Path) -> dict[str, int]:
    """Items per review status, and `tables` and `figures` in all, rejected ones included."""
    counts = dict(catalog_rows(data_dir, "select review_status, count(*) from (select review_status from tables_all "
                                  "union all select review_status from figures_all) group by 1"))
    counts["tables"] = catalog_rows(data_dir, "select count(*) from tables_all")[0][0]
    counts["figures"] = catalog_rows(data_dir, "select count(*) from figures_all")[0][0]
    return counts


def _file_names(data_dir: Path) -> set[str]:
    return {name for (name,) in catalog_rows(data_dir, "select file_name from documents")}


def _visible(driver, selector: str) -> list:
    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def test_the_report_shows_tables_and_figures_in_chromium_and_filters_by_status(published, tmp_path, browser):
    done = _cli("report", "--data-dir", str(published), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    index = tmp_path / "report" / "index.html"
    assert f"wrote {index}" in done.stdout and "0 without a crop" in done.stdout
    counts, names = _counts(published), _file_names(published)
    n_tables, n_figures = counts["tables"], counts["figures"]

    browser.get(index.as_uri())
    tables = _visible(browser, "article.item.table")
    figures = _visible(browser, "article.item.figure")
    assert len(tables) == n_tables >= 4 and len(figures) == n_figures >= 3
    shown_names = {e.text for e in _visible(browser, "h2.file-name")}
    assert shown_names == names == {p.name for p in EXAMPLES.glob("*.pdf")}
    assert _visible(browser, 'table.cells th[colspan="2"]') and _visible(browser, 'table.cells td[rowspan="2"]')
    for table in tables:  # a grid with header cells, and its page crop loaded
        assert table.find_elements(By.CSS_SELECTOR, "table.cells th") and table.find_elements(By.CSS_SELECTOR, "td")
        assert float(table.find_element(By.CSS_SELECTOR, ".confidence").text) > 0
    images = browser.find_elements(By.CSS_SELECTOR, "article.item img")
    assert len(images) == n_tables + n_figures
    assert all(browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 0
               for img in images)
    assert len(_visible(browser, "article.item.figure svg.replot polyline")) >= 3  # chart series re-plotted

    screenshot = tmp_path / "report.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 20_000
    pix = pymupdf.Pixmap(str(screenshot))
    assert (pix.width, pix.height) == tuple(browser.execute_script("return [window.innerWidth, window.innerHeight]"))
    assert pix.color_count() > 50  # text, badges, crops and plots: far from a blank page

    needs_review = counts.get("needs_review", 0)
    assert needs_review and counts.get("auto_accepted", 0)
    browser.find_element(By.CSS_SELECTOR, "#filter input[value=needs_review]").click()
    assert _visible(browser, 'article.item[data-status="needs_review"]') == []
    assert len(_visible(browser, "article.item")) == n_tables + n_figures - needs_review
    browser.find_element(By.CSS_SELECTOR, "#filter input[value=auto_accepted]").click()
    assert _visible(browser, "article.item") == [] and _visible(browser, "section.document") == []
    browser.find_element(By.CSS_SELECTOR, "#filter input[value=needs_review]").click()
    assert len(_visible(browser, "article.item")) == needs_review


def test_an_item_whose_source_pdf_is_gone_is_shown_without_its_crop(published, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(published, data_dir, ignore=shutil.ignore_patterns("dagster", ".paperlake.lock"))
    ((doc_id, n_tables),) = catalog_rows(data_dir, "select doc_id, count(*) from tables_all group by 1 order by 1 limit 1")
    (data_dir / "sources" / f"{doc_id}.pdf").unlink()
    progress: list[tuple[int, int, str]] = []
    result = build_report(data_dir, tmp_path / "report", on_progress=lambda *step: progress.append(step))
    assert [done for done, _, _ in progress] == list(range(1, result.tables + result.figures + 1))
    missing = [item_id for item_id, reason in result.without_crop if "source PDF is missing" in reason]
    assert len(missing) == n_tables and all(item_id.startswith(doc_id[:16]) for item_id in missing)
    html = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert html.count(f"source PDF is missing from the data dir (sources/{doc_id}.pdf)") == n_tables
    assert html.count("<img ") == result.tables + result.figures - n_tables  # the figures keep their snapshot crop


def test_a_report_of_a_data_dir_with_no_snapshot_says_so(tmp_path):
    done = _cli("report", "--data-dir", str(tmp_path / "empty"), "--out", str(tmp_path / "report"), cwd=tmp_path)
    assert done.returncode == 1
    assert "no snapshot CURRENT in" in done.stderr and "nothing published yet" in done.stderr
    assert "paperlake run PDF_DIR" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "report" / "index.html").exists()


def test_a_snapshot_is_chosen_by_id_prefix_and_an_unknown_one_is_a_clear_error(published, tmp_path):
    snapshot_id = (published / "published" / "CURRENT").read_text(encoding="utf-8").strip()
    result = build_report(published, tmp_path / "old", snapshot=snapshot_id[:12])
    assert result.snapshot_id == snapshot_id
    assert f'<code id="snapshot-id">{snapshot_id}</code>' in result.index.read_text(encoding="utf-8")
    done = _cli("report", "--data-dir", str(published), "--out", str(tmp_path / "x"), "--snapshot", "19990101",
                cwd=tmp_path)
    assert done.returncode == 1 and "no snapshot matches '19990101'" in done.stderr


def test_a_cell_holding_a_script_runs_nothing_in_the_browser(tmp_path, browser):
    script = "<script>document.title = 'pwned'; window.pwned = 1</script>"
    table = TableEntry(table_id="d-p001-t00", doc_id="d", page=1, bbox=(0, 0, 10, 10), label="Table 1",
                       caption=f"caption {script}", n_rows=1, n_cols=2, confidence=0.5, review=Review("needs_review"),
                       cells=(Cell(0, 0, script, True), Cell(0, 1, '<img src=x onerror="window.pwned=2">')))
    data = ReportData(snapshot_id="s", snapshot_path=tmp_path, created_at="now",
                      documents=(Document("d", "<b>x</b>.pdf", 1, "ok"),), tables=(table,))
    (tmp_path / "index.html").write_text(report_html(data, {}), encoding="utf-8")
    browser.get((tmp_path / "index.html").as_uri())
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.title == "paperlake report: s"
    assert browser.find_element(By.CSS_SELECTOR, "table.cells th").text == script
    assert browser.find_element(By.CSS_SELECTOR, "h2.file-name").text == "<b>x</b>.pdf"
    assert browser.find_elements(By.CSS_SELECTOR, "article img, h2 b") == []
