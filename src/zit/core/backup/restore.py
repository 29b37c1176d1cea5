"""Restoring an archive into an empty database of the same engine and an empty MEDIA_ROOT.

Everything that can refuse does so before anything is written: the database must be empty and MEDIA_ROOT hold
no files (unless the operator allows it); the whole archive is read, decrypted and hashed into a temporary
folder and checked against its manifest; the engine must match and every migration the archive applied must be
known to this code. Only then is the database restored (in one transaction on PostgreSQL) and the files moved
into place. Afterwards the restored database is read back: rows per table against the manifest, and every
signed document's file against its recorded SHA-256.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zit.core.backup.archive import MEDIA_PREFIX, archive_stage, members_verify
from zit.core.backup.database import (
    POSTGRESQL,
    Target,
    applied_migrations,
    engine_module,
    major_version,
    row_counts,
    signed_documents,
    table_names,
)
from zit.core.backup.erasures import Erasure, erasures_missing, erasures_recorded
from zit.core.backup.errors import BackupError
from zit.core.backup.files import SignedCheck, file_sha256, media_install, media_root_has_files, signed_check
from zit.core.backup.manifest import expected_members, format_check, migrations_compare


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    files: int
    row_counts: dict[str, int]
    signed: list[SignedCheck]
    migrations_to_run: list[str]
    interrupted_jobs: int = 0
    erasures: list[Erasure] | None = None
    count_differences: list[str] = field(default_factory=list)

    @property
    def signed_problems(self) -> list[str]:
        return [check.problem() for check in self.signed if not check.ok]


def backup_restore(
    *,
    archive: Path,
    target: Target,
    media_root: Path,
    key: bytes | None,
    force_media: bool = False,
    erasures_from: Target | None = None,
) -> RestoreResult:
    engine = engine_module(target.engine)
    media_root = Path(media_root)
    engine.refuse_unless_empty(target)
    if not force_media and media_root_has_files(media_root):
        raise BackupError(
            _(
                "Katalog plików %(path)s nie jest pusty. Odtwarzaj kopię do pustego katalogu albo, jeśli pliki z "
                "kopii mają zastąpić te o tych samych nazwach (pozostałe zostaną), dodaj --force-media."
            )
            % {"path": media_root}
        )
    if not Path(archive).is_file():
        raise BackupError(_("Nie ma pliku %(path)s.") % {"path": archive})
    recorded_erasures = erasures_recorded(erasures_from) if erasures_from else None
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # staged beside MEDIA_ROOT, so that moving the files in is a rename on the same disk
    with tempfile.TemporaryDirectory(prefix=".zit-restore-", dir=media_root.parent) as staging:
        staged = archive_stage(Path(archive), key=key, into=Path(staging))
        manifest = staged.manifest
        format_check(manifest)
        members_verify(staged, expected_members(manifest))
        _engine_check(manifest, target)
        unknown, _not_applied = migrations_compare(manifest["migrations"])
        if unknown:
            raise BackupError(
                _(
                    "Kopia pochodzi z nowszej wersji platformy (%(version)s): ten kod nie zna jej migracji "
                    "%(migrations)s. Zainstaluj wersję platformy, z której pochodzi kopia, albo nowszą, i odtwórz "
                    "kopię ponownie."
                )
                % {"version": _version_label(manifest), "migrations": ", ".join(unknown[:10])}
            )
        engine.refuse_unless_empty(target)  # again, right before writing: nobody filled it in the meantime
        try:
            engine.restore(target, staged.path(manifest["database"]["member"]))
            paths = [item["path"] for item in manifest["files"]]
            media_root.mkdir(parents=True, exist_ok=True)
            files = media_install(staged.root / MEDIA_PREFIX.rstrip("/"), media_root, paths)
        except (BackupError, OSError) as exc:
            raise BackupError(
                _(
                    "Odtwarzanie przerwano w trakcie zapisu: %(error)s. Baza i katalog plików mogą być niepełne: "
                    "usuń je, utwórz nową, pustą bazę i odtwórz kopię od początku."
                )
                % {"error": exc},
                written=True,
            ) from exc
    with engine.connect(target) as conn:
        interrupted = _interrupted_jobs_close(conn, target.engine)
        counts = row_counts(conn, target.engine)
        rows = signed_documents(conn, target.engine)
        _unknown, not_applied = migrations_compare(applied_migrations(conn, target.engine))
    signed = signed_check(rows, {row.path: file_sha256(media_root / row.path) for row in rows})
    differences = [
        _("%(table)s: w kopii %(expected)d, po odtworzeniu %(found)s")
        % {"table": table, "expected": expected, "found": counts.get(table, "—")}
        for table, expected in sorted(manifest["row_counts"].items())
        if counts.get(table) != expected
    ]
    erasures = erasures_missing(recorded_erasures, restored=target) if recorded_erasures is not None else None
    return RestoreResult(
        manifest=manifest,
        files=files,
        row_counts=counts,
        signed=signed,
        migrations_to_run=not_applied,
        interrupted_jobs=interrupted,
        erasures=erasures,
        count_differences=differences,
    )


def _version_label(manifest: dict[str, Any]) -> str:
    platform = manifest.get("platform") or {}
    commit = platform.get("commit")
    return f"{platform.get('version') or '?'}" + (f", commit {commit[:12]}" if commit else "")


def _engine_check(manifest: dict[str, Any], target: Target) -> None:
    engine = manifest["database"]["engine"]
    if engine != target.engine:
        raise BackupError(
            _(
                "Kopia pochodzi z bazy %(archive)s, a platforma jest skonfigurowana na bazę %(target)s. Kopię "
                "odtwarza się do bazy tego samego rodzaju."
            )
            % {"archive": engine, "target": target.engine}
        )
    if engine == POSTGRESQL:
        archived = major_version(manifest["database"]["server_version"])
        current = major_version(engine_module(engine).server_version(target))
        if current < archived:
            raise BackupError(
                _(
                    "Kopia pochodzi z serwera PostgreSQL %(archived)d, a docelowy serwer to PostgreSQL %(current)d: "
                    "kopię odtwarza się na serwerze tej samej albo nowszej wersji."
                )
                % {"archived": archived, "current": current}
            )


INTERRUPTED = "Przerwane: bazę odtworzono z kopii zapasowej zrobionej w trakcie tego zadania."


def _interrupted_jobs_close(conn: Any, engine: str) -> int:
    """Jobs running when the snapshot was taken (the backup job itself, at least) will never finish in the
    restored database; left "running", they would also stop their recurring kind from being scheduled again."""
    if "core_job" not in table_names(conn, engine):
        return 0
    cursor = conn.execute(
        "UPDATE core_job SET status = 'failed', finished_at = CURRENT_TIMESTAMP, "
        f"message = '{INTERRUPTED}' WHERE status = 'running'"
    )
    conn.commit()
    return cursor.rowcount
