"""Reads of the register of processing activities and of the erasure rules, for the office."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zit.core.models import AuditEvent, Job
from zit.core.personal_data import ERASE_ACTION, ErasureRule, rows_due, rows_waiting, rules
from zit.core.roles import Perm, require
from zit.privacy.models import ProcessingActivity

JOB_KIND = "privacy.erase_expired"


@dataclass(frozen=True)
class Controller:
    """Art. 30 ust. 1 lit. a RODO: the association as controller, from its own data."""

    name: str
    address: str
    contact: str


def controller() -> Controller:
    from zit.association.selectors import association_profile

    profile = association_profile()
    if profile is None:
        return Controller("Stowarzyszenie Aglomeracji Konińskiej", "", "")
    address = f"{profile.street}, {profile.postal_code} {profile.city}".strip(", ")
    contact = ", ".join(part for part in (profile.email, profile.phone, profile.website) if part)
    return Controller(profile.name, address, contact)


def activities(*, user: Any) -> QuerySet[ProcessingActivity]:
    require(user, Perm.PRIVACY_VIEW)
    return ProcessingActivity.objects.order_by("order", "name", "pk")


def activity_get(*, user: Any, key: str) -> ProcessingActivity:
    require(user, Perm.PRIVACY_VIEW)
    return get_object_or_404(ProcessingActivity, key=key)


def activity_versions(*, user: Any, activity: ProcessingActivity) -> QuerySet:
    require(user, Perm.PRIVACY_VIEW)
    return activity.versions.order_by("-number")


def activity_history(*, user: Any, activity: ProcessingActivity) -> QuerySet[AuditEvent]:
    require(user, Perm.PRIVACY_VIEW)
    return AuditEvent.objects.filter(
        object_type="privacy.processingactivity", object_id=str(activity.pk)
    ).order_by("-created_at", "-pk")


def rules_of(activity: ProcessingActivity) -> list[ErasureRule]:
    """The platform's erasure rules that carry out the entry's time limits (a key no longer declared is left
    out; the edit form says so)."""
    known = rules()
    return [known[key] for key in activity.erasure_rules or [] if key in known]


@dataclass(frozen=True)
class RuleStatus:
    rule: ErasureRule
    due: int  # rows the next run empties
    waiting: int  # rows still holding the data (due now or later)
    last_erased: int | None  # rows the last run emptied, None before the first run
    activities: list[ProcessingActivity]


@dataclass(frozen=True)
class RulesOverview:
    rules: list[RuleStatus]
    last_run: Job | None


def rules_overview(*, user: Any) -> RulesOverview:
    """Every rule with what it erases, when, how many rows wait and what the last run did."""
    require(user, Perm.PRIVACY_VIEW)
    last_run = (
        Job.objects.filter(kind=JOB_KIND, status=Job.Status.SUCCEEDED).order_by("-finished_at", "-pk").first()
    )
    counts = (last_run.result or {}).get("rules", {}) if last_run else {}
    by_rule: dict[str, list[ProcessingActivity]] = {}
    for activity in ProcessingActivity.objects.order_by("order", "name"):
        for key in activity.erasure_rules or []:
            by_rule.setdefault(key, []).append(activity)
    statuses = [
        RuleStatus(
            rule=rule,
            due=rows_due(rule).count(),
            waiting=rows_waiting(rule),
            last_erased=counts.get(key) if last_run else None,
            activities=by_rule.get(key, []),
        )
        for key, rule in rules().items()
    ]
    return RulesOverview(rules=statuses, last_run=last_run)


def last_erasures(*, user: Any, limit: int = 10) -> QuerySet[AuditEvent]:
    require(user, Perm.PRIVACY_VIEW)
    return AuditEvent.objects.filter(action=ERASE_ACTION).order_by("-created_at", "-pk")[:limit]
