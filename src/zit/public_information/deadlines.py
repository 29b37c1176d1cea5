"""Deadlines of requests for public information, counted as the Code of Administrative Procedure counts them.

Pure functions: no database, no clock (callers pass `today`).

The counting rule implemented (art. 13 and 15 of the act on access to public information of 6 September 2001,
which leaves the counting to KPA art. 57):

1. The day of receipt is not counted (KPA art. 57 § 1). A deadline of N days ends at the end of the N-th day
   after it: received on 2 March, 14 days end on 16 March.
2. The day of receipt is the day the request reached the association, whatever the weekday or hour: a request
   by e-mail or ePUAP that arrives on a Saturday, a Sunday, a holiday or after office hours was received that
   day, and counting starts the day after. (This is the stricter reading; we do not move the receipt to the
   next working day, so the platform never shows a later deadline than a court might.)
3. A deadline in months ends on the day of the last month that corresponds by number to the day of receipt, or
   on the last day of that month when it has no such day (KPA art. 57 § 3): received on 31 August, two months
   end on 31 October; received on 31 December, two months end on 28 February (29 in a leap year).
4. When the last day falls on a Saturday or on a day free from work by statute (every Sunday and the public
   holidays of the act of 18 January 1951, 24 December included from 2025), the deadline ends on the next day
   that is neither (KPA art. 57 § 4). Days in the middle of the period are counted as any other day. The
   holidays come from the `holidays` library (`holidays.country_holidays("PL")`, public holidays only);
   tests/public_information/test_deadlines.py compares them with the act's list. The library also knows
   the one-off day off of 12 November 2018 (the act of 9 November 2018), which is a day off by statute too.
5. The 14-day deadline of art. 13 ust. 1 is `answer_deadline`; the latest date an extension may set (art. 13
   ust. 2: two months from the day the request was filed) is `extension_limit`, also moved by rule 4.

"Working days" shown to staff (days left, "due within 3 working days") are the days that are neither a
Saturday nor a day free from work.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType

import holidays
from dateutil.easter import easter

ANSWER_DAYS = 14  # art. 13 ust. 1
EXTENSION_MONTHS = 2  # art. 13 ust. 2
FEE_NOTICE_DAYS = 14  # art. 15 ust. 2: the requester's time to change or withdraw the request

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


def why_day_off(day: dt.date) -> str:
    """Why a deadline cannot end on this day, in Polish ("" when it can)."""
    if name := holiday_name(day):
        return name
    return {5: "sobota", 6: "niedziela"}.get(day.weekday(), "")


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
    """The last day of a deadline of `days` days from the event on `start` (KPA art. 57 § 1 and § 4)."""
    return next_working_day(start + dt.timedelta(days=days))


def deadline_in_months(start: dt.date, months: int) -> dt.date:
    """The last day of a deadline of `months` months from the event on `start` (KPA art. 57 § 3 and § 4)."""
    return next_working_day(add_months(start, months))


def answer_deadline(received_on: dt.date) -> dt.date:
    """Art. 13 ust. 1: no later than 14 days from the day the request was filed."""
    return deadline_in_days(received_on, ANSWER_DAYS)


def extension_limit(received_on: dt.date) -> dt.date:
    """Art. 13 ust. 2: an extended deadline may not end later than two months from the day of filing."""
    return deadline_in_months(received_on, EXTENSION_MONTHS)


def fee_period_end(notified_on: dt.date) -> dt.date:
    """Art. 15 ust. 2: the requester has 14 days from the fee notice to change or withdraw the request."""
    return deadline_in_days(notified_on, FEE_NOTICE_DAYS)


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
