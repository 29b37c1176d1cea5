"""The audit log is append-only in the database itself, not only through the ORM.

Triggers on the audit tables (`core_auditevent`, `core_auditseal`) refuse every UPDATE and DELETE, whoever sends
it: a QuerySet.update(), a bulk delete, raw SQL, a bug. Three paths are let through, each opened by a gate that
lives only inside one transaction (or one flush):

- **erasure** (`erasure_gate`): the GDPR pseudonymisation of a person's data in existing events
  (`zit.core.audit.audit_pseudonymise`, itself audited). Even then the trigger lets only the descriptive columns
  change (who, object label, before/after, reason); the event's id, time, action, object and digest stay.
- **relabel** (`relabel_gate`): a migration that moves models to another app renames the model label and the
  action names in existing events (`zit.core.model_moves`, itself audited). Only those two columns (and the
  fingerprint of the new content, `redacted_digest`) may change; who, when, which object and what stay.
- **wipe** (`wipe_gate`): emptying the whole database with `manage.py flush` (tests, a staging reset), which
  the platform's own `flush` command opens for its duration. On PostgreSQL a TRUNCATE is refused too unless
  this gate is open.

PostgreSQL checks a setting of the current transaction (`zit.audit_gate`, set with `set_config(…, true)`),
SQLite a one-row table (`zit_audit_gate`) that the gate sets and resets inside the same write transaction,
so no other connection ever sees it open.

What this does not stop: the owner of the database can drop or disable the triggers. The digests and seals
checked every day (`zit.core.integrity`) make such a rewrite visible; docs/deployment.md describes a separate,
less privileged database user for the running platform.

`install(connection)` is idempotent. It runs in the migration that introduced it and again after every
`migrate` (post_migrate), because SQLite rebuilds a table (and loses its triggers) whenever a later migration
alters it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.db import connections, transaction

TABLES = ("core_auditevent", "core_auditseal")
ERASURE, RELABEL, WIPE = "erasure", "relabel", "wipe"
MESSAGE = "zit: the audit log is append-only"

# columns that even the erasure may not change: what happened, when, to which object, and its fingerprint
_FIXED = ("id", "created_at", "action", "object_type", "object_id", "actor_id", "corrects_id", "digest")
# what a move of models between apps may change: the names, never the content
_RELABELLED = ("action", "object_type")
_KEPT_ON_RELABEL = (
    *(c for c in _FIXED if c not in _RELABELLED),
    *("actor_label", "object_repr", "before", "after", "reason", "client_address"),
)

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION zit_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gate text := coalesce(current_setting('zit.audit_gate', true), '');
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF gate = '{WIPE}' THEN RETURN NULL; END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF gate = '{WIPE}' THEN RETURN OLD; END IF;
    ELSIF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'core_auditevent' AND gate = '{ERASURE}' THEN
        -- nested: the seals' rows have none of these columns
        IF {" AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _FIXED)} THEN
            RETURN NEW;
        END IF;
    ELSIF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'core_auditevent' AND gate = '{RELABEL}' THEN
        IF {" AND ".join(f"NEW.{c}::text IS NOT DISTINCT FROM OLD.{c}::text" for c in _KEPT_ON_RELABEL)} THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '{MESSAGE}: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def _pg_statements() -> list[str]:
    statements = [_PG_FUNCTION]
    for table in TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS zit_append_only ON {table}",
            f"CREATE TRIGGER zit_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION zit_audit_guard()",
            f"DROP TRIGGER IF EXISTS zit_no_truncate ON {table}",
            f"CREATE TRIGGER zit_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION zit_audit_guard()",
        ]
    return statements


_SQLITE_GATE = "(SELECT mode FROM zit_audit_gate WHERE id = 1)"


def _sqlite_statements() -> list[str]:
    statements = [
        "CREATE TABLE IF NOT EXISTS zit_audit_gate "
        "(id INTEGER PRIMARY KEY CHECK (id = 1), mode TEXT NOT NULL DEFAULT '')",
        "INSERT OR IGNORE INTO zit_audit_gate (id, mode) VALUES (1, '')",
    ]
    fixed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _FIXED)
    kept = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _KEPT_ON_RELABEL)
    for table in TABLES:
        # only the events may be pseudonymised or relabelled; the seals are never updated
        update_allowed = (
            f"({_SQLITE_GATE} IS '{ERASURE}' AND NOT ({fixed})) "
            f"OR ({_SQLITE_GATE} IS '{RELABEL}' AND NOT ({kept}))"
            if table == "core_auditevent"
            else "0"
        )
        statements += [
            # dropped first: a trigger written by an earlier version is replaced, not kept
            f"DROP TRIGGER IF EXISTS zit_{table}_no_update",
            f"DROP TRIGGER IF EXISTS zit_{table}_no_delete",
            f"CREATE TRIGGER IF NOT EXISTS zit_{table}_no_update BEFORE UPDATE ON {table} "
            f"WHEN NOT ({update_allowed}) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE on {table} refused'); END",
            f"CREATE TRIGGER IF NOT EXISTS zit_{table}_no_delete BEFORE DELETE ON {table} "
            f"WHEN {_SQLITE_GATE} IS NOT '{WIPE}' "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE on {table} refused'); END",
        ]
    return statements


def install(connection: Any) -> None:
    """Create (or re-create) the triggers on the audit tables of this connection's database."""
    if connection.vendor == "postgresql":
        statements = _pg_statements()
    elif connection.vendor == "sqlite":
        statements = _sqlite_statements()
    else:  # pragma: no cover - the platform runs on these two
        raise NotImplementedError(f"No audit guard for {connection.vendor}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def installed(connection: Any) -> list[str]:
    """The guards missing from the database (empty when all are in place), for the daily check."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname = ANY(%s)",
                [list(TABLES)],
            )
            found = {f"{table}.{name}" for table, name in cursor.fetchall()}
            expected = {f"{t}.{n}" for t in TABLES for n in ("zit_append_only", "zit_no_truncate")}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            found = {row[0] for row in cursor.fetchall()}
            expected = {f"zit_{t}_no_{op}" for t in TABLES for op in ("update", "delete")}
    return sorted(expected - found)


def _set(connection: Any, mode: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # local to the transaction: it closes by itself at commit or rollback
            cursor.execute("SELECT set_config('zit.audit_gate', %s, true)", [mode])
        else:
            cursor.execute("UPDATE zit_audit_gate SET mode = %s WHERE id = 1", [mode])


@contextlib.contextmanager
def erasure_gate(using: str = "default") -> Iterator[None]:
    """Let the pseudonymisation's UPDATEs through, inside the caller's transaction only."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("The erasure gate opens only inside a transaction.")
    _set(connection, ERASURE)
    try:
        yield
    finally:
        _set(connection, "")


@contextlib.contextmanager
def relabel_gate(using: str = "default") -> Iterator[None]:
    """Let a move of models between apps rename labels in existing events, inside the caller's transaction."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("The relabel gate opens only inside a transaction.")
    _set(connection, RELABEL)
    try:
        yield
    finally:
        _set(connection, "")


@contextlib.contextmanager
def wipe_gate(using: str = "default") -> Iterator[None]:
    """Let `flush` empty the audit tables. Opened in its own transaction and closed the same way, so that it
    is never left open by a flush that failed half-way."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        # `flush` runs its TRUNCATE in its own transaction: the setting is for this session until reset
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('zit.audit_gate', %s, false)", [WIPE])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('zit.audit_gate', '', false)")
        return
    with transaction.atomic(using=using):
        _set(connection, WIPE)
    try:
        yield
    finally:
        with transaction.atomic(using=using):
            _set(connection, "")


def uninstall(connection: Any) -> None:
    """Drop the triggers (the migration's reverse)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS zit_append_only ON {table}")
                cursor.execute(f"DROP TRIGGER IF EXISTS zit_no_truncate ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS zit_audit_guard()")
        else:
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS zit_{table}_no_update")
                cursor.execute(f"DROP TRIGGER IF EXISTS zit_{table}_no_delete")
            cursor.execute("DROP TABLE IF EXISTS zit_audit_gate")
