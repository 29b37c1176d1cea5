"""Fixtures of the social economy tests: the area, the support centre's contact person, office staff, and a
helper that makes a valid NIP."""

from __future__ import annotations

import pytest

KONIN = "3062011"
SLESIN = "3010123"


def nip(seed: int) -> str:
    from zit.social_economy.demo import demo_nip

    return demo_nip(seed)


@pytest.fixture
def woes(user_for_role):
    return user_for_role("social_economy_contact")


@pytest.fixture
def staff(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def konin(association_data):
    from zit.territory.models import AdministrativeUnit

    return AdministrativeUnit.objects.get(terc=KONIN)


@pytest.fixture
def slesin(association_data):
    from zit.territory.models import AdministrativeUnit

    return AdministrativeUnit.objects.get(terc=SLESIN)


@pytest.fixture
def make_entity(woes, konin):
    from zit.social_economy import services

    counter = {"n": 0}

    def make(publish: bool = False, **fields):
        counter["n"] += 1
        values = {
            "name": f"Spółdzielnia Socjalna Testowa {counter['n']}",
            "nip": nip(2000 + counter["n"] * 13),
            "kind": "social_cooperative",
            "gmina": konin,
            "services": "Catering.",
        } | fields
        entity = services.entity_create(actor=woes, **values)
        if publish:
            entity = services.entity_publish(actor=woes, entity=entity)
        return entity

    return make
