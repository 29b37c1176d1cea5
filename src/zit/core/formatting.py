"""Polish formats: amounts `1 234 567,89 zł`, numbers with a non-breaking thin space, dates `25 listopada 2026`;
in English `1,234,567.89 PLN` and `25 November 2026`. Every date, time and amount a page shows goes through here
(the template filters `pl_date`, `pl_datetime`, `pl_time`, `pl_month`, `pl_amount`, `pl_number` in
core/templatetags/zit.py), never through Django's `date`, `floatformat` or `intcomma` (tests/core/test_formats_used.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats, timezone
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


def currency_symbol(currency: str = "PLN") -> str:
    """`zł` in Polish, the ISO code (`PLN`) in English."""
    return {"PLN": "zł" if (get_language() or "pl").startswith("pl") else "PLN"}.get(currency, currency)


def format_amount(value: Decimal | None, currency: str = "PLN") -> str:
    if value is None:
        return ""
    return f"{format_number(value, 2)}{NBSP}{currency_symbol(currency)}"


def _polish() -> bool:
    return (get_language() or "pl").startswith("pl")


def _local(value: dt.date) -> dt.date:
    """A moment in the platform's time zone (an aware datetime is stored in UTC)."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value: dt.date | None, precision: str = "day") -> str:
    if value is None:
        return ""
    value = _local(value)
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


def polish_date(value: dt.date | None) -> str:
    """A date in a Polish document or citation, whatever the reader's language: `20 lutego 2026`."""
    from django.utils import translation

    with translation.override("pl"):
        return format_date(value)


def format_time(value: dt.time | dt.datetime | None, seconds: bool = False) -> str:
    """`14:05` (24-hour clock in both languages), or `14:05:09`."""
    if value is None:
        return ""
    value = _local(value) if isinstance(value, dt.datetime) else value
    return value.strftime("%H:%M:%S" if seconds else "%H:%M")


def format_datetime(value: dt.datetime | None, seconds: bool = False) -> str:
    """`7 grudnia 2026, 14:05`; in English `7 December 2026, 14:05`."""
    if value is None:
        return ""
    value = _local(value)
    return f"{format_date(value)}, {format_time(value, seconds)}"


def format_month(value: dt.date | None) -> str:
    """`grudzień 2026`; in English `December 2026`."""
    if value is None:
        return ""
    text = formats.date_format(_local(value), "F Y")
    return text.lower() if _polish() else text


def polish_data(value):
    """Data typed in Polish (a name, a title) as HTML: inside <span lang="pl"> on a page in another language, so a
    screen reader reads it as Polish; as it is on a Polish page. The `pl` template filter."""
    from django.utils.html import format_html
    from django.utils.translation import get_language

    if value is None or value == "" or (get_language() or "pl").startswith("pl"):
        return value
    return format_html('<span lang="pl">{}</span>', value)


def with_data(message: str, **data):
    """A translated sentence with `%(name)s` placeholders filled with Polish data, as safe HTML: each piece of data
    marked by polish_data, but for a value that is HTML already (built with format_html, its parts marked).
    Where the text must stay plain (a page's <title>), use |striptags on it."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import SafeData, mark_safe

    def marked(value):
        return value if isinstance(value, SafeData) else conditional_escape(polish_data(str(value)))

    return mark_safe(conditional_escape(str(message)) % {k: marked(v) for k, v in data.items()})
