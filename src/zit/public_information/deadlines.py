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
4. When the last day falls on a Saturday or on a day free from work under the act of 18 January 1951 (every
   Sunday and the public holidays listed in `polish_holidays`), the deadline ends on the next day that is
   neither (KPA art. 57 § 4). Days in the middle of the period are counted as any other day.
5. The 14-day deadline of art. 13 ust. 1 is `answer_deadline`; the latest date an extension may set (art. 13
   ust. 2: two months from the day the request was filed) is `extension_limit`, also moved by rule 4.

"Working days" shown to staff (days left, "due within 3 working days") are the days that are neither a
Saturday nor a day free from work.
"""

from __future__ import annotations

import calendar
import datetime as dt

ANSWER_DAYS = 14  # art. 13 ust. 1
EXTENSION_MONTHS = 2  # art. 13 ust. 2
FEE_NOTICE_DAYS = 14  # art. 15 ust. 2: the requester's time to change or withdraw the request
CHRISTMAS_EVE_FROM = 2025  # 24 December is free from work from 2025 on (the 2024 amendment of the 1951 act)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def polish_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of the act of 18 January 1951 in one year (Sundays aside), with their Polish names."""
    easter = easter_sunday(year)
    days = {
        dt.date(year, 1, 1): "Nowy Rok",
        dt.date(year, 1, 6): "Święto Trzech Króli",
        easter: "Wielkanoc",
        easter + dt.timedelta(days=1): "Poniedziałek Wielkanocny",
        dt.date(year, 5, 1): "Święto Pracy",
        dt.date(year, 5, 3): "Święto Konstytucji 3 Maja",
        easter + dt.timedelta(days=49): "Zielone Świątki",
        easter + dt.timedelta(days=60): "Boże Ciało",
        dt.date(year, 8, 15): "Wniebowzięcie Najświętszej Maryi Panny",
        dt.date(year, 11, 1): "Wszystkich Świętych",
        dt.date(year, 11, 11): "Narodowe Święto Niepodległości",
        dt.date(year, 12, 25): "Boże Narodzenie (pierwszy dzień)",
        dt.date(year, 12, 26): "Boże Narodzenie (drugi dzień)",
    }
    if year >= CHRISTMAS_EVE_FROM:
        days[dt.date(year, 12, 24)] = "Wigilia Bożego Narodzenia"
    return dict(sorted(days.items()))


def holiday_name(day: dt.date) -> str:
    return polish_holidays(day.year).get(day, "")


def is_day_off(day: dt.date) -> bool:
    """A Saturday, a Sunday or a public holiday: a day on which a deadline cannot end (KPA art. 57 § 4)."""
    return day.weekday() >= 5 or day in polish_holidays(day.year)


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
