"""Reads for the assessment, scoped to the user.

An assessor sees only their own assignments, and a card's data only after signing the impartiality
declaration for its round: every read of card data for an assessor goes through `assignments_of`, which
filters on the declaration, so no page can show a title before it. The office (PROJECTS_MANAGE) sees the
criteria, the assignments and every score, for the ranking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from zit.accounts.models import RoleAssignment, User
from zit.assessment import scoring
from zit.assessment.models import Assignment, CriteriaSet, Criterion, Declaration, Score
from zit.core.roles import Perm, Role, has_perm, require
from zit.projects.models import CardTransition, ProjectCard, Round

# --- ties: who may not assess which card


@dataclass(frozen=True)
class Tie:
    organisation_id: int
    organisation: str
    why: str  # "role" or "declared"

    @property
    def reason(self) -> str:
        return self._reason(self.organisation)

    @property
    def reason_to_assessor(self) -> str:
        """The same, told to the assessor themselves."""
        return self._to_assessor(self.organisation)

    @property
    def reason_html(self) -> str:
        """The reason on a page: the organisation's name (data typed in Polish) marked so in other languages."""
        return self._marked(self._reason)

    @property
    def reason_to_assessor_html(self) -> str:
        return self._marked(self._to_assessor)

    def _reason(self, organisation: str) -> str:
        if self.why == "role":
            return _("ma rolę w organizacji %(o)s") % {"o": organisation}
        return _("zadeklarował(a) powiązanie z organizacją %(o)s") % {"o": organisation}

    def _to_assessor(self, organisation: str) -> str:
        if self.why == "role":
            return _("masz rolę w organizacji %(o)s") % {"o": organisation}
        return _("organizację %(o)s wskazano w Twoim oświadczeniu o bezstronności") % {"o": organisation}

    def _marked(self, sentence: Callable[[str], str]) -> str:
        from django.utils.html import conditional_escape
        from django.utils.safestring import mark_safe

        from zit.core.templatetags.zit import pl

        marker = "\x00"
        escaped = str(conditional_escape(sentence(marker)))
        return mark_safe(escaped.replace(marker, str(conditional_escape(pl(self.organisation)))))  # noqa: S308


def role_ties(*, assessor_ids: list[int]) -> dict[int, dict[int, Tie]]:
    """The organisations where each assessor holds a role (a member officer or beneficiary user of it)."""
    ties: dict[int, dict[int, Tie]] = defaultdict(dict)
    for ra in RoleAssignment.objects.filter(
        user_id__in=assessor_ids, organisation__isnull=False
    ).select_related("organisation"):
        ties[ra.user_id][ra.organisation_id] = Tie(ra.organisation_id, str(ra.organisation), "role")
    return ties


def declared_ties(declaration: Declaration) -> dict[int, Tie]:
    """The organisations named in a declaration (its `ties` prefetched by the caller)."""
    return {org.pk: Tie(org.pk, str(org), "declared") for org in declaration.ties.all()}


def ties_of(*, assessor_ids: list[int], round: Round) -> dict[int, dict[int, Tie]]:
    """Every organisation each assessor is tied to for the round: one where they hold a role, and those
    named in their impartiality declaration for the round (a role is the reason given when both apply)."""
    ties = role_ties(assessor_ids=assessor_ids)
    for declaration in Declaration.objects.filter(round=round, assessor_id__in=assessor_ids).prefetch_related(
        "ties"
    ):
        ties[declaration.assessor_id] = declared_ties(declaration) | ties[declaration.assessor_id]
    return ties


def card_organisation_ids(card: ProjectCard) -> list[int]:
    """The applicant first, then the partners."""
    return [card.beneficiary_id, *(p.organisation_id for p in card.partners.all())]


def tie_with_card(ties: dict[int, Tie], card: ProjectCard) -> Tie | None:
    for org_id in card_organisation_ids(card):
        if org_id in ties:
            return ties[org_id]
    return None


def recorded_tie(assignment: Assignment) -> Tie | None:
    """The tie found on the assignment earlier and recorded on it."""
    if not assignment.conflicted:
        return None
    return Tie(
        assignment.conflict_organisation_id, str(assignment.conflict_organisation), assignment.conflict_why
    )


def assignment_tie(assignment: Assignment, *, ties: dict[int, Tie] | None = None) -> Tie | None:
    """What stops the assessor from scoring the card now: a tie recorded earlier (it stays, even when the
    role is taken back), or one they have today, such as a role at the applicant or a partner given after
    the assignment. A submitted assessment is final and blocks nothing. `ties` are the assessor's own, when
    the caller has read them for many assignments at once."""
    if assignment.submitted:
        return None
    recorded = recorded_tie(assignment)
    if recorded:
        return recorded
    if ties is None:
        ties = ties_of(assessor_ids=[assignment.assessor_id], round=assignment.card.round).get(
            assignment.assessor_id, {}
        )
    return tie_with_card(ties, assignment.card)


def assessors() -> QuerySet[User]:
    """Active accounts holding the assessor role."""
    return (
        User.objects.filter(is_active=True, role_assignments__role=Role.ASSESSOR)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def assessor_label(user: Any) -> str:
    return user.get_full_name() or user.get_username()


# --- the assessor's side


def _require_assessor(user: Any) -> None:
    require(user, Perm.ASSESS)


def declaration_for(*, user: Any, round: Round) -> Declaration | None:
    _require_assessor(user)
    return Declaration.objects.filter(round=round, assessor=user).prefetch_related("ties").first()


def assignments_of(*, user: Any) -> QuerySet[Assignment]:
    """The user's own assignments in rounds for which they signed the declaration: the only way an assessor
    reaches card data."""
    _require_assessor(user)
    declared = Declaration.objects.filter(round_id=OuterRef("card__round_id"), assessor=user)
    return (
        Assignment.objects.filter(assessor=user)
        .filter(Exists(declared))
        .select_related(
            "card", "card__round", "card__beneficiary", "card__measure", "card__fund", "conflict_organisation"
        )
    )


def assignment_get(*, user: Any, pk: int) -> Assignment:
    assignment = assignments_of(user=user).filter(pk=pk).first()
    if assignment is None:
        raise Http404(_("Nie ma takiej oceny albo nie masz do niej dostępu."))
    return assignment


def undeclared_round_of(*, user: Any, assignment_pk: int) -> Round | None:
    """The round of the user's own assignment when they have not declared for it yet (the page sends them
    to the declaration); the card itself is not read."""
    _require_assessor(user)
    round_id = (
        Assignment.objects.filter(pk=assignment_pk, assessor=user)
        .exclude(card__round__declarations__assessor=user)
        .values_list("card__round_id", flat=True)
        .first()
    )
    return Round.objects.filter(pk=round_id).first() if round_id else None


@dataclass
class MyRound:
    round: Round
    declaration: Declaration | None
    assigned: int  # how many cards, told even before the declaration (no card data)
    submitted: int
    assignments: list[Assignment] = field(default_factory=list)  # only with a declaration
    blocked: set[int] = field(default_factory=set)  # assignments the assessor may no longer score: a tie


def my_rounds(*, user: Any) -> list[MyRound]:
    """Rounds with cards assigned to the user, and rounds with scoring the user declared for."""
    _require_assessor(user)
    counts = {
        row["card__round_id"]: row
        for row in Assignment.objects.filter(assessor=user)
        .values("card__round_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(submitted_at__isnull=False)))
    }
    declarations = {d.round_id: d for d in Declaration.objects.filter(assessor=user).prefetch_related("ties")}
    rounds = Round.objects.filter(Q(pk__in=list(counts)) | Q(pk__in=list(declarations))).order_by(
        "-opens_on", "-pk"
    )
    mine: dict[int, list[Assignment]] = {}
    blocked: set[int] = set()
    roles = role_ties(assessor_ids=[user.pk]).get(user.pk, {})
    for a in assignments_of(user=user).prefetch_related("card__partners").order_by("card__number"):
        mine.setdefault(a.card.round_id, []).append(a)
        if assignment_tie(a, ties=declared_ties(declarations[a.card.round_id]) | roles):
            blocked.add(a.pk)  # the list shows no title of a card the assessor may no longer score
    return [
        MyRound(
            round=r,
            declaration=declarations.get(r.pk),
            assigned=counts.get(r.pk, {}).get("n", 0),
            submitted=counts.get(r.pk, {}).get("done", 0),
            assignments=mine.get(r.pk, []) if r.pk in declarations else [],
            blocked=blocked,
        )
        for r in rounds
    ]


def scoring_round_get(*, user: Any, pk: int) -> Round:
    """A round with scoring on, for an assessor's declaration."""
    _require_assessor(user)
    round = Round.objects.filter(pk=pk, scoring=True).first()
    if round is None:
        raise Http404(_("Ten nabór nie ma oceny punktowej."))
    return round


def card_for_assessor(assignment: Assignment) -> dict[str, Any]:
    """What the assessor reads of the card: passed an assignment that came from `assignment_get`. Nothing
    once the assessor is tied to the applicant or a partner."""
    from zit.projects.selectors import card_undertakings

    if assignment_tie(assignment):
        raise PermissionDenied(
            _("Nie możesz oceniać tej fiszki: jesteś powiązany(-a) z wnioskodawcą albo partnerem.")
        )
    card = assignment.card
    return {
        "card": card,
        "partners": card.partners.select_related("organisation"),
        "indicators": card.indicators.select_related("indicator"),
        "undertakings": card_undertakings(card),
    }


def criteria_of(round: Round) -> list[Criterion]:
    return list(Criterion.objects.filter(criteria_set__round=round))


# --- the office's side


def _require_office(user: Any) -> None:
    if not has_perm(user, Perm.PROJECTS_MANAGE):
        raise PermissionDenied(_("Ocenę fiszek prowadzi biuro."))


def office_round_get(*, user: Any, pk: int) -> Round:
    _require_office(user)
    round = Round.objects.filter(pk=pk, scoring=True).first()
    if round is None:
        raise Http404(_("Ten nabór nie ma oceny punktowej: włącz ją w ustawieniach naboru."))
    return round


def assignment_for_office(*, user: Any, pk: int) -> Assignment:
    _require_office(user)
    assignment = Assignment.objects.select_related("card__round", "assessor").filter(pk=pk).first()
    if assignment is None:
        raise Http404(_("Nie ma takiego przydziału."))
    return assignment


def criteria_set_of(*, user: Any, round: Round) -> CriteriaSet | None:
    _require_office(user)
    return CriteriaSet.objects.filter(round=round).prefetch_related("criteria").first()


def scores_recorded(round: Round) -> bool:
    """Whether any assessor saved a score in the round: from then on the criteria are fixed."""
    return Score.objects.filter(criterion__criteria_set__round=round).exists()


def cards_to_assess(round: Round) -> QuerySet[ProjectCard]:
    """The round's cards in the assessment: accepted ones, and any that already has an assessor (a card
    scored or listed later stays in the ranking); a withdrawn card leaves it."""
    return (
        ProjectCard.objects.filter(round=round)
        .filter(Q(state=ProjectCard.State.ACCEPTED) | Q(assignments__isnull=False))
        .exclude(state=ProjectCard.State.WITHDRAWN)
        .distinct()
        .select_related("beneficiary")
        .prefetch_related(
            "partners__organisation",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related(
                    "assessor", "conflict_organisation"
                ).prefetch_related("scores"),
            ),
        )
        .order_by("number")
    )


def results(*, user: Any, round: Round) -> list[scoring.CardResult]:
    """Every card's result in the ranking's order (`scoring.rank`), with every score: the office only."""
    _require_office(user)
    return round_results(round)


def round_results(round: Round) -> list[scoring.CardResult]:
    """Unchecked: for services that checked the permission themselves."""
    criteria_set = CriteriaSet.objects.filter(round=round).first()
    cards = list(cards_to_assess(round))
    if criteria_set is None:
        return [scoring.CardResult(card=c, assignments=list(c.assignments.all())) for c in cards]
    criteria = list(criteria_set.criteria.all())
    first_submit = dict(
        CardTransition.objects.filter(card__in=cards, name="submit")
        .values("card_id")
        .annotate(at=Min("at"))
        .values_list("card_id", "at")
    )
    rows = [
        scoring.card_result(
            criteria_set=criteria_set,
            criteria=criteria,
            card=c,
            assignments=list(c.assignments.all()),
            submitted_at=first_submit.get(c.pk),
        )
        for c in cards
    ]
    return scoring.rank(rows, tie_criteria(criteria))


def tie_criteria(criteria: list[Criterion]) -> list[Criterion]:
    return sorted((c for c in criteria if c.tie_break_order is not None), key=lambda c: c.tie_break_order)


@dataclass
class AssignmentRow:
    result: scoring.CardResult
    eligible: list[User]
    excluded: list[tuple[User, Tie]]
    assigned: list[tuple[Assignment, Tie | None]]  # with the tie that blocks an assessment in progress

    @property
    def blocked(self) -> bool:
        return any(tie for _a, tie in self.assigned)


def assignment_rows(*, user: Any, round: Round) -> list[AssignmentRow]:
    """For the assignments page: each card with its assessors (and a tie that appeared after the assignment,
    so that the office gives the card to someone else), who else may assess it and who may not, why."""
    _require_office(user)
    people = list(assessors())
    rows_results = sorted(results(user=user, round=round), key=lambda r: r.card.number)
    assigned_ids = {a.assessor_id for r in rows_results for a in r.assignments}
    ties = ties_of(assessor_ids=sorted({p.pk for p in people} | assigned_ids), round=round)
    rows = []
    for result in rows_results:
        assigned = [(a, assignment_tie(a, ties=ties.get(a.assessor_id, {}))) for a in result.assignments]
        taken = {a.assessor_id for a in result.assignments}
        eligible, excluded = [], []
        for person in people:
            if person.pk in taken:
                continue
            tie = tie_with_card(ties.get(person.pk, {}), result.card)
            if tie:
                excluded.append((person, tie))
            else:
                eligible.append(person)
        rows.append(AssignmentRow(result=result, eligible=eligible, excluded=excluded, assigned=assigned))
    return rows
