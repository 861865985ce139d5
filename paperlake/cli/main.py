"""The `paperlake` command: run the pipeline on PDFs, show settings, open the Dagster UI."""
from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from paperlake.lock import BUSY_EXIT_CODE
from paperlake.settings import ENV_PREFIX, Settings, SettingsError, describe, load_settings

RUN_GC_THRESHOLD = (20_000, 50, 50)
"""The run's collector thresholds (CPython's default: 700, 10, 10): Dagster's events and pandas' frames are
many short-lived objects; with the default a collection ran every 700 of them (dev: 933 collections, 0.52 CPU
s of the run's own process), with these 191 and 0.22 s. Readers do the same (pipeline/isolation.py)."""

DESCRIPTION = """\
paperlake turns scientific PDFs into a reviewed, versioned, queryable dataset of their tables and figures.
Every command takes --data-dir (default ./paperlake-data, or PAPERLAKE_DATA_DIR); `paperlake COMMAND -h`
explains a command in full.
"""
EPILOG = """\
examples:
  paperlake run examples/pdfs                      extract, route and publish; prints a summary
  paperlake config --data-dir paperlake-data       settings with their sources and meaning
  paperlake ui                                     Dagster UI at http://127.0.0.1:3000
  paperlake review serve                           local Label Studio for curators (then push, pull, status)
  paperlake snapshots list                         published snapshots (show ID, diff A B)
  paperlake query "select * from numeric_cells"    SQL on catalog.duckdb, printed as a table
  paperlake export TABLE_ID --format csv           one table with its header (csv, parquet, json)
  paperlake report --out report/                   static HTML report: tables, figures, review status
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.handler(args))
    except SettingsError as exc:
        print(f"paperlake: settings error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paperlake", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def data_dir_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, default=None,
                       help="where paperlake keeps sources, work, snapshots and catalog.duckdb "
                            "(default: $PAPERLAKE_DATA_DIR or ./paperlake-data)")

    run = sub.add_parser("run", help="extract tables and figures from PDFs, route items to review, publish a snapshot",
                         description="Materialize the asset graph for the PDFs given, in one in-process Dagster run, "
                                     "and publish a new snapshot of the whole data dir.")
    run.add_argument("paths", nargs="+", type=Path, metavar="PDF_DIR", help="PDF files or folders holding PDFs")
    data_dir_option(run)
    run.add_argument("--review-threshold", type=float, default=None,
                     help="send items with confidence below this to review (default from settings: 0.6)")
    run.add_argument("--verbose", action="store_true", help="show Dagster's own log lines")
    run.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="one run writes to a data dir at a time: wait up to this long for a run already "
                          f"there (default 0: stop at once with exit code {BUSY_EXIT_CODE}, naming its pid "
                          "and start time)")
    run.set_defaults(handler=_cmd_run)

    config = sub.add_parser("config", help="print the effective settings, secrets masked",
                            description="Print every setting with its value, environment variable and meaning.")
    data_dir_option(config)
    config.set_defaults(handler=_cmd_config)

    ui = sub.add_parser("ui", help="start the Dagster UI (dagster dev) on this data dir",
                        description="Start `dagster dev -m dagster_project.definitions` with DAGSTER_HOME and "
                                    "PAPERLAKE_DATA_DIR pointing at the data dir.")
    data_dir_option(ui)
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(handler=_cmd_ui)

    from paperlake.cli import dataset as dataset_cli
    from paperlake.cli import report as report_cli
    from paperlake.cli import review as review_cli
    review_cli.add_parser(sub, data_dir_option)
    dataset_cli.add_parsers(sub, data_dir_option)
    report_cli.add_parser(sub, data_dir_option)
    return parser


def _cmd_config(args: argparse.Namespace) -> int:
    settings = load_settings(args.data_dir)
    shown = settings.masked()
    width = max(len(name) for name in shown)
    for name, env_var, text in describe():
        print(f"{name:<{width}} = {shown[name] or '(unset)'}")
        print(f"{'':<{width}}   {env_var}: {text}")
    return 0


def _cmd_ui(args: argparse.Namespace) -> int:
    settings = load_settings(args.data_dir)
    data_dir = settings.data_dir.resolve()
    from dagster_project.local_run import local_instance, use_dagster_switches

    local_instance(data_dir / "dagster").dispose()  # created whole here, not raced by the UI's processes
    env = use_dagster_switches(dict(os.environ, DAGSTER_HOME=str(data_dir / "dagster"),
                                    **{ENV_PREFIX + "DATA_DIR": str(data_dir)}))
    command = dagster_dev_command(args.port)
    print(f"starting {' '.join(command)} (DAGSTER_HOME={env['DAGSTER_HOME']})")
    os.execve(command[0], command, env)
    return 0  # not reached


def dagster_dev_command(port: int) -> list[str]:
    """`dagster dev` run by this very interpreter (`python -m dagster`): found without PATH or an activated
    venv, since Dagster is installed beside paperlake (its own children start from sys.executable too)."""
    return [sys.executable, "-m", "dagster", "dev", "-m", "dagster_project.definitions", "--port", str(port)]


def _cmd_run(args: argparse.Namespace) -> int:
    settings = load_settings(args.data_dir, review_threshold=args.review_threshold)
    _start_readers(settings)
    # paperlake.cli.run imports Dagster only once the progress bars hold its warnings
    from paperlake.cli.run import run_pipeline
    gc.freeze()  # the collector's full passes skip the modules imported so far, and at exit it skips the rest
    previous = gc.get_threshold()
    gc.set_threshold(*RUN_GC_THRESHOLD)
    try:
        return run_pipeline(settings, args.paths, verbose=args.verbose, wait_s=max(0.0, args.wait))
    finally:
        gc.freeze()  # (a last pass over everything the run left cost 0.4-0.9 s of the command's exit)
        gc.set_threshold(*previous)  # a caller that goes on (a test, a notebook) collects as it did before


def _start_readers(settings: Settings) -> None:
    """Start the readers' forkserver before this process imports pandas, Dagster and the rest (about a second):
    it imports the extractors meanwhile on another core, and the run's head start reads sooner. Where it can be
    forked from this process once its imports are done (forked_server.py), the run does that instead: the
    server then imports next to nothing (1.2 CPU s less)."""
    from paperlake.pipeline import forked_server
    from paperlake.pipeline.isolation import Limits, warm_up

    if forked_server.can_fork():
        return
    if Limits(timeout_s=settings.document_timeout_s, memory_mb=settings.document_memory_mb).active:
        warm_up()
