"""The manifest: what an archive holds and where it came from, written as manifest.json, the archive's last member.

format, format_version       "zit-backup", archive.FORMAT_VERSION
created_at                   when the database snapshot was taken (UTC, ISO 8601)
platform                     {"version": pyproject's version, "commit": the git commit or null}
database                     {"engine", "server_version", "tool", "member", "sha256", "size"}
migrations                   {app: [applied migration names, in the order applied]}
row_counts                   {table: rows}, counted in the dumped snapshot
files                        [{"path" (under MEDIA_ROOT), "sha256", "size"}]
signed_documents             [{"id", "path", "signed_sha256", "found_sha256", "ok"}]
problems                     what the backup found wrong (a signed file that changed), in Polish
"""

from __future__ import annotations

import datetime as dt
import subprocess
from importlib import metadata
from typing import Any

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from zit.core.backup.archive import DATABASE_PREFIX, FORMAT, FORMAT_VERSION, MEDIA_PREFIX, Entry
from zit.core.backup.database import Snapshot
from zit.core.backup.errors import BackupError
from zit.core.backup.files import SignedCheck


def platform_version() -> dict[str, str | None]:
    try:
        version = metadata.version("zit-platform")
    except metadata.PackageNotFoundError:
        version = None
    return {"version": version, "commit": _git_commit()}


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(settings.PROJECT_DIR), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) == 40 else None


def manifest_build(
    *,
    created_at: dt.datetime,
    snapshot: Snapshot,
    database_entry: Entry,
    files: list[tuple[str, Entry]],
    signed: list[SignedCheck],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.astimezone(dt.UTC).isoformat(),
        "platform": platform_version(),
        "database": {
            "engine": snapshot.engine,
            "server_version": snapshot.server_version,
            "tool": snapshot.tool,
            "member": DATABASE_PREFIX + snapshot.dump_name,
            "sha256": database_entry.sha256,
            "size": database_entry.size,
        },
        "migrations": snapshot.migrations,
        "row_counts": snapshot.row_counts,
        "files": [{"path": path, "sha256": entry.sha256, "size": entry.size} for path, entry in files],
        "signed_documents": [check.as_dict() for check in signed],
        "problems": [check.problem() for check in signed if not check.ok],
    }


def format_check(manifest: dict[str, Any]) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("To nie jest kopia zapasowa platformy ZIT (nieznany format spisu zawartości)."))
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            _(
                "Kopia ma format w wersji %(found)s, a ta wersja platformy zna formaty do %(known)d. Odtwórz ją "
                "nowszą wersją platformy."
            )
            % {"found": version, "known": FORMAT_VERSION}
        )
    if not _complete(manifest):
        raise BackupError(_("Spis zawartości kopii (manifest.json) jest niepełny: kopia jest uszkodzona."))


# what a restore reads from the manifest, with the type each must have
_REQUIRED = {"database": dict, "migrations": dict, "row_counts": dict, "files": list}
_REQUIRED_DATABASE = {"engine": str, "server_version": str, "member": str, "sha256": str, "size": int}


def _complete(manifest: dict[str, Any]) -> bool:
    if not all(isinstance(manifest.get(key), kind) for key, kind in _REQUIRED.items()):
        return False
    if not all(isinstance(manifest["database"].get(key), kind) for key, kind in _REQUIRED_DATABASE.items()):
        return False
    return all(
        isinstance(item, dict)
        and isinstance(item.get("path"), str)
        and isinstance(item.get("sha256"), str)
        and isinstance(item.get("size"), int)
        for item in manifest["files"]
    )


def expected_members(manifest: dict[str, Any]) -> dict[str, Entry]:
    db = manifest["database"]
    expected = {db["member"]: Entry(db["sha256"], db["size"])}
    for item in manifest["files"]:
        expected[MEDIA_PREFIX + item["path"]] = Entry(item["sha256"], item["size"])
    return expected


def migrations_compare(recorded: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """(applied in the archive but unknown to this code, known to this code but not applied in the archive).

    A squashed migration counts as applied when everything it replaces was, and the other way round."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migrations = loader.disk_migrations
    applied = {(app, name) for app, names in recorded.items() for name in names}
    squashes = {key: {tuple(r) for r in m.replaces} for key, m in migrations.items() if m.replaces}
    done = set(applied)
    for key, replaces in squashes.items():
        if replaces <= applied:
            done.add(key)
        if key in applied:
            done |= replaces
    replaced = set().union(*squashes.values())
    unknown = sorted(f"{app}.{name}" for app, name in applied - set(migrations) - replaced)
    not_applied = sorted(f"{app}.{name}" for app, name in set(migrations) - done)
    return unknown, not_applied
