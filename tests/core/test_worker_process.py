"""Real worker processes (`manage.py run_worker`) against the test database: a worker killed in the middle of a
job, a handler that raises, and two workers sharing the Redis queue. On SQLite the test and the workers share
a file copy of the test database (an in-memory one cannot be shared between processes)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django_tasks_db.models import DBTaskResult
from rq import Queue
from waiting import wait_until

from tests.core.workers import kinds
from zit.core.jobs import job_start, jobs_reap
from zit.core.models import AuditEvent, Job, WorkerHeartbeat

RUN = Path(kinds.__file__).with_name("run.py")
REDIS_URL = os.environ.get("ZIT_TEST_REDIS_URL", "redis://127.0.0.1:6379/12").rsplit("/", 1)[0] + "/13"


@pytest.fixture
def job_kinds(monkeypatch):
    kinds.install(monkeypatch.setitem)


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """The database URL a worker process uses to reach the data this test writes (and reads back)."""
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = settings_dict["USER"] + (f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else "")
        host = settings_dict["HOST"] or "127.0.0.1"
        yield f"postgres://{auth}@{host}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        return
    memory = settings_dict["NAME"]
    keeper = sqlite3.connect(memory, uri=True)  # an in-memory database lives while a connection holds it
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    BaseDatabaseWrapper.close(
        connection
    )  # SQLite's own close() leaves an in-memory database's connection open
    settings_dict["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        settings_dict["NAME"] = memory
        connection.ensure_connection()  # holds the in-memory database again before the keeper lets it go
        keeper.close()


def _start_worker(database_url: str, tmp_path: Path, **env: str) -> subprocess.Popen:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZIT_", "DJANGO_", "DATABASE_"))}
    log = open(tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, str(RUN), "--interval", "0.2", "--skip-recurring"],
        env=clean
        | {
            "DJANGO_SETTINGS_MODULE": "zit.config.settings_test",
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "ZIT_VAR_DIR": str(tmp_path / "var"),
            "ZIT_JOB_HEARTBEAT_SECONDS": "0.5",
            "ZIT_JOB_HEARTBEAT_TIMEOUT": "3",
        }
        | env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _log(process: subprocess.Popen) -> str:
    return Path(process.stdout.name).read_text() if process.stdout else ""


def _wait_for(what: str, condition, *, seconds: float = 40, processes=()) -> None:
    def met() -> bool:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"a worker exited ({process.returncode}) before {what}:\n{_log(process)[-3000:]}")
        return bool(condition())

    try:
        wait_until(met, what=what, seconds=seconds, every=0.2)
    except AssertionError as exc:
        logs = "\n".join(_log(p)[-3000:] for p in processes)
        pytest.fail(f"{exc}\n{logs}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout:
        process.stdout.close()


@pytest.fixture
def workers():
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        _stop(process)


def test_a_killed_worker_s_job_is_reaped_with_its_reason_and_the_recurring_job_queued_again(
    job_kinds, shared_database, tmp_path, workers, settings
):
    """Before: a worker killed mid-job left the job RUNNING for ever, and recurring_jobs_ensure, seeing it,
    never scheduled that recurring job again."""
    never = str(tmp_path / "never")  # the job runs until its worker is killed
    job = job_start(actor=None, kind=kinds.SLOW, title="Powolne", params={"release": never})
    worker = _start_worker(shared_database, tmp_path)
    workers.append(worker)

    def beating() -> bool:
        job.refresh_from_db()
        return job.status == Job.Status.RUNNING and job.heartbeat_at > job.started_at

    _wait_for("the job runs and its heartbeat is written", beating, processes=[worker])
    assert WorkerHeartbeat.objects.filter(pid=worker.pid).exists()

    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    job.refresh_from_db()
    last_beat = job.heartbeat_at
    settings.JOB_HEARTBEAT_TIMEOUT = 1
    # the reaper's clock, moved on instead of waited for
    fresh = jobs_reap(now=last_beat + dt.timedelta(seconds=0.5))
    assert fresh == []  # the last heartbeat is still fresh: nothing is taken for dead too early
    reaped = jobs_reap(now=last_beat + dt.timedelta(seconds=1.5))

    job.refresh_from_db()
    assert [j.pk for j in reaped] == [job.pk]
    assert job.status == Job.Status.FAILED
    assert job.finished_at is not None
    assert job.message.startswith("Przerwane: proces zadań w tle przestał odpowiadać (ostatni sygnał pracy:")
    assert job.result["reaped"] is True
    assert job.result["worker"] == job.worker_name and f":{worker.pid}:" in job.worker_name
    assert AuditEvent.objects.filter(action="job.reaped", object_id=str(job.pk)).exists()
    again = Job.objects.get(kind=kinds.SLOW, status=Job.Status.QUEUED)
    assert again.params == {"release": never}
    assert DBTaskResult.objects.get(id=again.task_result_id).status == "READY"
    assert jobs_reap() == []  # reaped once: a second pass (another worker's) queues nothing more
    assert Job.objects.filter(kind=kinds.SLOW).count() == 2


def test_a_handler_s_exception_is_recorded_and_the_worker_goes_on(
    job_kinds, shared_database, tmp_path, workers
):
    broken = job_start(actor=None, kind=kinds.EXPLODE, title="Z błędem")
    after = job_start(actor=None, kind=kinds.SLOW, title="Następne")  # queued behind the broken one
    worker = _start_worker(shared_database, tmp_path)
    workers.append(worker)

    _wait_for(
        "the job after the broken one is done",
        lambda: Job.objects.get(pk=after.pk).status == Job.Status.SUCCEEDED,
        processes=[worker],
    )
    broken.refresh_from_db()
    assert broken.status == Job.Status.FAILED
    assert broken.message == "awaria w kodzie zadania"
    assert broken.result["error"] == "RuntimeError"
    assert worker.poll() is None  # still running


@pytest.fixture
def redis_queue(settings):
    """A queue of its own in Redis database 13, emptied afterwards."""
    queue = f"zit-test-{uuid.uuid4().hex[:12]}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    settings.TASKS_QUEUE = queue
    settings.RQ_QUEUES = {queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": -1}}
    yield queue
    ours = [f"*{queue}*"] + [
        f"rq:*:{task_id}" for task_id in Job.objects.values_list("task_result_id", flat=True) if task_id
    ]
    with redis.Redis.from_url(REDIS_URL) as queue_redis:
        for pattern in ours:
            for key in queue_redis.scan_iter(pattern):
                queue_redis.delete(key)
        queue_redis.srem("rq:queues", f"rq:queue:{queue}")


def test_two_workers_on_the_redis_queue_share_the_jobs_and_run_none_twice(
    job_kinds, shared_database, tmp_path, workers, redis_queue
):
    executions = f"{redis_queue}:executions"
    env = {
        "ZIT_TASKS_BACKEND": "redis",
        "ZIT_TASKS_REDIS_URL": REDIS_URL,
        "ZIT_TASKS_QUEUE": redis_queue,
        "ZIT_TEST_EXECUTIONS_URL": REDIS_URL,
        "ZIT_TEST_EXECUTIONS_KEY": executions,
    }
    workers.extend(_start_worker(shared_database, tmp_path, **env) for _ in range(2))
    _wait_for(
        "both workers to start",
        lambda: WorkerHeartbeat.objects.filter(backend="redis").count() == 2,
        processes=workers,
    )
    count = 16
    queued = [
        job_start(actor=None, kind=kinds.RECORD, title=f"Zapis {n}", params={"until_both_workers": True})
        for n in range(count)
    ]
    _wait_for(
        f"{count} jobs done",
        lambda: Job.objects.filter(kind=kinds.RECORD, status=Job.Status.SUCCEEDED).count() == count,
        processes=workers,
    )
    # a job delivered twice would run again until RQ's queue is empty and no worker holds a job any more
    rq_queue = Queue(redis_queue, connection=redis.Redis.from_url(REDIS_URL))
    _wait_for(
        "the queue to be drained",
        lambda: rq_queue.count == 0 and rq_queue.started_job_registry.count == 0,
        processes=workers,
    )
    runs = [entry.decode().split(":") for entry in redis.Redis.from_url(REDIS_URL).lrange(executions, 0, -1)]

    assert sorted(int(job_id) for job_id, _pid in runs) == sorted(job.pk for job in queued)  # each once
    assert {int(pid) for _job_id, pid in runs} == {worker.pid for worker in workers}  # both took some
    assert set(Job.objects.filter(kind=kinds.RECORD).values_list("worker_name", flat=True)) == set(
        WorkerHeartbeat.objects.values_list("name", flat=True)
    )
