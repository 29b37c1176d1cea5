"""Every write to rounds and project cards: keyword-only, atomic, permission-checked, validated, audited.

A card is written by the users of its applicant organisation while it is a draft or returned for correction;
the office runs rounds and the formal check. State changes go through `card_transition` and the table in
`lifecycles`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zit.core import audit
from zit.core.lifecycle import Context
from zit.core.money import round_cents
from zit.core.roles import Perm, has_perm, require_unless_system
from zit.funding.models import Indicator, Measure
from zit.organisations.models import Organisation
from zit.projects import geometry
from zit.projects.budget import BudgetRow, budget_errors, lines_snapshot
from zit.projects.lifecycles import CARD, ROUND_RULES, rules_may_change
from zit.projects.models import (
    BudgetLine,
    CardAnswer,
    CardIndicator,
    CardPartner,
    CardTransition,
    CardUndertaking,
    ProjectCard,
    Round,
    RoundQuestion,
)
from zit.territory.models import AdministrativeUnit

SUMMARY_MAX = 2000


# --- rounds


def round_rules_change(
    *, actor: Any, round: Round, today: dt.date | None = None, field: str | None = None
) -> None:
    """Call inside the transaction of a change to the round's scoring rules (scoring on or off, criteria,
    weights, threshold), before writing it. Refused once the round is announced, unless the office reopened
    the rules (`lifecycles.ROUND_RULES`); a change after reopening fixes them again. Loaders run by the
    platform itself (actor None) record past rounds as they were and are not refused."""
    if actor is None:
        return
    today = today or timezone.localdate()
    problem = rules_may_change(round, Context(actor=actor, today=today))
    if problem:
        raise ValidationError({field: problem} if field else problem)
    if round.rules_state(today) == Round.Rules.REOPENED:

        def fix(obj: Round) -> None:
            obj.rules_reopened_at = None

        ROUND_RULES.fire(actor=actor, obj=round, name="fix", today=today, apply=fix)


@transaction.atomic
def round_save(
    *,
    actor: Any,
    round: Round | None = None,
    measures: list[Measure],
    today: dt.date | None = None,
    **fields: Any,
) -> Round:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    if round is not None:
        round = Round.objects.select_for_update().get(pk=round.pk)
        if "scoring" in fields and bool(fields["scoring"]) != round.scoring:
            round_rules_change(actor=actor, round=round, today=today, field="scoring")
    before = audit.snapshot(round) if round else None
    round = round or Round()
    for name, value in fields.items():
        setattr(round, name, value)
    errors: dict[str, str] = {}
    if round.opens_on and round.closes_on and round.closes_on < round.opens_on:
        errors["closes_on"] = _("Koniec naboru nie może być wcześniejszy niż jego początek.")
    if not measures:
        errors["measures"] = _("Wskaż co najmniej jedno działanie programu, którego dotyczy nabór.")
    try:
        round.full_clean()
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    round.save()
    round.measures.set(measures)
    after = audit.snapshot(round) | {"measures": sorted(m.number for m in measures)}
    audit.record(
        actor=actor,
        action="projects.round_update" if before else "projects.round_create",
        obj=round,
        before=before,
        after=after,
    )
    return round


@dataclass
class QuestionData:
    text: str
    help_text: str = ""
    required: bool = True
    pk: int | None = None  # an existing question keeps its answers


def round_questions_locked(round: Round) -> bool:
    """Once any card of the round has been submitted, everyone must have answered the same form."""
    return CardTransition.objects.filter(card__round=round, name="submit").exists()


@transaction.atomic
def round_questions_set(*, actor: Any, round: Round, questions: list[QuestionData]) -> Round:
    """The questions the round adds to the card form. Edited questions keep the drafts' answers; a removed
    question takes its answers with it."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round_questions_locked(round):
        raise ValidationError(_("W tym naborze złożono już fiszki: pytań nie można zmienić."))
    texts = [q.text.strip() for q in questions]
    if len({t.lower() for t in texts}) != len(texts):
        raise ValidationError(_("Każde pytanie wpisz raz."))
    existing = {q.pk: q for q in round.questions.all()}
    before = {"questions": [q.text for q in existing.values()]}
    kept = {q.pk for q in questions if q.pk in existing}
    round.questions.exclude(pk__in=kept).delete()
    for order, data in enumerate(questions):
        question = existing.get(data.pk) or RoundQuestion(round=round)
        question.order, question.text = order, data.text.strip()
        question.help_text, question.required = data.help_text.strip(), data.required
        question.save()
    audit.record(
        actor=actor, action="projects.round_questions", obj=round, before=before, after={"questions": texts}
    )
    return round


@transaction.atomic
def card_answers_set(*, actor: Any, card: ProjectCard, answers: dict[int, str]) -> ProjectCard:
    """Answers to the round's questions, by question id; an empty answer removes it."""
    card = _locked(card)
    _require_edit(actor, card)
    questions = {q.pk: q for q in card.round.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(_("Te pytania nie należą do naboru tej fiszki."))
    before = {"answers": {str(a.question_id): a.text for a in card.answers.all()}}
    for pk, text in answers.items():
        text = text.strip()
        if text:
            CardAnswer.objects.update_or_create(card=card, question=questions[pk], defaults={"text": text})
        else:
            CardAnswer.objects.filter(card=card, question=questions[pk]).delete()
    after = {"answers": {str(a.question_id): a.text for a in card.answers.all()}}
    _record(actor, card, "projects.card_answers", before, after)
    return card


# --- permissions on a card


def can_edit_card(user: Any, card: ProjectCard) -> bool:
    return card.editable and has_perm(user, Perm.CARDS_EDIT, organisation_id=card.beneficiary_id)


def _require_edit(actor: Any, card: ProjectCard) -> None:
    if actor is not None and not has_perm(actor, Perm.CARDS_EDIT, organisation_id=card.beneficiary_id):
        raise PermissionDenied(_("Fiszkę zmieniają tylko użytkownicy wnioskodawcy."))
    if not card.editable:
        raise ValidationError(
            _("Fiszka jest w stanie „%(s)s”: zmienić można tylko szkic albo fiszkę zwróconą do poprawy.")
            % {"s": card.get_state_display()}
        )


def _locked(card: ProjectCard) -> ProjectCard:
    """The card's row locked for the rest of the transaction, so two saves cannot interleave."""
    return ProjectCard.objects.select_for_update().get(pk=card.pk)


def _record(actor: Any, card: ProjectCard, action: str, before: dict | None, after: dict) -> None:
    if before is None or audit.changed(before, after):
        audit.record(actor=actor, action=action, obj=card, before=before, after=after)


# --- the card itself

BASIC_FIELDS = ("title", "summary", "measure", "fund", "starts_on", "ends_on", "integrated")


def _next_number(round: Round) -> str:
    Round.objects.select_for_update().get(pk=round.pk)  # serialises numbering within the round
    taken = ProjectCard.objects.filter(round=round).count()
    while True:
        taken += 1
        number = f"{round.number}/{taken:03d}"
        if not ProjectCard.objects.filter(number=number).exists():
            return number


ELIGIBLE_FROM, ELIGIBLE_TO = dt.date(2021, 1, 1), dt.date(2029, 12, 31)  # FEW 2021+ eligibility of costs


def _basic_errors(card: ProjectCard) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("starts_on", "ends_on"):
        day = getattr(card, name)
        if day and not ELIGIBLE_FROM <= day <= ELIGIBLE_TO:
            errors[name] = _(
                "Wydatki w programie FEW 2021+ kwalifikują się od 1 stycznia 2021 do 31 grudnia 2029 r.: "
                "realizacja musi się zmieścić w tym okresie."
            )
    if card.starts_on and card.ends_on and card.ends_on < card.starts_on:
        errors["ends_on"] = _("Koniec realizacji nie może być wcześniejszy niż jej początek.")
    if card.summary and len(card.summary) > SUMMARY_MAX:
        errors["summary"] = _("Opis ma %(n)d znaków; zmieść go w %(max)d.") % {
            "n": len(card.summary),
            "max": SUMMARY_MAX,
        }
    if card.fund_id and not card.measure_id:
        errors["fund"] = _(
            "Fundusz podaje się razem z działaniem FEW 2021+. Inne źródła wpisz w części „Źródła finansowania”."
        )
    if card.measure_id and not card.fund_id:
        errors["fund"] = _("Wybierz fundusz, z którego działanie %(m)s dofinansowuje projekt.") % {
            "m": card.measure.number
        }
    if card.measure_id and not card.round.measures.filter(pk=card.measure_id).exists():
        errors["measure"] = _("Ten nabór nie obejmuje działania %(m)s.") % {"m": card.measure.number}
    if card.measure_id and card.fund_id and card.measure.fund_id and card.measure.fund_id != card.fund_id:
        errors["fund"] = _("Działanie %(m)s finansuje fundusz %(f)s.") % {
            "m": card.measure.number,
            "f": card.measure.fund.code,
        }
    return errors


@transaction.atomic
def card_create(
    *, actor: Any, round: Round, beneficiary: Organisation, today: dt.date | None = None, **fields: Any
) -> ProjectCard:
    """A new draft in an open round, for an organisation the actor acts for."""
    require_unless_system(actor, Perm.CARDS_EDIT, organisation_id=beneficiary.pk)
    today = today or timezone.localdate()
    if not round.is_open_on(today):
        from zit.projects.lifecycles import ROUND_INTAKE

        # "będzie przyjmował" before it opens, "przyjmował …; już się zakończył" after: the tense follows the state
        raise ValidationError({"round": ROUND_INTAKE.describe(round)})
    card = ProjectCard(round=round, beneficiary=beneficiary, created_by_label=audit.actor_label(actor))
    for name in fields:
        if name not in BASIC_FIELDS + ("is_demo",):
            raise TypeError(f"Unknown field: {name}")
    for name, value in fields.items():
        setattr(card, name, value)
    if card.measure_id and card.measure.fund_id and not card.fund_id:
        card.fund = card.measure.fund
    errors = _basic_errors(card)
    try:
        card.full_clean(exclude=["number"])
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    card.number = _next_number(round)
    card.save()
    _record(actor, card, "projects.card_create", None, audit.snapshot(card))
    return card


@transaction.atomic
def card_update(*, actor: Any, card: ProjectCard, **fields: Any) -> ProjectCard:
    card = _locked(card)
    _require_edit(actor, card)
    before = audit.snapshot(card)
    for name, value in fields.items():
        if name not in BASIC_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        setattr(card, name, value)
    if card.measure_id and card.measure.fund_id and not card.fund_id:
        card.fund = card.measure.fund
    errors = _basic_errors(card)
    if before["measure_id"] and not card.measure_id and not card.funding_sources.exists():
        errors["measure"] = _(
            "Bez działania FEW 2021+ fiszka nie miałaby żadnego źródła finansowania: najpierw dodaj inne źródło "
            "w części „Źródła finansowania”."
        )
    try:
        card.full_clean()
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    card.save()
    _record(actor, card, "projects.card_update", before, audit.snapshot(card))
    return card


@transaction.atomic
def card_location_set(
    *, actor: Any, card: ProjectCard, gminas: list[AdministrativeUnit], location: dict | None
) -> ProjectCard:
    """The gminas and, optionally, a point or a line that must lie in the area and in the chosen gminas."""
    card = _locked(card)
    _require_edit(actor, card)
    before = audit.snapshot(card) | {"gminas": sorted(g.terc for g in card.gminas.all())}
    errors: dict[str, str] = {}
    if not gminas:
        errors["gminas"] = _("Zaznacz co najmniej jedną gminę.")
    if location is not None:
        problem = geometry.location_problem(location, gminas=gminas)
        if problem:
            errors["location"] = problem
    if errors:
        raise ValidationError(errors)
    card.location = location
    card.min_lon, card.min_lat, card.max_lon, card.max_lat = (
        geometry.bbox(location) if location else (None,) * 4
    )
    card.save()
    card.gminas.set(gminas)
    after = audit.snapshot(card) | {"gminas": sorted(g.terc for g in gminas), "location": location}
    _record(actor, card, "projects.card_location", before, after)
    return card


@transaction.atomic
def card_partners_set(
    *, actor: Any, card: ProjectCard, partners: list[tuple[Organisation, str]]
) -> ProjectCard:
    card = _locked(card)
    _require_edit(actor, card)
    before = {"partners": [p.organisation_id for p in card.partners.all()]}
    ids = [org.pk for org, _role in partners]
    if card.beneficiary_id in ids:
        raise ValidationError({"partners": _("Wnioskodawca nie jest swoim partnerem.")})
    if len(ids) != len(set(ids)):
        raise ValidationError({"partners": _("Każdego partnera wpisz raz.")})
    card.partners.exclude(organisation_id__in=ids).delete()
    # the budget of a partner who left goes with them
    card.budget_lines.exclude(organisation_id__in=[*ids, card.beneficiary_id]).delete()
    for org, role in partners:
        CardPartner.objects.update_or_create(card=card, organisation=org, defaults={"role": role})
    _record(actor, card, "projects.card_partners", before, {"partners": ids})
    return card


@transaction.atomic
def card_budget_set(
    *,
    actor: Any,
    card: ProjectCard,
    total_pln: Decimal,
    eligible_pln: Decimal,
    cofinancing_rate: Decimal,
    rows: list[BudgetRow],
) -> ProjectCard:
    """The totals and their split by organisation and year. The EU amount is computed, never typed: eligible
    × rate, rounded once to the grosz, within the measure's cap; the table must add up to the totals."""
    card = _locked(card)
    _require_edit(actor, card)
    errors = budget_errors(card, total=total_pln, eligible=eligible_pln, rate=cofinancing_rate, rows=rows)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(card) | {"lines": lines_snapshot(card)}
    card.total_pln, card.eligible_pln, card.cofinancing_rate = total_pln, eligible_pln, cofinancing_rate
    card.eu_pln = round_cents(eligible_pln * cofinancing_rate)
    card.save()
    card.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            card=card,
            organisation=r.organisation,
            year=r.year,
            total_pln=r.total_pln,
            eligible_pln=r.eligible_pln,
            eu_pln=r.eu_pln,
        )
        for r in rows
    )
    _record(
        actor, card, "projects.card_budget", before, audit.snapshot(card) | {"lines": lines_snapshot(card)}
    )
    return card


@transaction.atomic
def card_indicators_set(
    *, actor: Any, card: ProjectCard, rows: list[tuple[Indicator, Decimal, int]]
) -> ProjectCard:
    card = _locked(card)
    _require_edit(actor, card)
    errors: list[str] = []
    codes = [indicator.pk for indicator, _v, _y in rows]
    if len(codes) != len(set(codes)):
        errors.append(_("Każdy wskaźnik wpisz raz."))
    for indicator, value, year in rows:
        if value <= 0:
            errors.append(_("%(i)s: wartość docelowa musi być większa od zera.") % {"i": indicator.code})
        if card.ends_on and year < card.ends_on.year:
            errors.append(
                _("%(i)s: rok osiągnięcia nie może być wcześniejszy niż koniec realizacji (%(y)d).")
                % {"i": indicator.code, "y": card.ends_on.year}
            )
    if errors:
        raise ValidationError({"indicators": errors})
    before = {
        "indicators": [[i.indicator_id, str(i.target_value), i.target_year] for i in card.indicators.all()]
    }
    card.indicators.all().delete()
    CardIndicator.objects.bulk_create(
        CardIndicator(card=card, indicator=i, target_value=v, target_year=y) for i, v, y in rows
    )
    after = {"indicators": [[i.pk, str(v), y] for i, v, y in rows]}
    _record(actor, card, "projects.card_indicators", before, after)
    return card


@transaction.atomic
def card_undertakings_set(*, actor: Any, card: ProjectCard, keys: list[str]) -> ProjectCard:
    """The strategy undertakings the card serves, by stable key; each must exist in the current strategy."""
    from zit.projects.selectors import undertakings_by_key

    card = _locked(card)
    _require_edit(actor, card)
    known = undertakings_by_key()
    unknown = [k for k in keys if k not in known]
    if not keys:
        raise ValidationError(
            {"keys": _("Wskaż co najmniej jedno przedsięwzięcie strategii, któremu służy projekt.")}
        )
    if unknown:
        raise ValidationError(
            {
                "keys": _("W obowiązującej strategii nie ma przedsięwzięć o kluczach: %(k)s.")
                % {"k": ", ".join(unknown)}
            }
        )
    before = {"undertakings": sorted(card.undertakings.values_list("key", flat=True))}
    card.undertakings.exclude(key__in=keys).delete()
    for key in keys:
        CardUndertaking.objects.get_or_create(card=card, key=key)
    _record(actor, card, "projects.card_undertakings", before, {"undertakings": sorted(keys)})
    return card


# --- completeness and state changes


def card_problems(card: ProjectCard) -> list[tuple[str, str]]:
    """What stops the card from being submitted, as (section, message) pairs in the order of the form."""
    from zit.projects.selectors import undertakings_by_key

    problems: list[tuple[str, str]] = []
    basic = _basic_errors(card)
    problems += [("basic", m) for m in basic.values()]
    if not card.starts_on or not card.ends_on:
        problems.append(("basic", _("Podaj początek i koniec realizacji.")))
    from zit.projects.sources import sources_problems

    problems += [("sources", m) for m in sources_problems(card)]
    if not card.gminas.exists():
        problems.append(("location", _("Zaznacz gminy, w których powstanie projekt.")))
    if card.total_pln is None:
        problems.append(
            ("budget", _("Uzupełnij budżet: wartość, wydatki kwalifikowalne i poziom dofinansowania."))
        )
    else:
        rows = [
            BudgetRow(line.organisation, line.year, line.total_pln, line.eligible_pln, line.eu_pln)
            for line in card.budget_lines.select_related("organisation")
        ]
        errors = budget_errors(
            card, total=card.total_pln, eligible=card.eligible_pln, rate=card.cofinancing_rate, rows=rows
        )
        problems += [("budget", m) for messages in errors.values() for m in messages]
    answered = set(card.answers.values_list("question_id", flat=True))
    unanswered = card.round.questions.filter(required=True).exclude(pk__in=answered).count()
    if unanswered:
        # counted, not quoted: the questions (typed in Polish) are shown in the answers part the message links to
        problems.append(
            (
                "answers",
                ngettext(
                    "Odpowiedz na wymagane pytanie naboru (bez odpowiedzi: %(n)d).",
                    "Odpowiedz na wymagane pytania naboru (bez odpowiedzi: %(n)d).",
                    unanswered,
                )
                % {"n": unanswered},
            )
        )
    if not card.indicators.exists():
        problems.append(
            ("indicators", _("Dodaj co najmniej jeden wskaźnik z katalogu z wartością docelową."))
        )
    elif card.ends_on:
        for early in card.indicators.filter(target_year__lt=card.ends_on.year).select_related("indicator"):
            problems.append(
                (
                    "indicators",
                    _("%(i)s: rok osiągnięcia (%(y)d) jest przed końcem realizacji.")
                    % {"i": early.indicator.code, "y": early.target_year},
                )
            )
    keys = list(card.undertakings.values_list("key", flat=True))
    if not keys:
        problems.append(("undertakings", _("Wskaż przedsięwzięcia strategii, którym służy projekt.")))
    else:
        known = undertakings_by_key()
        for key in keys:
            if key not in known:
                problems.append(
                    ("undertakings", _("Przedsięwzięcia o kluczu %(k)s nie ma już w strategii.") % {"k": key})
                )
    return problems


def may_fire(actor: Any, card: ProjectCard, name: str) -> bool:
    return CARD.may(actor, card, name)


@transaction.atomic
def card_transition(
    *,
    actor: Any,
    card: ProjectCard,
    name: str,
    reason: str = "",
    application_number: str = "",
    today: dt.date | None = None,
) -> ProjectCard:
    """Move the card along its lifecycle (`lifecycles.CARD`: from where, to where, who, the guards); here only
    what the act itself records: the application number and the card's history row."""
    card = _locked(card)
    if name == "file_application":
        if card.call_id is None:
            raise ValidationError({"call": _("Wskaż nabór IZ, w którym złożono wniosek.")})
        application_number = application_number.strip()
        if not application_number:
            raise ValidationError({"application_number": _("Podaj numer wniosku z systemu IZ.")})
        if ProjectCard.objects.filter(application_number=application_number).exclude(pk=card.pk).exists():
            raise ValidationError({"application_number": _("Ten numer wniosku ma już inna fiszka.")})
    source = card.state
    target = CARD.transition(name).target

    def apply(obj: ProjectCard) -> None:
        CardTransition.objects.create(
            card=obj,
            name=name,
            from_state=source,
            to_state=target,
            reason=reason.strip(),
            actor_id=getattr(actor, "pk", None),
            actor_label=audit.actor_label(actor),
        )
        if application_number:
            obj.application_number = application_number
        obj.state_changed_at = timezone.now()

    CARD.fire(
        actor=actor,
        obj=card,
        name=name,
        reason=reason,
        today=today,
        apply=apply,
        after={"application_number": application_number} if application_number else None,
    )
    from zit.projects.notifications import notify

    notify(card, name, reason=reason)
    return card
