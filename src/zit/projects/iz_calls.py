"""The managing authority's acts on a listed card: its call to file the application (non-competitive mode),
the steps of its assessment of the application with their dates and references, its request for a new
opinion, and the deadlines that make a listed card without an application wait in the inbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require_unless_system
from zit.projects.lifecycles import CARD, OPINABLE
from zit.projects.lifecycles_iz import IZ_ASSESSMENT
from zit.projects.models import Call, IndividualCall, IzAssessment, IzStep, ProjectCard

S = ProjectCard.State
A = IzAssessment.State

# how many days before a call's end (or an individual call's deadline) a listed card without an application
# waits in the inbox of the applicant's officers and the office
ALERT_DAYS = 14

OPINION_REQUEST = "opinion_request"


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


@transaction.atomic
def individual_call_record(
    *,
    actor: Any,
    card: ProjectCard,
    sent_on: dt.date | None,
    reference: str,
    deadline: dt.date | None,
    call: Call | None = None,
    note: str = "",
    today: dt.date | None = None,
    is_demo: bool = False,
) -> IndividualCall:
    """The IZ's call to a project of the main list to file its application in the non-competitive mode."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    errors: dict[str, str] = {}
    if card.state != S.LISTED_MAIN:
        raise ValidationError(
            _("Wezwanie do złożenia wniosku w trybie niekonkurencyjnym dotyczy projektu z listy podstawowej.")
        )
    if call is not None and (call.mode != Call.Mode.NON_COMPETITIVE or call.measure_id != card.measure_id):
        errors["call"] = _("Wskaż nabór niekonkurencyjny w działaniu %(m)s.") % {"m": card.measure.number}
    if sent_on is None:
        errors["sent_on"] = _("Podaj datę pisma IZ.")
    elif sent_on > _today(today):
        errors["sent_on"] = _("Data pisma IZ nie może być z przyszłości.")
    if not reference.strip():
        errors["reference"] = _("Podaj znak pisma IZ.")
    if deadline is None:
        errors["deadline"] = _("Podaj termin złożenia wniosku z pisma IZ.")
    elif sent_on and deadline < sent_on:
        errors["deadline"] = _("Termin złożenia wniosku nie może być wcześniejszy niż wezwanie.")
    if errors:
        raise ValidationError(errors)
    record = IndividualCall.objects.create(
        card=card,
        call=call,
        sent_on=sent_on,
        reference=reference.strip(),
        deadline=deadline,
        note=note.strip(),
        is_demo=is_demo,
        created_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor,
        action="projects.individual_call",
        obj=card,
        after={"reference": record.reference, "sent_on": sent_on, "deadline": deadline},
    )
    return record


# --- the IZ's assessment


def assessment_for(card: ProjectCard) -> IzAssessment | None:
    """The assessment of the card's application in its call: recorded, or a fresh one not yet saved (its
    first step creates it) for a card filed in a call."""
    if card.call_id is None:
        return None
    found = IzAssessment.objects.filter(card=card, call_id=card.call_id).select_related("call").first()
    return found or IzAssessment(card=card, call=card.call, state=A.SUBMITTED)


def assessment_start(*, card: ProjectCard, on: dt.date | None = None) -> IzAssessment:
    """When the application is filed in the call: the assessment starts as "submitted"."""
    assessment, created = IzAssessment.objects.get_or_create(card=card, call_id=card.call_id)
    if created:
        IzStep.objects.create(
            assessment=assessment,
            name="file_application",
            to_state=A.SUBMITTED,
            on=_today(on),
            reference=card.application_number,
        )
    return assessment


def opinion_request_open(assessment: IzAssessment) -> bool:
    return assessment.card.state in OPINABLE and assessment.state not in IZ_ASSESSMENT.final


def _step_errors(assessment: IzAssessment, on: dt.date | None, reference: str, today: dt.date) -> dict:
    errors: dict[str, str] = {}
    # the IZ's letters in their order (the filing is recorded on the day it is typed, so it does not count)
    last = (
        assessment.steps.exclude(name="file_application").order_by("-on").first() if assessment.pk else None
    )
    if on is None:
        errors["on"] = _("Podaj datę pisma IZ.")
    elif on > today:
        errors["on"] = _("Data pisma IZ nie może być z przyszłości.")
    elif last is not None and on < last.on:
        errors["on"] = _("Data nie może być wcześniejsza niż poprzedni krok oceny (%(d)s).") % {
            "d": format_date(last.on)
        }
    if not reference.strip():
        errors["reference"] = _("Podaj znak pisma IZ.")
    return errors


@transaction.atomic
def assessment_step(
    *,
    actor: Any,
    card: ProjectCard,
    name: str,
    on: dt.date | None,
    reference: str,
    note: str = "",
    due_on: dt.date | None = None,
    today: dt.date | None = None,
) -> IzAssessment:
    """One step of the IZ's assessment from its letter. A state change moves the card where the IZ's decision
    is final: selected, or not selected in a non-competitive call, or (competitive) once no protest can come or
    the protest failed. "opinion_request" records the IZ's request for a new opinion on the card."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    card = ProjectCard.objects.select_for_update(of=("self",)).get(pk=card.pk)
    assessment = assessment_for(card)
    if assessment is None:
        raise ValidationError(_("Fiszka nie ma wniosku złożonego w naborze IZ."))
    if assessment.pk:
        assessment = IzAssessment.objects.select_for_update().get(pk=assessment.pk)
    today = _today(today)
    errors = _step_errors(assessment, on, reference, today)
    if name == OPINION_REQUEST:
        if not opinion_request_open(assessment):
            raise ValidationError(_("O nową opinię IZ prosi w trakcie oceny wniosku."))
        if errors:
            raise ValidationError(errors)
        from zit.projects.opinions import opinion_request_record

        try:
            opinion_request_record(
                actor=actor, card=card, requested_on=on, due_on=due_on, reference=reference, today=today
            )
        except ValidationError as exc:
            raise _renamed(exc, {"requested_on": "on"}) from exc
        assessment.save()
        IzStep.objects.create(
            assessment=assessment,
            name=OPINION_REQUEST,
            on=on,
            reference=reference.strip(),
            note=note.strip(),
            actor_label=audit.actor_label(actor),
        )
        return assessment
    if not IZ_ASSESSMENT.has(name):
        raise ValidationError(_("Nie ma takiego kroku oceny w IZ."))
    if errors:
        raise ValidationError(errors)
    target = IZ_ASSESSMENT.transition(name).target

    def apply(obj: IzAssessment) -> None:
        obj.save()  # a fresh assessment gets its row before its first step
        IzStep.objects.create(
            assessment=obj,
            name=name,
            to_state=target,
            on=on,
            reference=reference.strip(),
            note=note.strip(),
            actor_label=audit.actor_label(actor),
        )

    IZ_ASSESSMENT.fire(
        actor=actor,
        obj=assessment,
        name=name,
        today=today,
        apply=apply,
        after={"on": on, "reference": reference.strip()},
    )
    _drive_card(actor, card, assessment, name, on, reference.strip())
    return assessment


def _drive_card(
    actor: Any, card: ProjectCard, assessment: IzAssessment, name: str, on, reference: str
) -> None:
    from zit.projects.calls import application_outcome

    final_no = name in ("final", "protest_dismissed") or (
        name == "not_select" and assessment.call.mode == Call.Mode.NON_COMPETITIVE
    )
    if name == "select" and CARD.may(actor, card, "select"):
        selected = True
    elif final_no and CARD.may(actor, card, "reject"):
        selected = False
    else:
        return
    try:
        application_outcome(
            actor=actor,
            card=card,
            selected=selected,
            decided_on=on,
            reference=reference,
            source=_("pismo IZ %(r)s") % {"r": reference},
            reason=_("Rozstrzygnięcie IZ %(r)s z %(d)s.") % {"r": reference, "d": format_date(on)},
        )
    except ValidationError as exc:
        raise _renamed(exc, {"decided_on": "on", "source": "reference"}) from exc


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(k, k): v for k, v in exc.message_dict.items()})


# --- deadlines: listed cards without an application


@dataclass(frozen=True)
class Deadline:
    card: ProjectCard
    due: dt.date
    days: int
    call: Call | None = None
    individual: IndividualCall | None = None


def _takes(call: Call, card: ProjectCard) -> bool:
    if call.mode == Call.Mode.NON_COMPETITIVE:
        return card.state == S.LISTED_MAIN
    return card.state in (S.LISTED_MAIN, S.LISTED_RESERVE)


def deadlines(today: dt.date, organisation_ids: set[int] | None = None) -> list[Deadline]:
    """Listed cards with no application filed while a call for their measure is open and ends in ALERT_DAYS
    days or fewer, or while the IZ's individual call's deadline is as near. `organisation_ids`: only these
    applicants' cards (None: all)."""
    cards = ProjectCard.objects.filter(state__in=(S.LISTED_MAIN, S.LISTED_RESERVE)).select_related("measure")
    if organisation_ids is not None:
        cards = cards.filter(beneficiary_id__in=organisation_ids)
    cards = list(cards)
    if not cards:
        return []
    until = today + dt.timedelta(days=ALERT_DAYS)
    calls = list(
        Call.objects.filter(
            measure_id__in={c.measure_id for c in cards}, opens_on__lte=today, closes_on__gte=today
        ).filter(closes_on__lte=until)
    )
    found = [
        Deadline(card, call.closes_on, (call.closes_on - today).days, call=call)
        for card in cards
        for call in calls
        if call.measure_id == card.measure_id and _takes(call, card)
    ]
    individual = IndividualCall.objects.filter(
        card__in=cards, deadline__gte=today, deadline__lte=until
    ).select_related("card")
    found += [Deadline(i.card, i.deadline, (i.deadline - today).days, individual=i) for i in individual]
    return sorted(found, key=lambda d: (d.due, d.card.number))
