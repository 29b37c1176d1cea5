"""What a user's dashboard shows of accounts itself; the panels of the other apps are theirs
(`zit.core.navigation`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils import timezone

from zit.accounts.models import RoleEnding
from zit.core.inbox import InboxItem, age_text, deadline_text, items_for, urgency
from zit.core.roles import Perm, has_perm

ROLE_ENDINGS_DAYS = 30


def roles_ended_recently(*, user: Any, days: int = ROLE_ENDINGS_DAYS) -> list[RoleEnding] | None:
    """Roles that ended with their mandate or membership in the last `days` days, newest first, for the
    office (those who keep members and mandates); None for everyone else."""
    if not has_perm(user, Perm.MEMBERS_EDIT):
        return None
    since = timezone.now() - dt.timedelta(days=days)
    return list(
        RoleEnding.objects.filter(ended_at__gte=since)
        .select_related("user", "organisation", "mandate__person", "mandate__body", "membership__member")
        .order_by("-ended_at", "-id")[:50]
    )


@dataclass
class InboxRow:
    item: InboxItem
    deadline: str  # "do 12 grudnia 2026, zostały 3 dni", "" without a deadline
    age: str  # "czeka od 3 dni"
    overdue: bool
    soon: bool  # the deadline within a week


@dataclass
class InboxGroup:
    label: str
    rows: list[InboxRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.item.count for r in self.rows)


SOON_DAYS = 7


def inbox(*, user: Any, today: dt.date | None = None) -> list[InboxGroup]:
    """What waits for the user, and for the people the user covers for today (labelled with their name),
    grouped by source; the group with the most urgent item first, and the most urgent first in each."""
    from zit.accounts.deputies import principals_on

    today = today or timezone.localdate()
    found = items_for(user=user, today=today)
    keys = {item.key for _src, item in found}
    for principal in principals_on(user=user, today=today):
        name = principal.get_full_name() or principal.username
        for src, item in items_for(user=principal, today=today):
            if item.key not in keys:  # the deputy sees it anyway: once is enough
                keys.add(item.key)
                found.append((src, replace(item, on_behalf=name)))
    found.sort(key=lambda pair: urgency(pair[1], today))
    groups: dict[str, InboxGroup] = {}
    for src, item in found:
        group = groups.setdefault(src.key, InboxGroup(str(src.label)))
        left = item.days_left(today)
        group.rows.append(
            InboxRow(
                item,
                deadline_text(item, today),
                age_text(item, today),
                item.overdue(today),
                left is not None and 0 <= left <= SOON_DAYS,
            )
        )
    return list(groups.values())
