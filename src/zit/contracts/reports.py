"""Progress information ("informacja o postępie"), optional and light: the beneficiary's users describe a
period in a few words and may add expenditure by year and category, indicator values reached so far,
milestones reached and attachments; they pass it on to the office, which takes note of it or asks a
question (answered by editing and passing it on again). The office accepts and returns nothing: the IZ
verifies expenditure in payment claims. Noted information marks the milestones it reports as reached and its
figures count in the monitoring."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.contracts.lifecycles import REPORT
from zit.contracts.models import (
    Contract,
    ProgressReport,
    ReportAttachment,
    ReportExpenditure,
    ReportIndicator,
    ReportMilestone,
)
from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, has_perm
from zit.core.signed import file_sha256

ATTACHMENT_TYPES = (".pdf", ".docx", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".zip")
ATTACHMENT_MAX = 20 * 1024 * 1024


def may_write(user: Any, contract: Contract) -> bool:
    return has_perm(user, Perm.CARDS_EDIT, organisation_id=contract.card.beneficiary_id)


def _require_writer(actor: Any, report: ProgressReport) -> None:
    if actor is not None and not may_write(actor, report.contract):
        raise PermissionDenied(_("Informację o postępie przekazują użytkownicy beneficjenta."))
    if not report.editable:
        raise ValidationError(
            _("Informacja o postępie jest %(s)s: nie można jej zmienić.") % {"s": report.get_status_display()}
        )


@transaction.atomic
def report_create(
    *, actor: Any, contract: Contract, period_from: dt.date, period_to: dt.date
) -> ProgressReport:
    if actor is not None and not may_write(actor, contract):
        raise PermissionDenied(_("Informację o postępie przekazują użytkownicy beneficjenta."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)  # serialises the overlap check
    errors: dict[str, str] = {}
    if period_to < period_from:
        errors["period_to"] = _("Koniec okresu nie może być wcześniejszy niż jego początek.")
    elif period_from < contract.starts_on or period_to > max(contract.ends_on, contract.starts_on):
        errors["period_from"] = _("Okres musi mieścić się w realizacji projektu (%(a)s – %(b)s).") % {
            "a": format_date(contract.starts_on),
            "b": format_date(contract.ends_on),
        }
    overlapping = contract.reports.filter(period_from__lte=period_to, period_to__gte=period_from).first()
    if overlapping and not errors:
        errors["period_from"] = _("Okres nakłada się na informację o postępie za %(a)s – %(b)s.") % {
            "a": format_date(overlapping.period_from),
            "b": format_date(overlapping.period_to),
        }
    if errors:
        raise ValidationError(errors)
    report = ProgressReport.objects.create(
        contract=contract,
        period_from=period_from,
        period_to=period_to,
        created_by_label=audit.actor_label(actor),
    )
    audit.record(actor=actor, action="contracts.report_create", obj=report, after=audit.snapshot(report))
    return report


@dataclass
class ReportData:
    narrative: str
    expenditure: list[tuple[int, str, Decimal]]  # year, category, amount
    indicators: dict[int, Decimal]  # contract indicator id → value reached so far
    milestones: dict[int, dt.date]  # contract milestone id → date reached


@transaction.atomic
def report_save(*, actor: Any, report: ProgressReport, data: ReportData) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("contract").get(pk=report.pk)
    _require_writer(actor, report)
    contract = report.contract
    errors: dict[str, list[str]] = {}
    seen = set()
    for year, category, amount in data.expenditure:
        if amount < 0:
            errors.setdefault("expenditure", []).append(_("Wydatki nie mogą być ujemne."))
        if not report.period_from.year <= year <= report.period_to.year:
            errors.setdefault("expenditure", []).append(
                _("Rok %(y)d jest poza okresem, którego dotyczy informacja.") % {"y": year}
            )
        if (year, category) in seen:
            errors.setdefault("expenditure", []).append(_("Każdą kategorię w danym roku wpisz raz."))
        seen.add((year, category))
    targets = {t.pk: t for t in contract.indicators.all()}
    milestones = {m.pk: m for m in contract.milestones.all()}
    if set(data.indicators) - set(targets) or set(data.milestones) - set(milestones):
        raise ValidationError(_("Te wskaźniki lub kamienie milowe nie należą do tej umowy."))
    for value in data.indicators.values():
        if value < 0:
            errors.setdefault("indicators", []).append(_("Wartość wskaźnika nie może być ujemna."))
    for pk, day in data.milestones.items():
        if day > report.period_to:
            errors.setdefault("milestones", []).append(
                _("„%(m)s”: data osiągnięcia jest po końcu okresu, którego dotyczy informacja.")
                % {"m": milestones[pk].name}
            )
    if errors:
        raise ValidationError(errors)
    before = _snapshot(report)
    report.narrative = data.narrative.strip()
    report.save(update_fields=["narrative"])
    report.expenditure.all().delete()
    ReportExpenditure.objects.bulk_create(
        ReportExpenditure(report=report, year=y, category=c, amount_pln=a) for y, c, a in data.expenditure
    )
    report.indicator_values.all().delete()
    ReportIndicator.objects.bulk_create(
        ReportIndicator(report=report, target=targets[pk], value=v) for pk, v in data.indicators.items()
    )
    report.milestone_dates.all().delete()
    ReportMilestone.objects.bulk_create(
        ReportMilestone(report=report, milestone=milestones[pk], reached_on=d)
        for pk, d in data.milestones.items()
    )
    after = _snapshot(report)
    if audit.changed(before, after):
        audit.record(actor=actor, action="contracts.report_update", obj=report, before=before, after=after)
    return report


def _snapshot(report: ProgressReport) -> dict[str, Any]:
    return {
        "narrative": report.narrative,
        "expenditure": [[e.year, e.category, str(e.amount_pln)] for e in report.expenditure.all()],
        "indicators": {str(i.target_id): str(i.value) for i in report.indicator_values.all()},
        "milestones": {str(m.milestone_id): str(m.reached_on) for m in report.milestone_dates.all()},
    }


@transaction.atomic
def report_attach(*, actor: Any, report: ProgressReport, file: Any) -> ReportAttachment:
    report = ProgressReport.objects.select_for_update().select_related("contract__card").get(pk=report.pk)
    _require_writer(actor, report)
    name = getattr(file, "name", "").lower()
    if not name.endswith(ATTACHMENT_TYPES):
        raise ValidationError({"file": _("Dołącz PDF, dokument biurowy, zdjęcie albo archiwum ZIP.")})
    if file.size > ATTACHMENT_MAX:
        raise ValidationError({"file": _("Plik jest większy niż 20 MB.")})
    digest = file_sha256(file)
    attachment = ReportAttachment(report=report, sha256=digest, uploaded_by_label=audit.actor_label(actor))
    attachment.file.save(file.name, file, save=True)
    audit.record(
        actor=actor,
        action="contracts.report_attach",
        obj=report,
        after={"file": attachment.file.name, "sha256": attachment.sha256},
    )
    return attachment


@transaction.atomic
def report_pass_on(*, actor: Any, report: ProgressReport) -> ProgressReport:
    """The beneficiary passes the information on to the office, first or after answering a question
    (`lifecycles.REPORT`: only the narrative is needed)."""
    report = ProgressReport.objects.select_for_update().select_related("contract__card").get(pk=report.pk)

    def apply(obj: ProgressReport) -> None:
        obj.submitted_at = timezone.now()

    return REPORT.fire(actor=actor, obj=report, name="pass_on", apply=apply)


@transaction.atomic
def report_note(*, actor: Any, report: ProgressReport) -> ProgressReport:
    """The office takes note of the information; the milestones it reports become reached."""
    return report_transition(actor=actor, report=report, name="note")


@transaction.atomic
def report_ask(*, actor: Any, report: ProgressReport, question: str) -> ProgressReport:
    """The office asks the beneficiary a question about the information (required, shown to them)."""
    return report_transition(actor=actor, report=report, name="ask", reason=question)


@transaction.atomic
def report_transition(*, actor: Any, report: ProgressReport, name: str, reason: str = "") -> ProgressReport:
    """Fire one of the information's transitions (`lifecycles.REPORT`, which checks who may); here only what
    each act records."""
    if name == "pass_on":
        return report_pass_on(actor=actor, report=report)
    report = ProgressReport.objects.select_for_update().select_related("contract__card").get(pk=report.pk)
    noted = name == "note"

    def apply(obj: ProgressReport) -> None:
        if not noted:
            obj.question = reason.strip()
        obj.responded_at, obj.responded_by_label = timezone.now(), audit.actor_label(actor)

    REPORT.fire(actor=actor, obj=report, name=name, reason=reason, apply=apply)
    if noted:
        for reached in report.milestone_dates.select_related("milestone"):
            reached.milestone.reached_on = reached.reached_on
            reached.milestone.save(update_fields=["reached_on"])
    return report


def report_actions(*, user: Any, report: ProgressReport):
    """The information's buttons for the user (`lifecycles.REPORT`)."""
    return REPORT.actions(user, report)
