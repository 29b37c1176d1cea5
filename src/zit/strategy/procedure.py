"""The adoption procedure of a strategy version: its steps (resolutions, consultation, opinions, the
environmental assessment), started from the standard list and kept with dates and documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.lifecycle import Context
from zit.strategy.consultations import period_refusal, period_write
from zit.strategy.lifecycles import CONSULTATION_MIN_DAYS, completed_not_in_future, resolution_given
from zit.strategy.models import ProcedureStep, StrategyVersion
from zit.strategy.services import check_actor

DEFAULT_PROCEDURE = [
    (
        "drafting_resolution",
        "Uchwała Rady o przystąpieniu do opracowania strategii, procedurze i trybie konsultacji",
    ),
    ("consultation", "Konsultacje społeczne projektu strategii"),
    ("opinion", "Opinie gmin sąsiednich"),
    ("opinion", "Opinia Państwowego Gospodarstwa Wodnego Wody Polskie (właściwy RZGW)"),
    ("sea", "Strategiczna ocena oddziaływania na środowisko albo uzgodnione odstąpienie (RDOŚ, PPIS)"),
    ("regional_opinion", "Opinia Zarządu Województwa Wielkopolskiego"),
    ("adoption", "Uchwała Rady przyjmująca strategię"),
]


@transaction.atomic
def procedure_start(*, actor: Any, version: StrategyVersion) -> list:
    """The standard steps for a version that has none yet; staff add others (more bodies to ask)."""
    check_actor(actor)
    if version.procedure_steps.exists():
        raise ValidationError(_("Ta wersja ma już listę kroków procedury."))
    steps = [
        ProcedureStep.objects.create(version=version, kind=kind, title=title, order=i * 10)
        for i, (kind, title) in enumerate(DEFAULT_PROCEDURE, start=1)
    ]
    if version.consultation_opens and version.consultation_closes:
        ProcedureStep.objects.filter(version=version, kind=ProcedureStep.Kind.CONSULTATION).update(
            started_on=version.consultation_opens,
            due_on=version.consultation_closes,
            completed_on=version.consultation_closes
            if version.consultation_closes < dt.date.today()
            else None,
        )
    audit.record(actor=actor, action="strategy.procedure_start", obj=version, after={"steps": len(steps)})
    return steps


STEP_FIELDS = ("kind", "title", "due_on", "started_on", "completed_on", "decision", "document", "note")


@transaction.atomic
def procedure_step_save(*, actor: Any, version: StrategyVersion, step: Any = None, **fields: Any) -> Any:
    """Dates in order, the consultation at least 35 days long, a resolution step completed only with the
    resolution's reference."""
    check_actor(actor)
    before = audit.snapshot(step) if step else None
    step = step or ProcedureStep(
        version=version, order=(version.procedure_steps.aggregate(m=Max("order"))["m"] or 0) + 10
    )
    for name, value in fields.items():
        if name not in STEP_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        if name == "document" and not value:
            continue
        setattr(step, name, value)
    errors: dict[str, str] = {}
    if step.started_on and step.completed_on and step.completed_on < step.started_on:
        errors["completed_on"] = _("Zakończenie nie może być wcześniejsze niż rozpoczęcie.")
    if step.completed_on:  # the guards of "complete" (lifecycles.PROCEDURE_STEP), each next to its field
        context = Context(actor=actor, today=dt.date.today(), data={"decision": step.decision})
        for guard, field in ((completed_not_in_future, "completed_on"), (resolution_given, "decision")):
            message = guard(step, context)
            if message:
                errors.setdefault(field, str(message))
    closed_early = (
        version.consultation_closed_early_on is not None
        and step.kind == ProcedureStep.Kind.CONSULTATION
        and (step.completed_on or step.due_on) == version.consultation_closes
    )
    if (
        step.kind == ProcedureStep.Kind.CONSULTATION
        and step.started_on
        and (step.completed_on or step.due_on)
        and not closed_early  # closed early with a reason: shorter than the minimum, knowingly
    ):
        end = step.completed_on or step.due_on
        days = (end - step.started_on).days + 1
        if days < CONSULTATION_MIN_DAYS:
            errors["completed_on" if step.completed_on else "due_on"] = _(
                "Konsultacje muszą trwać co najmniej %(min)d dni; tu trwają %(n)d."
            ) % {"min": CONSULTATION_MIN_DAYS, "n": days}
    document = fields.get("document")
    if document and not getattr(document, "name", "").lower().endswith(
        (".pdf", ".docx", ".doc", ".odt", ".xml", ".xades")
    ):
        errors["document"] = _("Dołącz dokument PDF, DOCX, ODT albo plik podpisu (XML, XAdES).")
    end = step.completed_on or step.due_on
    period_from_step = step.kind == ProcedureStep.Kind.CONSULTATION and step.started_on and end
    frozen = version.status not in (StrategyVersion.Status.DRAFT, StrategyVersion.Status.CONSULTATION)
    if (
        period_from_step
        and not errors
        and frozen
        and version.consultation_opens is not None
        and (step.started_on, end) != (version.consultation_opens, version.consultation_closes)
    ):
        errors["started_on"] = _(
            "Ta wersja jest już przyjęta, a jej konsultacje trwały od %(a)s do %(b)s; daty kroku muszą "
            "się z tym zgadzać."
        ) % {"a": format_date(version.consultation_opens), "b": format_date(version.consultation_closes)}
    if period_from_step and not errors and (not frozen or version.consultation_opens is None):
        errors.update(period_refusal(version, step.started_on, end, dt.date.today()))
        if "closes" in errors:
            errors["completed_on" if step.completed_on else "due_on"] = errors.pop("closes")
    if errors:
        raise ValidationError(errors)
    step.full_clean(exclude=["document"])
    step.save()
    if period_from_step and (not frozen or version.consultation_opens is None):
        period_write(actor, version, step.started_on, end)
    after = audit.snapshot(step)
    if before is None or audit.changed(before, after):
        action = "strategy.procedure_step_update" if before else "strategy.procedure_step_create"
        audit.record(actor=actor, action=action, obj=step, before=before, after=after)
    return step
