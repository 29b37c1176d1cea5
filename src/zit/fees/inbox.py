"""What waits in the members' fees (zit.core.inbox): members in arrears, payments nobody could match to a
member's fee, and bank statement lines held as possible duplicates until someone confirms them (for a month
after the statement was read; a line left alone that long is taken for the duplicate it looked like)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.inbox import InboxItem, source
from zit.core.roles import Perm, has_perm
from zit.fees.models import FeePayment, HeldBankLine

HELD_DAYS = 30


def payments_to_explain(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.FEES_MANAGE):
        return []
    items = []
    unmatched = FeePayment.objects.filter(status=FeePayment.Status.UNMATCHED).aggregate(
        n=Count("pk"), oldest=Min("booked_on")
    )
    if unmatched["n"]:
        items.append(
            InboxItem(
                key="fees.unmatched",
                title=gettext("Wpłaty do wyjaśnienia: %(n)d") % {"n": unmatched["n"]},
                url=reverse("fees:review"),
                since=unmatched["oldest"],
                count=unmatched["n"],
            )
        )
    # a line nobody confirmed within a month is taken for the duplicate it looked like: it leaves the inbox
    recent = timezone.now() - dt.timedelta(days=HELD_DAYS)
    held = (
        HeldBankLine.objects.filter(payment__isnull=True, statement__created_at__gte=recent)
        .values("statement")
        .annotate(n=Count("pk"), oldest=Min("booked_on"))
        .order_by("statement")
    )
    for row in held:
        items.append(
            InboxItem(
                key=f"fees.held:{row['statement']}",
                title=gettext("Możliwe duplikaty na wyciągu do potwierdzenia: %(n)d") % {"n": row["n"]},
                url=reverse("fees:statement", args=[row["statement"]]),
                since=row["oldest"],
                count=row["n"],
            )
        )
    return items


def arrears(user: Any, today: dt.date) -> list[InboxItem]:
    """Members whose fee for a year is past its payment date and not paid in full, one line per year: the
    office reminds them (`fees:reminders`). A fixed number of queries per fee year, whatever the members."""
    if not has_perm(user, Perm.FEES_MANAGE):
        return []
    from zit.fees.accounts import balances, fee_years

    items = []
    for year in fee_years():
        late = [b for b in balances(user=user, year=year) if b.due > 0 and b.due_on and b.due_on < today]
        if late:
            items.append(
                InboxItem(
                    key=f"fees.arrears:{year}",
                    title=gettext("Członkowie z zaległą składką za %(y)d: %(n)d")
                    % {"y": year, "n": len(late)},
                    url=f"{reverse('fees:reminders')}?rok={year}",
                    due=min(b.due_on for b in late),
                    count=len(late),
                )
            )
    return items


source("fees.payments", _("Wpłaty składek do wyjaśnienia"), payments_to_explain)
source("fees.arrears", _("Zaległe składki"), arrears)
