"""The one command that runs background jobs, whatever the queue: `manage.py run_worker`."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from zit.core import worker as worker_process
from zit.core.jobs import recurring_jobs_ensure


class Command(BaseCommand):
    help = (
        "Uruchamia proces zadań w tle dla kolejki z ustawień (baza danych albo Redis): wykonuje zadania, "
        "co ZIT_JOB_HEARTBEAT_SECONDS zapisuje sygnał pracy i oznacza jako nieudane zadania procesów, "
        "które przestały odpowiadać. Przy starcie zakłada brakujące zadania cykliczne."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Co ile sekund pusta kolejka w bazie danych jest sprawdzana ponownie (domyślnie 1).",
        )
        parser.add_argument(
            "--skip-recurring",
            action="store_true",
            help="Nie zakładaj zadań cyklicznych przy starcie (robi to inny proces albo ensure_recurring_jobs).",
        )

    def handle(self, *args, interval: float, skip_recurring: bool, verbosity: int, **options):
        level = {0: "WARNING", 1: "INFO"}.get(verbosity, "DEBUG")
        for name in ("zit.core.jobs", "zit.core.worker", "django_tasks", "django_tasks_db"):
            logging.getLogger(name).setLevel(level)
        backend = settings.TASKS_BACKEND_NAME
        worker = worker_process.worker_register(backend=backend)
        if verbosity:
            self.stdout.write(
                f"Proces zadań w tle {worker.name}, kolejka {settings.TASKS_QUEUE} ({backend})."
            )
        maintenance = worker_process.Maintenance(worker)
        try:
            if not skip_recurring:
                started = recurring_jobs_ensure()
                if verbosity:
                    self.stdout.write(f"Zadania cykliczne: dodano {len(started)}.")
            else:
                worker_process.jobs.jobs_reap()
            maintenance.start()
            if backend == "redis":
                worker_process.run_redis_queue(worker=worker, logging_level=level)
            else:
                worker_process.run_database_queue(worker=worker, interval=interval)
        finally:
            maintenance.halt()
            worker_process.worker_unregister(worker)
