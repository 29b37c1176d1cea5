"""The territory: units come from the bundled Konin area (load it with the `area` fixture)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from zit.territory.models import AdministrativeUnit, Observation, Variable

from .base import ValidFactory, seq


def gmina(n: int = 0) -> AdministrativeUnit:
    """The n-th gmina of the loaded area (cycling): a real unit with its real TERC code."""
    gminas = list(AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.GMINA).order_by("terc"))
    assert gminas, "load the area first (the `area` fixture)"
    return gminas[n % len(gminas)]


class VariableFactory(ValidFactory):
    class Meta:
        model = Variable

    code = seq("zmienna-{n}")
    name = seq("Zmienna {n}")


class ObservationFactory(ValidFactory):
    class Meta:
        model = Observation

    unit = factory.Sequence(gmina)
    variable = factory.SubFactory(VariableFactory)
    value = Decimal("100")
    reference_date = dt.date(2024, 12, 31)
