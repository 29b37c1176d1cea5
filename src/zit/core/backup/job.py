"""The recurring backup: every ZIT_BACKUP_EVERY_HOURS an archive in ZIT_BACKUP_DIR, then the job's own expired
archives deleted (only files named as the job names them), one audit event per run. The office sees the last
run on its dashboard (core.selectors.backup_status)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.backup import configured_key
from zit.core.backup.create import archive_name, archive_time, backup_create
from zit.core.backup.errors import BackupError
from zit.core.jobs import JobFailed, ProgressFn, job_handler
from zit.core.models import Job

KIND = "core.backup"


def backup_interval() -> dt.timedelta | None:
    """None when recurring backups are off (ZIT_BACKUP_EVERY_HOURS=0)."""
    hours = settings.ZIT_BACKUP_EVERY_HOURS
    return dt.timedelta(hours=hours) if hours > 0 else None


def archives_expire(*, directory: Path, now: dt.datetime, keep: Path) -> list[str]:
    """Delete the job's archives older than ZIT_BACKUP_KEEP_DAYS (0: no age limit) and, when
    ZIT_BACKUP_KEEP_COUNT is set, beyond that many newest; `keep` (the archive just made) stays whatever the
    settings say. Other files in the folder are never touched."""
    keep_days, keep_count = settings.ZIT_BACKUP_KEEP_DAYS, settings.ZIT_BACKUP_KEEP_COUNT
    archives = sorted(
        ((at, path) for path in directory.iterdir() if path.is_file() and (at := archive_time(path.name))),
        reverse=True,
    )
    deleted = []
    for index, (at, path) in enumerate(archives):
        too_old = keep_days > 0 and now - at > dt.timedelta(days=keep_days)
        too_many = keep_count > 0 and index >= keep_count
        if path != keep and (too_old or too_many):
            path.unlink(missing_ok=True)
            deleted.append(path.name)
    return deleted


@job_handler(KIND, title="Kopia zapasowa bazy danych i plików", every=backup_interval())
def backup_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    directory = Path(settings.ZIT_BACKUP_DIR)
    now = timezone.now()
    try:
        key = configured_key()
        result = backup_create(
            output=directory / archive_name(at=now, encrypted=key is not None), key=key, progress=progress
        )
    except (BackupError, OSError) as exc:
        raise JobFailed(_("Kopia zapasowa się nie udała: %(error)s") % {"error": exc}) from exc
    deleted = archives_expire(directory=directory, now=now, keep=result.path)
    outcome = {
        "archive": result.path.name,
        "size": result.size,
        "encrypted": key is not None,
        "problems": result.problems,
        "deleted": deleted,
    }
    with transaction.atomic():
        audit.record(actor=None, action="core.backup", obj=job, after=outcome)
    message = _("Zapisano kopię %(name)s (%(size)s).") % {
        "name": result.path.name,
        "size": filesizeformat(result.size),
    }
    if result.problems:
        message += " " + _("Uwaga: %(problems)s") % {"problems": " ".join(result.problems)}
    if deleted:
        message += " " + _("Usunięto wygasłe kopie: %(n)d.") % {"n": len(deleted)}
    return outcome | {"message": message}
