"""What waits in the ZIT agreement (zit.core.inbox): obligations not yet done whose date is near or past
(reports, indicator commitments, contracting and spending milestones the agreement sets). An obligation
waits for the person the office made responsible for it; one that is overdue also for everyone who keeps the
agreement, so nothing is missed when that person is away or gone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import with_data
from zit.core.inbox import InboxItem, ahead, source
from zit.core.roles import Perm, has_any_scope, has_perm
from zit.funding.models import Obligation


def obligations_due(user: Any, today: dt.date) -> list[InboxItem]:
    keeper = has_perm(user, Perm.FUNDING_EDIT)
    if not keeper and not has_any_scope(user, Perm.FUNDING_VIEW):
        return []
    mine = Q(responsible=user, due_on__lte=ahead(today))
    wanted = mine | Q(due_on__lt=today) if keeper else mine
    obligations = Obligation.objects.filter(wanted, completed_on__isnull=True).only(
        "pk", "title", "clause", "due_on", "kind"
    )
    url = reverse("funding:agreement")
    return [
        InboxItem(
            key=f"funding.obligation:{o.pk}",
            title=with_data(gettext("Obowiązek z porozumienia ZIT: %(t)s"), t=o.title),
            url=f"{url}?status=open#obligations",
            due=o.due_on,
            detail=o.clause,
        )
        for o in obligations
    ]


source("funding.obligations", _("Obowiązki z porozumienia ZIT"), obligations_due)
