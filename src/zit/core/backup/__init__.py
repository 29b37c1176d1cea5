"""Backups of the platform: one archive with the database, the uploaded files and a manifest, optionally
encrypted, and its restore into an empty database of the same engine.

    archive.py            the archive's layout: tar + gzip (+ encryption), written and read as streams
    crypto.py             chunked AES-256-GCM with the operator's key (ZIT_BACKUP_KEY)
    database.py           the target database and what a snapshot of it holds; engine_sqlite.py and
                          engine_postgres.py dump and restore each engine
    files.py              the uploaded files and the signed documents' hashes
    manifest.py           manifest.json: versions, migrations, row counts, files with their hashes
    create.py, restore.py making a backup and restoring one; erasures.py lists GDPR erasures to re-apply
    job.py                the recurring backup with its retention, for the office's dashboard

Entry points: `manage.py backup`, `manage.py restore` and the recurring job `core.backup`.
"""

from django.conf import settings

from zit.core.backup.crypto import key_parse
from zit.core.backup.errors import BackupError


def configured_key() -> bytes | None:
    """The key from ZIT_BACKUP_KEY, or None when backups are not encrypted."""
    text = settings.ZIT_BACKUP_KEY.strip()
    return key_parse(text) if text else None


__all__ = ["BackupError", "configured_key"]
