"""Money: a Decimal with its currency. Never a float; one rounding rule for the whole platform.

Rounding: amounts are kept to the grosz/cent; a computed amount (a conversion, a share) is computed at full
precision and rounded once, half away from zero (ROUND_HALF_UP: 0,005 → 0,01), as Polish accounting rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


class Currency(models.TextChoices):
    PLN = "PLN", _("złoty (PLN)")
    EUR = "EUR", _("euro (EUR)")


def round_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: object, *, comma_groups: bool = False) -> Decimal:
    """A Decimal from a Decimal, an int or text as people type it: "1 234,56", "1.234,56", "1234.56",
    "2.300.000"; with `comma_groups` (the English interface) "1,800,000.50". A separator used more than once
    groups thousands; the last different one is the decimal mark. Floats are refused: they have already lost
    the grosz."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (bool, float)):
        raise TypeError("Money needs a Decimal, an int or text, not a float")
    if isinstance(value, int):
        return Decimal(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif text.count(".") > 1:
        text = text.replace(".", "")
    elif text.count(",") > 1 or (comma_groups and "," in text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        result = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"Not an amount: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"Not an amount: {value!r}")
    return result


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_decimal(self.amount))
        if self.currency not in Currency.values:
            raise ValueError(f"Unknown currency: {self.currency}")

    def rounded(self) -> Money:
        return Money(round_cents(self.amount), self.currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money) or other.currency != self.currency:
            raise ValueError("Amounts in different currencies cannot be added; convert one first")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)
