"""What waits in the bodies' work (zit.core.inbox): for whoever may apply it (`effect_rights`: the office, or
the body's secretary too when the setting says so), adopted resolutions whose effect waits; for the secretariat,
roll-call votes still open and meetings coming within the horizon whose invitations have not gone out; for a
person who sits in a body by a mandate (a board member, the audit committee), the meetings of that body they are
invited to; for the office, from 1 January, the steps of the reporting year just ended still missing (the
statement, the board's report, the audit committee's opinion, the approval, the filing) with their deadlines.
Votes are recorded by the secretariat, seat by seat, so a member has no ballot of their own to cast
here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.inbox import InboxItem, ahead, source
from zit.core.roles import Perm, has_perm, role_assignments
from zit.governance.effect_rights import may_apply_effect
from zit.governance.models import Meeting, Resolution, Vote
from zit.governance.year_selectors import years_waiting


def effects_waiting(user: Any, today: dt.date) -> Iterable[InboxItem]:
    if not may_apply_effect(user):
        return []
    waiting = Resolution.objects.filter(
        status=Resolution.Status.ADOPTED, effect=Resolution.Effect.PENDING
    ).select_related("body")
    return [
        InboxItem(
            key=f"governance.effects:{r.pk}",
            title=gettext("Uchwała nr %(n)s: skutek czeka na wprowadzenie") % {"n": r.number},
            url=reverse("governance:resolution", args=[r.pk]),
            since=r.adopted_on,
            detail=r.subject,
        )
        for r in waiting.order_by("adopted_on", "pk")
    ]


def votes_open(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.GOVERNANCE_MANAGE):
        return []
    votes = Vote.objects.filter(closed_at__isnull=True).select_related("resolution")
    return [
        InboxItem(
            key=f"governance.vote:{vote.pk}",
            title=gettext("Głosowanie do zapisania i zamknięcia: %(r)s") % {"r": vote.resolution.subject},
            url=reverse("governance:resolution_vote", args=[vote.resolution_id]),
            since=vote.held_on,
        )
        for vote in votes
    ]


def _upcoming(today: dt.date):
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(ahead(today), dt.time.max))
    return Meeting.objects.filter(starts_at__range=(start, end)).select_related("body")


def invitations_to_send(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.GOVERNANCE_MANAGE):
        return []
    meetings = _upcoming(today).filter(status=Meeting.Status.PLANNED, invitation_sent_at__isnull=True)
    return [
        InboxItem(
            key=f"governance.invite:{meeting.pk}",
            title=gettext("Zaproszenia do wysłania: %(m)s") % {"m": meeting},
            url=reverse("governance:meeting_invitations", args=[meeting.pk]),
            due=timezone.localdate(meeting.starts_at),
        )
        for meeting in meetings
    ]


def my_meetings(user: Any, today: dt.date) -> list[InboxItem]:
    """Meetings of the bodies the user sits in by a mandate, once invited."""
    mandates = {a.mandate_id for a in role_assignments(user) if getattr(a, "mandate_id", None)}
    if not mandates or not has_perm(user, Perm.GOVERNANCE_VIEW):
        return []
    meetings = _upcoming(today).filter(body__mandates__in=mandates, status=Meeting.Status.INVITED).distinct()
    return [
        InboxItem(
            key=f"governance.meeting:{meeting.pk}",
            title=gettext("Posiedzenie, na które jesteś zaproszony(-a): %(m)s") % {"m": meeting},
            url=reverse("governance:meeting", args=[meeting.pk]),
            due=timezone.localdate(meeting.starts_at),
        )
        for meeting in meetings
    ]


def year_steps_missing(user: Any, today: dt.date) -> list[InboxItem]:
    if not has_perm(user, Perm.GOVERNANCE_MANAGE):
        return []
    return [
        InboxItem(
            key=f"governance.year:{record.year}:{state.key}",
            title=gettext("Rok sprawozdawczy %(y)d: %(step)s") % {"y": record.year, "step": state.step.label},
            url=reverse("governance:year", args=[record.year]),
            due=state.due,
            since=dt.date(record.year + 1, 1, 1),
        )
        for record, missing in years_waiting(today)
        for state in missing
    ]


source("governance.effects", _("Skutki uchwał do wprowadzenia"), effects_waiting)
source("governance.votes", _("Głosowania w toku"), votes_open)
source("governance.invitations", _("Zaproszenia na posiedzenia"), invitations_to_send)
source("governance.meetings", _("Twoje posiedzenia"), my_meetings)
source("governance.year", _("Rok sprawozdawczy Stowarzyszenia"), year_steps_missing)
