"""What waits in the requests for public information (zit.core.inbox): every open request with the deadline
in force, 14 days from receipt (art. 13 ust. 1 of the act on access to public information), the date an
extension set (art. 13 ust. 2) or the end of the requester's 14 days after a fee notice (art. 15 ust. 2),
counted as `deadlines` counts them. A request someone leads is theirs; one nobody leads waits for everyone
who handles requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import with_data
from zit.core.inbox import InboxItem, source
from zit.core.roles import Perm, has_perm
from zit.public_information.models import InactionComplaint, InformationRequest
from zit.public_information.selectors import _with_due


def open_requests(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.INFORMATION_REQUESTS):
        return []
    requests = _with_due(
        InformationRequest.objects.filter(state__in=InformationRequest.OPEN_STATES).filter(
            Q(assignee=user) | Q(assignee__isnull=True)
        )
    ).only("pk", "number", "subject", "received_on", "state", "deadline", "extended_to", "fee_period_end")
    return [
        InboxItem(
            key=f"public_information.request:{r.pk}",
            title=with_data(gettext("Wniosek o informację publiczną %(n)s: %(s)s"), n=r.number, s=r.subject),
            url=reverse("public_information:detail", args=[r.pk]),
            due=r.due,
            since=r.received_on,
            detail=r.get_state_display(),
        )
        for r in requests
    ]


source("public_information.requests", _("Wnioski o informację publiczną"), open_requests)


def open_complaints(user: Any, today: dt.date) -> list[InboxItem]:
    """Complaints to the court not yet forwarded: 15 days from receipt (art. 21 pkt 1 of the act)."""
    if not has_perm(user, Perm.INFORMATION_REQUESTS):
        return []
    complaints = InactionComplaint.objects.filter(state=InactionComplaint.State.RECEIVED).select_related(
        "request"
    )
    return [
        InboxItem(
            key=f"public_information.complaint:{c.pk}",
            title=with_data(
                gettext("Skarga do sądu w sprawie wniosku %(n)s: przekaż z odpowiedzią"), n=c.request.number
            ),
            url=reverse("public_information:complaint_forward", args=[c.request_id, c.pk]),
            due=c.forward_deadline,
            since=c.received_on,
            detail=c.get_kind_display(),
        )
        for c in complaints
    ]


source("public_information.complaints", _("Skargi do sądu administracyjnego"), open_complaints)
