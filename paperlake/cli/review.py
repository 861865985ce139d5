"""`paperlake review serve|push|pull|status`: the curator's review cycle by hand."""
from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from paperlake.settings import Settings, load_settings

EPILOG = """\
examples:
  paperlake review serve                 local Label Studio on http://127.0.0.1:8080 (first use installs it)
  paperlake run examples/pdfs            items that need review are pushed to it
  paperlake review pull                  curators' corrections into the data dir, then a new snapshot
  paperlake review status                tasks, corrections, refusals and review statistics
"""


def add_parser(sub: argparse._SubParsersAction, data_dir_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `review` and its subcommands to the paperlake command."""
    review = sub.add_parser("review", help="curators in the loop: Label Studio serve, push, pull, status",
                            description="Send items that need review to Label Studio and bring curators' "
                                        "corrections back into the published dataset. The server comes from "
                                        "PAPERLAKE_LABEL_STUDIO_URL and PAPERLAKE_LABEL_STUDIO_TOKEN (or _TOKEN_FILE), "
                                        "or from `paperlake review serve` on this data dir.",
                            epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = review.add_subparsers(dest="review_command", metavar="ACTION", title="actions", required=True)
    serve = actions.add_parser("serve", help="start a local Label Studio (its own virtualenv, created on first use)")
    data_dir_option(serve)
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--venv", type=Path, default=None,
                       help="Label Studio's virtual environment (default ~/.cache/paperlake/label-studio-venv)")
    serve.set_defaults(handler=_serve)
    push = actions.add_parser("push", help="create or update one Label Studio task per item that needs review")
    data_dir_option(push)
    push.set_defaults(handler=_push)
    pull = actions.add_parser("pull", help="read submitted annotations into corrections and publish a new snapshot")
    data_dir_option(pull)
    pull.add_argument("--since", default=None, help="ISO time (UTC); default: where the last pull stopped")
    pull.add_argument("--no-publish", action="store_true", help="keep the corrections, do not publish")
    pull.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                      help="wait this long for a `paperlake run` holding the data dir before publishing (default 0)")
    pull.set_defaults(handler=_pull)
    status = actions.add_parser("status", help="tasks pushed, corrections kept and refused, review statistics")
    data_dir_option(status)
    status.set_defaults(handler=_status)
    from paperlake.cli.review_stats import add_stats_parser
    add_stats_parser(actions, data_dir_option)
    from paperlake.cli.review_calibrate import add_calibrate_parser
    add_calibrate_parser(actions, data_dir_option)


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.data_dir)


def _serve(args: argparse.Namespace) -> int:
    from paperlake.review import server

    settings = _settings(args)
    data_dir = settings.data_dir.resolve()
    try:
        exe = server.ensure_venv(args.venv or server.DEFAULT_VENV)
        login = server.ensure_login(data_dir)
        print(f"starting Label Studio (log: {data_dir / server.SERVER_DIR / 'server.log'}); "
              "the first start on this machine sets up its database (1-2 minutes)...", file=sys.stderr)
        process = server.start(exe, data_dir / server.SERVER_DIR, args.port, login)
        url = server.wait_ready(process, args.port)
    except server.ServerError as exc:
        print(f"paperlake: {exc}", file=sys.stderr)
        return 1
    (data_dir / server.URL_FILE).write_text(url + "\n", encoding="utf-8")
    print(f"Label Studio  {url}")
    print(f"login         {login.email} / {login.password}   (kept in {data_dir / server.LOGIN_FILE})")
    print(f"API token     in {data_dir / server.TOKEN_FILE} (mode 0600); push and pull on this data dir use it")
    print("stop with Ctrl-C")
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(process)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _push(args: argparse.Namespace) -> int:
    from paperlake.review.label_studio import LabelStudioError
    from paperlake.review.sync import push_reviews
    from paperlake.store import DataStore

    settings = _settings(args)
    try:
        results = push_reviews(DataStore(settings.data_dir), settings)
    except LabelStudioError as exc:
        print(f"paperlake: {exc}", file=sys.stderr)
        return 1
    for kind, result in results.items():
        print(f"{kind:<8} {result.created} created, {result.updated} updated, {result.unchanged} unchanged")
    return 0


def _pull(args: argparse.Namespace) -> int:
    from paperlake.review.label_studio import LabelStudioError
    from paperlake.review.sync import pull_reviews
    from paperlake.store import DataStore

    settings = _settings(args)
    store = DataStore(settings.data_dir)
    try:
        result = pull_reviews(store, settings, since=args.since)
    except LabelStudioError as exc:
        print(f"paperlake: {exc}", file=sys.stderr)
        return 1
    print(f"{result.seen} new annotation(s): {len(result.saved)} correction(s) kept, {len(result.refused)} refused")
    for item_id, reasons in result.refused.items():
        print(f"  refused {item_id}: {'; '.join(reasons)}")
    if result.saved and not args.no_publish:
        return _publish(settings.data_dir.resolve(), len(result.saved), args.wait)
    return 0


def _publish(data_dir: Path, corrections: int, wait_s: float) -> int:
    """Publish through Dagster (a run of the `republish` job on the data dir's instance), so the UI's latest
    `published_dataset` materialization is the new CURRENT; the corrections stay kept if it cannot run."""
    import warnings

    import dagster

    from paperlake.escaping import terminal_text
    from paperlake.lock import BUSY_EXIT_CODE, DataDirBusy

    warnings.filterwarnings("ignore", category=dagster.BetaWarning)
    warnings.filterwarnings("ignore", category=dagster.PreviewWarning)
    from dagster_project.local_run import republish

    kept = f"the corrections are kept in {data_dir / 'review' / 'corrections'} and go into the next snapshot"
    try:
        run = republish(data_dir, tags={"paperlake/corrections": str(corrections), "paperlake/trigger": "review pull"},
                        wait_s=wait_s)
    except DataDirBusy as exc:
        print(f"paperlake: {terminal_text(str(exc))}; {kept}", file=sys.stderr)
        return BUSY_EXIT_CODE
    for event in run.asset_materializations_for_node("published_dataset"):
        print(f"published snapshot {event.metadata['snapshot_id'].value} (Dagster run {run.run_id})")
    if not run.success:  # the snapshot may be out and its mirror have failed: each failed step says so
        for event in (e for e in run.all_events if e.is_step_failure):
            error = event.step_failure_data.error
            print(f"step {event.step_key} failed: {terminal_text(error.message.strip()) if error else '?'}",
                  file=sys.stderr)
        print(f"paperlake: the Dagster run {run.run_id} failed; {kept}", file=sys.stderr)
        return 1
    return 0


def _status(args: argparse.Namespace) -> int:
    from paperlake.review.sync import review_status
    from paperlake.store import DataStore

    status = review_status(DataStore(_settings(args).data_dir))
    print(f"server        {status['server'] or '(none yet)'}")
    projects = ", ".join(f"{kind} #{pid}" for kind, pid in sorted(status["projects"].items())) or "-"
    print(f"tasks pushed  {status['tasks']}  projects {projects}")
    states = status["states"]
    print(f"task states   {states['open']} open: " + ", ".join(
        f"{states[word]} {word}" for word in ("needs review", "refused", "applied", "no longer needs review",
                                              "superseded")))
    print(f"pending       {status['pending']['tables']} tables, {status['pending']['figures']} figures"
          f" ({status['not_pushed']} without a task yet)")
    if status["stale"]:
        print(f"out of date   {status['stale']} task(s) in Label Studio do not show their state yet: "
              "`paperlake review push` updates them")
    print(f"corrections   {status['corrections']} kept, {len(status['refused'])} refused")
    for item_id, reasons in status["refused"].items():
        print(f"  refused {item_id}: {'; '.join(reasons)}")
    reviews = status["reviews"]
    if len(reviews):
        print()
        print(reviews.to_string(index=False))
    return 0
