"""Writing the monitoring app's own records: annual reports, generated in the background."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.jobs import job_start
from zit.core.models import DecisionReference
from zit.core.roles import Perm, require_unless_system
from zit.monitoring.lifecycles import ANNUAL_REPORT
from zit.monitoring.models import AnnualReport

FIRST_YEAR = 2023  # the ZIT agreement of FEW 2021+ was signed in 2023


def report_years(today=None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


@transaction.atomic
def annual_report_start(*, actor: Any, year: int) -> AnnualReport:
    """Queue a report for `year`: the job freezes the figures first, then writes the documents."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    if year not in report_years():
        raise ValidationError(
            {
                "year": _("Sprawozdanie można przygotować za lata %(a)d–%(b)d.")
                % {"a": FIRST_YEAR, "b": timezone.localdate().year}
            }
        )
    report = AnnualReport.objects.create(
        year=year,
        as_of=min(timezone.localdate(), dt.date(year, 12, 31)),
        created_by_label=audit.actor_label(actor),
    )
    report.job = job_start(
        actor=actor,
        kind="monitoring.annual_report",
        title=_("Sprawozdanie roczne za %(y)d r.") % {"y": year},
        params={"report": report.pk},
    )
    report.save(update_fields=["job"])
    audit.record(actor=actor, action="monitoring.annual_report_start", obj=report, after={"year": year})
    return report


@transaction.atomic
def annual_report_regenerate(*, actor: Any, report: AnnualReport) -> AnnualReport:
    """New documents from the same frozen figures (after a template change, or to replace lost files)."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    if not report.snapshot:
        raise ValidationError(_("To sprawozdanie nie ma jeszcze zamrożonych danych."))
    copy = AnnualReport.objects.create(
        year=report.year,
        as_of=report.as_of,
        snapshot=report.snapshot,
        snapshot_sha256=report.snapshot_sha256,
        regenerated_from=report,
        is_demo=report.is_demo,
        created_by_label=audit.actor_label(actor),
    )
    copy.job = job_start(
        actor=actor,
        kind="monitoring.annual_report",
        title=_("Sprawozdanie roczne za %(y)d r. (ponownie, z tych samych danych)") % {"y": report.year},
        params={"report": copy.pk},
    )
    copy.save(update_fields=["job"])
    audit.record(
        actor=actor,
        action="monitoring.annual_report_regenerate",
        obj=copy,
        after={"from": report.pk, "sha256": report.snapshot_sha256},
    )
    return copy


@transaction.atomic
def annual_report_approve(*, actor: Any, report: AnnualReport, decision: DecisionReference) -> AnnualReport:
    """The Rada's resolution accepts a ready report (`lifecycles.ANNUAL_REPORT`); another report of the same
    year accepted earlier keeps its own reference, since each resolution stands on its own. The same
    resolution applied twice changes nothing."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.approved_by_id == decision.pk and report.status == AnnualReport.Status.APPROVED:
        return report
    before = {"approved_by": report.approved_by_id}

    def apply(obj: AnnualReport) -> None:
        obj.approved_by = decision

    return ANNUAL_REPORT.fire(
        actor=actor,
        obj=report,
        name="approve",
        apply=apply,
        before=before,
        after={"approved_by": decision.pk, "decision": str(decision)},
    )


@transaction.atomic
def annual_report_finish(*, report: AnnualReport, pdf: bytes, docx: bytes) -> AnnualReport:
    """The job's last step: store the documents and mark the report ready."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    name = f"sprawozdanie-zit-{report.year}-{report.pk}"

    def apply(obj: AnnualReport) -> None:
        obj.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        obj.docx.save(f"{name}.docx", ContentFile(docx), save=False)

    return ANNUAL_REPORT.fire(actor=None, obj=report, name="finish", apply=apply)


@transaction.atomic
def annual_report_fail(*, report: AnnualReport, reason: str) -> AnnualReport | None:
    """The job could not write the documents: the report says so (the job keeps the details). A report the
    job no longer prepares (ready, deleted) is left as it is."""
    report = AnnualReport.objects.select_for_update().filter(pk=report.pk).first()
    if report is None or not ANNUAL_REPORT.may(None, report, "fail"):
        return None
    return ANNUAL_REPORT.fire(actor=None, obj=report, name="fail", reason=reason)
