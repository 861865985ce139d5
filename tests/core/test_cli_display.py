"""What `paperlake run` shows while it works: a bar per stage, library output held off the bars and shown once,
a bad file's reason once; and `paperlake ui` finds Dagster without PATH."""
from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings

import pytest

from paperlake.cli import main as cli_main
from paperlake.cli.held_output import HeldOutput
from paperlake.cli.run import STAGE_NAMES, ProgressDisplay, query_hints
from paperlake.pipeline import progress

REASON = "failed: not a readable PDF: no %PDF- header"


def _events(total: int = 3, bad: int = 2) -> list[progress.ProgressEvent]:
    """Every stage for `total` documents; document `bad` fails at ingest and again at extract."""
    events = []
    for stage in STAGE_NAMES:
        for i in range(1, total + 1):
            failed = i == bad and stage in ("ingest", "extract")
            events.append(progress.ProgressEvent(stage, i, total, f"{i:064x}", f"paper{i}.pdf",
                                                 REASON if failed else "done", seconds=0.01))
    return events


def test_a_terminal_gets_one_bar_per_stage_each_counting_every_document():
    out = io.StringIO()
    display = ProgressDisplay(interactive=True, out=out)
    for event in _events():
        display.on_event(event)
    bars = {stage: (bar.n, bar.total, abs(bar.pos)) for stage, bar in display._bars.items()}
    display.close()
    assert bars == {stage: (3, 3, k) for k, stage in enumerate(STAGE_NAMES)}
    text = out.getvalue()
    assert all(f"{name:<8}" in text for name in STAGE_NAMES.values())
    assert REASON not in text  # the reason waits for the end
    assert display.problems == [("paper2.pdf", REASON)]


def test_logs_get_a_line_per_document_and_stage_and_the_reason_only_once():
    out = io.StringIO()
    display = ProgressDisplay(interactive=False, out=out)
    for event in _events():
        display.on_event(event)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(STAGE_NAMES) * 3  # every stage, the review images included
    assert "open     2/3 paper2.pdf: failed (reason below)" in lines
    assert "extract  2/3 paper2.pdf: not done: failed at open" in lines
    assert REASON not in out.getvalue() and display.problems == [("paper2.pdf", REASON)]


def test_held_output_shows_each_warning_and_line_once_and_leaves_out_known_problems():
    real = sys.stderr
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stderr)
    root.addHandler(handler)
    try:
        with HeldOutput() as held:
            warnings.simplefilter("always")  # each of the three is emitted (the held output counts them)
            for _ in range(3):
                warnings.warn("Found version mismatch between `dagster-shared` and `dagster-celery`", UserWarning,
                              stacklevel=1)
            print("2026-12-06 - dagster - WARNING - extract 2/3 0123abcd: " + REASON, file=sys.stderr)
            print("some library line", file=sys.stderr)
            logging.getLogger("somelib").warning("a log record")
            assert sys.stderr is not real
        assert sys.stderr is real and handler.stream is real  # everything put back
    finally:
        root.removeHandler(handler)
    assert held.lines(known=[REASON]) == [
        "warning: UserWarning: Found version mismatch between `dagster-shared` and `dagster-celery` (3 times)",
        "some library line", "a log record"]


def test_ui_runs_dagster_with_its_own_interpreter_even_without_path(monkeypatch, tmp_path):
    called = {}
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(cli_main.os, "execve", lambda exe, argv, env: called.update(exe=exe, argv=argv, env=env))
    assert cli_main.main(["ui", "--data-dir", str(tmp_path / "data"), "--port", "3999"]) == 0
    assert called["exe"] == sys.executable and called["argv"][:4] == [sys.executable, "-m", "dagster", "dev"]
    assert called["argv"][-2:] == ["--port", "3999"]
    assert called["env"]["DAGSTER_HOME"] == str((tmp_path / "data" / "dagster").resolve())
    # and what it runs is there: Dagster's dev command, beside this interpreter
    done = subprocess.run(called["argv"][:4] + ["--help"], check=False, capture_output=True, text=True, timeout=120,
                          env={"PATH": "", "HOME": str(tmp_path)})
    assert done.returncode == 0 and "dagster dev" in done.stdout.lower().replace("usage: python -m ", "")


@pytest.mark.parametrize("argv0", ["/somewhere/.venv/bin/paperlake", "/repo/paperlake/cli/__main__.py"])
def test_query_hints_name_this_paperlake_or_this_python(monkeypatch, tmp_path, argv0):
    monkeypatch.setattr(sys, "argv", [argv0])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAPERLAKE_DATA_DIR", raising=False)
    default, other = query_hints(tmp_path / "paperlake-data"), query_hints(tmp_path / "elsewhere")
    command = argv0 if argv0.endswith("paperlake") else f"{sys.executable} -m paperlake.cli"
    assert default[0].startswith(f"{command} query 'select ")
    assert other[0].startswith(f"{command} query --data-dir {tmp_path / 'elsewhere'} 'select ")
    assert default[1].startswith(f"{sys.executable} -c 'import paperlake; print(paperlake.open_dataset(")
