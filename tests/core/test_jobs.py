import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zit.core import jobs
from zit.core.jobs import JobFailed, job_progress, job_run, job_start, recurring_jobs_ensure
from zit.core.models import AuditEvent, Job

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def dummy_backend(settings):
    """Tasks are only recorded; the test runs the job itself. Changing TASKS resets django_tasks' backends."""
    settings.TASKS = DUMMY
    from django_tasks import default_task_backend

    return default_task_backend


def _session(key: str, expires: dt.datetime) -> None:
    Session.objects.create(session_key=key, session_data="", expire_date=expires)


def test_office_staff_can_start_a_job(user_for_role, dummy_backend, django_capture_on_commit_callbacks):
    staff = user_for_role("office_staff")
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=staff, kind="core.clear_sessions", title="Sesje")
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.created_by_id == staff.pk
    assert job.task_result_id == str(dummy_backend.results[0].id)
    assert dummy_backend.results[0].args == [job.pk]
    assert AuditEvent.objects.filter(action="job.start", object_id=str(job.pk), actor_id=staff.pk).exists()


def test_assessor_cannot_start_a_job(user_for_role, dummy_backend):
    with pytest.raises(PermissionDenied):
        job_start(actor=user_for_role("assessor"), kind="core.clear_sessions", title="Sesje")
    assert not Job.objects.exists()


def test_board_member_can_view_but_not_start_jobs(user_for_role, dummy_backend):
    with pytest.raises(PermissionDenied):
        job_start(actor=user_for_role("board_member"), kind="core.clear_sessions", title="Sesje")


@pytest.mark.django_db
def test_unknown_kind_is_refused(dummy_backend):
    with pytest.raises(ValueError):
        job_start(actor=None, kind="core.no_such_kind", title="?")


def test_clear_sessions_succeeds_and_reschedules_itself(
    user_for_role, dummy_backend, django_capture_on_commit_callbacks
):
    now = timezone.now()
    _session("expired", now - dt.timedelta(days=1))
    _session("alive", now + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=user_for_role("office_staff"), kind="core.clear_sessions", title="Sesje")
    with django_capture_on_commit_callbacks(execute=True):
        job_run(job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.progress == 100
    assert job.result["deleted"] == 1
    assert job.started_at is not None and job.finished_at is not None
    assert list(Session.objects.values_list("session_key", flat=True)) == ["alive"]

    follow_up = Job.objects.exclude(pk=job.pk).get(kind="core.clear_sessions")
    assert follow_up.status == Job.Status.QUEUED
    assert follow_up.created_by_id is None  # scheduled by the system
    deferred = dummy_backend.results[-1]
    assert deferred.args == [follow_up.pk]
    assert deferred.task.run_after - now >= dt.timedelta(hours=23)


@pytest.mark.django_db
def test_a_finished_job_is_not_run_again(dummy_backend):
    job = Job.objects.create(
        kind="core.clear_sessions", title="Sesje", status=Job.Status.SUCCEEDED, progress=100
    )
    job_run(job.pk)
    assert Job.objects.count() == 1  # no rerun, so no reschedule either


def _write_upload(folder: Path, name: str, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


def _area_job_params(**extra):
    return {
        "geojson": [{"name": "gminy.geojson", "stored": "uploads/t1/gminy.geojson"}],
        "code": "testowy",
        "name": "Obszar testowy",
        "valid_from": "2026-01-01",
        **extra,
    }


def test_handler_raising_job_failed_marks_the_job_failed(
    user_for_role, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The area import handler turns a rejected file into JobFailed; the immediate backend runs it at commit."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.TASKS = IMMEDIATE
    _write_upload(
        tmp_path / "uploads" / "t1",
        "gminy.geojson",
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"teryt": "30100", "name": "Zła"},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[18, 52], [18.1, 52], [18.1, 52.1], [18, 52]]],
                    },
                },
            ],
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            actor=user_for_role("office_staff"),
            kind="territory.area_import",
            title="Import",
            params=_area_job_params(),
        )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.finished_at is not None
    assert job.message == "Nic nie zapisano: pliki mają błędy."
    assert job.result["message"] == job.message
    assert len(job.result["problems"]) == 1
    assert job.result["problems"][0].startswith("gminy.geojson, wiersz 1, pole „teryt”")


def test_area_import_job_succeeds_with_progress(
    user_for_role, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.TASKS = IMMEDIATE
    _write_upload(
        tmp_path / "uploads" / "t1",
        "gminy.geojson",
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"teryt": "3011012", "name": "Testowo"},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[18, 52], [18.1, 52], [18.1, 52.1], [18, 52]]],
                    },
                },
            ],
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            actor=user_for_role("office_staff"),
            kind="territory.area_import",
            title="Import",
            params=_area_job_params(),
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.progress == 100
    assert job.result["units_created"] == 1
    assert job.result["version_created"] is True


def test_an_unexpected_error_is_recorded_on_the_job_and_does_not_escape_to_the_worker(
    monkeypatch, dummy_backend, db, caplog
):
    """A handler's bug must not take the worker down: the job says it failed and why, the log has the trace."""

    def broken(job, progress):
        raise KeyError("boom")

    monkeypatch.setitem(jobs._HANDLERS, "tests.broken", broken)
    job = job_start(actor=None, kind="tests.broken", title="Zepsute")
    job_run(job.pk)  # does not raise
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.finished_at is not None
    assert "boom" in job.message
    assert job.result["error"] == "KeyError"
    assert "KeyError: 'boom'" in caplog.text


def test_job_failed_details_are_kept(monkeypatch, dummy_backend, db):
    def refuses(job, progress):
        progress(1, 4, "pierwszy krok")
        raise JobFailed("Nie da się.", {"problems": ["plik.csv, wiersz 2: zła liczba"]})

    monkeypatch.setitem(jobs._HANDLERS, "tests.refuses", refuses)
    job = job_start(actor=None, kind="tests.refuses", title="Odmowa")
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.progress == 25
    assert job.result == {"problems": ["plik.csv, wiersz 2: zła liczba"], "message": "Nie da się."}


@pytest.mark.parametrize(
    ("done", "total", "percent"),
    [(0, 10, 0), (5, 10, 50), (10, 10, 99), (15, 10, 99), (-3, 10, 0), (0, 0, 100), (3, -1, 100)],
)
@pytest.mark.django_db
def test_job_progress_clamps(done, total, percent):
    job = Job.objects.create(kind="core.clear_sessions", title="Sesje")
    job_progress(job, done, total, "x" * 600)
    job.refresh_from_db()
    assert job.progress == percent
    assert job.message == "x" * 500


@pytest.mark.django_db
def test_recurring_jobs_ensure_is_idempotent(dummy_backend):
    started = recurring_jobs_ensure()
    assert sorted(j.kind for j in started) == [
        "accounts.roles_follow_mandates",
        "contracts.close",
        "contracts.iz_feeds_fetch",
        "core.backup",
        "core.clear_sessions",
        "core.integrity_check",
        "core.jobs_prune",
        "core.notices",
        "core.public_forms_purge",
        "core.trust_list_refresh",
        "funding.rates_fetch",
        "opendata.catalogue_refresh",
        "privacy.erase_expired",
        "public_information.requests_reminder",
        "strategy.silences",
        "subscriptions.digests",
        "subscriptions.unconfirmed_purge",
    ]
    assert recurring_jobs_ensure() == []
    assert Job.objects.filter(kind="core.clear_sessions").count() == 1


@pytest.mark.django_db
def test_recurring_jobs_ensure_replaces_a_finished_run(dummy_backend):
    Job.objects.create(kind="core.clear_sessions", title="Sesje", status=Job.Status.SUCCEEDED)
    assert "core.clear_sessions" in [j.kind for j in recurring_jobs_ensure()]
    assert Job.objects.filter(kind="core.clear_sessions", status=Job.Status.QUEUED).count() == 1


@pytest.mark.django_db
def test_old_successful_runs_of_recurring_work_are_pruned_keeping_failures_people_and_the_latest():
    from zit.core.jobs import recurring_runs_prune

    now = timezone.now()
    long_ago = now - dt.timedelta(days=30)

    def run(status, *, finished, by=None):
        return Job.objects.create(
            kind="core.notices", title="x", status=status, finished_at=finished, created_by_id=by
        )

    old_success = run(Job.Status.SUCCEEDED, finished=long_ago)
    old_failure = run(Job.Status.FAILED, finished=long_ago)
    started_by_person = run(Job.Status.SUCCEEDED, finished=long_ago, by=1)
    recent = run(Job.Status.SUCCEEDED, finished=now - dt.timedelta(days=1))
    assert recurring_runs_prune(now=now) == 1
    left = set(Job.objects.values_list("pk", flat=True))
    assert old_success.pk not in left
    assert {old_failure.pk, started_by_person.pk, recent.pk} <= left


@pytest.mark.django_db
def test_the_latest_success_of_a_kind_is_kept_however_old():
    from zit.core.jobs import recurring_runs_prune

    only = Job.objects.create(
        kind="core.backup",
        title="x",
        status=Job.Status.SUCCEEDED,
        finished_at=timezone.now() - dt.timedelta(days=90),
    )
    assert recurring_runs_prune() == 0
    assert Job.objects.filter(pk=only.pk).exists()
