"""PostgreSQL: `pg_dump --format=custom` of the platform's database, restored with `pg_restore`.

The dump, the row counts and the signed documents' hashes are read from one snapshot: a REPEATABLE READ
transaction exports it (`pg_export_snapshot()`), counts in it, and pg_dump dumps it (`--snapshot`) while the
transaction stays open, so the manifest describes exactly what the dump holds. The client tools must be of the
server's major version; they are looked for in ZIT_BACKUP_PG_BIN_DIR, then in Debian's
/usr/lib/postgresql/<major>/bin, then on the PATH.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.utils.translation import gettext as _

from zit.core.backup import database
from zit.core.backup.database import POSTGRESQL, Snapshot, Target
from zit.core.backup.errors import BackupError

DUMP_NAME = "zit.pgdump"

# Django's OPTIONS that are libpq's connection parameters, with the environment variable the tools read
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def _params(target: Target) -> dict[str, Any]:
    s = target.settings
    params = {
        "dbname": s.get("NAME") or "",
        "user": s.get("USER") or None,
        "password": s.get("PASSWORD") or None,
        "host": s.get("HOST") or None,
        "port": str(s["PORT"]) if s.get("PORT") else None,
    }
    params |= {k: v for k, v in (s.get("OPTIONS") or {}).items() if k in _LIBPQ_OPTIONS}
    return {k: v for k, v in params.items() if v is not None}


def _environment(target: Target) -> dict[str, str]:
    """The connection for pg_dump and pg_restore, given in the environment: a password on the command line would
    be visible to every user of the server."""
    s = target.settings
    env = dict(os.environ)  # libpq's own variables (PGPASSFILE, PGSSLMODE…) keep working as for the platform
    pairs = {
        "PGDATABASE": s.get("NAME"),
        "PGUSER": s.get("USER"),
        "PGPASSWORD": s.get("PASSWORD"),
        "PGHOST": s.get("HOST"),
        "PGPORT": s.get("PORT"),
    }
    pairs |= {_LIBPQ_OPTIONS[k]: v for k, v in (s.get("OPTIONS") or {}).items() if k in _LIBPQ_OPTIONS}
    env |= {k: str(v) for k, v in pairs.items() if v not in (None, "")}
    return env


@contextlib.contextmanager
def connect(target: Target, **extra: Any) -> Iterator[psycopg.Connection]:
    try:
        conn = psycopg.connect(**_params(target), **extra)
    except psycopg.Error as exc:
        raise BackupError(
            _("Nie udało się połączyć z bazą %(db)s: %(error)s") % {"db": target.label, "error": exc}
        ) from exc
    try:
        yield conn
    finally:
        conn.close()


def server_version(target: Target) -> str:
    with connect(target, autocommit=True) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def client_tool(name: str, server_major: int) -> str:
    """The path of pg_dump or pg_restore of the server's major version; refuse rather than use another."""
    candidates = []
    if settings.ZIT_BACKUP_PG_BIN_DIR:
        candidates.append(str(Path(settings.ZIT_BACKUP_PG_BIN_DIR) / name))
    candidates.append(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    found = []
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        version = subprocess.run([candidate, "--version"], capture_output=True, text=True, check=False).stdout
        match = re.search(r"\(PostgreSQL\)\s+(\d+)", version)
        if match and int(match.group(1)) == server_major:
            return candidate
        found.append(f"{candidate}: {version.strip() or '?'}")
    raise BackupError(
        _(
            "Nie znaleziono programu %(tool)s w wersji %(major)d (tej samej co serwer bazy). Zainstaluj narzędzia "
            "klienta PostgreSQL %(major)d albo wskaż ich katalog w ZIT_BACKUP_PG_BIN_DIR. Znalezione: %(found)s."
        )
        % {"tool": name, "major": server_major, "found": "; ".join(found) or _("żadnego")}
    )


def _run(command: list[str], target: Target) -> None:
    done = subprocess.run(command, env=_environment(target), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("%(tool)s zakończył się błędem: %(error)s")
            % {"tool": Path(command[0]).name, "error": (done.stderr or done.stdout).strip()[-2000:]}
        )


def dump(connection: Any, into: Path) -> Snapshot:
    target = database.target_from_settings(connection.settings_dict)
    path = into / DUMP_NAME
    with connect(target) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot_id = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        version = conn.execute("SHOW server_version").fetchone()[0]
        tool = client_tool("pg_dump", conn.info.server_version // 10000)
        snapshot = database.read_state(
            conn,
            POSTGRESQL,
            Snapshot(
                engine=POSTGRESQL,
                server_version=version,
                tool=subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.strip(),
                dump_name=DUMP_NAME,
            ),
        )
        # the exporting transaction stays open until pg_dump has taken the snapshot over
        _run([tool, "--format=custom", f"--snapshot={snapshot_id}", f"--file={path}"], target)
        conn.rollback()
    return snapshot


def refuse_unless_empty(target: Target) -> None:
    with connect(target, autocommit=True) as conn:
        database.refuse_unless_empty_state(conn, POSTGRESQL, target)


def restore(target: Target, dump_path: Path) -> None:
    """All or nothing (`--single-transaction --exit-on-error`); objects belong to the platform's database user
    (`--no-owner --no-privileges`), whatever role owned them on the server the backup came from."""
    tool = client_tool("pg_restore", database.major_version(server_version(target)))
    _run(
        [
            tool,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            f"--dbname={target.settings['NAME']}",
            str(dump_path),
        ],
        target,
    )
