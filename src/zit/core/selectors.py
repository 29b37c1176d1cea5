"""Kernel reads: the audit log and jobs, each scoped by permission."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet

from zit.core.models import AuditEvent, Job
from zit.core.roles import Perm, require


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


def jobs_visible(*, user: Any) -> QuerySet[Job]:
    require(user, Perm.JOBS_VIEW)
    return Job.objects.all()


def job_get(*, user: Any, pk: int) -> Job:
    require(user, Perm.JOBS_VIEW)
    return Job.objects.get(pk=pk)
