"""What waits in the assessment of cards (zit.core.inbox): the cards an assessor was given and has not yet
scored (an assignment blocked by a tie with the applicant waits for the office, not for the assessor)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.assessment.models import Assignment
from zit.core.inbox import InboxItem, local_day, source
from zit.core.roles import Perm, has_perm


def cards_to_assess(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.ASSESS):
        return []
    assignments = Assignment.objects.filter(
        assessor=user, submitted_at__isnull=True, conflict_found_at__isnull=True
    ).select_related("card")
    return [
        InboxItem(
            key=f"assessment.assignment:{a.pk}",
            title=gettext("Fiszka do oceny: %(c)s") % {"c": a.card.number},
            url=reverse("assessment:score", args=[a.pk]),
            since=local_day(a.assigned_at),
            detail=a.card.title,
        )
        for a in assignments
    ]


source("assessment.assignments", _("Fiszki do oceny"), cards_to_assess)
