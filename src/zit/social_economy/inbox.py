"""What waits in the social economy directory (zit.core.inbox): listing requests sent through the public form
that nobody has accepted or rejected yet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.inbox import InboxItem, local_day, source
from zit.core.roles import Perm, has_perm
from zit.social_economy.models import ListingRequest


def new_requests(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.SOCIAL_ECONOMY_EDIT):
        return []
    found = ListingRequest.objects.filter(status=ListingRequest.Status.NEW).aggregate(
        n=Count("pk"), oldest=Min("received_at")
    )
    if not found["n"]:
        return []
    return [
        InboxItem(
            key="social_economy.requests",
            title=gettext("Nowe zgłoszenia do katalogu ekonomii społecznej: %(n)d") % {"n": found["n"]},
            url=reverse("social_economy:requests"),
            since=local_day(found["oldest"]),
            count=found["n"],
        )
    ]


source("social_economy.requests", _("Zgłoszenia do katalogu PES"), new_requests)
