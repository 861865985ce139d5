"""Fewer disk syncs for the local Dagster instance's SQLite databases, with no loss of consistency.

Dagster's SQLite storages open a connection per operation, in WAL mode with SQLite's default
synchronous=FULL: every commit syncs the WAL, and every close of the last connection to a database
checkpoints it (two more syncs) and deletes the WAL (a sync of its folder when the next one is made). A run
over 23 documents made about 1,000 syncs, 2 s of a busy disk. While `fewer_syncs(home)` is active, the
connections to databases under `home` use synchronous=NORMAL (WAL mode stays consistent: a power loss may
lose the last commits, never corrupt a database), and one idle connection stays open to each database, so
closing the others checkpoints nothing. `no_syncs(folder)` turns syncs off altogether, for databases built
in a temporary folder that are synced once, whole, before they are moved into place.
"""

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine


def _database_path(connection: sqlite3.Connection) -> str:
    """The main database file of a SQLite connection ("" for an in-memory one)."""
    return next((row[2] for row in connection.execute("PRAGMA database_list") if row[1] == "main"), "") or ""


@contextlib.contextmanager
def _on_connect(folder: Path, setup) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Call setup(connection, path) on each new SQLAlchemy SQLite connection to a database under `folder`."""
    prefix = str(Path(folder).resolve()) + os.sep

    def connected(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if isinstance(dbapi_connection, sqlite3.Connection):
            path = _database_path(dbapi_connection)
            if path.startswith(prefix):
                setup(dbapi_connection, path)

    event.listen(Engine, "connect", connected)
    try:
        yield
    finally:
        event.remove(Engine, "connect", connected)


@contextlib.contextmanager
def no_syncs(folder: Path) -> Iterator[None]:
    """Connections to databases under `folder` never sync (PRAGMA synchronous=OFF) while this is active."""
    with _on_connect(folder, lambda connection, _path: connection.execute("PRAGMA synchronous=OFF")):
        yield


def sync_file(path: Path) -> None:
    """fsync one file, so what was written without syncs is on disk before the file is moved into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def fewer_syncs(home: Path) -> Iterator[None]:
    """While active, connections to the databases under `home` commit without syncing (synchronous=NORMAL,
    in WAL mode) and an idle connection kept open to each spares the others' closes a checkpoint; on exit
    those are closed (the last close checkpoints each database once)."""
    keepers: dict[str, sqlite3.Connection] = {}
    holding: set[str] = set()
    lock = threading.Lock()

    def setup(connection: sqlite3.Connection, path: str) -> None:
        if os.sep + "." in path[len(str(Path(home).resolve())):]:  # a database being built in a hidden folder
            return
        connection.execute("PRAGMA synchronous=NORMAL")
        with lock:
            if path in holding:
                return
            keeper = keepers.get(path)
            if keeper is None:
                keeper = keepers[path] = sqlite3.connect(path, timeout=30, check_same_thread=False,
                                                         isolation_level=None)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header: the journal mode
            if keeper.execute("PRAGMA journal_mode").fetchone()[0] == "wal":  # not yet, for a database being made
                holding.add(path)  # a reader in WAL mode keeps its shared lock on the file from now on

    try:
        with _on_connect(home, setup):
            yield
    finally:
        with lock:
            for keeper in keepers.values():
                keeper.close()
            keepers.clear()
