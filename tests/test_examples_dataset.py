"""The bundled examples, run as an analyst would (no venv activated, nothing on PATH): numbers as numbers with
SI units that compare, a box on each cell, a catalog that describes itself, typed exports, the Python API, and
a summary whose hints run as printed."""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import duckdb
import pymupdf
import pytest
from conftest import EXAMPLES, REPO

import paperlake
from tests.catalog import catalog_rows

pytestmark = pytest.mark.integration

BAD_REASON = "no %PDF- header"


def _env(tmp: Path) -> dict[str, str]:
    """Nothing activated: no venv on PATH; PYTHONPATH only makes this checkout's code the one tested."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp), "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`python -m paperlake.cli run` on the examples plus one file that is not a PDF."""
    tmp = tmp_path_factory.mktemp("examples-run")
    inputs = tmp / "in"
    inputs.mkdir()
    for pdf in EXAMPLES.glob("*.pdf"):
        shutil.copy(pdf, inputs / pdf.name)
    shutil.copy(REPO / "tests" / "corpus" / "not_a_pdf_text.pdf", inputs / "not_a_pdf_text.pdf")
    done = subprocess.run([sys.executable, "-m", "paperlake.cli", "run", str(inputs), "--data-dir", str(tmp / "data")],
                          capture_output=True, text=True, env=_env(tmp), cwd=tmp, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return tmp / "data", done


def test_celsius_cells_compare_in_kelvin(run):
    data_dir, _ = run
    assert catalog_rows(data_dir, "select count(*) from table_cells where unit_si = 'K'")[0][0] > 0
    celsius = catalog_rows(data_dir, """
        select c.value, c.value_si, c.unit_si, h.header from table_cells c
        join table_columns h using (table_id, doc_id, col) where c.unit = '°C' and not c.is_header""")
    assert celsius
    for value, value_si, unit_si, header in celsius:
        expected = value if "Δ" in header else value + 273.15  # a ΔT column holds differences
        assert unit_si == "K" and value_si == pytest.approx(expected), (value, header)
    percent = catalog_rows(data_dir, "select value, value_si, unit_si from table_cells where unit = '%'")
    assert percent and all(si == pytest.approx(v / 100) and u == "1" for v, si, u in percent)


def test_at_least_nine_cells_in_ten_have_a_box_around_their_own_text(run):
    data_dir, _ = run
    rows = catalog_rows(data_dir, """
        select d.file_name, t.page, c.text, c.x0, c.y0, c.x1, c.y1 from table_cells c
        join tables t using (table_id, doc_id) join documents d using (doc_id)""")
    boxed = [r for r in rows if r[3] is not None]
    assert len(boxed) >= 0.9 * len(rows) and rows
    docs = {name: pymupdf.open(EXAMPLES / name) for name in {r[0] for r in rows}}
    checked = wrong = 0
    for name, page, text, x0, y0, x1, y1 in boxed:
        if not text.strip():
            continue
        inside = docs[name][page - 1].get_textbox(pymupdf.Rect(x0, y0, x1, y1) + (-1, -1, 1, 1))
        flat = unicodedata.normalize("NFKC", " ".join(inside.split()))
        checked += 1
        wrong += not all(unicodedata.normalize("NFKC", token) in flat for token in text.split())
    assert checked and wrong <= 0.01 * checked, f"{wrong} of {checked} boxes miss their cell's text"


def test_every_view_and_column_of_the_catalog_says_what_it_holds(run):
    data_dir, _ = run
    views = catalog_rows(data_dir, "select view_name, comment from duckdb_views() where not internal")
    assert len(views) >= 18 and all(comment for _, comment in views)
    columns = catalog_rows(data_dir, """
        select c.table_name, c.column_name, c.comment from duckdb_columns() c
        join duckdb_views() v on v.view_name = c.table_name and v.schema_name = c.schema_name
        where not v.internal""")
    assert len(columns) > 200 and [c for c in columns if not c[2]] == []
    assert ("table_cells", "unit_si", "the SI unit of value_si: 'K', 'kg m-3', 'J mol-1', '1'") in columns


def test_evidence_is_json_and_tables_describes_as_documented(run):
    data_dir, _ = run
    assert set(catalog_rows(data_dir, "select typeof(evidence) from tables_all")) == {("JSON",)}
    n_rows = catalog_rows(data_dir, "select n_rows, cast(evidence->>'n_rows' as double) from tables")
    assert n_rows and all(a == b for a, b in n_rows)
    described = catalog_rows(data_dir, "describe select * from tables")
    assert [r[0] for r in described][:3] == ["table_id", "doc_id", "page"] and ("evidence", "JSON") in {
        (r[0], r[1]) for r in described}


def test_parquet_export_of_a_table_by_prefix_has_double_columns(run, tmp_path):
    data_dir, _ = run
    ((table_id,),) = catalog_rows(data_dir, "select table_id from tables where caption ilike 'Melting%'")
    prefix = table_id[:-4]  # `<doc>-p001`: the page's only table
    out = tmp_path / "melting.parquet"
    done = subprocess.run([sys.executable, "-m", "paperlake.cli", "export", prefix, "--format", "parquet", "-o",
                           str(out), "--data-dir", str(data_dir)], capture_output=True, text=True,
                          env=_env(tmp_path), timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    types = dict(duckdb.sql(f"select column_name, column_type from (describe select * from read_parquet('{out}'))")
                 .fetchall())
    assert types["pH 7.4 / Tm (°C)"] == "DOUBLE" and types["pH 7.4 / Tm (°C) uncertainty"] == "DOUBLE"
    assert types["pH 7.4 / Tm (°C) unit"] == "VARCHAR"
    exported = duckdb.sql(f"select \"pH 7.4 / Tm (°C)\" from read_parquet('{out}')").fetchall()
    published = catalog_rows(data_dir, f"select value from labeled_cells where table_id = '{table_id}' "
                                "and header = 'pH 7.4 / Tm (°C)' order by row")
    assert exported == published and all(isinstance(v, float) or v is None for (v,) in exported)
    assert sum(isinstance(v, float) for (v,) in exported) >= 3


def test_the_python_api_gives_frames_with_numbers(run):
    data_dir, _ = run
    with paperlake.open_dataset(data_dir) as ds:
        frame = ds.df("select * from numeric_cells where unit_si = 'K'")
        assert len(frame) > 0 and str(frame["value_si"].dtype) == "float64"
        assert "table_cells" in ds.views() and ds.describe("table_cells")["comment"].notna().all()
        table_id = ds.sql("select table_id from tables where caption ilike 'Melting%'").fetchall()[0][0]
        typed = ds.table_frame(table_id[:-4])
        assert str(typed["pH 7.4 / Tm (°C)"].dtype) == "float64"
        assert ds.snapshot_id == (data_dir / "published" / "CURRENT").read_text().strip()


def test_the_summary_hints_run_as_printed_and_a_bad_file_is_reported_once(run, tmp_path):
    data_dir, done = run
    output = done.stdout + done.stderr
    assert output.count(BAD_REASON) == 1, output[-3000:]
    assert "warnings.warn(" not in output and "Traceback" not in output
    hints = done.stdout.split("query it:", 1)[1].strip().splitlines()
    assert len(hints) == 2
    labels = {label for (label,) in catalog_rows(data_dir, "select label from tables where label is not null")}
    for hint in hints:
        assert shlex.split(hint)[0] == sys.executable  # this interpreter, by path: nothing to activate
        ran = subprocess.run(["bash", "-c", hint], capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path,
                             timeout=300, check=False)
        assert ran.returncode == 0, (hint, ran.stderr[-2000:])
        assert labels and all(re.search(rf"\b{label}\b", ran.stdout) for label in labels), ran.stdout


def test_the_python_example_of_the_querying_page_runs(run, tmp_path):
    data_dir, _ = run
    (snippet,) = [b for b in re.findall(r"```python\n(.*?)```", (REPO / "docs" / "querying.md").read_text(
        encoding="utf-8"), re.DOTALL) if "open_dataset" in b]
    (tmp_path / "paperlake-data").symlink_to(data_dir, target_is_directory=True)
    done = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, env=_env(tmp_path),
                          cwd=tmp_path, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("float64 ") and "unit_si" in done.stdout and "float64" in done.stdout
