"""`paperlake review calibrate` end to end: a real `paperlake run` over the examples, curators' decisions recorded
by the real push/pull path (with test_review_stats's stand-in for the server), the refit, and the next run
routing by the data dir's own calibrator."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from paperlake.calibration.model import SHIPPED_VERSION as V
from paperlake.calibration.model import data_dir_path, load, shipped_path
from paperlake.cli.main import main
from paperlake.dataset.assemble import publish_all
from paperlake.review.sync import pull_reviews, push_reviews
from paperlake.settings import load_settings
from paperlake.store import DataStore
from tests.conftest import EXAMPLES
from tests.review.test_review_stats import RecordedLabelStudio, _change_figure_kind, _edit_first_cell

pytestmark = pytest.mark.integration
TABLE_DECISIONS = [("accept", None), ("accept", None), ("accept", _edit_first_cell), ("reject", None),
                   ("accept", None), ("accept", _edit_first_cell), ("accept", None), ("reject", None)]
FIGURE_DECISIONS = [("accept", None), ("accept", _change_figure_kind), ("reject", None)]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The examples run with every item sent to review, then curators decide about the tables and some figures."""
    inputs, data_dir = tmp_path_factory.mktemp("in"), tmp_path_factory.mktemp("calibrate") / "data"
    for pdf in sorted(EXAMPLES.glob("*.pdf")):
        shutil.copy(pdf, inputs / pdf.name)
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "1.0"]) == 0
    settings, store = load_settings(data_dir), DataStore(data_dir)
    server = RecordedLabelStudio()
    push_reviews(store, settings, client=server)  # type: ignore[arg-type]
    for kind, decisions in (("tables", TABLE_DECISIONS), ("figures", FIGURE_DECISIONS)):
        tasks = [t for t in server.tasks.values() if t["project"] == server.projects[kind]]
        assert len(tasks) >= len(decisions)
        for task, (verdict, edit) in zip(tasks, decisions):
            server.submit(task, verdict, edit)
    pulled = pull_reviews(store, settings, since="", client=server)  # type: ignore[arg-type]
    assert pulled.refused == {} and len(pulled.saved) == len(TABLE_DECISIONS) + len(FIGURE_DECISIONS)
    publish_all(store, settings)
    return inputs, data_dir


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().out


def test_too_few_reviews_say_so_and_change_nothing(reviewed, capsys):
    _, data_dir = reviewed
    code, out = _run(capsys, "review", "calibrate", "--data-dir", str(data_dir))
    assert code == 0
    assert ("tables: too few reviews to refit: 8 reviewed tables (4 accepted unchanged, 4 corrected or rejected): "
            f"a refit needs at least 20, with both outcomes among them. calibrated/tables-{V} stays in force") in out
    assert "figures: too few reviews to refit: 3 reviewed figures" in out
    assert not data_dir_path(data_dir, "table").exists()


def test_a_refit_prints_before_and_after_and_the_next_run_routes_by_it(reviewed, capsys):
    inputs, data_dir = reviewed
    code, out = _run(capsys, "review", "calibrate", "--data-dir", str(data_dir), "--kind", "tables",
                     "--min-reviews", "8")
    assert code == 0, out
    assert f"tables: 8 reviewed (4 accepted unchanged); refit of calibrated/tables-{V}: p' = sigmoid(" in out
    ece = next(line for line in out.splitlines() if line.strip().startswith("ECE")).split()
    if float(ece[2]) > float(ece[1]):  # eight reviews may well predict themselves worse out of fold: kept out
        assert "not written: out of fold the refit predicts these reviews worse" in out
        assert not data_dir_path(data_dir, "table").exists()
        code, out = _run(capsys, "review", "calibrate", "--data-dir", str(data_dir), "--kind", "tables",
                         "--min-reviews", "8", "--force")
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.strip().startswith("confidence"))
    assert f"before (calibrated/tables-{V})" in lines[head] and "after (refit, out of fold)" in lines[head]
    ece = next(line for line in lines if line.strip().startswith("ECE")).split()
    assert len(ece) == 3 and all(0.0 <= float(v) <= 1.0 for v in ece[1:])
    own = load(data_dir_path(data_dir, "table"))
    assert own.version.startswith(f"tables-{V}-reviews-") and own.platt is not None
    assert own.info["reviews"] == 8 and own.info["accepted_unchanged"] == 4
    assert f"wrote {data_dir_path(data_dir, 'table')}" in out
    assert not data_dir_path(data_dir, "figure").exists()  # --kind tables
    # the next run re-routes every document with the data dir's calibrator (extraction is not redone)
    assert main(["run", str(inputs), "--data-dir", str(data_dir), "--review-threshold", "1.0"]) == 0
    con = duckdb.connect(str(data_dir / "catalog.duckdb"), read_only=True)
    try:
        rows = con.execute("select method, confidence, evidence, review_status from tables_all").fetchall()
    finally:
        con.close()
    shipped = load(shipped_path("table"))
    assert {m.split("+calibrated/")[1] for m, *_ in rows} == {own.version}
    for _, confidence, evidence, _ in rows:
        assert confidence == pytest.approx(own.predict(json.loads(evidence)), abs=1e-4)
    assert any(abs(c - shipped.predict(json.loads(e))) > 1e-3 for _, c, e, _ in rows)
    assert sum(status in ("reviewed", "rejected") for *_, status in rows) == 8  # the reviews still apply
    code, out = _run(capsys, "review", "calibrate", "--data-dir", str(data_dir), "--reset")
    assert code == 0 and f"tables: removed {data_dir_path(data_dir, 'table')}" in out
    assert not data_dir_path(data_dir, "table").exists()
