"""Fixtures of the fees: the association's members, an office user, a board member and a rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def board(user_for_role):
    return user_for_role("board_member")


@pytest.fixture
def members(association_data):
    from zit.association.models import Member

    return {m.slug: m for m in Member.objects.select_related("organisation", "territory")}


@pytest.fixture
def population(members):
    """Set one member's population on a day (the territory's observation), with its source."""
    from zit.territory.models import Observation
    from zit.territory.services import variables_ensure

    variable = variables_ensure()["population"]

    def put(slug: str, value: int, day: dt.date = dt.date(2025, 12, 31)) -> None:
        Observation.objects.update_or_create(
            unit=members[slug].territory,
            variable=variable,
            reference_date=day,
            defaults={"value": Decimal(value), "source_note": "test"},
        )

    return put


@pytest.fixture
def all_populated(members, population):
    """Every member with a population figure (three gminas have none in the bundled data)."""
    for slug in ("kramsk", "krzymow", "skulsk"):
        population(slug, 10000)


@pytest.fixture
def decision(db):
    from zit.core.services import decision_reference_create

    def make(number: str = "XII/45/2025") -> object:
        return decision_reference_create(
            actor=None,
            issuer_kind="association_body",
            issuer_name="Rada Stowarzyszenia",
            number=number,
            date=dt.date(2025, 12, 15),
        )

    return make


@pytest.fixture
def rule_2026(association_data):
    from zit.fees.rules import fee_rule_save

    return fee_rule_save(
        actor=None,
        year=2026,
        fixed_amount=Decimal("1000.00"),
        per_inhabitant=Decimal("0.50"),
        population_date=dt.date(2025, 12, 31),
        minimum=Decimal("5000.00"),
        due_on=dt.date(2026, 3, 31),
        kind_rates=[
            {
                "kind": "powiat",
                "fixed_amount": Decimal("20000.00"),
                "per_inhabitant": Decimal("0"),
                "minimum": None,
            },
            {
                "kind": "city",
                "fixed_amount": Decimal("0"),
                "per_inhabitant": Decimal("1.0000"),
                "minimum": None,
            },
        ],
    )


@pytest.fixture
def adopted_2026(rule_2026, decision, all_populated):
    from zit.fees.rules import assessments_generate, fee_rule_adopt

    rule = fee_rule_adopt(actor=None, rule=rule_2026, decision=decision())
    assessments_generate(actor=None, rule=rule)
    return rule
