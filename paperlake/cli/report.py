"""`paperlake report`: a snapshot as a static HTML page (DIR/index.html and DIR/assets/), for reading in a
browser with no server and no network."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from paperlake.escaping import terminal_text
from paperlake.settings import load_settings

EPILOG = """\
examples:
  paperlake report --out report/                      the CURRENT snapshot of ./paperlake-data
  paperlake report --data-dir D --out report/ --snapshot 20261129T0456   an older snapshot (unique prefix)
"""


def add_parser(sub: argparse._SubParsersAction, data_dir_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `report` to the paperlake command."""
    report = sub.add_parser(
        "report", help="write a static HTML report of a snapshot: tables beside page crops, figures re-plotted",
        description="Write OUT/index.html and OUT/assets/: every table of the snapshot as an HTML table beside "
                    "its page crop, every figure crop beside its series re-plotted, each with its confidence and "
                    "review status, filterable by status. Self-contained: open it from disk, offline.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for index.html and assets/")
    report.add_argument("--snapshot", default="CURRENT", metavar="ID",
                        help="snapshot id or unique prefix (default CURRENT)")
    report.add_argument("--dpi", type=int, default=120, help="resolution of the page crops (default 120)")
    data_dir_option(report)
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from paperlake.report.build import build_report

    data_dir = load_settings(args.data_dir).data_dir.resolve()
    bar: tqdm | None = None

    def progress(done: int, total: int, item_id: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="crops", unit="item", file=sys.stderr, disable=not sys.stderr.isatty())
        bar.set_postfix_str(item_id[:40], refresh=False)
        bar.update(1)

    try:
        result = build_report(data_dir, args.out, snapshot=args.snapshot, dpi=max(36, min(args.dpi, 600)),
                              on_progress=progress)
    except KeyError as exc:
        print(terminal_text(f"paperlake: no snapshot {args.snapshot} in {data_dir}: {exc.args[0]}; "
                            f"`paperlake run PDF_DIR --data-dir {data_dir}` publishes one"), file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
    for item_id, reason in result.without_crop:
        print(terminal_text(f"{item_id}: {reason}"), file=sys.stderr)
    print(terminal_text(f"wrote {result.index} (snapshot {result.snapshot_id}: {result.documents} documents, "
                        f"{result.tables} tables, {result.figures} figures, "
                        f"{len(result.without_crop)} without a crop)"))
    return 0
