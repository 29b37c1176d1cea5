"""GDPR erasures (art. 17) that a restored database does not carry: people erased in another database (the one
being replaced) whose record in the restored database still holds their data. The operator erases them again.

The erasures are read from the other database before the restore writes anything, so that a database that
cannot be read stops the restore rather than leaving the question open after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from zit.core.backup.database import SQLITE, Target, engine_module, table_names
from zit.core.backup.errors import BackupError


@dataclass(frozen=True)
class Erasure:
    person_id: int
    erased_at: dt.datetime | str
    reason: str


def erasures_recorded(source: Target) -> list[Erasure]:
    """Every `association.person_erase` in `source`'s audit log, oldest first."""
    name = str(source.settings["NAME"])
    if source.engine == SQLITE and not name.startswith("file:") and not Path(name).is_file():
        raise BackupError(
            _("Nie ma bazy %(db)s, z której miały być odczytane usunięcia danych.") % {"db": source.label}
        )
    with engine_module(source.engine).connect(source) as conn:
        if "core_auditevent" not in table_names(conn, source.engine):
            raise BackupError(_("Baza %(db)s nie ma dziennika zmian platformy.") % {"db": source.label})
        rows = conn.execute(
            "SELECT object_id, created_at, reason FROM core_auditevent "
            "WHERE action = 'association.person_erase' ORDER BY created_at, id"
        ).fetchall()
    return [Erasure(person_id=int(object_id), erased_at=at, reason=reason) for object_id, at, reason in rows]


def erasures_missing(erasures: list[Erasure], *, restored: Target) -> list[Erasure]:
    """Of `erasures`, those whose person still has data in `restored` (each person once)."""
    if not erasures:
        return []
    with engine_module(restored.engine).connect(restored) as conn:
        if "association_person" not in table_names(conn, restored.engine):
            return []
        still_there = {
            row[0] for row in conn.execute("SELECT id FROM association_person WHERE erased_at IS NULL")
        }
    missing, seen = [], set()
    for erasure in erasures:
        if erasure.person_id in still_there and erasure.person_id not in seen:
            seen.add(erasure.person_id)
            missing.append(erasure)
    return missing
