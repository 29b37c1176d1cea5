import datetime as dt
from decimal import Decimal

import pytest

from zit.funding.models import Indicator, Measure
from zit.organisations.models import Organisation
from zit.projects.services import (
    BudgetRow,
    card_budget_set,
    card_create,
    card_indicators_set,
    card_location_set,
    card_partners_set,
    card_undertakings_set,
    round_save,
)
from zit.strategy.reference import load_strategy
from zit.territory.models import AdministrativeUnit

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def strategy(funding_demo):
    return load_strategy()


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def golina():
    return Organisation.objects.get(name="Gmina Golina")


@pytest.fixture
def kleczew():
    return Organisation.objects.get(name="Gmina Kleczew")


@pytest.fixture
def golina_user(user_for_role, golina):
    return user_for_role("member_officer", organisation=golina)


@pytest.fixture
def kleczew_user(user_for_role, kleczew):
    return user_for_role("beneficiary", organisation=kleczew)


@pytest.fixture
def measure(funding_data):
    return Measure.objects.get(number="3.2")


@pytest.fixture
def round_(office, measure):
    return round_save(
        actor=office,
        measures=[measure],
        number="1/2026",
        title="Nabór fiszek – mobilność",
        opens_on=dt.date(2026, 3, 1),
        closes_on=dt.date(2026, 3, 31),
    )


@pytest.fixture
def card(round_, golina_user, golina, measure):
    return card_create(
        actor=golina_user,
        round=round_,
        beneficiary=golina,
        today=TODAY,
        title="Ścieżka rowerowa Golina – Konin",
        summary="Droga dla rowerów wzdłuż DK92.",
        measure=measure,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 10, 31),
    )


def complete(card, user, strategy, *, partner=None):
    """Fill every section so that the card can be submitted."""
    golina_gmina = AdministrativeUnit.objects.get(name="Golina", level="gmina")
    card_location_set(actor=user, card=card, gminas=[golina_gmina], location=None)
    if partner:
        card_partners_set(actor=user, card=card, partners=[(partner, "odcinek w Kleczewie")])
    rows = [
        BudgetRow(card.beneficiary, 2026, Decimal("400000"), Decimal("300000"), Decimal("210000")),
        BudgetRow(card.beneficiary, 2027, Decimal("600000"), Decimal("500000"), Decimal("350000")),
    ]
    card_budget_set(
        actor=user,
        card=card,
        total_pln=Decimal("1000000"),
        eligible_pln=Decimal("800000"),
        cofinancing_rate=Decimal("0.70"),
        rows=rows,
    )
    card_indicators_set(
        actor=user, card=card, rows=[(Indicator.objects.get(code="RCO58"), Decimal("4.5"), 2027)]
    )
    key = strategy.versions.get(status="consultation").undertakings.first().key
    card_undertakings_set(actor=user, card=card, keys=[key])
    card.refresh_from_db()
    return card
