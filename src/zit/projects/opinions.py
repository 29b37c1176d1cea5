"""The association's opinions on the compliance of applications with the ZIT strategy, asked for by the managing
authority: several per card (after corrections, in a later call, on a change of the project), each tied to its
call, application, the strategy version that is the ZIT strategy on its day and the list version in force then,
with a checklist versioned per call, the IZ's request and deadline, who signs, a cover letter, and the IZ's own
decision recorded afterwards as the IZ's (generate → sign → upload → lock → issue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import signed_document_draft, signed_document_for
from zit.projects.lifecycles import OPINABLE, OPINION, OPINION_KIND
from zit.projects.models import (
    Call,
    ChecklistCriterion,
    ComplianceOpinion,
    ListVersion,
    OpinionAnswer,
    OpinionChecklist,
    OpinionSignatories,
    ProjectCard,
)
from zit.projects.opinion_documents import cover_letter_docx, opinion_docx  # noqa: F401
from zit.projects.services import card_transition

S = ProjectCard.State

# the checklist a call starts with; the office may version it per call
DEFAULT_CRITERIA = (
    gettext_lazy("Projekt jest na liście projektów strategicznych (wskaż wersję listy i pozycję)."),
    gettext_lazy("Projekt jest realizowany na obszarze ZIT (w gminach Aglomeracji Konińskiej)."),
    gettext_lazy("Projekt realizuje przedsięwzięcie i cel Strategii ZIT."),
    gettext_lazy("Projekt przyczynia się do osiągnięcia wskaźników strategii."),
    gettext_lazy("Zakres i budżet projektu są zgodne z fiszką projektową."),
    gettext_lazy("Projekt jest zintegrowany (służy więcej niż jednej gminie albo łączy kilka działań)."),
)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# --- the versions a day's opinion rests on (kept in one place: the list's rule may change)


def strategy_version_on(day: dt.date):
    from zit.strategy.selectors import strategy_current, zit_version_on

    return zit_version_on(strategy_current(), day)


def list_version_on(day: dt.date) -> ListVersion | None:
    """The list version usable on `day`: the one in force, if it was approved by then."""
    from zit.funding.selectors import agreement_current
    from zit.projects.lists import list_in_force

    version = list_in_force(agreement_current())
    if version is None or (version.decision_id and version.decision.date and version.decision.date > day):
        return None
    return version


# --- the checklist, versioned per call


def checklist_current(call: Call) -> OpinionChecklist | None:
    return call.checklists.order_by("-number").first()


@transaction.atomic
def checklist_version_create(
    *, actor: Any, call: Call, criteria: list[str] | None = None, note: str = ""
) -> OpinionChecklist:
    """A new version of the call's checklist (the default criteria when none are given). Opinions already
    written keep the criteria they answered."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    texts = [str(t).strip() for t in (criteria if criteria is not None else DEFAULT_CRITERIA)]
    texts = [t for t in texts if t]
    if not texts:
        raise ValidationError({"criteria": _("Lista sprawdzająca musi mieć co najmniej jedno kryterium.")})
    if any(len(t) > 500 for t in texts):
        raise ValidationError({"criteria": _("Kryterium może mieć najwyżej 500 znaków.")})
    call = Call.objects.select_for_update().get(pk=call.pk)
    number = (call.checklists.aggregate(m=Max("number"))["m"] or 0) + 1
    checklist = OpinionChecklist.objects.create(
        call=call, number=number, note=note.strip()[:300], created_by_label=audit.actor_label(actor)
    )
    ChecklistCriterion.objects.bulk_create(
        ChecklistCriterion(checklist=checklist, order=i, text=text) for i, text in enumerate(texts, start=1)
    )
    audit.record(
        actor=actor,
        action="projects.opinion_checklist_create",
        obj=checklist,
        after={"call": call.number, "number": number, "criteria": texts},
    )
    return checklist


# --- who signs


def signatories_current() -> OpinionSignatories | None:
    return OpinionSignatories.objects.order_by("pk").first()


@transaction.atomic
def signatories_save(*, actor: Any, signatories: str) -> OpinionSignatories:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    lines = [line.strip() for line in signatories.replace("\r\n", "\n").splitlines() if line.strip()]
    if not lines:
        raise ValidationError({"signatories": _("Wpisz co najmniej jedną osobę podpisującą i jej funkcję.")})
    if any("," not in line for line in lines):
        raise ValidationError(
            {"signatories": _("Każdy wiersz: imię i nazwisko, przecinek, funkcja (np. Prezes Zarządu).")}
        )
    setting = signatories_current() or OpinionSignatories()
    before = audit.snapshot(setting) if setting.pk else None
    setting.signatories = "\n".join(lines)
    setting.updated_by_label = audit.actor_label(actor)
    setting.save()
    audit.record(
        actor=actor,
        action="projects.opinion_signatories",
        obj=setting,
        before=before,
        after=audit.snapshot(setting),
    )
    return setting


# --- the opinion


@dataclass
class AnswerInput:
    criterion_id: int
    answer: str
    justification: str


def _next_sequence(year: int) -> int:
    # the year's rows locked, so two opinions saved at once on different cards do not take the same number
    taken = ComplianceOpinion.objects.select_for_update().filter(year=year).values_list("sequence", flat=True)
    return max(taken, default=0) + 1


@transaction.atomic
def opinion_request_record(
    *,
    actor: Any,
    card: ProjectCard,
    requested_on: dt.date | None,
    due_on: dt.date | None,
    reference: str = "",
    today: dt.date | None = None,
) -> ProjectCard:
    """The IZ's letter asking for an opinion, recorded as it comes: its date and deadline (the inbox warns from
    then on) and its reference. The opinion written later starts from them."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    card = ProjectCard.objects.select_for_update(of=("self",)).get(pk=card.pk)
    if card.state not in OPINABLE:
        raise ValidationError(_("Opinię wydaje się o wniosku złożonym w naborze IZ."))
    errors: dict[str, str] = {}
    if requested_on is None:
        errors["requested_on"] = _("Podaj datę pisma IZ z prośbą o opinię.")
    elif requested_on > _today(today):
        errors["requested_on"] = _("Data prośby IZ nie może być z przyszłości.")
    if due_on is None:
        errors["due_on"] = _("Podaj termin na opinię z pisma IZ.")
    elif requested_on and due_on < requested_on:
        errors["due_on"] = _("Termin na opinię nie może być wcześniejszy niż prośba IZ.")
    if errors:
        raise ValidationError(errors)
    fields = ["opinion_request_reference", "opinion_requested_on", "opinion_due_on"]
    before = audit.snapshot(card, fields)
    card.opinion_request_reference, card.opinion_requested_on = reference.strip(), requested_on
    card.opinion_due_on = due_on
    card.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="projects.opinion_request",
        obj=card,
        before=before,
        after=audit.snapshot(card, fields),
    )
    return card


def request_waiting(card: ProjectCard) -> bool:
    """A request recorded on the card and not yet answered by an opinion begun on or after it."""
    if card.opinion_requested_on is None:
        return False
    return not card.opinions.filter(created_at__date__gte=card.opinion_requested_on).exists()


@transaction.atomic
def opinion_prepare(
    *,
    actor: Any,
    card: ProjectCard,
    compliant: bool,
    answers: list[AnswerInput],
    justification: str = "",
    opinion: ComplianceOpinion | None = None,
    application_version: str = "",
    application_date: dt.date | None = None,
    requested_on: dt.date | None = None,
    due_on: dt.date | None = None,
    request_reference: str = "",
    today: dt.date | None = None,
) -> ComplianceOpinion:
    """Write an opinion (or correct a draft) and generate its DOCX to be signed. Refused with the reason, and
    nothing saved, when the call is closed, the dates are out of order, no strategy version is the ZIT
    strategy that day, no list version is in force, or a criterion has no answer or no justification."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    day = _today(today)
    card = ProjectCard.objects.select_for_update(of=("self",)).select_related("call").get(pk=card.pk)
    if opinion is not None:
        opinion = ComplianceOpinion.objects.select_for_update().get(pk=opinion.pk, card=card)
        document = signed_document_for(subject=opinion, kind=OPINION_KIND)
        if opinion.issued or (document is not None and document.locked):
            raise ValidationError(_("Opinia jest już podpisana i zablokowana."))
    if card.state not in OPINABLE:
        raise ValidationError(_("Opinię wydaje się o wniosku złożonym w naborze IZ."))
    pending = card.opinions.filter(state=ComplianceOpinion.State.DRAFT).exclude(
        pk=getattr(opinion, "pk", None)
    )
    if pending.exists():
        raise ValidationError(
            _(
                "Ta fiszka ma już opinię w przygotowaniu (nr %(n)s): popraw ją albo wydaj, zanim zaczniesz kolejną."
            )
            % {"n": pending.first().number}
        )
    call = opinion.call if opinion is not None and opinion.call_id else card.call
    errors: dict[str, str] = {}
    if call is None:
        raise ValidationError(_("Fiszka nie ma wniosku w naborze IZ: najpierw zapisz wniosek."))
    # the IZ asks for opinions after the intake closes (assessment, corrections); once it has announced the
    # call's results, only a change of scope of a selected or contracted project is opined on
    amendment = card.state in (ProjectCard.State.SELECTED, ProjectCard.State.CONTRACTED)
    if call.results_on is not None and day > call.results_on and not amendment:
        errors["__all__"] = _(
            "Nabór %(n)s rozstrzygnięto %(d)s: opinii o wniosku w nim już nie wydajemy (opiniujemy tylko zmianę "
            "zakresu projektu wybranego do dofinansowania)."
        ) % {"n": call.number, "d": format_date(call.results_on)}
    if requested_on and due_on and requested_on > due_on:
        errors["due_on"] = _("Termin na opinię nie może być wcześniejszy niż prośba IZ.")
    if requested_on and requested_on > day:
        errors["requested_on"] = _(
            "Opinia (z %(d)s) nie może być wcześniejsza niż prośba IZ, o której mowa (%(r)s)."
        ) % {"d": format_date(day), "r": format_date(requested_on)}
    if application_date and application_date > day:
        errors["application_date"] = _("Wersja wniosku nie może być późniejsza niż opinia.")
    strategy_version = strategy_version_on(day)
    if strategy_version is None:
        errors.setdefault(
            "__all__",
            _(
                "%(d)s żadna wersja strategii nie jest Strategią ZIT (brak obu pozytywnych opinii z art. 34 "
                "ustawy z 28 kwietnia 2022 r.): opinii o zgodności nie można wydać."
            )
            % {"d": format_date(day)},
        )
    list_version = list_version_on(day)
    if list_version is None:
        errors.setdefault(
            "__all__",
            _(
                "%(d)s nie obowiązuje żadna zatwierdzona lista projektów strategicznych: opinii nie można wydać."
            )
            % {"d": format_date(day)},
        )
    checklist = opinion.checklist if opinion is not None and opinion.checklist_id else checklist_current(call)
    criteria = list(checklist.criteria.all()) if checklist else []
    given = {a.criterion_id: a for a in answers}
    if checklist is None:
        criteria = None  # created below, with the default criteria, if nothing else is wrong
    else:
        errors.update(_answer_errors(criteria, given, compliant))
    if errors:
        raise ValidationError(errors)
    if checklist is None:
        checklist = checklist_version_create(actor=actor, call=call)
        criteria = list(checklist.criteria.all())
        errors.update(_answer_errors(criteria, given, compliant))
        if errors:
            raise ValidationError(errors)
    before = audit.snapshot(opinion) if opinion else None
    if opinion is None:
        opinion = ComplianceOpinion(
            card=card,
            year=day.year,
            sequence=_next_sequence(day.year),
            created_by_label=audit.actor_label(actor),
        )
    elif opinion.year != day.year:  # a draft carried into a new year takes that year's number
        opinion.year, opinion.sequence = day.year, _next_sequence(day.year)
    setting = signatories_current()
    opinion.call = call
    opinion.application_number = card.application_number
    opinion.application_version = application_version.strip()
    opinion.application_date = application_date
    opinion.requested_on, opinion.due_on = requested_on, due_on
    opinion.request_reference = request_reference.strip()
    opinion.compliant = compliant
    opinion.justification = justification.replace("\r\n", "\n").strip()
    opinion.issued_on = day
    opinion.strategy_version, opinion.list_version, opinion.checklist = (
        strategy_version,
        list_version,
        checklist,
    )
    opinion.signatories = setting.signatories if setting else ""
    opinion.save()
    opinion.answers.all().delete()
    OpinionAnswer.objects.bulk_create(
        OpinionAnswer(
            opinion=opinion,
            criterion=criterion,
            order=criterion.order,
            criterion_text=criterion.text,
            answer=given[criterion.pk].answer,
            justification=given[criterion.pk].justification.replace("\r\n", "\n").strip(),
        )
        for criterion in criteria
    )
    audit.record(
        actor=actor,
        action="projects.opinion_update" if before else "projects.opinion_create",
        obj=opinion,
        before=before,
        after=audit.snapshot(opinion)
        | {"answers": [(a.criterion_text, a.answer) for a in opinion.answers.all()]},
    )
    signed_document_draft(
        actor=actor,
        subject=opinion,
        kind=OPINION_KIND,
        title=_("Opinia %(n)s o zgodności projektu ze Strategią ZIT") % {"n": opinion.number},
        content=opinion_docx(opinion),
        filename=f"opinia-{opinion.sequence}-{opinion.year}.docx",
        read_perm=Perm.PROJECTS_VIEW,
        write_perm=Perm.PROJECTS_MANAGE,
        organisation_id=card.beneficiary_id,
    )
    return opinion


def _answer_errors(criteria: list, given: dict[int, AnswerInput], compliant: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    choices = {c.value for c in OpinionAnswer.Answer}
    for criterion in criteria:
        answer = given.get(criterion.pk)
        if answer is None or answer.answer not in choices:
            errors[f"answer_{criterion.pk}"] = _("Oceń kryterium: spełnione, niespełnione albo nie dotyczy.")
        elif not answer.justification.strip():
            errors[f"justification_{criterion.pk}"] = _("Uzasadnij ocenę kryterium „%(c)s”.") % {
                "c": criterion.text
            }
    if compliant and any(a.answer == OpinionAnswer.Answer.NOT_MET for a in given.values()):
        errors["compliant"] = _("Opinia pozytywna, a kryterium jest niespełnione: popraw ocenę albo opinię.")
    return errors


@transaction.atomic
def opinion_issue(*, actor: Any, opinion: ComplianceOpinion) -> ComplianceOpinion:
    """Once the signed opinion is uploaded (and so locked), it is issued (`lifecycles.OPINION`). A positive
    opinion moves the card to "opinion issued"; a negative one to "opinia negatywna – decyzja należy do IZ":
    the association does not reject anything, the managing authority decides. An opinion on a change of a
    selected or contracted project leaves the card where it is."""
    opinion = (
        ComplianceOpinion.objects.select_for_update(of=("self",)).select_related("card").get(pk=opinion.pk)
    )
    OPINION.fire(actor=actor, obj=opinion, name="issue")
    card = opinion.card
    if card.state in (S.APPLICATION_FILED, S.OPINION_ISSUED, S.OPINION_NEGATIVE):
        card_transition(
            actor=actor,
            card=card,
            name="issue_opinion" if opinion.compliant else "issue_negative_opinion",
            reason=""
            if opinion.compliant
            else _("Negatywna opinia o zgodności ze Strategią ZIT nr %(n)s; decyzję podejmuje IZ.")
            % {"n": opinion.number},
        )
    opinion.refresh_from_db()
    return opinion


@transaction.atomic
def opinion_iz_decision(
    *,
    actor: Any,
    opinion: ComplianceOpinion,
    selected: bool,
    decided_on: dt.date,
    reference: str,
    source: str,
    today: dt.date | None = None,
) -> ComplianceOpinion:
    """The managing authority's decision on the application the opinion was about, recorded as the IZ's: what
    it decided, its reference and date, and where the office learnt of it."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    opinion = ComplianceOpinion.objects.select_for_update().get(pk=opinion.pk)
    errors: dict[str, str] = {}
    if not opinion.issued:
        raise ValidationError(_("Rozstrzygnięcie IZ zapisuje się po wydaniu opinii."))
    if decided_on is None:
        errors["decided_on"] = _("Podaj datę rozstrzygnięcia IZ.")
    elif decided_on < opinion.issued_on:
        errors["decided_on"] = _("Rozstrzygnięcie IZ nie może być wcześniejsze niż opinia (%(d)s).") % {
            "d": format_date(opinion.issued_on)
        }
    elif decided_on > _today(today):
        errors["decided_on"] = _("Data rozstrzygnięcia IZ nie może być z przyszłości.")
    if not reference.strip():
        errors["reference"] = _("Podaj znak pisma albo uchwały IZ.")
    if not source.strip():
        errors["source"] = _("Podaj, skąd wiemy o rozstrzygnięciu (np. pismo IZ, lista na stronie IZ).")
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(opinion)
    opinion.iz_decision = (
        ComplianceOpinion.Decision.SELECTED if selected else ComplianceOpinion.Decision.NOT_SELECTED
    )
    opinion.iz_decision_on, opinion.iz_decision_reference = decided_on, reference.strip()
    opinion.iz_decision_source = source.strip()
    opinion.save()
    audit.record(
        actor=actor,
        action="projects.opinion_iz_decision",
        obj=opinion,
        before=before,
        after=audit.snapshot(opinion),
    )
    return opinion


def opinions_of(card: ProjectCard) -> QuerySet[ComplianceOpinion]:
    return card.opinions.select_related("call", "strategy_version", "list_version").order_by(
        "-year", "-sequence"
    )


def opinion_last_issued(card: ProjectCard) -> ComplianceOpinion | None:
    return card.opinions.filter(state=ComplianceOpinion.State.ISSUED).order_by("-issued_on", "-pk").first()


# --- the public register


def published_q(today: dt.date) -> Q:
    """An issued opinion is public when its call's rule allows: right after issue, or once the call's results
    are out (the IZ's rules of the call; docs/legal-bases.md)."""
    P = Call.OpinionsPublished
    return Q(state=ComplianceOpinion.State.ISSUED) & (
        Q(call__opinions_published=P.AFTER_ISSUE)
        | Q(
            call__opinions_published=P.AFTER_RESULTS,
            call__results_on__isnull=False,
            call__results_on__lte=today,
        )
    )


def opinions_public(*, query: str = "", today: dt.date | None = None) -> QuerySet[ComplianceOpinion]:
    rows = ComplianceOpinion.objects.filter(published_q(_today(today))).select_related(
        "card__beneficiary", "call", "strategy_version", "list_version"
    )
    query = query.strip()
    if query:
        q = (
            Q(card__title__icontains=query)
            | Q(card__beneficiary__name__icontains=query)
            | Q(call__number__icontains=query)
            | Q(application_number__icontains=query)
        )
        number = query.split("/")
        if len(number) == 2 and all(p.strip().isdigit() for p in number):
            q |= Q(sequence=int(number[0]), year=int(number[1]))
        rows = rows.filter(q)
    return rows.order_by("-year", "-sequence")


def opinion_published(opinion: ComplianceOpinion, today: dt.date | None = None) -> bool:
    return ComplianceOpinion.objects.filter(published_q(_today(today)), pk=opinion.pk).exists()


def opinion_actions(*, user: Any, opinion: ComplianceOpinion):
    """The opinion's button for the user, with the reason it cannot be issued yet."""
    return OPINION.actions(user, opinion)
