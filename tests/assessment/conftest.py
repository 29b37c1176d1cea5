import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from factories.projects import CardPartnerFactory, CardTransitionFactory, ProjectCardFactory

from zit.accounts.services import role_assign
from zit.assessment import services
from zit.assessment.criteria import CriterionData, criteria_set_save
from zit.assessment.models import Criterion
from zit.funding.models import Measure
from zit.organisations.models import Organisation
from zit.projects.services import round_save

TODAY = dt.date(2026, 3, 10)
YES_NO, SCORED = Criterion.Kind.YES_NO, Criterion.Kind.SCORED


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def golina(association_data):
    return Organisation.objects.get(name="Gmina Golina")


@pytest.fixture
def kleczew(association_data):
    return Organisation.objects.get(name="Gmina Kleczew")


@pytest.fixture
def round_(office, funding_data):
    return round_save(
        actor=office,
        measures=[Measure.objects.get(number="3.2")],
        number="1/2026",
        title="Nabór fiszek – mobilność",
        opens_on=dt.date(2026, 3, 1),
        closes_on=dt.date(2026, 3, 31),
        scoring=True,
    )


@pytest.fixture
def make_card(round_):
    """Factory: an accepted card (the state set directly: the assessment only needs it accepted) with its
    EU amount, partners and the moment of its first submission."""
    counter = {"n": 0}

    def make(beneficiary, *, partners=(), eu_pln="700000", submitted_at=None, title=None):
        counter["n"] += 1
        card = ProjectCardFactory(
            round=round_,
            beneficiary=beneficiary,
            title=title or f"Projekt testowy {counter['n']}",
            summary="Opis projektu.",
            measure=round_.measures.first(),
            state="accepted",
            total_pln=None,
            eligible_pln=None,
            eu_pln=Decimal(eu_pln),
        )
        for org in partners:
            CardPartnerFactory(card=card, organisation=org)
        at = submitted_at or timezone.now() - dt.timedelta(days=30) + dt.timedelta(minutes=counter["n"])
        CardTransitionFactory(card=card, at=at)
        card.refresh_from_db()
        return card

    return make


@pytest.fixture
def card(make_card, golina):
    return make_card(golina, title="Ścieżka rowerowa Golina – Konin")


@pytest.fixture
def criteria_set(round_, office):
    """Two obligatory criteria and two scored ones: the highest total is 3×10 + 2×10 = 50; a third assessor
    when the totals differ by more than 30% of 50 = 15; pass at 25. The round opened in March, so its rules
    are fixed: the office reopened them to set the criteria (the row written directly, as the state of cards)."""
    type(round_).objects.filter(pk=round_.pk).update(rules_reopened_at=timezone.now())
    round_.refresh_from_db()
    return criteria_set_save(
        actor=office,
        round=round_,
        pass_threshold=Decimal("25"),
        third_share=Decimal("0.30"),
        criteria=[
            CriterionData("Zgodność ze strategią", YES_NO),
            CriterionData("Gotowość", YES_NO),
            CriterionData(
                "Wpływ na mobilność",
                SCORED,
                weight=Decimal("3"),
                max_score=10,
                min_score=4,
                tie_break_order=1,
            ),
            CriterionData("Partnerstwo", SCORED, weight=Decimal("2"), max_score=10, tie_break_order=2),
        ],
    )


@pytest.fixture
def criteria(criteria_set):
    return list(criteria_set.criteria.all())


@pytest.fixture
def assessor(user_for_role):
    return user_for_role("assessor")


@pytest.fixture
def make_assessor(user_for_role, round_):
    """Factory: an assessor who signed the declaration for the round (with optional ties)."""

    def make(*, declared=True, ties=(), organisation_role=None):
        user = user_for_role("assessor")
        if organisation_role:
            role_assign(actor=None, user=user, role="member_officer", organisation=organisation_role)
        if declared:
            services.declaration_sign(actor=user, round=round_, organisations=list(ties), confirmed=True)
        return user

    return make


def values(criteria, *given, text="Uzasadnienie oceny."):
    """Values in the order of the criteria, each with a justification."""
    return {c.pk: (v, text) for c, v in zip(criteria, given, strict=True)}


def assess(assignment, criteria, *given, submit=True):
    return services.assessment_save(
        actor=assignment.assessor, assignment=assignment, values=values(criteria, *given), submit=submit
    )


def client_for(user):
    client = Client()
    client.force_login(user)
    return client
