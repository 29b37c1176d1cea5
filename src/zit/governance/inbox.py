"""Governance's inbox sources (zit.core.inbox): adopted resolutions whose effect waits, for whoever may apply
it (`effect_rights`: the office, or the body's secretary too when the setting says so)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.core.inbox import InboxItem, source
from zit.governance.effect_rights import may_apply_effect
from zit.governance.models import Resolution


def effects_waiting(user: Any, today: dt.date) -> Iterable[InboxItem]:
    if not may_apply_effect(user):
        return []
    waiting = Resolution.objects.filter(
        status=Resolution.Status.ADOPTED, effect=Resolution.Effect.PENDING
    ).select_related("body")
    return [
        InboxItem(
            key=f"governance.effects:{r.pk}",
            title=_("Uchwała nr %(n)s: skutek czeka na wprowadzenie") % {"n": r.number},
            url=reverse("governance:resolution", args=[r.pk]),
            since=r.adopted_on,
            detail=r.subject,
        )
        for r in waiting.order_by("adopted_on", "pk")
    ]


source("governance.effects", gettext_lazy("Skutki uchwał do wprowadzenia"), effects_waiting)
