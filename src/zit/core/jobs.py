"""Background jobs: a Job row the UI can watch, run by one Django task that dispatches by kind.

Apps register handlers with `@job_handler("app.kind")` in their own `jobs.py`; a handler receives the job
and a `progress(done, total, message)` callback and returns a JSON-ready result. A result's `links`
([{"label": msgid, "url": ...}]) are shown on the job page when it ends, so people get back to their work.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from zit.core import audit
from zit.core.lifecycles import job_move
from zit.core.models import Job
from zit.core.roles import Perm, require

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
Handler = Callable[[Job, ProgressFn], Any]

_HANDLERS: dict[str, Handler] = {}


class JobFailed(Exception):
    """An expected failure (e.g. bad input): recorded on the job with its details, not re-raised."""

    def __init__(self, message: str, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.details = details or {}


_RECURRING: dict[str, dt.timedelta] = {}
# how soon a person who wants notices at once hears of a new item of their inbox
NOTICES_EVERY_MINUTES = 15
_TITLES: dict[str, Any] = {}


def job_handler(kind: str, *, title: Any, every: dt.timedelta | None = None) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        _TITLES[kind] = title
        if every is not None:
            _RECURRING[kind] = every
        return func

    return register


def _load_all() -> None:
    """Import every app's `jobs` module once, so that its handlers register."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("zit."):
            try:
                __import__(f"{config.name}.jobs")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.jobs":
                    raise


def handler_for(kind: str) -> Handler:
    _load_all()
    return _HANDLERS[kind]


def recurring_kinds() -> dict[str, dt.timedelta]:
    _load_all()
    return dict(_RECURRING)


def _enqueue(job: Job, run_after: dt.datetime | None = None) -> None:
    from zit.core.tasks import run_job

    result = run_job.using(queue_name=settings.TASKS_QUEUE, run_after=run_after).enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))


def job_start(
    *,
    actor: Any,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    run_after: dt.datetime | None = None,
) -> Job:
    """Queue a job. Users need the jobs permission; the system (actor=None) schedules recurring work."""
    if actor is not None:
        require(actor, Perm.JOBS_RUN)
    _load_all()
    if kind not in _HANDLERS:
        raise ValueError(f"Unknown job kind: {kind}")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title,
            params=params or {},
            created_by_id=getattr(actor, "pk", None),
            created_by_label=audit.actor_label(actor),
        )
        audit.record(actor=actor, action="job.start", obj=job, after={"kind": kind, "params": job.params})
        transaction.on_commit(lambda: _enqueue(job, run_after))
    return job


def job_progress(job: Job, done: int, total: int, message: str = "") -> None:
    percent = 100 if total <= 0 else max(0, min(99, int(done * 100 / total)))
    Job.objects.filter(pk=job.pk).update(progress=percent, message=message[:500])


# --- the worker's side ---

_worker_name = f"{socket.gethostname()}:{os.getpid()}"


def worker_name() -> str:
    """This process's name on the jobs it runs: `run_worker` sets a unique one; host:pid otherwise."""
    return _worker_name


def worker_name_set(name: str) -> None:
    global _worker_name
    _worker_name = name


class _JobHeartbeat:
    """While the handler runs, a thread of its own writes the job's heartbeat every ZIT_JOB_HEARTBEAT_SECONDS,
    so a handler that is busy (or blocked) for long is still seen as alive, and one whose process died is not."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"job-heartbeat-{job_id}", daemon=True)

    def _beat(self) -> None:
        try:
            while not self.stop.wait(settings.JOB_HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception:  # the database busy or gone for a moment: the next beat tries again
                    logger.warning("job %s: heartbeat not written", self.job_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections

    def __enter__(self) -> _JobHeartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


INTERRUPTED_MESSAGE = "Przerwane: proces zadań w tle zatrzymano w trakcie zadania."


def job_run(job_id: int) -> None:
    """Executed by the worker; its moves are the job's lifecycle (`lifecycles.JOB`), each one conditional update. The job is claimed once (a second delivery of the same task finds it taken); the
    handler's failure, whatever it is, is recorded on the job and never stops the worker."""
    now = timezone.now()
    claimed = job_move(job_id, "claim", started_at=now, heartbeat_at=now, worker_name=worker_name()[:200])
    if not claimed:
        return  # finished, taken by another worker, reaped or deleted
    job = Job.objects.get(pk=job_id)
    stopping: BaseException | None = None
    with _JobHeartbeat(job.pk):
        try:
            result = handler_for(job.kind)(job, lambda d, t, m="": job_progress(job, d, t, m))
        except JobFailed as exc:
            move, outcome = "fail", {"message": str(exc)[:500]}
            outcome["result"] = exc.details | {"message": str(exc)}
        except Exception as exc:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            message = str(exc) or type(exc).__name__
            move, outcome = "fail", {"message": message[:500]}
            outcome["result"] = {"message": message, "error": type(exc).__name__}
        except BaseException as exc:  # the worker is being stopped (a second Ctrl-C, SystemExit)
            stopping = exc
            move, outcome = "fail", {"message": INTERRUPTED_MESSAGE}
            outcome["result"] = {"message": INTERRUPTED_MESSAGE, "interrupted": True}
        else:
            move, outcome = (
                "succeed",
                {
                    "progress": 100,
                    "result": result,
                    "message": (result or {}).get("message", "")[:500] if isinstance(result, dict) else "",
                },
            )
    ended = job_move(job.pk, move, **outcome)
    if not ended:
        # reaped while it ran (its heartbeat was late): the reaper recorded it and queued the next run
        logger.warning(
            "job %s (%s) ended after it had been reaped; its outcome is not recorded", job.pk, job.kind
        )
    else:
        _reschedule(job, run_after=None if stopping else _next_run(job.kind))
    if stopping is not None:
        raise stopping


def _next_run(kind: str) -> dt.datetime | None:
    every = _RECURRING.get(kind)
    return None if every is None else timezone.now() + every


def _reschedule(job: Job, *, run_after: dt.datetime | None) -> Job | None:
    """The next run of a recurring job (at once when run_after is None)."""
    if job.kind not in _RECURRING:
        return None
    return job_start(actor=None, kind=job.kind, title=job.title, params=job.params, run_after=run_after)


def reaped_message(last_sign: dt.datetime | None) -> str:
    when = timezone.localtime(last_sign).strftime("%Y-%m-%d %H:%M:%S") if last_sign else "brak"
    return (
        "Przerwane: proces zadań w tle przestał odpowiadać (ostatni sygnał pracy: "
        f"{when}). Zadanie nie zostało dokończone."
    )


def jobs_reap(*, now: dt.datetime | None = None) -> list[Job]:
    """Mark running jobs whose heartbeat is older than ZIT_JOB_HEARTBEAT_TIMEOUT as failed, saying why, and queue
    a recurring one again at once. Safe to run from every worker at the same time: each job is reaped once."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)
    stale = Job.objects.filter(status=Job.Status.RUNNING).annotate(
        last_sign=Coalesce("heartbeat_at", "started_at", "created_at")
    )
    reaped = []
    for job in stale.filter(last_sign__lt=limit):
        message = reaped_message(job.last_sign)
        with transaction.atomic():  # short: one job's row, its audit event and its next run
            won = job_move(
                job.pk,
                "reap",
                finished_at=now,
                message=message[:500],
                result={"message": message, "reaped": True, "worker": job.worker_name},
            )
            if not won:
                continue  # finished, or reaped by another worker, in the meantime
            audit.record(
                actor=None,
                action="job.reaped",
                obj=job,
                after={
                    "kind": job.kind,
                    "worker": job.worker_name,
                    "last_heartbeat": job.last_sign.isoformat(),
                },
            )
            _load_all()
            _reschedule(job, run_after=None)
        logger.warning("job %s (%s) reaped: %s", job.pk, job.kind, message)
        job.refresh_from_db()
        reaped.append(job)
    return reaped


def recurring_jobs_ensure() -> list[Job]:
    """Make sure each recurring kind has one pending run; idempotent, called when a worker starts. Jobs left
    running by a dead worker are reaped first, so that they no longer count as pending."""
    jobs_reap()
    started = []
    with transaction.atomic():
        _serialise("zit.core.recurring_jobs_ensure")
        for kind, _every in recurring_kinds().items():
            pending = Job.objects.filter(kind=kind, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
            if not pending.exists():
                started.append(job_start(actor=None, kind=kind, title=str(_TITLES[kind])))
    return started


def _serialise(name: str) -> None:
    """Two workers starting at once do not both queue the same recurring job: on PostgreSQL a lock held until
    the transaction ends; SQLite's transactions (IMMEDIATE) already run one at a time."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


@job_handler("core.clear_sessions", title="Usuwanie wygasłych sesji logowania", every=dt.timedelta(days=1))
def clear_expired_sessions(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    progress(1, 1, "")
    return {"message": f"Usunięto wygasłe sesje: {deleted}.", "deleted": deleted}


@job_handler(
    "core.public_forms_purge",
    title="Usuwanie wstrzymanych wysyłek z formularzy publicznych",
    every=dt.timedelta(hours=6),
)
def purge_parked_posts(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.core.public_forms import parked_purge

    deleted = parked_purge(actor=None)
    progress(1, 1, "")
    total = sum(deleted.values())
    return {
        "message": f"Usunięto wstrzymane wysyłki starsze niż okres moderacji: {total}.",
        "deleted": deleted,
    }


@job_handler(
    "core.notices", title="Powiadomienia i skrót e-mailowy", every=dt.timedelta(minutes=NOTICES_EVERY_MINUTES)
)
def deliver_notices(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.core.notices import notices_deliver

    done = notices_deliver()
    progress(1, 1, "")
    return {
        "message": (
            f"Nowe powiadomienia: {done['created']}. Wysłane w skrótach e-mailowych: {done['mailed']} "
            f"(adresaci: {done['people']}; niewysłane: {done['failed']})."
        ),
        **done,
    }


# A finished run of recurring work is history only for a while: the notices alone queue ~96 runs a day.
# Failed runs and everything a person started are kept; so is each kind's latest success.
RECURRING_RUNS_KEPT_DAYS = 14


def recurring_runs_prune(*, now: dt.datetime | None = None) -> int:
    """Delete the system's successful runs of recurring jobs older than RECURRING_RUNS_KEPT_DAYS."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=RECURRING_RUNS_KEPT_DAYS)
    deleted = 0
    for kind in recurring_kinds():
        old = Job.objects.filter(
            kind=kind, status=Job.Status.SUCCEEDED, created_by_id__isnull=True, finished_at__lt=cutoff
        )
        latest = Job.objects.filter(kind=kind, status=Job.Status.SUCCEEDED).order_by("-finished_at", "-id")
        keep = latest.values_list("pk", flat=True).first()
        deleted += old.exclude(pk=keep).delete()[0]
    return deleted


@job_handler(
    "core.jobs_prune", title="Usuwanie starych przebiegów prac cyklicznych", every=dt.timedelta(days=1)
)
def prune_recurring_runs(job: Job, progress: ProgressFn) -> dict[str, Any]:
    deleted = recurring_runs_prune()
    progress(1, 1, "")
    return {
        "message": f"Usunięto udane przebiegi prac cyklicznych sprzed {RECURRING_RUNS_KEPT_DAYS} dni: {deleted}.",
        "deleted": deleted,
    }


@job_handler(
    "core.trust_list_refresh", title="Pobranie listy zaufanych usług (podpisy)", every=dt.timedelta(days=1)
)
def refresh_trust_list(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from urllib.error import URLError

    from django.core.exceptions import ValidationError

    from zit.core.safe_fetch import SafeFetchError
    from zit.core.trust_list import trust_list_refresh

    try:
        result = trust_list_refresh()
    except (SafeFetchError, URLError, OSError) as exc:
        raise JobFailed(f"Nie udało się pobrać listy zaufanych usług; zostaje poprzednia. {exc}") from exc
    except ValidationError as exc:
        raise JobFailed(
            f"Pobrany plik nie jest poprawną listą zaufanych usług; zostaje poprzednia. {exc}"
        ) from exc
    progress(1, 1, "")
    return result
