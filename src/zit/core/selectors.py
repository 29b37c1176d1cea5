"""Kernel reads: the audit log, jobs and the state of backups, each scoped by permission."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from zit.core.models import AuditEvent, Job, WorkerHeartbeat
from zit.core.roles import Perm, has_perm, require


def audit_events(*, user: Any, query: str = "", object_type: str = "") -> QuerySet[AuditEvent]:
    require(user, Perm.AUDIT_VIEW)
    events = AuditEvent.objects.all()
    if object_type:
        events = events.filter(object_type=object_type)
    if query:
        events = events.filter(
            Q(object_repr__icontains=query) | Q(actor_label__icontains=query) | Q(action__icontains=query)
        )
    return events


def audit_events_for_object(*, user: Any, obj: Model) -> QuerySet[AuditEvent]:
    require(user, Perm.AUDIT_VIEW)
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def audit_event_get(*, user: Any, pk: int) -> AuditEvent:
    require(user, Perm.AUDIT_VIEW)
    return AuditEvent.objects.select_related("corrects").get(pk=pk)


def jobs_visible(*, user: Any, status: str = "") -> QuerySet[Job]:
    """All jobs, newest first; only those in `status` when it names one (anything else is ignored)."""
    require(user, Perm.JOBS_VIEW)
    jobs = Job.objects.all()
    if status in Job.Status.values:
        jobs = jobs.filter(status=status)
    return jobs


def job_get(*, user: Any, pk: int) -> Job:
    require(user, Perm.JOBS_VIEW)
    return Job.objects.get(pk=pk)


@dataclass(frozen=True)
class BackupStatus:
    """The recurring backup as the office's dashboard shows it."""

    interval: dt.timedelta | None  # None: recurring backups are off
    keep_days: int
    last_run: Job | None  # the last finished run, succeeded or failed
    last_success: Job | None

    @property
    def last_run_failed(self) -> bool:
        return self.last_run is not None and self.last_run.status == Job.Status.FAILED

    @property
    def last_size(self) -> int | None:
        return (self.last_success.result or {}).get("size") if self.last_success else None

    @property
    def interval_hours(self) -> float | None:
        return self.interval.total_seconds() / 3600 if self.interval else None

    @property
    def overdue(self) -> bool:
        """No successful backup within twice the interval (or none at all) while backups are on."""
        if self.interval is None:
            return False
        if self.last_success is None or self.last_success.finished_at is None:
            return True
        return timezone.now() - self.last_success.finished_at > 2 * self.interval


def backup_status(*, user: Any) -> BackupStatus | None:
    """For the office (those who run jobs); None for everyone else, whose dashboard shows nothing of it."""
    if not has_perm(user, Perm.JOBS_RUN):
        return None
    from zit.core.backup.job import KIND, backup_interval

    finished = Job.objects.filter(kind=KIND, finished_at__isnull=False).order_by("-finished_at", "-id")
    last_run = finished.first()
    if last_run is not None and last_run.status == Job.Status.SUCCEEDED:
        last_success = last_run
    else:
        last_success = finished.filter(status=Job.Status.SUCCEEDED).first()
    return BackupStatus(
        interval=backup_interval(),
        keep_days=settings.ZIT_BACKUP_KEEP_DAYS,
        last_run=last_run,
        last_success=last_success,
    )


@dataclass(frozen=True)
class IntegrityStatus:
    """The last daily integrity check of the audit log and the signed documents, for the office's dashboard."""

    last_run: Job | None  # the last finished run

    @property
    def failed(self) -> bool:
        return self.last_run is not None and self.last_run.status == Job.Status.FAILED

    @property
    def anomaly_count(self) -> int:
        return (self.last_run.result or {}).get("anomaly_count", 0) if self.last_run else 0

    @property
    def anomalies(self) -> list[str]:
        return (
            [a["message"] for a in ((self.last_run.result or {}).get("anomalies") or [])]
            if self.last_run
            else []
        )

    @property
    def overdue(self) -> bool:
        """The last check finished more than two days ago (before the first one, the backup's warning about a
        worker that does not run is the one to show)."""
        if self.last_run is None or self.last_run.finished_at is None:
            return False
        return timezone.now() - self.last_run.finished_at > dt.timedelta(days=2)


def integrity_status(*, user: Any) -> IntegrityStatus | None:
    """For those who read the audit log; None for everyone else."""
    if not has_perm(user, Perm.AUDIT_VIEW):
        return None
    from zit.core.integrity import KIND

    last_run = (
        Job.objects.filter(kind=KIND, finished_at__isnull=False).order_by("-finished_at", "-id").first()
    )
    return IntegrityStatus(last_run=last_run)


FAILED_JOBS_DAYS = 7  # how far back the office's dashboard lists failed jobs
FAILED_JOBS_SHOWN = 5


@dataclass(frozen=True)
class JobsHealth:
    """The workers and the recent failures, as the office's dashboard shows them."""

    workers: list[WorkerHeartbeat]  # heard from within the heartbeat timeout
    last_seen: dt.datetime | None  # the last heartbeat of any worker, alive or not
    failed: list[Job]  # the newest failures of the last FAILED_JOBS_DAYS days
    failed_count: int
    days: int = FAILED_JOBS_DAYS

    @property
    def worker_alive(self) -> bool:
        return bool(self.workers)


def jobs_health(*, user: Any) -> JobsHealth | None:
    """For the office (those who run jobs); None for everyone else, whose dashboard shows nothing of it."""
    if not has_perm(user, Perm.JOBS_RUN):
        return None
    now = timezone.now()
    alive_since = now - dt.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT)
    failed = Job.objects.filter(
        status=Job.Status.FAILED, finished_at__gte=now - dt.timedelta(days=FAILED_JOBS_DAYS)
    ).order_by("-finished_at", "-id")
    return JobsHealth(
        workers=list(WorkerHeartbeat.objects.filter(seen_at__gte=alive_since).order_by("hostname", "name")),
        last_seen=WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first(),
        failed=list(failed[:FAILED_JOBS_SHOWN]),
        failed_count=failed.count(),
    )
