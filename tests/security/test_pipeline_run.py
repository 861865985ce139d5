"""One `paperlake run` with a distinctive Label Studio token, Label Studio down, and PDFs whose text and
names are HTML, script and markdown: the token reaches no file, log line or metadata; PDF text reaches
curators and Dagster only where it cannot act as markup; the run still publishes, items wait in review."""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from dagster_project.metadata import escape_md
from paperlake.dataset.layout import current_snapshot
from paperlake.review.server import free_port
from paperlake.review.tasks import table_task

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
HOSTILE_NAME = "<img src=x onerror=alert(1)> **name**.pdf"


def _cli(args, env):
    return subprocess.run([sys.executable, "-m", "paperlake.cli", *args], cwd=REPO, check=False, text=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO), **env}, timeout=300)


@pytest.fixture(scope="module")
def secured_run(tmp_path_factory):
    folder, data_dir = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("run") / "data"
    shutil.copyfile(CORPUS / "hostile_text.pdf", folder / HOSTILE_NAME)
    shutil.copyfile(CORPUS / "garbled_font.pdf", folder / "garbled_font.pdf")
    token = f"plk-{secrets.token_hex(16)}-distinctive"
    env = {"PAPERLAKE_LABEL_STUDIO_URL": f"http://127.0.0.1:{free_port()}",  # nothing listens: Label Studio down
           "PAPERLAKE_LABEL_STUDIO_TOKEN": token}
    run = _cli(["run", str(folder), "--data-dir", str(data_dir), "--verbose"], env)
    config = _cli(["config", "--data-dir", str(data_dir)], env)
    return data_dir, token, run, config


def test_run_publishes_with_label_studio_down_and_items_stay_in_review(secured_run):
    data_dir, _, run, _ = secured_run
    assert run.returncode == 0, run.stderr[-3000:]
    assert "review tasks not pushed" in run.stderr + run.stdout
    tables = pd.read_parquet(current_snapshot(data_dir).path / "tables.parquet")
    assert (tables["review_status"] == "needs_review").sum() >= 1
    assert not (data_dir / "review" / "ls_tasks.json").exists() or "task" not in (
        data_dir / "review" / "ls_tasks.json").read_text()


def test_token_reaches_no_file_log_or_metadata(secured_run):
    data_dir, token, run, config = secured_run
    assert "label_studio_token" in config.stdout and "********" in config.stdout
    needle = token.encode()
    for text in (run.stdout, run.stderr, config.stdout, config.stderr):
        assert token not in text
    scanned = 0
    for path in data_dir.rglob("*"):  # the data dir holds the dagster home (run and event storage) too
        if path.is_file():
            assert needle not in path.read_bytes(), f"token found in {path}"
            scanned += 1
    assert (data_dir / "dagster").is_dir() and scanned > 20


def _metadata_texts(data_dir: Path) -> list[str]:
    instance = dg.DagsterInstance.from_config(str(data_dir / "dagster"))
    try:
        texts = []
        for key in instance.get_asset_keys():
            records = instance.fetch_materializations(key, limit=100).records
            for record in records:
                for value in record.asset_materialization.metadata.values():
                    texts.append(str(getattr(value, "value", value)))
        return texts
    finally:
        instance.dispose()


def test_dagster_metadata_holds_no_pdf_markup(secured_run):
    """File names and labels reach Dagster metadata only as escaped Markdown (never markup); captions not at all."""
    data_dir, token, _, _ = secured_run
    texts = _metadata_texts(data_dir)
    assert len(texts) > 10
    for text in texts:
        assert "<script" not in text and "<img" not in text and "**bold**" not in text, text
        assert "**name**" not in text and token not in text, text
    assert escape_md(HOSTILE_NAME, 200) in texts  # the hostile file's partition is named by its file, as text


def test_review_tasks_carry_pdf_text_verbatim_for_plain_text_tags(secured_run):
    data_dir, _, _, _ = secured_run
    snapshot = current_snapshot(data_dir).path
    tables = pd.read_parquet(snapshot / "tables.parquet")
    documents = pd.read_parquet(snapshot / "documents.parquet")
    assert HOSTILE_NAME in documents["file_name"].tolist()
    hostile = tables[tables["caption"].fillna("").str.contains("<script>")].iloc[0].to_dict()
    cells = pd.read_parquet(snapshot / "table_cells.parquet")
    task = table_task(hostile, cells[cells["table_id"] == hostile["table_id"]], "data:image/png;base64,", (0, 0, 612, 792))
    # verbatim: Label Studio's Text/TextArea tags show these characters as characters (test_escaping checks
    # the configs bind data to nothing else), so escaping here would show curators '&lt;script&gt;'
    assert "<script>alert('x')</script>" in task["data"]["caption"]
    assert "<script>x()</script>" in task["data"]["grid_csv"]
    for path in data_dir.rglob("*"):
        assert "passwd" not in path.name and "script" not in path.name, path
