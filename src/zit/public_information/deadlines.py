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

import datetime as dt

from zit.core.days import (  # noqa: F401  (the counting rules live in core; this module's callers use them here)
    NAMES,
    add_months,
    add_working_days,
    days_off_skipped,
    deadline_in_days,
    deadline_in_months,
    easter_sunday,
    holiday_name,
    is_day_off,
    next_working_day,
    polish_holidays,
    why_day_off,
    working_days_between,
)

ANSWER_DAYS = 14  # art. 13 ust. 1
EXTENSION_MONTHS = 2  # art. 13 ust. 2
FEE_NOTICE_DAYS = 14  # art. 15 ust. 2: the requester's time to change or withdraw the request


def answer_deadline(received_on: dt.date) -> dt.date:
    """Art. 13 ust. 1: no later than 14 days from the day the request was filed."""
    return deadline_in_days(received_on, ANSWER_DAYS)


def extension_limit(received_on: dt.date) -> dt.date:
    """Art. 13 ust. 2: an extended deadline may not end later than two months from the day of filing."""
    return deadline_in_months(received_on, EXTENSION_MONTHS)


def fee_period_end(notified_on: dt.date) -> dt.date:
    """Art. 15 ust. 2: the requester has 14 days from the fee notice to change or withdraw the request."""
    return deadline_in_days(notified_on, FEE_NOTICE_DAYS)


# the remedies after a decision and the complaint to the court
RECONSIDERATION_FILING_DAYS = 14  # art. 129 § 2 KPA with art. 127 § 3 KPA, applied by art. 16 ust. 2, art. 17
RECONSIDERATION_DECISION_DAYS = 14  # art. 16 ust. 2 pkt 1 and art. 17 ust. 2 of the act
COMPLAINT_FORWARD_DAYS = 15  # art. 21 pkt 1 of the act (art. 54 § 2 PPSA: 30 days outside this act)


def reconsideration_filing_deadline(delivered_on: dt.date) -> dt.date:
    """The last day to file a request for reconsideration: 14 days from the delivery of the decision, counted
    as above (the day of delivery not counted, a Saturday or a day off moves the end to the next working day)."""
    return deadline_in_days(delivered_on, RECONSIDERATION_FILING_DAYS)


def reconsideration_decision_deadline(filed_on: dt.date) -> dt.date:
    """The association's 14 days to decide on a request for reconsideration, from the day it was filed."""
    return deadline_in_days(filed_on, RECONSIDERATION_DECISION_DAYS)


def complaint_forward_deadline(received_on: dt.date) -> dt.date:
    """The 15 days to forward a complaint to the court with the file and the answer, from its receipt
    (art. 83 PPSA counts like the civil code, with the same Saturday and day-off rule as KPA art. 57 § 4)."""
    return deadline_in_days(received_on, COMPLAINT_FORWARD_DAYS)
