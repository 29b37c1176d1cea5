"""Counting days as Polish law counts them, for every deadline the platform computes: the day of the event that
starts a term is not counted (art. 111 § 2 of the Civil Code, art. 57 § 1 of the Code of Administrative
Procedure); a term in days ends at the end of its last day (art. 111 § 1 k.c.); a term in months ends on the day
of the last month with the same number, or on that month's last day (art. 112 k.c., art. 57 § 3 k.p.a.); a term
whose last day is a Saturday or a day free from work by statute ends on the next day that is neither (art. 115
k.c., art. 57 § 4 k.p.a.).

Pure functions: no database, no clock (callers pass the dates). The holidays come from the `holidays` library
(`holidays.country_holidays("PL")`, public holidays only: every Sunday and the days of the act of 18 January 1951,
24 December included from 2025); tests/public_information/test_deadlines.py compares them with the act's list.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType

import holidays
from dateutil.easter import easter
from django.utils.translation import get_language, gettext

# The library names the days as the act does; the office's pages keep the shorter names they always showed.
NAMES = {
    "Niedziela Wielkanocna": "Wielkanoc",
    "Święto Państwowe": "Święto Pracy",
    "Święto Narodowe Trzeciego Maja": "Święto Konstytucji 3 Maja",
    "Dzień Bożego Ciała": "Boże Ciało",
    "Wniebowzięcie Najświętszej Marii Panny": "Wniebowzięcie Najświętszej Maryi Panny",
    "Uroczystość Wszystkich Świętych": "Wszystkich Świętych",
}


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (dateutil's western Easter, which the library counts from)."""
    return easter(year)


@functools.lru_cache(maxsize=64)
def _holidays(year: int) -> Mapping[dt.date, str]:
    # building the library's calendar for a year costs more than the loops that ask about one day each
    found = holidays.country_holidays("PL", years=year, language="pl")
    return MappingProxyType(
        {
            day: "; ".join(NAMES.get(name, name) for name in names.split("; "))
            for day, names in sorted(found.items())
            if day.year == year
        }
    )


def polish_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays free from work in one year (Sundays aside), with their Polish names."""
    return dict(_holidays(year))


def holiday_name(day: dt.date) -> str:
    return _holidays(day.year).get(day, "")


def is_day_off(day: dt.date) -> bool:
    """A Saturday, a Sunday or a public holiday: a day on which a deadline cannot end (KPA art. 57 § 4)."""
    return day.weekday() >= 5 or day in _holidays(day.year)


@functools.lru_cache(maxsize=64)
def _english_names(year: int) -> Mapping[dt.date, str]:
    found = holidays.country_holidays("PL", years=year, language="en_US")
    return MappingProxyType({day: name for day, name in found.items() if day.year == year})


def why_day_off(day: dt.date) -> str:
    """Why a deadline cannot end on this day, in the language of the page ("" when it can)."""
    if name := holiday_name(day):
        if (get_language() or "pl").startswith("en"):
            return _english_names(day.year).get(day, name)
        return name
    return {5: gettext("sobota"), 6: gettext("niedziela")}.get(day.weekday(), "")


def next_working_day(day: dt.date) -> dt.date:
    """The day itself when a deadline may end on it, else the first following day that is not a day off."""
    while is_day_off(day):
        day += dt.timedelta(days=1)
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """The day of the month `months` later with the same number, or that month's last day (KPA art. 57 § 3)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadline_in_days(start: dt.date, days: int) -> dt.date:
    """The last day of a deadline of `days` days from the event on `start` (art. 111 and 115 k.c., art. 57 § 1
    and § 4 k.p.a.)."""
    return next_working_day(start + dt.timedelta(days=days))


def deadline_in_months(start: dt.date, months: int) -> dt.date:
    """The last day of a deadline of `months` months from the event on `start` (KPA art. 57 § 3 and § 4)."""
    return next_working_day(add_months(start, months))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative (days overdue) when `end` is earlier."""
    if end == start:
        return 0
    sign, low, high = (1, start, end) if end > start else (-1, end, start)
    count = 0
    day = low + dt.timedelta(days=1)
    while day <= high:
        if not is_day_off(day):
            count += 1
        day += dt.timedelta(days=1)
    return sign * count


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (0: `start` itself)."""
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if not is_day_off(day):
            count -= 1
    return day


def days_off_skipped(nominal_end: dt.date) -> list[tuple[dt.date, str]]:
    """The days off from the nominal last day up to the real one, with why each is off: the explanation of
    rule 4 shown next to a deadline ("14th day: 11 November, a holiday")."""
    skipped = []
    day = nominal_end
    while is_day_off(day):
        skipped.append((day, why_day_off(day)))
        day += dt.timedelta(days=1)
    return skipped
