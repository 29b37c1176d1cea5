"""Background jobs: a Job row the UI can watch, run by one Django task that dispatches by kind.

Apps register handlers with `@job_handler("app.kind")` in their own `jobs.py`; a handler receives the job
and a `progress(done, total, message)` callback and returns a JSON-ready result. A result's `links`
([{"label": msgid, "url": ...}]) are shown on the job page when it ends, so people get back to their work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from zit.core import audit
from zit.core.models import Job
from zit.core.roles import Perm, require

ProgressFn = Callable[[int, int, str], None]
Handler = Callable[[Job, ProgressFn], Any]

_HANDLERS: dict[str, Handler] = {}


class JobFailed(Exception):
    """An expected failure (e.g. bad input): recorded on the job with its details, not re-raised."""

    def __init__(self, message: str, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.details = details or {}


_RECURRING: dict[str, dt.timedelta] = {}
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

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(job.pk)
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


def job_run(job_id: int) -> None:
    """Executed by the worker. Failures are recorded on the job, not swallowed silently."""
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    try:
        result = handler_for(job.kind)(job, lambda d, t, m="": job_progress(job, d, t, m))
    except JobFailed as exc:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            message=str(exc)[:500],
            result=exc.details | {"message": str(exc)},
        )
    except Exception as exc:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, finished_at=timezone.now(), message=str(exc)[:500]
        )
        raise
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.SUCCEEDED,
            progress=100,
            finished_at=timezone.now(),
            result=result,
            message=(result or {}).get("message", "")[:500] if isinstance(result, dict) else "",
        )
    finally:
        every = _RECURRING.get(job.kind)
        if every is not None:
            job_start(
                actor=None,
                kind=job.kind,
                title=job.title,
                params=job.params,
                run_after=timezone.now() + every,
            )


def recurring_jobs_ensure() -> list[Job]:
    """Make sure each recurring kind has one pending run; idempotent, called at start-up."""
    started = []
    for kind, _every in recurring_kinds().items():
        pending = Job.objects.filter(kind=kind, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
        if not pending.exists():
            started.append(job_start(actor=None, kind=kind, title=str(_TITLES[kind])))
    return started


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
