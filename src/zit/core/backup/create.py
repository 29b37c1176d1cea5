"""Making a backup: the database snapshot first, then the uploaded files, then the manifest, into one archive
written under a temporary name and renamed only when complete."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.backup.archive import DATABASE_PREFIX, MANIFEST_NAME, MEDIA_PREFIX, ArchiveWriter, Entry
from zit.core.backup.database import engine_module, target_from_settings
from zit.core.backup.errors import BackupError
from zit.core.backup.files import media_files, signed_check
from zit.core.backup.manifest import manifest_build

# The names the recurring job gives its archives; retention deletes only files named like this.
ARCHIVE_NAME = re.compile(r"^zit-backup-(?P<stamp>\d{8}T\d{6}Z)\.tar\.gz(?:\.enc)?$")
_STAMP = "%Y%m%dT%H%M%SZ"


def archive_name(*, at: dt.datetime, encrypted: bool) -> str:
    return f"zit-backup-{at.astimezone(dt.UTC):{_STAMP}}.tar.gz" + (".enc" if encrypted else "")


def archive_time(name: str) -> dt.datetime | None:
    match = ARCHIVE_NAME.match(name)
    return dt.datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=dt.UTC) if match else None


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict[str, Any]

    @property
    def problems(self) -> list[str]:
        return self.manifest["problems"]


def backup_create(
    *,
    output: Path,
    key: bytes | None,
    using: str = "default",
    media_root: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> BackupResult:
    """Write one archive of the database and the uploaded files to `output`, which must not exist yet.

    Nothing is written to the database. A signed document whose file no longer has its recorded SHA-256 is
    archived as it is and reported (in the manifest's problems and the result), never passed over silently."""
    output = Path(output)
    if output.exists():
        raise BackupError(_("Plik %(path)s już istnieje: kopia nie nadpisuje plików.") % {"path": output})
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if output.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            _("Kopii nie zapisuje się w katalogu wgranych plików (%(media)s): trafiłaby do samej siebie.")
            % {"media": media_root}
        )
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    connection = connections[using]
    engine = engine_module(target_from_settings(connection.settings_dict).engine)
    report = progress or (lambda done, total, message: None)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory(prefix=".zit-backup-", dir=output.parent) as spool:
        created_at = timezone.now()
        snapshot = engine.dump(connection, Path(spool))
        report(1, 3, _("Baza danych skopiowana."))
        writer = ArchiveWriter(partial, key=key)
        try:
            dump_path = Path(spool) / snapshot.dump_name
            database_entry = writer.add_file(DATABASE_PREFIX + snapshot.dump_name, dump_path)
            dump_path.unlink()  # the archive holds it now: free the disk before the files go in
            files: list[tuple[str, Entry]] = []
            for relative, path in media_files(media_root):
                try:
                    files.append((relative, writer.add_file(MEDIA_PREFIX + relative, path)))
                except FileNotFoundError:
                    continue  # deleted since it was listed (a replaced draft): nothing of it was written
            report(2, 3, _("Pliki skopiowane."))
            signed = signed_check(snapshot.signed_documents, {path: entry.sha256 for path, entry in files})
            manifest = manifest_build(
                created_at=created_at,
                snapshot=snapshot,
                database_entry=database_entry,
                files=files,
                signed=signed,
            )
            writer.add_json(MANIFEST_NAME, manifest)
            writer.close()
        except BaseException:
            writer.abort()
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, output)
    report(3, 3, "")
    return BackupResult(path=output, size=output.stat().st_size, manifest=manifest)
