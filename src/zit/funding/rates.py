"""Converting between EUR and PLN by the configured rule, recording which rate and date were used.

The rule for a purpose names a series (by default the European Commission's monthly accounting rate) and a
fallback series (NBP table A). In the EC series the rate of the calendar month of the date applies; in the
NBP series, the last rate published on or before the date. The result is rounded once, to the grosz or cent,
half up (zit.core.money).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.money import Money, round_cents
from zit.funding.models import ExchangeRate, RateRule, RateSeries

DEFAULT_SERIES = RateSeries.EC_MONTHLY
DEFAULT_FALLBACK = RateSeries.NBP_A


STALE_AFTER_DAYS = 40  # NBP publishes every working day; a month without a rate means the table is behind


class NoRate(LookupError):
    """No rate in any series of the rule for that date."""


@dataclass(frozen=True)
class Conversion:
    original: Money
    result: Money
    rate: Decimal
    rate_date: dt.date
    series: str
    purpose: str
    fallback_used: bool
    requested_on: dt.date

    def as_record(self) -> dict[str, str | bool]:
        """What to store beside a converted amount, so the figure can be explained and recomputed."""
        return {
            "original": str(self.original.amount),
            "original_currency": self.original.currency,
            "result": str(self.result.amount),
            "result_currency": self.result.currency,
            "rate": str(self.rate),
            "rate_date": self.rate_date.isoformat(),
            "requested_on": self.requested_on.isoformat(),
            "series": self.series,
            "purpose": self.purpose,
            "fallback_used": self.fallback_used,
        }

    @property
    def rate_age_days(self) -> int:
        return (self.requested_on - self.rate_date).days

    @property
    def stale(self) -> bool:
        """The newest rate found is well before the date asked for: the rate table needs updating."""
        return self.rate_age_days > STALE_AFTER_DAYS

    @property
    def series_label(self) -> str:
        return RateSeries(self.series).label


def rule_for(purpose: str) -> tuple[str, str]:
    """(series, fallback) for a purpose: its own rule, else the default rule, else EC then NBP."""
    rules = {r.purpose: r for r in RateRule.objects.filter(purpose__in=[purpose, RateRule.Purpose.DEFAULT])}
    rule = rules.get(purpose) or rules.get(RateRule.Purpose.DEFAULT)
    if rule is None:
        return DEFAULT_SERIES, DEFAULT_FALLBACK
    return rule.series, rule.fallback_series


def rate_on(series: str, currency: str, day: dt.date) -> ExchangeRate | None:
    rates = ExchangeRate.objects.filter(series=series, currency=currency)
    if series == RateSeries.EC_MONTHLY:
        return rates.filter(rate_date=day.replace(day=1)).first()
    return rates.filter(rate_date__lte=day).order_by("-rate_date").first()


def convert(money: Money, *, to: str, on: dt.date, purpose: str = RateRule.Purpose.DEFAULT) -> Conversion:
    """EUR→PLN multiplies by the rate, PLN→EUR divides by it; both round once to the cent."""
    if money.currency == to:
        return Conversion(money, money.rounded(), Decimal(1), on, "", purpose, False, on)
    foreign = to if money.currency == "PLN" else money.currency
    if "PLN" not in (money.currency, to):
        raise ValueError("Only conversions between PLN and another currency are supported")
    series, fallback = rule_for(purpose)
    found, used_fallback = rate_on(series, foreign, on), False
    if found is None and fallback and fallback != series:
        found, used_fallback = rate_on(fallback, foreign, on), True
    if found is None:
        raise NoRate(
            _("Brak kursu %(c)s na dzień %(d)s w serii „%(s)s”%(f)s.")
            % {
                "c": foreign,
                "d": on.isoformat(),
                "s": RateSeries(series).label,
                "f": _(" ani w serii zapasowej") if fallback else "",
            }
        )
    value = money.amount * found.rate if money.currency != "PLN" else money.amount / found.rate
    return Conversion(
        money,
        Money(round_cents(value), to),
        found.rate,
        found.rate_date,
        found.series,
        purpose,
        used_fallback,
        on,
    )
