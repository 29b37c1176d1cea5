"""Polish formats: amounts `1 234 567,89 zł`, numbers with a non-breaking thin space, dates `25 listopada 2026`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language

NBSP = "\u00a0"


_POLISH_ORDER = str.maketrans(
    {"ą": "a~", "ć": "c~", "ę": "e~", "ł": "l~", "ń": "n~", "ó": "o~", "ś": "s~", "ź": "z~", "ż": "z~~"}
)


def polish_sort_key(text: str) -> str:
    """Alphabetical order as in Polish: "Ślesin" after "Skulsk" and "Sompolno", not after "Wilczyn"."""
    return text.lower().translate(_POLISH_ORDER)


def format_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    if value is None:
        return ""
    value = Decimal(str(value))
    if places is None:
        places = 0 if value == value.to_integral_value() else min(2, -value.as_tuple().exponent)
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum):,.{places}f}"
    if (get_language() or "pl").startswith("pl"):
        return text.replace(",", NBSP).replace(".", ",")
    return text


def format_amount(value: Decimal | None, currency: str = "PLN") -> str:
    if value is None:
        return ""
    polish = (get_language() or "pl").startswith("pl")
    symbol = {"PLN": "zł" if polish else "PLN", "EUR": "EUR"}.get(currency, currency)
    return f"{format_number(value, 2)}{NBSP}{symbol}"


def format_date(value: dt.date | None, precision: str = "day") -> str:
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    return formats.date_format(value, "j E Y" if (get_language() or "pl").startswith("pl") else "j F Y")


def polish_plural(n: int, one: str, few: str, many: str) -> str:
    """The Polish form for a count: 1 dzień, 2–4 (but not 12–14) zostały, otherwise zostało. Each form is its
    own translated text, so the translation chooses its words too."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many
