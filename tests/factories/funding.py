"""The programme layer's own rows come from the bundled reference data (the `funding_data` fixture); these
factories add to it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from zit.funding.models import (
    Agreement,
    AllocationLine,
    ExchangeRate,
    Fund,
    Indicator,
    Measure,
    Obligation,
    Priority,
    Programme,
)

from .accounts import UserFactory
from .base import ValidFactory, seq


def programme() -> Programme:
    found = Programme.objects.order_by("pk").first()
    assert found, "load the programme layer first (the `funding_data` fixture)"
    return found


class PriorityFactory(ValidFactory):
    class Meta:
        model = Priority

    programme = factory.LazyFunction(programme)
    number = factory.Sequence(lambda n: str(90 + n))
    name_pl = seq("Priorytet testowy {n}")


class MeasureFactory(ValidFactory):
    class Meta:
        model = Measure

    programme = factory.LazyFunction(programme)
    number = factory.Sequence(lambda n: f"99.{n + 1}")
    name_pl = seq("Działanie testowe {n}")
    is_zit = True


class IndicatorFactory(ValidFactory):
    class Meta:
        model = Indicator

    code = seq("TEST{n:03d}")
    origin = Indicator.Origin.STRATEGY
    kind = Indicator.Kind.OUTPUT
    name_pl = seq("Wskaźnik testowy {n}")
    unit_pl = "szt."


class ObligationFactory(ValidFactory):
    class Meta:
        model = Obligation

    agreement = factory.LazyFunction(lambda: Agreement.objects.order_by("pk").first())
    kind = Obligation.Kind.REPORT
    title = seq("Obowiązek testowy {n}")
    due_on = factory.Sequence(lambda n: dt.date(2027, 1, 1) + dt.timedelta(days=n))
    responsible = factory.SubFactory(UserFactory)


class ExchangeRateFactory(ValidFactory):
    class Meta:
        model = ExchangeRate

    series = "nbp_a"
    rate_date = factory.Sequence(
        lambda n: dt.date(2031, 1, 2) + dt.timedelta(days=n)
    )  # after the bundled ones
    rate = Decimal("4.300000")
    table = seq("{n:03d}/A/NBP/2031")


class AllocationLineFactory(ValidFactory):
    """A line of the agreement's split: an amount for a (new) measure and a fund."""

    class Meta:
        model = AllocationLine

    agreement = factory.LazyFunction(lambda: Agreement.objects.order_by("pk").first())
    measure = factory.SubFactory(MeasureFactory)
    fund = factory.LazyFunction(lambda: Fund.objects.order_by("order", "code").first())
    amount_eur = Decimal("1000000.00")
