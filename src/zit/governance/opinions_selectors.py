"""Reading the working group's opinions: the office's list and the opinions the Rada sees on a resolution."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from zit.governance.models import AdvisoryOpinion, Resolution
from zit.governance.models.opinions import SUBJECT_FIELDS
from zit.monitoring.models import AnnualReport
from zit.projects.models import ListVersion
from zit.strategy.models import StrategyVersion


def opinion_list(kind: str = "") -> QuerySet[AdvisoryOpinion]:
    """Newest first; `kind` (a subject field name) keeps one kind of subject."""
    opinions = AdvisoryOpinion.objects.select_related(
        "body", "document", "meeting", "list_version", "strategy_version__strategy", "annual_report"
    )
    if kind in SUBJECT_FIELDS:
        opinions = opinions.filter(**{f"{kind}__isnull": False})
    return opinions.order_by("-given_on", "-id")


def opinions_for_resolution(resolution: Resolution) -> list[AdvisoryOpinion]:
    """The standing (not withdrawn) opinions on what the resolution acts on, newest first."""
    subjects = {f: getattr(resolution, f"{f}_id") for f in SUBJECT_FIELDS if getattr(resolution, f"{f}_id")}
    if not subjects:
        return []
    condition = Q()
    for field, pk in subjects.items():
        condition |= Q(**{f"{field}_id": pk})
    return list(
        AdvisoryOpinion.objects.filter(condition, withdrawn_at__isnull=True)
        .select_related("body", "document")
        .order_by("-given_on", "-id")
    )


def subject_choices() -> dict[str, Any]:
    """What the working group can give an opinion on, keyed "field:pk" for the form's one select."""
    subjects: dict[str, Any] = {}
    for version in ListVersion.objects.order_by("-number"):
        subjects[f"list_version:{version.pk}"] = version
    for version in StrategyVersion.objects.select_related("strategy").order_by("-created_at"):
        subjects[f"strategy_version:{version.pk}"] = version
    for report in AnnualReport.objects.exclude(status=AnnualReport.Status.FAILED).order_by("-year", "-as_of"):
        subjects[f"annual_report:{report.pk}"] = report  # shown by its year (subject_label)
    return subjects
