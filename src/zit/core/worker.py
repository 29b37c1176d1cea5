"""The worker process (`manage.py run_worker`): whichever queue the platform uses, it says it is alive every
ZIT_JOB_HEARTBEAT_SECONDS (a WorkerHeartbeat row that /readyz and the office's dashboard read) and reaps the
jobs of workers that died, beside the queue's own worker loop."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone

from zit.core import jobs
from zit.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# a worker not heard from for this long is forgotten (its row deleted), so the dashboard lists only recent ones
FORGET_AFTER = dt.timedelta(days=7)


def worker_register(*, backend: str) -> WorkerHeartbeat:
    host = socket.gethostname()
    name = f"{host}:{os.getpid()}:{secrets.token_hex(3)}"
    jobs.worker_name_set(name)
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        name=name, hostname=host[:200], pid=os.getpid(), backend=backend, started_at=now, seen_at=now
    )


def worker_beat(worker: WorkerHeartbeat) -> None:
    now = timezone.now()
    if not WorkerHeartbeat.objects.filter(pk=worker.pk).update(seen_at=now):
        # deleted as forgotten while this worker was stopped in a debugger or its machine slept: say it again
        WorkerHeartbeat.objects.update_or_create(
            name=worker.name,
            defaults={
                "hostname": worker.hostname,
                "pid": worker.pid,
                "backend": worker.backend,
                "started_at": worker.started_at,
                "seen_at": now,
            },
        )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()


def worker_unregister(worker: WorkerHeartbeat) -> None:
    WorkerHeartbeat.objects.filter(pk=worker.pk).delete()


def maintenance_once(worker: WorkerHeartbeat) -> None:
    worker_beat(worker)
    jobs.jobs_reap()


class Maintenance:
    """A daemon thread with its own database connection: the heartbeat and the reaper, every interval. A failure
    (the database busy or away for a moment) is logged and tried again at the next beat."""

    def __init__(self, worker: WorkerHeartbeat):
        self.worker = worker
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="worker-maintenance", daemon=True)

    def _loop(self) -> None:
        try:
            while not self.stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    close_old_connections()
                    maintenance_once(self.worker)
                except Exception:
                    logger.warning("worker heartbeat or reaper failed; trying again", exc_info=True)
        finally:
            connections.close_all()

    def start(self) -> None:
        self.thread.start()

    def halt(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


def run_database_queue(*, worker: WorkerHeartbeat, interval: float) -> None:
    """django-tasks-db's worker loop: takes each task under a row lock (SKIP LOCKED on PostgreSQL)."""
    from django_tasks_db.management.commands.db_worker import Worker

    loop = Worker(
        queue_names=[settings.TASKS_QUEUE],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=True,
        max_tasks=None,
        worker_id=worker.name[:64],
        excluded_queue_names=[],
    )
    loop.configure_signals()
    loop.run()


def run_redis_queue(*, worker: WorkerHeartbeat, logging_level: str = "INFO") -> None:
    """RQ's worker over the queue in Redis (django-tasks-rq): each task is popped by one worker only; tasks
    queued for later are moved to the queue by the scheduler that the workers run between them."""
    import django_rq
    from django_tasks_rq.backend import Job as TaskJob
    from rq import SimpleWorker

    class PlatformWorker(SimpleWorker):
        """Runs each task in this process (no fork, so the worker's heartbeat covers the job it runs), with
        fresh database connections around it, as a web request has."""

        def execute_job(self, job, queue):
            close_old_connections()
            try:
                return super().execute_job(job, queue)
            finally:
                close_old_connections()

    rq_worker = django_rq.get_worker(
        settings.TASKS_QUEUE, job_class=TaskJob, worker_class=PlatformWorker, name=worker.name
    )
    connections.close_all()
    rq_worker.work(with_scheduler=True, logging_level=logging_level)
