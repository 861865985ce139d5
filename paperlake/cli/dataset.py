"""`paperlake snapshots list|show|diff`, `paperlake query`, `paperlake export`: the published dataset by hand."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from paperlake.escaping import terminal_text
from paperlake.settings import load_settings

EPILOG = """\
examples:
  paperlake snapshots list                           every snapshot, newest last, CURRENT marked
  paperlake snapshots show CURRENT                   manifest, row counts, checksums verified
  paperlake snapshots diff 20261129T0456 CURRENT     documents, tables, figures and cells that changed,
                                                     by file name and label (--ids adds the ids)
  paperlake query --snapshot 20261129T0456 "select count(*) from tables"   an older snapshot, same views
"""
QUERY_EPILOG = """\
examples:
  paperlake query "select file_name, n_pages from documents"
  paperlake query "select * from numeric_cells where unit = 'K'" --max-rows 20
  paperlake query "select * from table_as_rows('<table_id>')"
"""
EXPORT_EPILOG = """\
examples:
  paperlake export 4265492936d867dd-p001-t00 --format csv        -> ./4265492936d867dd-p001-t00.csv
  paperlake export 4265492936d867dd-p001-t00 --format json -o -  JSON on stdout
  paperlake export 4265492936d867dd-p001 --format parquet        a unique prefix of the id is enough
"""


def add_parsers(sub: argparse._SubParsersAction, data_dir_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add `snapshots`, `query` and `export` to the paperlake command."""
    formatter = argparse.RawDescriptionHelpFormatter
    snapshots = sub.add_parser("snapshots", help="published snapshots: list, show one, diff two",
                               description="Every publish writes an immutable snapshot under DATA_DIR/published/. "
                                           "An ID may be a unique prefix or CURRENT.",
                               epilog=EPILOG, formatter_class=formatter)
    actions = snapshots.add_subparsers(dest="snapshots_command", metavar="ACTION", title="actions", required=True)
    listing = actions.add_parser("list", help="every snapshot, oldest first, with its row counts")
    data_dir_option(listing)
    listing.set_defaults(handler=_list)
    show = actions.add_parser("show", help="one snapshot's manifest, with its files checked against it")
    show.add_argument("id", metavar="ID")
    data_dir_option(show)
    show.set_defaults(handler=_show)
    diff = actions.add_parser("diff", help="documents, tables, figures and cells that changed from A to B")
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B", nargs="?", default="CURRENT", help="default: CURRENT")
    diff.add_argument("--max-cells", type=int, default=20, help="changed cells listed (default 20; all are counted)")
    diff.add_argument("--ids", action="store_true",
                      help="show each item's id beside its name (ids are shown anyway where names repeat)")
    data_dir_option(diff)
    diff.set_defaults(handler=_diff)

    query = sub.add_parser("query", help="run SQL on catalog.duckdb (read-only) and print the result as a table",
                           description="Run one SQL statement on the views of DATA_DIR/catalog.duckdb, read-only: "
                                       "the SQL can read the snapshot through the views and no other file "
                                       "(COPY ... TO, read_csv, ATTACH, INSTALL are refused) unless --allow-files. "
                                       "Views: documents, tables, table_cells, figures, figure_series, *_all, "
                                       "snapshot_info, reviews, table_columns, labeled_cells, table_rows, "
                                       "numeric_cells, chart_points, chart_series, reviewed_items; macro "
                                       "table_as_rows(table_id). See docs/querying.md.",
                           epilog=QUERY_EPILOG, formatter_class=formatter)
    query.add_argument("sql", metavar="SQL")
    query.add_argument("--max-rows", type=int, default=100, help="rows printed (default 100; 0 for all)")
    query.add_argument("--max-width", type=int, default=48, help="characters shown per cell (default 48)")
    query.add_argument("--snapshot", metavar="ID", default=None,
                       help="query an older snapshot (id, unique prefix) through the same views")
    query.add_argument("--allow-files", action="store_true",
                       help="let the SQL read and write files (read_csv, COPY ... TO, ATTACH) as DuckDB allows; "
                            "off by default, so SQL from elsewhere cannot read or change files")
    data_dir_option(query)
    query.set_defaults(handler=_query)

    export = sub.add_parser("export", help="write one table, with its header, as csv, parquet or json",
                            description="Write one published table as a file: its header (all header rows "
                                        "joined with ' / ') and one record per body row. Parquet and JSON give a "
                                        "column whose cells all hold numbers as numbers, with '<header> "
                                        "uncertainty' and '<header> unit' beside it where its cells have them; "
                                        "CSV gives the cells as printed (--cells says otherwise). TABLE_ID may be "
                                        "a unique prefix.",
                            epilog=EXPORT_EPILOG, formatter_class=formatter)
    export.add_argument("table_id", metavar="TABLE_ID")
    export.add_argument("--format", choices=("csv", "parquet", "json"), default="csv")
    export.add_argument("--cells", choices=("typed", "text"), default=None,
                        help="typed: numbers as numbers with uncertainty and unit columns (default for parquet and "
                             "json); text: every cell as printed (default for csv)")
    export.add_argument("-o", "--output", default=None,
                        help="file to write (default ./TABLE_ID.FORMAT; '-' for stdout, csv and json only)")
    data_dir_option(export)
    export.set_defaults(handler=_export)


def _data_dir(args: argparse.Namespace) -> Path:
    return load_settings(args.data_dir).data_dir.resolve()


def _catalog(args: argparse.Namespace) -> Path | None:
    catalog = _data_dir(args) / "catalog.duckdb"
    if not catalog.is_file():
        print(f"paperlake: no catalog at {catalog}: run `paperlake run` first", file=sys.stderr)
        return None
    return catalog


def _list(args: argparse.Namespace) -> int:
    from paperlake.dataset.layout import current_snapshot, list_snapshots

    data_dir = _data_dir(args)
    snapshots = list_snapshots(data_dir)
    if not snapshots:
        print(f"no snapshots under {data_dir / 'published'}")
        return 0
    current = current_snapshot(data_dir)
    rows = [(("* " if current and s.id == current.id else "  ") + s.id, s.manifest.get("created_at", ""),
             s.manifest.get("parent") or "-", s.row_counts.get("documents", 0), s.row_counts.get("tables", 0),
             s.row_counts.get("table_cells", 0), s.row_counts.get("figures", 0),
             s.manifest.get("pipeline_version", "")) for s in snapshots]
    from paperlake.dataset.query import format_table

    print(format_table(["  id", "created_at", "parent", "documents", "tables", "cells", "figures", "pipeline"], rows))
    print(f"\n{len(snapshots)} snapshot(s); * = CURRENT")
    return 0


def _find(data_dir: Path, ref: str):  # type: ignore[no-untyped-def]
    from paperlake.dataset.layout import find_snapshot

    try:
        return find_snapshot(data_dir, ref)
    except KeyError as exc:
        print(f"paperlake: {exc.args[0]}", file=sys.stderr)
        return None


def _show(args: argparse.Namespace) -> int:
    from paperlake.dataset.publish import verify_snapshot

    snapshot = _find(_data_dir(args), args.id)
    if snapshot is None:
        return 1
    manifest = snapshot.manifest
    for key in ("id", "created_at", "parent", "pipeline_version", "settings_hash", "contract_version",
                "content_sha256"):
        print(f"{key:<17} {manifest.get(key) or '-'}")
    print(f"{'path':<17} {snapshot.path}")
    print("row counts        " + ", ".join(f"{k} {v}" for k, v in snapshot.row_counts.items()))
    files = manifest.get("files", {})
    print(f"files             {len(files)} ({sum(f.get('bytes', 0) for f in files.values())} bytes)")
    problems = verify_snapshot(snapshot.path)
    print("checksums         " + ("ok" if not problems else f"{len(problems)} problem(s)"))
    for problem in problems:
        print(f"  {problem}")
    return 0 if not problems else 1


def _diff(args: argparse.Namespace) -> int:
    from paperlake.dataset.diff import diff_snapshots
    from paperlake.dataset.item_names import distinct_names

    data_dir = _data_dir(args)
    old, new = _find(data_dir, args.a), _find(data_dir, args.b)
    if old is None or new is None:
        return 1
    diff = diff_snapshots(old, new)
    print(f"{old.id} -> {new.id}")
    for name in ("documents", "tables", "figures"):
        changes = getattr(diff, name)
        print(f"{name:<10} {len(changes.added)} added, {len(changes.removed)} removed, {len(changes.changed)} changed")
        shown = distinct_names([*changes.added, *changes.removed, *changes.changed], diff.names, with_ids=args.ids)
        for sign, ids in (("+", changes.added), ("-", changes.removed), ("~", changes.changed)):
            for item_id in ids:
                print(f"  {sign} {terminal_text(shown[item_id])}")
    print(f"{'cells':<10} {len(diff.cells)} changed (in tables present in both)")
    listed = diff.cells[: max(args.max_cells, 0)]
    tables = distinct_names([cell.table_id for cell in listed], diff.names, with_ids=args.ids)
    for cell in listed:
        print(f"  {terminal_text(tables[cell.table_id])} r{cell.row} c{cell.col}: {cell.old!r} -> {cell.new!r}")
    if len(diff.cells) > args.max_cells:
        print(f"  ... {len(diff.cells) - args.max_cells} more")
    return 0


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from paperlake.dataset.query import format_table, run_query

    snapshot_dir = None
    if args.snapshot:
        snapshot = _find(_data_dir(args), args.snapshot)
        if snapshot is None:
            return 1
        snapshot_dir = snapshot.path
    catalog = _data_dir(args) / "catalog.duckdb" if snapshot_dir else _catalog(args)
    if catalog is None:
        return 1
    try:
        columns, rows, cut = run_query(catalog, args.sql, args.max_rows or None, snapshot_dir,
                                       allow_files=args.allow_files)
    except duckdb.Error as exc:
        print(f"paperlake: query failed: {terminal_text(str(exc).strip())}", file=sys.stderr)
        return 1
    if not columns:
        print("(no result)")
        return 0
    print(format_table(columns, rows, max_width=args.max_width))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{', more not shown: --max-rows 0 shows all' if cut else ''})")
    return 0


def _export(args: argparse.Namespace) -> int:
    import duckdb

    from paperlake.dataset.export import resolve_table_id, typed_table_frame
    from paperlake.dataset.query import csv_safe_frame, table_frame, table_json, write_table

    catalog = _catalog(args)
    if catalog is None:
        return 1
    typed = (args.cells or ("text" if args.format == "csv" else "typed")) == "typed"
    con = duckdb.connect(str(catalog), read_only=True)
    try:
        table_id = resolve_table_id(con, args.table_id)
        frame = typed_table_frame(con, table_id) if typed else table_frame(con, table_id)
    except KeyError as exc:
        print(f"paperlake: {terminal_text(exc.args[0])}", file=sys.stderr)
        return 1
    finally:
        con.close()
    if args.output == "-":
        if args.format == "parquet":
            print("paperlake: parquet cannot go to stdout; give --output FILE", file=sys.stderr)
            return 2
        if args.format == "csv":
            csv_safe_frame(frame).to_csv(sys.stdout, index=False)
        else:
            sys.stdout.write(table_json(frame))
        return 0
    path = Path(args.output) if args.output else Path(f"{table_id}.{args.format}")
    write_table(frame, path, args.format)
    print(f"wrote {path} ({len(frame)} rows, {len(frame.columns)} columns)", file=sys.stderr)
    return 0
