"""What waits in the strategy's work (zit.core.inbox): comments of the consultation to moderate, and the
procedure's steps whose term is near or past (as `procedure_rules` sets them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import with_data
from zit.core.inbox import InboxItem, ahead, local_day, source
from zit.core.roles import Perm, has_perm
from zit.strategy.models import Comment, ProcedureStep, StrategyVersion


def comments_to_moderate(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.STRATEGY_EDIT):
        return []
    rows = (
        Comment.objects.filter(status=Comment.Status.PENDING)
        .values("version")
        .annotate(n=Count("pk"), oldest=Min("submitted_at"))
        .order_by("version")
    )
    versions = StrategyVersion.objects.select_related("strategy").in_bulk([r["version"] for r in rows])
    return [
        InboxItem(
            key=f"strategy.comments:{row['version']}",
            title=gettext("Uwagi z konsultacji czekające na moderację: %(n)d") % {"n": row["n"]},
            url=reverse("strategy:consultation", args=[row["version"]]),
            since=local_day(row["oldest"]),
            count=row["n"],
            detail=str(versions[row["version"]]),
        )
        for row in rows
    ]


def procedure_deadlines(user: Any, today: dt.date) -> list[InboxItem]:
    """Steps whose term is near or past: the one the law sets (the regional board's 30 days from receipt, the
    consultation report) or the one the office entered (the art. 34 opinions, which have none in the act)."""
    if not has_perm(user, Perm.STRATEGY_EDIT):
        return []
    from zit.strategy.procedure_letters import step_deadline
    from zit.strategy.procedure_rules import rule

    live = (StrategyVersion.Status.DRAFT, StrategyVersion.Status.CONSULTATION, StrategyVersion.Status.ADOPTED)
    steps = (
        ProcedureStep.objects.filter(completed_on__isnull=True, version__status__in=live)
        .select_related("version__strategy")
        .prefetch_related("letters")
    )
    items = []
    for step in steps:
        term = None if rule(step.kind).minimum else step_deadline(step, list(step.letters.all()))
        due = term or step.due_on
        if due is None or due > ahead(today):
            continue
        items.append(
            InboxItem(
                key=f"strategy.procedure:{step.pk}",
                title=with_data(gettext("Krok procedury strategii: %(t)s"), t=step.title),
                url=reverse("strategy:procedure", args=[step.version_id]),
                due=due,
                since=step.started_on,
                detail=str(step.version),
            )
        )
    return items


source("strategy.comments", _("Uwagi z konsultacji do moderacji"), comments_to_moderate)
source("strategy.procedure", _("Terminy procedury strategii"), procedure_deadlines)
