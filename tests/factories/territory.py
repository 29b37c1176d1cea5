"""The territory: units come from the bundled Konin area (load it with the `area` fixture)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from zit.territory.models import AdministrativeUnit, AreaVersion, FunctionalArea, Observation, Variable

from .base import ValidFactory, seq
from .core import DecisionReferenceFactory


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


class FunctionalAreaFactory(ValidFactory):
    class Meta:
        model = FunctionalArea

    code = seq("obszar-testowy-{n}")
    name = seq("Obszar testowy {n}")


class AreaVersionFactory(ValidFactory):
    """A version of a new area as a resolution defines it, with two gminas of the loaded area."""

    class Meta:
        model = AreaVersion

    area = factory.SubFactory(FunctionalAreaFactory)
    number = 1
    valid_from = dt.date(2024, 1, 1)
    legal_basis = factory.SubFactory(
        DecisionReferenceFactory, issuer_name="Zarząd Województwa Wielkopolskiego"
    )

    @factory.post_generation
    def gminas(self, create, extracted, **kwargs):
        if create:
            self.gminas.set(extracted if extracted is not None else [gmina(0), gmina(1)])
