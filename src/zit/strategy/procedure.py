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
from zit.strategy.lifecycles import completed_not_in_future, resolution_given
from zit.strategy.models import ProcedureStep, StrategyVersion
from zit.strategy.procedure_rules import SEA_KINDS, consultation_too_short, rule
from zit.strategy.services import check_actor

K = ProcedureStep.Kind

# The steps of the procedure in the order the law has them; the body consulted with the public (neighbouring
# gminas, partners, Wody Polskie) is asked in the consultation itself (art. 6 ust. 3 u.z.p.p.r.), not in a step
# of its own. The environmental assessment is its own steps, or a waiver (`SEA_WAIVER_STEP`).
DEFAULT_PROCEDURE = [
    (
        K.DRAFTING_RESOLUTION,
        "Uchwała Rady o szczegółowym trybie i harmonogramie opracowania strategii, w tym konsultacji",
    ),
    (K.SEA_SCOPE, "Uzgodnienie zakresu prognozy oddziaływania na środowisko (RDOŚ w Poznaniu, PPIS)"),
    (
        K.CONSULTATION,
        "Konsultacje projektu strategii: mieszkańcy, gminy sąsiednie i ich związki, partnerzy społeczni i "
        "gospodarczy, dyrektor RZGW Wód Polskich",
    ),
    (K.SEA_PARTICIPATION, "Udział społeczeństwa w strategicznej ocenie (projekt strategii z prognozą)"),
    (K.SEA_OPINIONS, "Opinie RDOŚ i PPIS o projekcie strategii z prognozą"),
    (K.REGIONAL_OPINION, "Opinia Zarządu Województwa Wielkopolskiego o projekcie strategii"),
    (K.CONSULTATION_REPORT, "Raport z konsultacji (przebieg, wyniki, odpowiedzi na uwagi)"),
    (K.SEA_SUMMARY, "Podsumowanie strategicznej oceny oddziaływania na środowisko"),
    (K.ADOPTION, "Uchwała Rady przyjmująca strategię"),
    (K.IZ_OPINION, "Opinia Instytucji Zarządzającej FEW 2021+ (Zarząd Województwa Wielkopolskiego)"),
    (K.MINISTRY_OPINION, "Opinia ministra właściwego do spraw rozwoju regionalnego"),
]
SEA_WAIVER_STEP = (
    K.SEA_WAIVER,
    "Odstąpienie od strategicznej oceny uzgodnione z RDOŚ i PPIS (niewielka zmiana przyjętej strategii)",
)


def sea_waiver_refusal(version: StrategyVersion) -> str | None:
    """A waiver is open to a document covering one gmina, or to a minor change of an adopted one (art. 48
    ust. 1 ooś with art. 46 pkt 1–2): never to a new strategy of the association's fifteen gminas."""
    if (
        version.based_on_id is None
        or not StrategyVersion.objects.filter(pk=version.based_on_id, adopted_by__isnull=False).exists()
    ):
        return _(
            "Od strategicznej oceny można odstąpić tylko przy niewielkiej zmianie przyjętej strategii (art. 48 "
            "ust. 1 ustawy o udostępnianiu informacji o środowisku…); nowa strategia obejmująca wiele gmin "
            "wymaga oceny. Ta wersja nie powstała na podstawie wersji przyjętej."
        )
    return None


@transaction.atomic
def procedure_start(*, actor: Any, version: StrategyVersion, sea_waiver: bool = False) -> list:
    """The standard steps for a version that has none yet; staff add others (more bodies to ask). With
    `sea_waiver`, the assessment's steps give way to the agreed waiver (a minor change only)."""
    check_actor(actor)
    if version.procedure_steps.exists():
        raise ValidationError(_("Ta wersja ma już listę kroków procedury."))
    template = list(DEFAULT_PROCEDURE)
    if sea_waiver:
        refused = sea_waiver_refusal(version)
        if refused:
            raise ValidationError({"sea_waiver": refused})
        template = [row for row in template if row[0] not in SEA_KINDS]
        template.insert(1, SEA_WAIVER_STEP)
    steps = [
        ProcedureStep.objects.create(version=version, kind=kind, title=title, order=i * 10)
        for i, (kind, title) in enumerate(template, start=1)
    ]
    if version.consultation_opens and version.consultation_closes:
        ProcedureStep.objects.filter(version=version, kind=ProcedureStep.Kind.CONSULTATION).update(
            started_on=version.consultation_opens,
            due_on=version.consultation_closes,
            completed_on=version.consultation_closes
            if version.consultation_closes < dt.date.today()
            else None,
        )
    audit.record(
        actor=actor,
        action="strategy.procedure_start",
        obj=version,
        after={"steps": len(steps), "sea_waiver": sea_waiver},
    )
    return steps


STEP_FIELDS = (
    "kind",
    "title",
    "due_on",
    "started_on",
    "completed_on",
    "decision",
    "document",
    "note",
    "outcome",
)


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
    if not errors:
        errors.update(_law_refusals(version, step, dt.date.today()))
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
        too_short = consultation_too_short(step.started_on, end)
        if too_short:
            errors["completed_on" if step.completed_on else "due_on"] = too_short
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
    zit_from_refresh(actor=actor, version=version)
    return step


Outcome = ProcedureStep.Outcome
# the opinions after which a version is the ZIT strategy (art. 34 of the act of 28 April 2022): both required
ZIT_OPINION_KINDS = (ProcedureStep.Kind.IZ_OPINION, ProcedureStep.Kind.MINISTRY_OPINION)


def _law_refusals(version: StrategyVersion, step: ProcedureStep, today: dt.date) -> dict[str, str]:
    """What the law refuses in a step: an outcome where there is no opinion, silence read as consent where no
    provision says so or before the term ends, an art. 34 opinion before the Rada adopted the strategy or with
    no verdict, a public participation in the assessment under 21 days, a waiver of the assessment for a new
    strategy."""
    from zit.strategy.procedure_letters import step_deadline
    from zit.strategy.procedure_rules import OPINION_KINDS

    step_rule = rule(step.kind)
    errors: dict[str, str] = {}
    if step.outcome and step.kind not in OPINION_KINDS:
        errors["outcome"] = _("Wynik opinii wpisuje się tylko przy krokach, które są opiniami.")
    elif step.outcome == Outcome.DEEMED and not step_rule.silence:
        errors["outcome"] = _(
            "Przy tym kroku brak odpowiedzi nie oznacza opinii pozytywnej: żaden przepis tego nie przewiduje. "
            "Wpisz opinię, która wpłynęła."
        )
    elif step.outcome == Outcome.DEEMED:
        letters = list(step.letters.all()) if step.pk else []
        end = step_deadline(step, letters)
        if end is None:
            errors["outcome"] = _(
                "Termin liczy się od doręczenia: najpierw zapisz w korespondencji pismo i dzień, w którym "
                "dotarło do adresata."
            )
        elif today <= end:
            errors["outcome"] = _(
                "Termin na opinię mija %(d)s; dopiero następnego dnia brak opinii oznacza uznanie za pozytywną."
            ) % {"d": format_date(end)}
        elif any(letter.answered_on and letter.answered_on <= end for letter in letters):
            errors["outcome"] = _("Opinia wpłynęła w terminie: wpisz jej wynik, a nie uznanie z mocy prawa.")
        elif step.completed_on and step.completed_on <= end:
            errors["completed_on"] = _(
                "Opinię uznaje się za pozytywną dopiero po terminie: najwcześniej %(d)s."
            ) % {"d": format_date(end + dt.timedelta(days=1))}
    if step.pk and step.kind not in ZIT_OPINION_KINDS:
        was = ProcedureStep.objects.filter(pk=step.pk).values_list("kind", "completed_on").first()
        if was and was[0] in ZIT_OPINION_KINDS and was[1]:
            errors["kind"] = _(
                "Wykonany krok opinii z art. 34 zostaje tym krokiem: wersję, która jest strategią ZIT, "
                "wyznaczają obie opinie."
            )
    if step_rule.for_zit and step.completed_on and step.outcome not in (Outcome.POSITIVE, Outcome.NEGATIVE):
        errors["outcome"] = _("Zapisz, czy opinia jest pozytywna, czy negatywna.")
    if step_rule.after_adoption and (step.started_on or step.completed_on):
        adopted_on = version.adopted_by.date if version.adopted_by_id else None
        if version.status not in (StrategyVersion.Status.ADOPTED, StrategyVersion.Status.SUPERSEDED):
            errors["started_on" if step.started_on else "completed_on"] = _(
                "Opinie instytucji zarządzającej i ministra (art. 34 ustawy z 28 kwietnia 2022 r.) dotyczą "
                "strategii przyjętej przez Radę: najpierw przyjmij tę wersję uchwałą."
            )
        elif adopted_on is not None:
            for name in ("started_on", "completed_on"):
                value = getattr(step, name)
                if value and value < adopted_on:
                    errors[name] = _(
                        "Ta data jest wcześniejsza niż uchwała przyjmująca strategię (%(d)s): o strategię "
                        "prosi się po jej przyjęciu."
                    ) % {"d": format_date(adopted_on)}
    end = step.completed_on or step.due_on
    if step.kind == ProcedureStep.Kind.SEA_PARTICIPATION and step.started_on and end:
        earliest = step_rule.term_end(step.started_on)
        if earliest and end < earliest:
            errors["completed_on" if step.completed_on else "due_on"] = _(
                "Uwagi w strategicznej ocenie zbiera się co najmniej 21 dni (art. 39 ust. 1 i art. 54 ust. 2 "
                "ustawy o udostępnianiu informacji o środowisku…): przy ogłoszeniu %(a)s najwcześniej do %(b)s."
            ) % {"a": format_date(step.started_on), "b": format_date(earliest)}
    if step.kind == ProcedureStep.Kind.SEA_WAIVER:
        refused = sea_waiver_refusal(version)
        if refused:
            errors["kind"] = refused
    return errors


def zit_from_refresh(*, actor: Any, version: StrategyVersion) -> StrategyVersion:
    """The version is the ZIT strategy from the day of the last required positive opinion (the managing
    authority's and the minister's, art. 34 of the act of 28 April 2022); none while one is missing or
    negative."""
    adopted = version.status in (StrategyVersion.Status.ADOPTED, StrategyVersion.Status.SUPERSEDED)
    latest: dict[str, ProcedureStep] = {}  # the latest step of each required kind: both must be there
    for step in version.procedure_steps.filter(kind__in=ZIT_OPINION_KINDS).order_by("order", "pk"):
        latest[step.kind] = step
    zit_from = None
    if (
        adopted
        and set(latest) == set(ZIT_OPINION_KINDS)
        and all(s.completed_on and s.outcome == Outcome.POSITIVE for s in latest.values())
    ):
        zit_from = max(s.completed_on for s in latest.values())
    if zit_from != version.zit_from:
        before = {"zit_from": version.zit_from.isoformat() if version.zit_from else None}
        version.zit_from = zit_from
        version.save(update_fields=["zit_from"])
        audit.record(
            actor=actor,
            action="strategy.zit_from",
            obj=version,
            before=before,
            after={"zit_from": zit_from.isoformat() if zit_from else None},
        )
    return version


@transaction.atomic
def answering_version_create(*, actor: Any, step: ProcedureStep, label: str = "") -> StrategyVersion:
    """A negative opinion opens a new version that answers it: a draft copied from the opinion's version."""
    from zit.strategy.services import version_create

    check_actor(actor)
    if not (rule(step.kind).for_zit or step.kind == ProcedureStep.Kind.REGIONAL_OPINION) or (
        step.outcome != Outcome.NEGATIVE
    ):
        raise ValidationError(_("Nową wersję w odpowiedzi tworzy się na opinię negatywną."))
    if step.answering_versions.exists():
        raise ValidationError(
            _("Na tę opinię odpowiada już wersja nr %(n)d.")
            % {"n": step.answering_versions.order_by("number").first().number}
        )
    version = version_create(
        actor=actor,
        strategy=step.version.strategy,
        label=label or _("odpowiedź na opinię: %(t)s") % {"t": step.title},
        based_on=step.version,
    )
    version.responds_to = step
    version.save(update_fields=["responds_to"])
    audit.record(actor=actor, action="strategy.version_responds", obj=version, after={"step": step.pk})
    return version
