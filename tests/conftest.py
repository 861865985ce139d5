"""Shared fixtures: small real PDFs built with PyMuPDF, so tests need nothing outside the repo."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf
import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "pdfs"

SERIAL_FILES = frozenset({
    "faults/test_limits.py", "faults/test_fuzz.py",  # time and kill real children against their limits
    "cluster/test_celery_cluster.py", "cluster/test_object_store.py",  # Redis, Celery workers, an S3 server
    "review/test_review_server.py",  # installs or reads Label Studio's venv, which .ci/run sets up meanwhile
})
"""Tests that start servers or time real processes, beyond the integration tests and Label Studio's users."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `serial` every integration test, every test on the live Label Studio and every test of
    SERIAL_FILES: .ci/run runs the rest on two workers (pytest-xdist) and these alone after, so no server start
    or fault timing competes for the CPU."""
    for item in items:
        name = item.path.relative_to(REPO / "tests").as_posix()
        if (item.get_closest_marker("integration") or "label_studio" in getattr(item, "fixturenames", ())
                or name in SERIAL_FILES):
            item.add_marker(pytest.mark.serial)


BODY = ("The measurements were repeated three times and the spread of the results was used to "
        "estimate the uncertainty of every reported value in the study.")


def _paragraph(page: pymupdf.Page, y: float, lines: int = 3) -> float:
    for _ in range(lines):
        page.insert_text((72, y), BODY[:95], fontsize=10, fontname="tiro")
        y += 13
    return y


def build_booktabs_pdf(path: Path) -> Path:
    """One page: a paragraph, a captioned booktabs table (top, mid, bottom rules), another paragraph."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = _paragraph(page, 90)
    page.insert_text((150, y + 14), "Table 1: Yield of the three catalysts at two temperatures.", fontsize=10,
                     fontname="tiro")
    top = y + 24
    page.draw_line((140, top), (470, top), width=0.8)
    header = ["Catalyst", "Time (s)", "Yield (%)", "Error"]
    xs = [145, 250, 330, 420]
    for x, text in zip(xs, header):
        page.insert_text((x, top + 14), text, fontsize=10, fontname="tiro")
    page.draw_line((140, top + 20), (470, top + 20), width=0.5)
    rows = [["Pd/C", "12.5", "87.1", "-0.4"], ["Pt/C", "10.0", "91.3", "1.2"], ["Ni", "30.2", "45.0", "-2.5"]]
    ry = top + 34
    for row in rows:
        for x, text in zip(xs, row):
            page.insert_text((x, ry), text, fontsize=10, fontname="tiro")
        ry += 14
    page.draw_line((140, ry - 8), (470, ry - 8), width=0.8)
    _paragraph(page, ry + 20)
    doc.save(path)
    return path


def build_ruled_pdf(path: Path) -> Path:
    """One page: a fully ruled 3x3 table whose caption sits below it."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = _paragraph(page, 90) + 10
    xs, ys = [150, 260, 370, 480], [y + i * 18 for i in range(4)]
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]), width=0.5)
    for yy in ys:
        page.draw_line((xs[0], yy), (xs[-1], yy), width=0.5)
    grid = [["Sample", "Mass (g)", "Volume"], ["A", "1.5", "3.0"], ["B", "2.25", "4.5"]]
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 5, ys[r] + 13), text, fontsize=10, fontname="tiro")
    page.insert_text((150, ys[-1] + 16), "Table 2. Masses and volumes of the samples.", fontsize=10, fontname="tiro")
    _paragraph(page, ys[-1] + 45)
    doc.save(path)
    return path


def build_figure_pdf(path: Path) -> Path:
    """One page: a vector line chart (axes, ticks, labels, a polyline) with its caption below."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = _paragraph(page, 90) + 10
    x0, y0, x1, y1 = 150, y + 10, 450, y + 190
    page.draw_line((x0, y1), (x1, y1), width=0.8)
    page.draw_line((x0, y0), (x0, y1), width=0.8)
    for i in range(6):
        tx = x0 + i * (x1 - x0) / 5
        page.draw_line((tx, y1), (tx, y1 + 4), width=0.5)
        page.insert_text((tx - 5, y1 + 14), str(i * 20), fontsize=8, fontname="helv")
        ty = y1 - i * (y1 - y0) / 5
        page.draw_line((x0 - 4, ty), (x0, ty), width=0.5)
        page.insert_text((x0 - 22, ty + 3), f"{i * 0.2:.1f}", fontsize=8, fontname="helv")
    points = [(x0 + i * 30, y1 - 20 - (i * 37) % 140) for i in range(10)]
    page.draw_polyline(points, color=(0, 0, 1), width=1.2)
    for px, py in points:
        page.draw_circle((px, py), 2.0, color=(0, 0, 1), fill=(0, 0, 1))
    page.insert_text((280, y1 + 28), "Time (s)", fontsize=9, fontname="helv")
    page.insert_text((150, y1 + 48), "Figure 1: Response of the sensor over time.", fontsize=10, fontname="tiro")
    _paragraph(page, y1 + 75)
    doc.save(path)
    return path


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[[str], Path]:
    """Build one of the named test PDFs in a temporary folder and return its path."""
    builders = {"booktabs": build_booktabs_pdf, "ruled": build_ruled_pdf, "figure": build_figure_pdf}

    def make(kind: str) -> Path:
        return builders[kind](tmp_path / f"{kind}.pdf")

    return make


@dataclass(frozen=True)
class RegisteredExamples:
    """The bundled example PDFs registered in a fresh data dir, with their ground truth by file name."""

    data_dir: Path
    doc_ids: list[str]
    truth: dict[str, dict]

    def assert_catalog_matches_truth(self) -> None:
        """catalog.duckdb lists every example with its page count and its number of tables."""
        import duckdb

        con = duckdb.connect(str(self.data_dir / "catalog.duckdb"), read_only=True)
        try:
            docs = dict(con.sql("select file_name, n_pages from documents where status = 'ok'").fetchall())
            tables = dict(con.sql("select d.file_name, count(*) from tables_all t join documents d using (doc_id) "
                                  "group by 1").fetchall())
        finally:
            con.close()
        assert docs == {name: t["n_pages"] for name, t in self.truth.items()}
        assert tables == {name: len(t["tables"]) for name, t in self.truth.items() if t["tables"]}


@pytest.fixture
def registered_examples(tmp_path: Path) -> RegisteredExamples:
    """The example PDFs registered in `tmp_path/data`, ready for a run over their doc ids."""
    from paperlake.store import DataStore

    data_dir = tmp_path / "data"
    store = DataStore(data_dir)
    pdfs = sorted(EXAMPLES.glob("*.pdf"))
    return RegisteredExamples(data_dir, [store.register(pdf).doc_id for pdf in pdfs],
                              {pdf.name: json.loads(pdf.with_suffix(".truth.json").read_text()) for pdf in pdfs})


@pytest.fixture
def browser() -> Iterator[Any]:
    """A real headless Chromium (selenium WebDriver) for the test, closed after it."""
    from tests.browser import headless_chromium

    with headless_chromium() as driver:
        yield driver
