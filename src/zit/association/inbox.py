"""What waits in the association's records (zit.core.inbox): offices in a body left vacant, for whoever records
mandates. An office (chair, vice-chair, president, secretary) is vacant when its last holder's mandate has ended
and no mandate in that office of that body is in force or due to start; the replacement of representatives
after elections leaves such offices on purpose (zit.association.replacement), since the body elects them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.association.models import Mandate
from zit.core.formatting import with_data
from zit.core.inbox import InboxItem, source
from zit.core.roles import Perm, has_perm

OFFICES = [role for role in Mandate.Role.values if role != Mandate.Role.MEMBER]


def vacant_offices(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.MANDATES_EDIT):
        return []
    last: dict[tuple[int, str], Mandate] = {}
    held: set[tuple[int, str]] = set()
    # one read of every office's mandates: the bodies are few and their offices fewer
    for mandate in (
        Mandate.objects.filter(role__in=OFFICES).select_related("body", "person").order_by("start")
    ):
        key = (mandate.body_id, mandate.role)
        if mandate.end is None or mandate.end >= today:
            held.add(key)  # in force today or later (a mandate starting later counts: the office is filled)
        elif key not in last or mandate.end > last[key].end:
            last[key] = mandate
    items = []
    for key, mandate in sorted(last.items(), key=lambda pair: pair[1].end):
        if key in held:
            continue
        items.append(
            InboxItem(
                key=f"association.vacant:{mandate.body_id}:{mandate.role}",
                title=with_data(
                    gettext("Funkcja do obsadzenia: %(role)s, %(body)s"),
                    role=escape(mandate.get_role_display()),  # the platform's word, not data
                    body=mandate.body.name,
                ),
                url=reverse("association:bodies") + f"#b{mandate.body_id}",
                since=mandate.end + dt.timedelta(days=1),
                detail=with_data(
                    gettext("Dotąd: %(person)s. Organ wybiera następcę; jego wybór zapisz jako nowy mandat."),
                    person=str(mandate.person),
                ),
            )
        )
    return items


source("association.vacant_offices", _("Funkcje w organach do obsadzenia"), vacant_offices)
