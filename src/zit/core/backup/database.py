"""The database side of a backup, common to both engines: which database (a Target), what a consistent
snapshot of it holds (a Snapshot), and the few reads both engines answer with the same SQL.

Each engine has its module with the same four functions: `dump(connection, into)` writes a dump of one
consistent state and returns its Snapshot, `refuse_unless_empty(target)`, `restore(target, dump_path)` and
`connect(target)`. Restores and their checks use plain DB-API connections, not Django's, because the target
of a restore is a database Django has not touched yet (and a test restores into a second one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import dj_database_url
from django.utils.translation import gettext as _

from zit.core.backup.errors import BackupError

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


@dataclass(frozen=True)
class Target:
    """A database to back up or restore into, described by Django's settings of it."""

    engine: str
    settings: dict[str, Any]

    @property
    def label(self) -> str:
        if self.engine == SQLITE:
            return str(self.settings["NAME"])
        return f"{self.settings.get('NAME')} ({self.settings.get('HOST') or 'localhost'})"


def target_from_settings(settings_dict: dict[str, Any]) -> Target:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return Target(SQLITE, dict(settings_dict))
    if engine.endswith(("postgresql", "postgresql_psycopg2")):
        return Target(POSTGRESQL, dict(settings_dict))
    raise BackupError(
        _("Kopie zapasowe obsługują bazy SQLite i PostgreSQL, a nie %(engine)s.") % {"engine": engine}
    )


def target_from_url(url: str) -> Target:
    return target_from_settings(dj_database_url.parse(url))


def engine_module(engine: str) -> ModuleType:
    from zit.core.backup import engine_postgres, engine_sqlite

    return {SQLITE: engine_sqlite, POSTGRESQL: engine_postgres}[engine]


@dataclass(frozen=True)
class SignedRow:
    id: int
    path: str
    sha256: str


@dataclass
class Snapshot:
    """What the dump holds, read from the same consistent state as the dump itself."""

    engine: str
    server_version: str
    tool: str
    dump_name: str
    migrations: dict[str, list[str]] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    signed_documents: list[SignedRow] = field(default_factory=list)


def major_version(version: str) -> int:
    match = re.match(r"\d+", version or "")
    return int(match.group()) if match else 0


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_names(conn: Any, engine: str) -> list[str]:
    if engine == SQLITE:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    return sorted(row[0] for row in conn.execute(sql).fetchall())


def row_counts(conn: Any, engine: str) -> dict[str, int]:
    return {
        table: conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]
        for table in table_names(conn, engine)
    }


def applied_migrations(conn: Any, engine: str) -> dict[str, list[str]]:
    if "django_migrations" not in table_names(conn, engine):
        return {}
    applied: dict[str, list[str]] = {}
    for app, name in conn.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def signed_documents(conn: Any, engine: str) -> list[SignedRow]:
    if "core_signeddocument" not in table_names(conn, engine):
        return []
    rows = conn.execute(
        "SELECT id, signed, signed_sha256 FROM core_signeddocument WHERE signed <> '' ORDER BY id"
    ).fetchall()
    return [SignedRow(id=row[0], path=row[1], sha256=row[2]) for row in rows]


def read_state(conn: Any, engine: str, snapshot: Snapshot) -> Snapshot:
    snapshot.migrations = applied_migrations(conn, engine)
    snapshot.row_counts = row_counts(conn, engine)
    snapshot.signed_documents = signed_documents(conn, engine)
    return snapshot


def refuse_unless_empty_state(conn: Any, engine: str, target: Target) -> None:
    """The shared rule: a restore goes into a freshly created database, with no tables at all."""
    tables = table_names(conn, engine)
    if not tables:
        return
    migrations = applied_migrations(conn, engine)
    if migrations:
        count = sum(len(names) for names in migrations.values())
        raise BackupError(
            _(
                "Baza danych %(db)s nie jest pusta: zastosowano w niej już migracje (%(n)d). Kopię odtwarza się "
                "tylko do nowej, pustej bazy."
            )
            % {"db": target.label, "n": count}
        )
    counts = row_counts(conn, engine)
    with_rows = [f"{table} ({n})" for table, n in counts.items() if n]
    if with_rows:
        raise BackupError(
            _(
                "Baza danych %(db)s nie jest pusta: tabele z wierszami: %(tables)s. Kopię odtwarza się tylko do nowej, pustej bazy."
            )
            % {"db": target.label, "tables": ", ".join(with_rows[:10])}
        )
    raise BackupError(
        _(
            "Baza danych %(db)s ma już tabele (%(tables)s), choć puste. Utwórz nową, pustą bazę i odtwórz kopię do niej."
        )
        % {"db": target.label, "tables": ", ".join(tables[:10])}
    )
