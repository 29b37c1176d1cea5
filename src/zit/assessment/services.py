"""Every write of the assessment: keyword-only, atomic, permission-checked, validated, audited.

The office (PROJECTS_MANAGE) sets the round's criteria (`criteria.py`), assigns assessors and closes the
scoring; an assessor (ASSESS) signs the impartiality declaration for a round and scores the cards assigned to them. Writes that
touch the criteria or the scores lock the round's row first, so a criteria change and a first score cannot
interleave."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.assessment import notifications, scoring, selectors
from zit.assessment.models import Assignment, CriteriaSet, Criterion, Declaration, Score
from zit.core import audit
from zit.core.formatting import format_date
from zit.core.roles import Perm, has_perm, require, require_unless_system
from zit.organisations.models import Organisation
from zit.projects.lifecycles import ROUND_RULES
from zit.projects.models import ProjectCard, Round
from zit.projects.services import card_transition

JUSTIFICATION_MAX = 5000


def declaration_text() -> str:
    """The declaration an assessor signs; stored with the signature as it was shown."""
    return _(
        "Oświadczam, że nie łączy mnie z wnioskodawcą ani z partnerami fiszek, które ocenię, stosunek pracy, "
        "zlecenia lub członkostwa w ich organach w ostatnich trzech latach, pokrewieństwo, powinowactwo, "
        "małżeństwo, przysposobienie, opieka ani kuratela z osobami, które ich reprezentują, ani inna relacja, "
        "która mogłaby budzić uzasadnione wątpliwości co do mojej bezstronności. Organizacje, z którymi taka "
        "relacja mnie łączy, wymieniam poniżej: fiszek z ich udziałem nie będę oceniać. Informacje z fiszek "
        "i ocen zachowam w tajemnicy."
    )


def require_office(actor: Any) -> None:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)


def lock_round(round: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round.pk)


def open_for_scoring(round: Round) -> CriteriaSet | None:
    """The round's criteria set, after checking the round is scored and its scoring still open."""
    if not round.scoring:
        raise ValidationError(_("Nabór %(n)s nie ma oceny punktowej.") % {"n": round.number})
    criteria_set = CriteriaSet.objects.filter(round=round).first()
    if criteria_set and criteria_set.closed_at:
        raise ValidationError(
            _("Ocena w naborze %(n)s jest zamknięta (%(d)s): nic już w niej nie zmienisz.")
            % {"n": round.number, "d": format_date(timezone.localdate(criteria_set.closed_at))}
        )
    return criteria_set


# --- the declaration


@transaction.atomic
def declaration_sign(
    *, actor: Any, round: Round, organisations: list[Organisation], confirmed: bool, is_demo: bool = False
) -> tuple[Declaration, list[str]]:
    """The assessor's declaration of impartiality for the round, with the organisations they are tied to.
    Their unsubmitted assignments to cards of those organisations are withdrawn at once (the office assigns
    someone else). Returns the declaration and the numbers of the cards withdrawn."""
    require(actor, Perm.ASSESS)
    round = lock_round(round)
    open_for_scoring(round)
    signed = Declaration.objects.filter(round=round, assessor=actor).first()
    if signed:
        raise ValidationError(
            _("Oświadczenie dla naboru %(n)s już podpisano (%(d)s).")
            % {"n": round.number, "d": format_date(timezone.localdate(signed.signed_at))}
        )
    if not confirmed:
        raise ValidationError({"confirm": _("Zaznacz, że składasz to oświadczenie.")})
    declaration = Declaration.objects.create(
        round=round, assessor=actor, text=declaration_text(), signed_at=timezone.now(), is_demo=is_demo
    )
    declaration.ties.set(organisations)
    tied = {o.pk for o in organisations}
    withdrawn = []
    for assignment in Assignment.objects.filter(card__round=round, assessor=actor).select_related("card"):
        if tied & set(selectors.card_organisation_ids(assignment.card)):
            withdrawn.append(assignment.card.number)
            assignment.delete()  # not submitted: nobody could score before the declaration
    audit.record(
        actor=actor,
        action="assessment.declaration_sign",
        obj=declaration,
        after={
            "round": round.number,
            "ties": sorted(tied),
            "signed_at": declaration.signed_at,
            "withdrawn_assignments": withdrawn,
        },
    )
    return declaration, withdrawn


# --- assignments


def _lock_card(card: ProjectCard) -> ProjectCard:
    return ProjectCard.objects.select_for_update().select_related("round").get(pk=card.pk)


@transaction.atomic
def assignment_add(*, actor: Any, card: ProjectCard, assessor: Any, is_demo: bool = False) -> Assignment:
    """Two assessors per card; a third one only when the first two totals differ by more than the round's
    threshold. An assessor tied to the applicant or a partner is refused."""
    require_office(actor)
    card = _lock_card(card)
    criteria_set = open_for_scoring(card.round)
    who = selectors.assessor_label(assessor)
    if card.state != ProjectCard.State.ACCEPTED:
        raise ValidationError(
            _("Ocenia się fiszki przyjęte formalnie; fiszka %(n)s jest w stanie „%(s)s”.")
            % {"n": card.number, "s": card.get_state_display()}
        )
    if not assessor.is_active or not has_perm(assessor, Perm.ASSESS):
        raise ValidationError({"assessor": _("%(p)s nie ma roli oceniającego.") % {"p": who}})
    assignments = list(card.assignments.select_related("assessor").prefetch_related("scores"))
    if any(a.assessor_id == assessor.pk for a in assignments):
        raise ValidationError(
            {"assessor": _("%(p)s już ocenia fiszkę %(n)s.") % {"p": who, "n": card.number}}
        )
    tie = selectors.tie_with_card(
        selectors.ties_of(assessor_ids=[assessor.pk], round=card.round).get(assessor.pk, {}), card
    )
    if tie:
        raise ValidationError(
            {
                "assessor": _("%(p)s nie może oceniać fiszki %(n)s: %(r)s (wnioskodawca albo partner).")
                % {"p": who, "n": card.number, "r": tie.reason}
            }
        )
    first = [a for a in assignments if not a.third]
    third = len(first) >= 2
    if third:
        if any(a.third for a in assignments):
            raise ValidationError(_("Fiszka %(n)s ma już trzeciego oceniającego.") % {"n": card.number})
        result = (
            scoring.card_result(
                criteria_set=criteria_set,
                criteria=list(criteria_set.criteria.all()),
                card=card,
                assignments=assignments,
            )
            if criteria_set
            else None
        )
        if result is None or not result.needs_third:
            raise ValidationError(
                _(
                    "Fiszka %(n)s ma już dwóch oceniających. Trzeciego przydzielisz, gdy obie oceny będą złożone "
                    "i ich sumy będą się różnić bardziej, niż dopuszcza próg rozbieżności."
                )
                % {"n": card.number}
            )
    assignment = Assignment.objects.create(card=card, assessor=assessor, third=third, is_demo=is_demo)
    audit.record(
        actor=actor,
        action="assessment.assign",
        obj=assignment,
        after={"card": card.number, "assessor_id": assessor.pk, "third": third},
    )
    return assignment


@transaction.atomic
def assignment_remove(*, actor: Any, assignment: Assignment) -> None:
    """Take an assessor off a card before they submit (illness, a tie found late); their draft goes too."""
    require_office(actor)
    assignment = Assignment.objects.select_for_update().select_related("card__round").get(pk=assignment.pk)
    open_for_scoring(assignment.card.round)
    if assignment.submitted:
        raise ValidationError(_("Złożonej oceny nie można usunąć: jest ostateczna."))
    before = {
        "card": assignment.card.number,
        "assessor_id": assignment.assessor_id,
        "third": assignment.third,
        "draft_scores": assignment.scores.count(),
    }
    audit.record(actor=actor, action="assessment.unassign", obj=assignment, before=before)
    assignment.delete()


# --- a tie found after the assignment


def conflict_explanation(card: ProjectCard, tie: selectors.Tie) -> str:
    """What the assessor is told, on the card's page and when a save is refused."""
    return _("Nie możesz oceniać fiszki %(n)s: %(r)s, a jest ona wnioskodawcą albo partnerem tej fiszki.") % {
        "n": card.number,
        "r": tie.reason_to_assessor,
    }


def conflict_explanation_html(card: ProjectCard, tie: selectors.Tie) -> str:
    """The same on a page, the organisation's name marked as Polish data in other languages."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    sentence = _("Nie możesz oceniać fiszki %(n)s: %(r)s, a jest ona wnioskodawcą albo partnerem tej fiszki.")
    return mark_safe(  # noqa: S308 - every part escaped
        str(conditional_escape(sentence))
        % {"n": conditional_escape(card.number), "r": tie.reason_to_assessor_html}
    )


def conflict_office_told() -> str:
    return _("Biuro zostało o tym powiadomione i przydzieli fiszkę innemu oceniającemu.")


def _conflict_record(*, actor: Any, assignment: Assignment, tie: selectors.Tie) -> None:
    """The first time a tie is found on a locked assignment: mark it (the assessment stays blocked and the
    office sees it among the assignments), audit it and tell the office. Later finds change nothing, so
    opening the card again or retrying the save floods neither the log nor the office's mail."""
    if assignment.conflicted:
        return
    assignment.conflict_found_at = timezone.now()
    assignment.conflict_organisation_id = tie.organisation_id
    assignment.conflict_why = tie.why
    assignment.save(update_fields=["conflict_found_at", "conflict_organisation", "conflict_why"])
    audit.record(
        actor=actor,
        action="assessment.conflict_detected",
        obj=assignment,
        after={
            "card": assignment.card.number,
            "assessor_id": assignment.assessor_id,
            "organisation_id": tie.organisation_id,
            "organisation": tie.organisation,
            "tie": tie.why,
        },
    )
    notifications.conflict_notify(
        assignment, tie, assessor_label=selectors.assessor_label(assignment.assessor)
    )


def _lock_assignment(assignment: Assignment) -> Assignment:
    # the assignment's row and its card's, not the round's (read only): `assessment_save` locks the round
    # before calling this, and nothing here locks in the other order
    return (
        Assignment.objects.select_for_update(of=("self", "card"))
        .select_related("card__round", "assessor")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def assignment_conflict_check(*, actor: Any, assignment: Assignment) -> selectors.Tie | None:
    """Whether the assessor is tied to the card they were assigned (a role at the applicant or a partner
    given after the assignment): checked when they open the card, before any of it is shown. The first find
    is recorded, audited and told to the office; the tie is returned for the page to explain."""
    require(actor, Perm.ASSESS)
    if assignment.assessor_id != actor.pk:
        raise PermissionDenied(_("To nie jest Twoja ocena."))
    assignment = _lock_assignment(assignment)
    tie = selectors.assignment_tie(assignment)
    if tie:
        _conflict_record(actor=actor, assignment=assignment, tie=tie)
    return tie


# --- scoring


def value_field(criterion: Criterion) -> str:
    """The key of a criterion's value in the form and in the service's errors."""
    return f"value_{criterion.pk}"


def justification_field(criterion: Criterion) -> str:
    return f"justification_{criterion.pk}"


def _scores_snapshot(assignment: Assignment) -> dict[str, list[Any]]:
    return {str(s.criterion_id): [s.value, s.justification] for s in assignment.scores.all()}


def assessment_save(
    *, actor: Any, assignment: Assignment, values: dict[int, tuple[int | None, str]], submit: bool = False
) -> Assignment:
    """The assessor's values and justifications, by criterion id. A draft may be partial; submitting needs a
    value and a justification for every criterion and makes the assessment final. Errors are keyed by
    `value_<criterion id>` and `justification_<criterion id>`, as the form names its fields.

    An assessor tied to the applicant or a partner (a role given after the assignment) is refused and nothing
    is saved; the tie is recorded, audited and told to the office in a transaction of its own that commits
    before the refusal is raised, so the refusal does not undo it."""
    saved = _assessment_save(actor=actor, assignment=assignment, values=values, submit=submit)
    if isinstance(saved, selectors.Tie):
        raise ValidationError(
            " ".join(
                [
                    conflict_explanation(assignment.card, saved),
                    _("Oceny nie zapisano."),
                    conflict_office_told(),
                ]
            )
        )
    return saved


@transaction.atomic
def _assessment_save(
    *, actor: Any, assignment: Assignment, values: dict[int, tuple[int | None, str]], submit: bool
) -> Assignment | selectors.Tie:
    require(actor, Perm.ASSESS)
    if assignment.assessor_id != actor.pk:
        raise PermissionDenied(_("To nie jest Twoja ocena."))
    round = lock_round(assignment.card.round)
    assignment = _lock_assignment(assignment)
    if not Declaration.objects.filter(round=round, assessor=actor).exists():
        raise PermissionDenied(_("Najpierw podpisz oświadczenie o bezstronności dla tego naboru."))
    criteria_set = open_for_scoring(round)
    if assignment.submitted:
        raise ValidationError(_("Ta ocena jest już złożona i nie można jej zmienić."))
    tie = selectors.assignment_tie(assignment)
    if tie:
        _conflict_record(actor=actor, assignment=assignment, tie=tie)
        return tie
    if assignment.card.state != ProjectCard.State.ACCEPTED:
        raise ValidationError(
            _("Fiszka %(n)s nie jest już w ocenie (stan: %(s)s).")
            % {"n": assignment.card.number, "s": assignment.card.get_state_display()}
        )
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    if not criteria:
        raise ValidationError(_("Biuro nie ustaliło jeszcze kryteriów oceny w tym naborze."))
    errors: dict[str, str] = {}
    cleaned: dict[int, tuple[int | None, str]] = {}
    for c in criteria:
        value, text = values.get(c.pk, (None, ""))
        text = (text or "").strip()
        cleaned[c.pk] = (value, text)
        if value is not None:
            if not c.scored and value not in (scoring.YES, scoring.NO):
                errors[value_field(c)] = _("Wybierz „tak” albo „nie”.")
            elif c.scored and not 0 <= value <= c.max_score:
                errors[value_field(c)] = _("Przyznaj od 0 do %(max)d pkt.") % {"max": c.max_score}
        elif submit:
            errors[value_field(c)] = _("Oceń to kryterium.")
        if len(text) > JUSTIFICATION_MAX:
            errors[justification_field(c)] = _("Uzasadnienie ma %(n)d znaków; zmieść je w %(max)d.") % {
                "n": len(text),
                "max": JUSTIFICATION_MAX,
            }
        elif submit and not text:
            # the justification is required for every criterion; the message says why it matters most here
            if not c.scored and value == scoring.NO:
                message = _("Uzasadnij ocenę „nie”: odrzuca ona fiszkę.")
            elif c.scored and value is not None and c.min_score is not None and value < c.min_score:
                message = _("Uzasadnij ocenę poniżej minimum (%(min)d pkt).") % {"min": c.min_score}
            else:
                message = _("Uzasadnij ocenę.")
            errors[justification_field(c)] = message
    if errors:
        raise ValidationError(errors)
    before = _scores_snapshot(assignment)
    for c in criteria:
        value, text = cleaned[c.pk]
        if value is None and not text:
            Score.objects.filter(assignment=assignment, criterion=c).delete()
        else:
            Score.objects.update_or_create(
                assignment=assignment, criterion=c, defaults={"value": value, "justification": text}
            )
    after = _scores_snapshot(assignment)
    if submit:
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["submitted_at"])
        audit.record(
            actor=actor,
            action="assessment.submit",
            obj=assignment,
            before=before,
            after=after | {"total": scoring.sheet_total(criteria, {int(k): v[0] for k, v in after.items()})},
        )
    elif audit.changed(before, after):
        audit.record(actor=actor, action="assessment.draft", obj=assignment, before=before, after=after)
    return assignment


# --- closing


@transaction.atomic
def scoring_close(*, actor: Any, round: Round) -> list[ProjectCard]:
    """Every card of the round fully assessed: the passing ones move accepted → scored, the failing ones stay
    accepted and are shown as failed in the ranking. After this nothing in the round's scoring changes."""
    require_office(actor)
    round = lock_round(round)
    criteria_set = open_for_scoring(round)
    if criteria_set is None:
        raise ValidationError(_("Nabór nie ma kryteriów oceny."))
    results = selectors.round_results(round)
    pending = [r.card.number for r in results if r.status != scoring.COMPLETE]
    if not results:
        raise ValidationError(_("W naborze nie ma fiszek w ocenie."))
    if pending:
        raise ValidationError(
            _("Oceny nie są jeszcze kompletne dla fiszek: %(c)s.") % {"c": ", ".join(pending)}
        )
    moved = []
    for r in results:
        if r.passed and r.card.state == ProjectCard.State.ACCEPTED:
            moved.append(card_transition(actor=actor, card=r.card, name="score"))
    criteria_set.closed_at = timezone.now()
    criteria_set.closed_by_label = audit.actor_label(actor)
    criteria_set.save(update_fields=["closed_at", "closed_by_label", "updated_at"])
    audit.record(
        actor=actor,
        action="assessment.scoring_close",
        obj=criteria_set,
        after={
            "ranking": [[r.position, r.card.number, r.final, r.passed] for r in results],
            "scored": [c.number for c in moved],
        },
    )
    return moved


# --- reopening the scoring rules of an announced round


def reopen_consequences(round: Round) -> dict[str, Any]:
    """What reopening the rules would undo, for the page that asks the office to confirm."""
    return {
        "scored": list(round.cards.filter(state=ProjectCard.State.SCORED).values_list("number", flat=True)),
        "scores": Score.objects.filter(assignment__card__round=round).count(),
        "submitted": Assignment.objects.filter(card__round=round, submitted_at__isnull=False).count(),
        "thirds": Assignment.objects.filter(card__round=round, third=True).count(),
        "closed": CriteriaSet.objects.filter(round=round, closed_at__isnull=False).exists(),
        "applicants": len(notifications.applicant_addresses(round)),
    }


@transaction.atomic
def round_rules_reopen(*, actor: Any, round: Round, reason: str, today: dt.date | None = None) -> Round:
    """The office reopens the scoring rules of an announced round, with a reason every applicant of the round
    is told by e-mail. The scoring starts over, so no card keeps a result given under other rules: cards
    already scored go back to "accepted", every score given so far is cleared (kept in this act's audit
    event), submitted assessments become drafts again, third assessors are taken off (the office assigns
    them again if the new totals differ too much), and a closed scoring is open again. The first save of the
    rules afterwards fixes them again."""
    round = lock_round(round)
    scored = list(round.cards.filter(state=ProjectCard.State.SCORED))
    assignments = list(
        Assignment.objects.filter(card__round=round).select_related("card").prefetch_related("scores")
    )
    before = {
        "assessments": [
            {
                "card": a.card.number,
                "assessor_id": a.assessor_id,
                "third": a.third,
                "submitted": a.submitted,
                "scores": _scores_snapshot(a),
            }
            for a in assignments
        ]
    }

    def apply(obj: Round) -> None:
        obj.rules_reopened_at = timezone.now()
        obj.rules_reopen_reason = reason.strip()

    ROUND_RULES.fire(
        actor=actor,
        obj=round,
        name="reopen",
        reason=reason,
        today=today,
        apply=apply,
        before=before,
        after={"cards_back_to_scoring": [c.number for c in scored]},
    )
    for card in scored:
        card_transition(actor=actor, card=card, name="rescore", reason=reason)
    Score.objects.filter(assignment__card__round=round).delete()
    Assignment.objects.filter(card__round=round, third=True).delete()
    Assignment.objects.filter(card__round=round).update(submitted_at=None)
    CriteriaSet.objects.filter(round=round).update(
        closed_at=None, closed_by_label="", updated_at=timezone.now()
    )
    notifications.rules_reopened_notify(round, reason=reason.strip())
    return round
