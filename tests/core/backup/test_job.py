"""The recurring backup: an archive in ZIT_BACKUP_DIR, its own expired archives deleted, audited; a failure is
recorded on the job for the office to see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zit.core.backup.create import archive_name
from zit.core.backup.database import engine_module
from zit.core.backup.job import KIND, archives_expire
from zit.core.backup.restore import backup_restore
from zit.core.jobs import job_run, job_start, recurring_kinds
from zit.core.models import AuditEvent, Job

NOW = dt.datetime(2026, 3, 31, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def dummy_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _archive(folder, days_ago: float, encrypted: bool = False):
    path = folder / archive_name(at=NOW - dt.timedelta(days=days_ago), encrypted=encrypted)
    path.write_bytes(b"kopia")
    return path


def test_expired_archives_of_the_job_are_deleted_and_nothing_else(tmp_path, settings):
    settings.ZIT_BACKUP_KEEP_DAYS, settings.ZIT_BACKUP_KEEP_COUNT = 30, 0
    just_made = _archive(tmp_path, 0)
    recent, old, old_encrypted = _archive(tmp_path, 29), _archive(tmp_path, 31), _archive(tmp_path, 45, True)
    others = [tmp_path / "zit-manual-backup-20250101T000000Z.tar.gz", tmp_path / "notatki.txt"]
    for other in others:
        other.write_text("nie ruszać")
    deleted = archives_expire(directory=tmp_path, now=NOW, keep=just_made)
    assert sorted(deleted) == sorted([old.name, old_encrypted.name])
    assert {p.name for p in tmp_path.iterdir()} == {just_made.name, recent.name} | {o.name for o in others}


def test_a_count_limit_keeps_the_newest(tmp_path, settings):
    settings.ZIT_BACKUP_KEEP_DAYS, settings.ZIT_BACKUP_KEEP_COUNT = 0, 2
    paths = [_archive(tmp_path, days) for days in (0, 1, 2, 400)]
    assert archives_expire(directory=tmp_path, now=NOW, keep=paths[0]) == [paths[2].name, paths[3].name]


def test_the_job_is_recurring_every_configured_interval():
    assert recurring_kinds()[KIND] == dt.timedelta(hours=24)


def test_a_run_writes_an_archive_deletes_the_expired_ones_and_is_audited(
    platform, tmp_path, settings, dummy_backend, empty_target
):
    settings.ZIT_BACKUP_DIR = folder = tmp_path / "kopie"
    folder.mkdir()
    expired = folder / archive_name(at=timezone.now() - dt.timedelta(days=40), encrypted=False)
    expired.write_bytes(b"stara kopia")
    job = job_start(actor=None, kind=KIND, title="Kopia zapasowa")
    job_run(job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    [archive] = folder.iterdir()
    assert archive.name == job.result["archive"] and archive.stat().st_size == job.result["size"]
    assert job.result["deleted"] == [expired.name] and job.result["encrypted"] is False
    event = AuditEvent.objects.get(action="core.backup")
    assert event.object_id == str(job.pk) and event.after["deleted"] == [expired.name]
    assert Job.objects.filter(kind=KIND, status=Job.Status.QUEUED).count() == 1  # the next run

    # the archive holds this very job as running: restored, it is closed, or no backup would be scheduled again
    restored = backup_restore(archive=archive, target=empty_target, media_root=tmp_path / "pliki", key=None)
    assert restored.interrupted_jobs == 1 and restored.migrations_to_run == []
    with engine_module(empty_target.engine).connect(empty_target) as conn:
        row = conn.execute(f"SELECT status, message FROM core_job WHERE id = {job.pk}").fetchone()
    assert row[0] == "failed" and row[1].startswith("Przerwane: bazę odtworzono z kopii")


def test_a_failed_run_is_recorded_with_its_reason_and_leaves_no_file(
    platform, tmp_path, settings, dummy_backend
):
    settings.ZIT_BACKUP_DIR = folder = tmp_path / "kopie"
    settings.ZIT_BACKUP_KEY = "nie-klucz"
    job = job_start(actor=None, kind=KIND, title="Kopia zapasowa")
    job_run(job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Kopia zapasowa się nie udała" in job.message and "ZIT_BACKUP_KEY" in job.message
    assert not folder.exists() or list(folder.iterdir()) == []
    assert not AuditEvent.objects.filter(action="core.backup").exists()
