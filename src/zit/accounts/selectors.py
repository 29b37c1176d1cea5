"""What a user's dashboard shows of accounts itself; the panels of the other apps are theirs
(`zit.core.navigation`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zit.accounts.models import RoleEnding
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
