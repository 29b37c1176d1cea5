"""Demo scoring for the past demo round "1/2025": scoring on, five criteria, and the demo assessor with a
signed declaration assigned to the round's accepted cards. Everything is marked as demo; it goes through the
same services as real data."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from zit.accounts.models import User
from zit.assessment import services
from zit.assessment.criteria import CriterionData, criteria_set_save
from zit.assessment.models import CriteriaSet, Criterion
from zit.projects.models import ProjectCard, Round
from zit.projects.services import round_save

YES_NO, SCORED = Criterion.Kind.YES_NO, Criterion.Kind.SCORED
CRITERIA = [
    CriterionData("Zgodność ze Strategią ZIT (demo)", YES_NO, "Projekt realizuje przedsięwzięcie strategii."),
    CriterionData(
        "Gotowość do realizacji do końca 2029 r. (demo)", YES_NO, "Harmonogram mieści się w okresie programu."
    ),
    CriterionData(
        "Wpływ na mobilność mieszkańców obszaru (demo)",
        SCORED,
        "Ilu mieszkańców skorzysta i jak bardzo zmieni się ich codzienny dojazd.",
        weight=Decimal("3"),
        max_score=10,
        min_score=4,
        tie_break_order=1,
    ),
    CriterionData(
        "Partnerstwo i zasięg ponadgminny (demo)",
        SCORED,
        "Czy projekt łączy gminy obszaru i realizują go partnerzy.",
        weight=Decimal("2"),
        max_score=10,
        tie_break_order=2,
    ),
    CriterionData(
        "Efektywność kosztowa (demo)",
        SCORED,
        "Koszt w stosunku do wartości wskaźników.",
        weight=Decimal("2"),
        max_score=10,
        min_score=3,
    ),
]


@transaction.atomic
def load_assessment_demo() -> int:
    """Idempotent: does nothing when the round already has criteria. Returns the number of assignments made."""
    past = Round.objects.filter(number="1/2025", is_demo=True).first()
    assessor = User.objects.filter(username="oceniajacy", is_demo=True).first()
    if past is None or assessor is None or CriteriaSet.objects.filter(round=past).exists():
        return 0  # the demo projects or the demo accounts are not loaded, or this ran already
    if not past.scoring:
        round_save(actor=None, round=past, measures=list(past.measures.all()), scoring=True)
    criteria_set_save(
        actor=None,
        round=past,
        pass_threshold=Decimal("40"),
        third_share=Decimal("0.30"),
        criteria=CRITERIA,
        is_demo=True,
    )
    second = User.objects.filter(username="oceniajacy2", is_demo=True).first()
    assessors = [a for a in (assessor, second) if a is not None]
    for person in assessors:
        services.declaration_sign(actor=person, round=past, organisations=[], confirmed=True, is_demo=True)
    made = 0
    cards = list(ProjectCard.objects.filter(round=past, state=ProjectCard.State.ACCEPTED))
    for card in cards:
        for person in assessors:
            services.assignment_add(actor=None, card=card, assessor=person, is_demo=True)
            made += 1
    if len(assessors) == 2 and cards:
        # both demo assessors score and the office closes the round: the demo shows a scored card
        for person, points in zip(assessors, ((8, 6, 7), (7, 6, 6)), strict=True):
            for assignment in person.assessment_assignments.filter(card__in=cards):
                services.assessment_save(
                    actor=person, assignment=assignment, values=_demo_values(points), submit=True
                )
        services.scoring_close(actor=None, round=past)
    return made


def _demo_values(points: tuple[int, int, int]) -> dict[int, tuple[int | None, str]]:
    from zit.assessment import scoring
    from zit.assessment.models import Criterion

    criteria = list(Criterion.objects.filter(criteria_set__round__number="1/2025").order_by("position", "pk"))
    values: dict[int, tuple[int | None, str]] = {}
    scored = iter(points)
    for criterion in criteria:
        value = next(scored) if criterion.scored else scoring.YES
        values[criterion.pk] = (value, "Uzasadnienie przykładowe (demo).")
    return values
