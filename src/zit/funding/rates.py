"""Converting between EUR and PLN by the configured rule, recording which rate and date were used.

The rule for a purpose names a series (by default the European Commission's monthly accounting rate) and a
fallback series (NBP table A). In the EC series the rate of the calendar month of the date applies; in the
NBP series, the last rate published on or before the date. The result is rounded once, to the grosz or cent,
half up (zit.core.money).

Staleness is judged per series: an EC accounting rate is stale when it is not the rate of the month asked for;
an NBP rate when more than NBP_STALE_WORKING_DAYS working days passed between its table and the date asked for
(NBP publishes table A on every working day). `rate_note` says all this in one sentence for documents; pages use
the `{% rate_note %}` tag (zit.funding.templatetags.rates), which renders the same facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.days import working_days_between
from zit.core.formatting import format_month, format_number, letter_date, one_full_stop
from zit.core.money import Money, round_cents
from zit.funding.models import ExchangeRate, RateRule, RateSeries

DEFAULT_SERIES = RateSeries.EC_MONTHLY
DEFAULT_FALLBACK = RateSeries.NBP_A


# NBP publishes table A on every working day around noon: on a morning the newest is a working day old, and one
# day more forgives a late publication; beyond that the platform's table is behind.
NBP_STALE_WORKING_DAYS = 2


def is_stale(series: str, rate_date: dt.date, on: dt.date) -> bool:
    """Whether a rate of `series` published on `rate_date` is out of date for a conversion on `on`."""
    if series == RateSeries.EC_MONTHLY:
        return (rate_date.year, rate_date.month) < (on.year, on.month)
    return working_days_between(rate_date, on) > NBP_STALE_WORKING_DAYS


def stale_reason(series: str, rate_date: dt.date, on: dt.date) -> str:
    if not is_stale(series, rate_date, on):
        return ""
    if series == RateSeries.EC_MONTHLY:
        return _("Brak kursu księgowego KE na %(m)s: użyto kursu na %(d)s.") % {
            "m": format_month(on),
            "d": format_month(rate_date),
        }
    return _(
        "Kurs NBP jest nieaktualny: tabela z %(d)s, dni robocze od jej publikacji: %(n)d (dopuszczamy %(k)d)."
    ) % {"d": letter_date(rate_date), "n": working_days_between(rate_date, on), "k": NBP_STALE_WORKING_DAYS}


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
    table: str = ""

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
            "table": self.table,
            "stale": self.stale,
        }

    @property
    def rate_age_days(self) -> int:
        return (self.requested_on - self.rate_date).days

    @property
    def stale(self) -> bool:
        """The rate found is out of date for the date asked for, by its series' rule: the table needs updating."""
        return bool(self.series) and is_stale(self.series, self.rate_date, self.requested_on)

    @property
    def stale_reason(self) -> str:
        return stale_reason(self.series, self.rate_date, self.requested_on) if self.series else ""

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
        found.table,
    )


def format_rate(value: Decimal | str) -> str:
    """All the rate's digits, at least four: 4,2730; 4,261175 (as the `pl_rate` filter)."""
    value = Decimal(str(value)).normalize()
    return format_number(value, max(4, -int(value.as_tuple().exponent)))


def _record(conversion: Conversion | dict | None) -> dict | None:
    if not conversion:
        return None
    record = conversion.as_record() if isinstance(conversion, Conversion) else conversion
    if not record.get("series") or not record.get("rate_date") or not record.get("rate"):
        return None
    return record


def rate_facts(conversion: Conversion | dict | None) -> str:
    """ "Kurs 1 EUR = 4,2730 zł: kurs średni NBP, tabela A, 31 grudnia 2024 (tabela 252/A/NBP/2024)." Takes a
    Conversion or the record stored beside a converted amount (`Conversion.as_record()`)."""
    record = _record(conversion)
    if record is None:
        return ""
    series = record["series"]
    day = dt.date.fromisoformat(str(record["rate_date"]))
    when = format_month(day) if series == RateSeries.EC_MONTHLY else letter_date(day)
    text = _("Kurs 1 EUR = %(r)s zł: %(s)s, %(w)s") % {
        "r": format_rate(record["rate"]),
        "s": RateSeries(series).label,
        "w": when,
    }
    if record.get("table"):
        text += _(" (tabela %(t)s)") % {"t": record["table"]}
    return one_full_stop(text + ".")


def rate_warnings(conversion: Conversion | dict | None) -> list[str]:
    """What is wrong with the rate used: taken from the fallback series, or out of date by its series' rule."""
    record = _record(conversion)
    if record is None:
        return []
    warnings = []
    if record.get("fallback_used"):
        warnings.append(_("Kurs z serii zapasowej, bo w podstawowej nie ma kursu na ten dzień."))
    day = dt.date.fromisoformat(str(record["rate_date"]))
    on = dt.date.fromisoformat(str(record.get("requested_on") or record["rate_date"]))
    if reason := stale_reason(record["series"], day, on):
        warnings.append(reason)
    return warnings


def rate_note(conversion: Conversion | dict | None) -> str:
    """The rate's facts and warnings in one paragraph, for documents (DOCX, XLSX, CSV, PDF)."""
    return " ".join([rate_facts(conversion), *rate_warnings(conversion)]).strip()
