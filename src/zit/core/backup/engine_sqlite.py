"""SQLite: a consistent copy through SQLite's online backup API, never a copy of the file.

With WAL the database file alone is not the database (recent commits sit in the -wal file), and a file copied
while the worker writes may be torn. The backup API copies the pages of one read transaction in one step, so
the copy is the state of one moment, taken while the platform keeps running (in WAL mode readers do not stop
writers). The copy is switched to a rollback journal so that it is one self-contained file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zit.core.backup import database
from zit.core.backup.database import SQLITE, Snapshot, Target
from zit.core.backup.errors import BackupError

DUMP_NAME = "zit.sqlite3"


def dump(connection: Any, into: Path) -> Snapshot:
    if connection.in_atomic_block:
        raise BackupError(
            _("Kopii nie robi się w trakcie otwartej transakcji: zapisałaby niezatwierdzone zmiany.")
        )
    connection.ensure_connection()
    path = into / DUMP_NAME
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)  # all pages in one step: one consistent state
        copy.execute("PRAGMA journal_mode=DELETE")
        snapshot = Snapshot(
            engine=SQLITE,
            server_version=sqlite3.sqlite_version,
            tool=f"SQLite backup API {sqlite3.sqlite_version}",
            dump_name=DUMP_NAME,
        )
        return database.read_state(copy, SQLITE, snapshot)
    finally:
        copy.close()


def _path(target: Target) -> str:
    return str(target.settings["NAME"])


@contextlib.contextmanager
def connect(target: Target) -> Iterator[sqlite3.Connection]:
    name = _path(target)
    conn = sqlite3.connect(name, uri=name.startswith("file:"))
    try:
        yield conn
    finally:
        conn.close()


def server_version(target: Target) -> str:
    return sqlite3.sqlite_version


def refuse_unless_empty(target: Target) -> None:
    name = _path(target)
    if not name.startswith("file:") and not Path(name).exists():
        return  # the restore creates it
    with connect(target) as conn:
        database.refuse_unless_empty_state(conn, SQLITE, target)


def restore(target: Target, dump_path: Path) -> None:
    name = _path(target)
    if not name.startswith("file:"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump_path)
    try:
        with connect(target) as conn:
            source.backup(conn)
    finally:
        source.close()
