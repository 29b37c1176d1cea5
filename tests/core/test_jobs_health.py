"""Heartbeats, the reaper, /healthz and /readyz, and what the office sees of failed jobs and the worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from waiting import wait_until

from zit.accounts.services import user_create
from zit.core import jobs
from zit.core.jobs import job_run, job_start, jobs_reap, recurring_jobs_ensure
from zit.core.models import AuditEvent, Job, WorkerHeartbeat
from zit.core.worker import maintenance_once, worker_register, worker_unregister

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def dummy_backend(settings):
    settings.TASKS = DUMMY
    from django_tasks import default_task_backend

    return default_task_backend


def _running(kind: str, *, heartbeat_seconds_ago: float | None, **fields) -> Job:
    now = timezone.now()
    beat = None if heartbeat_seconds_ago is None else now - dt.timedelta(seconds=heartbeat_seconds_ago)
    return Job.objects.create(
        kind=kind,
        title="Usuwanie wygasłych sesji logowania",
        status=Job.Status.RUNNING,
        started_at=fields.pop("started_at", now - dt.timedelta(hours=1)),
        heartbeat_at=beat,
        worker_name="serwer-2:4242:abc123",
        **fields,
    )


# --- the reaper ---


def test_a_running_job_whose_heartbeat_stopped_is_failed_with_the_reason_and_queued_again(
    dummy_backend, db, settings, django_capture_on_commit_callbacks
):
    settings.JOB_HEARTBEAT_TIMEOUT = 300
    dead = _running("core.clear_sessions", heartbeat_seconds_ago=301)
    with django_capture_on_commit_callbacks(execute=True):
        reaped = jobs_reap()

    dead.refresh_from_db()
    assert [j.pk for j in reaped] == [dead.pk]
    assert dead.status == Job.Status.FAILED
    assert dead.finished_at is not None
    assert "przestał odpowiadać" in dead.message
    assert dead.result == {"message": dead.message, "reaped": True, "worker": "serwer-2:4242:abc123"}
    event = AuditEvent.objects.get(action="job.reaped", object_id=str(dead.pk))
    assert event.after["worker"] == "serwer-2:4242:abc123"
    again = Job.objects.get(kind="core.clear_sessions", status=Job.Status.QUEUED)
    assert dummy_backend.results[-1].args == [again.pk]
    assert dummy_backend.results[-1].task.run_after is None  # at once, not a day later


def test_a_job_with_a_fresh_heartbeat_is_left_alone_however_long_it_runs(dummy_backend, db, settings):
    settings.JOB_HEARTBEAT_TIMEOUT = 300
    alive = _running(
        "core.clear_sessions", heartbeat_seconds_ago=299, started_at=timezone.now() - dt.timedelta(days=1)
    )
    assert jobs_reap() == []
    alive.refresh_from_db()
    assert alive.status == Job.Status.RUNNING


def test_a_running_job_that_never_beat_is_judged_by_its_start(dummy_backend, db, settings):
    settings.JOB_HEARTBEAT_TIMEOUT = 300
    old = _running("core.clear_sessions", heartbeat_seconds_ago=None)
    young = _running("core.clear_sessions", heartbeat_seconds_ago=None, started_at=timezone.now())
    assert [j.pk for j in jobs_reap()] == [old.pk]
    young.refresh_from_db()
    assert young.status == Job.Status.RUNNING


def test_a_one_off_job_is_failed_but_not_run_again(dummy_backend, db, settings, monkeypatch):
    monkeypatch.setitem(jobs._HANDLERS, "tests.once", lambda job, progress: {})
    _running("tests.once", heartbeat_seconds_ago=10_000)
    assert len(jobs_reap()) == 1
    assert not Job.objects.filter(status=Job.Status.QUEUED).exists()


def test_two_reapers_at_once_fail_the_job_and_queue_its_next_run_once(dummy_backend, db):
    """Every worker runs the reaper: the second must find nothing left to do."""
    _running("core.clear_sessions", heartbeat_seconds_ago=10_000)
    assert len(jobs_reap()) == 1
    assert jobs_reap() == []
    assert Job.objects.filter(kind="core.clear_sessions", status=Job.Status.QUEUED).count() == 1
    assert AuditEvent.objects.filter(action="job.reaped").count() == 1


def test_recurring_jobs_ensure_replaces_a_run_its_dead_worker_left_running(dummy_backend, db):
    """Before: the stale RUNNING row counted as pending, so the recurring job was never scheduled again."""
    _running("core.clear_sessions", heartbeat_seconds_ago=10_000)
    recurring_jobs_ensure()
    assert Job.objects.filter(kind="core.clear_sessions", status=Job.Status.FAILED).count() == 1
    assert Job.objects.filter(kind="core.clear_sessions", status=Job.Status.QUEUED).count() == 1


def test_a_job_reaped_while_its_slow_handler_went_on_keeps_the_reaper_s_verdict(
    dummy_backend, db, monkeypatch
):
    """A handler that comes back after it was taken for dead does not overwrite the failure nor queue a second
    next run beside the one the reaper queued."""

    def reaped_meanwhile(job, progress):
        Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(days=1))
        jobs_reap()
        return {"message": "Usunięto wygasłe sesje: 0."}

    monkeypatch.setitem(jobs._HANDLERS, "core.clear_sessions", reaped_meanwhile)
    job = job_start(actor=None, kind="core.clear_sessions", title="Sesje")
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert Job.objects.filter(kind="core.clear_sessions", status=Job.Status.QUEUED).count() == 1


def test_a_job_delivered_twice_runs_once(dummy_backend, db, monkeypatch):
    runs = []
    monkeypatch.setitem(jobs._HANDLERS, "tests.count", lambda job, progress: runs.append(job.pk) or {})
    job = job_start(actor=None, kind="tests.count", title="Licz")
    job_run(job.pk)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)  # as if another worker had it
    job_run(job.pk)
    assert runs == [job.pk]


def test_the_worker_writes_the_job_s_heartbeat_while_the_handler_runs(
    transactional_db, settings, monkeypatch
):
    settings.TASKS = DUMMY
    settings.JOB_HEARTBEAT_SECONDS = 0.1
    beats = []

    def slow(job, progress):
        # busy until the heartbeat has been seen to move, however long the machine takes to write it
        def moved() -> bool:
            beats.append(Job.objects.get(pk=job.pk).heartbeat_at)
            return len(set(beats)) >= 3

        wait_until(moved, what="three heartbeats", seconds=30)
        return {}

    monkeypatch.setitem(jobs._HANDLERS, "tests.slow", slow)
    job = job_start(actor=None, kind="tests.slow", title="Powolne")
    job_run(job.pk)
    assert len(set(beats)) >= 3  # it moved while the handler ran
    assert beats[-1] > beats[0]


def test_a_worker_says_it_is_alive_and_forgets_workers_gone_for_a_week(db):
    gone = WorkerHeartbeat.objects.create(
        name="stary:1:aaaaaa",
        hostname="stary",
        pid=1,
        backend="database",
        started_at=timezone.now() - dt.timedelta(days=30),
        seen_at=timezone.now() - dt.timedelta(days=8),
    )
    worker = worker_register(backend="database")
    assert jobs.worker_name() == worker.name
    WorkerHeartbeat.objects.filter(pk=worker.pk).update(seen_at=timezone.now() - dt.timedelta(minutes=3))
    maintenance_once(worker)
    worker.refresh_from_db()
    assert timezone.now() - worker.seen_at < dt.timedelta(seconds=5)
    assert not WorkerHeartbeat.objects.filter(pk=gone.pk).exists()
    worker_unregister(worker)
    assert not WorkerHeartbeat.objects.exists()


# --- /healthz and /readyz ---


def _beat(seconds_ago: float) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        name=f"w:{seconds_ago}",
        hostname="w",
        pid=1,
        backend="database",
        started_at=now - dt.timedelta(hours=1),
        seen_at=now - dt.timedelta(seconds=seconds_ago),
    )


def test_healthz_answers_without_touching_the_database(client):
    """No database access is allowed in this test: a query would fail it."""
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a load balancer asks by address
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers and not response.cookies


@pytest.mark.django_db
def test_readyz_is_200_with_database_cache_and_a_live_worker(client):
    _beat(5)
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "worker": "ok"}}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_is_503_naming_the_worker_when_no_heartbeat_is_recent(client, settings):
    settings.JOB_HEARTBEAT_TIMEOUT = 300
    _beat(301)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert body["checks"]["worker"].startswith("failed: no worker heartbeat for 30")


@pytest.mark.django_db
def test_readyz_is_503_when_no_worker_ever_started(client):
    body = client.get("/readyz").json()
    assert "no worker has written a heartbeat" in body["checks"]["worker"]


@pytest.mark.django_db
def test_readyz_can_leave_the_worker_out(client, settings):
    settings.READYZ_REQUIRES_WORKER = False
    response = client.get("/readyz")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "cache"}


@pytest.mark.django_db
def test_readyz_is_503_naming_the_cache_when_it_does_not_answer(client, settings):
    _beat(1)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"].startswith("failed:") and checks["database"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_naming_the_database_when_it_does_not_answer(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def down(self, sql, params=None):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "failed: connection refused"
    assert checks["worker"] == "not checked: the database does not answer"


def test_health_paths_are_not_redirected_to_https_nor_host_checked(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["zit.example.pl"]
    assert client.get("/healthz", HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7").status_code == 400  # everything else still is


# --- what the office sees ---


@pytest.fixture
def office(db):
    return user_create(
        actor=None, username="biuro-1", password="haslo-testowe-123", roles=[("office_staff", None)]
    )


def _failed(
    title: str, days_ago: float, message: str = "Przerwane: proces zadań w tle przestał odpowiadać"
) -> Job:
    return Job.objects.create(
        kind="opendata.catalogue_refresh",
        title=title,
        status=Job.Status.FAILED,
        finished_at=timezone.now() - dt.timedelta(days=days_ago),
        message=message,
    )


def test_the_dashboard_shows_recent_failed_jobs_with_links_and_a_dead_worker(office, client, settings):
    settings.JOB_HEARTBEAT_TIMEOUT = 300
    recent = _failed("Odświeżenie katalogu projektów", 1)
    _failed("Stara awaria", 8)
    _beat(400)
    client.force_login(office)
    page = client.get("/konto/").content.decode()
    card = page[page.index('id="jobs-health-heading"') :]
    assert f'href="/biuro/zadania/{recent.pk}/"' in card
    assert "Przerwane: proces zadań w tle przestał odpowiadać" in card
    assert "Stara awaria" not in card
    assert 'href="/biuro/zadania/?stan=failed"' in card
    assert "1 (zobacz listę nieudanych)" in card
    assert "Proces zadań w tle nie działa: ostatni sygnał pracy był" in card


def test_the_dashboard_shows_a_live_worker_and_no_failures(office, client):
    _beat(2)
    client.force_login(office)
    page = client.get("/konto/").content.decode()
    card = page[page.index('id="jobs-health-heading"') :]
    assert "działa (procesy: 1, ostatni sygnał pracy o" in card
    assert "nie działa" not in card


def test_people_outside_the_office_do_not_see_the_jobs_card(user_for_role, client):
    client.force_login(user_for_role("assessor"))
    assert "jobs-health-heading" not in client.get("/konto/").content.decode()


def test_the_jobs_page_filters_by_status_and_shows_the_reason(office, client, dummy_backend):
    failed = _failed("Odświeżenie katalogu projektów", 0, "Przerwane: proces zadań w tle przestał odpowiadać")
    done = Job.objects.create(kind="core.clear_sessions", title="Usuwanie sesji", status=Job.Status.SUCCEEDED)
    client.force_login(office)
    only_failed = client.get("/biuro/zadania/?stan=failed").content.decode()
    assert f'href="/biuro/zadania/{failed.pk}/"' in only_failed
    assert "Przerwane: proces zadań w tle przestał odpowiadać" in only_failed
    assert f'href="/biuro/zadania/{done.pk}/"' not in only_failed
    assert '<option value="failed" selected>' in only_failed
    everything = client.get("/biuro/zadania/?stan=cokolwiek").content.decode()  # an unknown state: all
    assert (
        f'href="/biuro/zadania/{done.pk}/"' in everything
        and f'href="/biuro/zadania/{failed.pk}/"' in everything
    )
    assert "Nie ma zadań w tym stanie." in client.get("/biuro/zadania/?stan=running").content.decode()
