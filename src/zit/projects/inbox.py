"""What waits in the project cards' work (zit.core.inbox): for the office, cards waiting for the formal
check and applications filed in the managing authority's call that wait for the compliance opinion; for the
applicant's users, cards returned for correction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Min
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import polish_data
from zit.core.inbox import InboxItem, local_day, source
from zit.core.roles import Perm, has_perm, scoped_organisation_ids
from zit.projects.lifecycles import OPINABLE
from zit.projects.models import ComplianceOpinion, ProjectCard

S = ProjectCard.State


def formal_check(user: Any, today: dt.date) -> list[InboxItem]:
    """Submitted cards, one line per round: the office checks them and accepts or returns them."""
    if not has_perm(user, Perm.PROJECTS_MANAGE):
        return []
    rows = (
        ProjectCard.objects.filter(state=S.SUBMITTED)
        .values("round", "round__number")
        .annotate(n=Count("pk"), oldest=Min("state_changed_at"))
        .order_by("round__number")
    )
    return [
        InboxItem(
            key=f"projects.formal_check:{row['round']}",
            title=gettext("Fiszki czekające na ocenę formalną: %(n)d") % {"n": row["n"]},
            url=f"{reverse('projects:cards_in_round', args=[row['round']])}?stan={S.SUBMITTED}",
            since=local_day(row["oldest"]),
            count=row["n"],
            detail=gettext("nabór %(r)s") % {"r": row["round__number"]},
        )
        for row in rows
    ]


def opinions_due(user: Any, today: dt.date) -> list[InboxItem]:
    """The managing authority's requests for the association's opinion on compliance with the strategy: a draft
    opinion not yet issued, due by the deadline the IZ's letter set (the inbox warns when it is near or past);
    and applications filed with no opinion begun yet."""
    if not has_perm(user, Perm.PROJECTS_MANAGE):
        return []
    drafts = ComplianceOpinion.objects.filter(state=ComplianceOpinion.State.DRAFT).select_related("card")
    items = [
        InboxItem(
            key=f"projects.opinion_draft:{opinion.pk}",
            title=gettext("Opinia %(n)s o zgodności ze strategią do wydania: %(c)s")
            % {"n": opinion.number, "c": opinion.card.number},
            url=reverse("projects:card", args=[opinion.card_id]) + "#opinion",
            due=opinion.due_on,
            since=opinion.requested_on or local_day(opinion.created_at),
            detail=polish_data(opinion.card.title),
        )
        for opinion in drafts
    ]
    # a request recorded from the IZ's letter, with no opinion begun since: due by the letter's deadline
    requested = list(
        ProjectCard.objects.filter(opinion_requested_on__isnull=False, state__in=OPINABLE)
        .exclude(opinions__created_at__date__gte=F("opinion_requested_on"))
        .only("pk", "number", "title", "opinion_requested_on", "opinion_due_on")
    )
    items += [
        InboxItem(
            key=f"projects.opinion_request:{card.pk}",
            title=gettext("Prośba IZ o opinię o zgodności ze strategią: %(c)s") % {"c": card.number},
            url=reverse("projects:card", args=[card.pk]) + "#opinion",
            due=card.opinion_due_on,
            since=card.opinion_requested_on,
            detail=polish_data(card.title),
        )
        for card in requested
    ]
    cards = (
        ProjectCard.objects.filter(state=S.APPLICATION_FILED)
        .exclude(opinions__state=ComplianceOpinion.State.DRAFT)
        .exclude(pk__in=[card.pk for card in requested])
        .only("pk", "number", "title", "state_changed_at")
    )
    items += [
        InboxItem(
            key=f"projects.opinion:{card.pk}",
            title=gettext("Opinia o zgodności ze strategią do wydania: %(c)s") % {"c": card.number},
            url=reverse("projects:card", args=[card.pk]) + "#opinion",
            since=local_day(card.state_changed_at),
            detail=polish_data(card.title),
        )
        for card in cards
    ]
    return items


def cards_returned(user: Any, today: dt.date) -> list[InboxItem]:
    """Cards of the user's organisations that the office returned for correction."""
    scope = scoped_organisation_ids(user, Perm.CARDS_EDIT)
    if scope is None or not scope:
        return []  # the office edits no card of its own; a user without the permission has nothing here
    cards = ProjectCard.objects.filter(state=S.RETURNED, beneficiary_id__in=scope).only(
        "pk", "number", "title", "state_changed_at"
    )
    return [
        InboxItem(
            key=f"projects.returned:{card.pk}",
            title=gettext("Fiszka zwrócona do poprawy: %(c)s") % {"c": card.number},
            url=reverse("projects:card", args=[card.pk]),
            since=local_day(card.state_changed_at),
            detail=polish_data(card.title),
        )
        for card in cards
    ]


def call_deadlines(user: Any, today: dt.date) -> list[InboxItem]:
    """Listed cards with no application filed as an open call's end (or the IZ's individual call's deadline)
    comes within `iz_calls.ALERT_DAYS` days: for the office, every card; for the applicant's officers, their
    organisation's cards."""
    from zit.projects.iz_calls import deadlines

    if has_perm(user, Perm.PROJECTS_MANAGE):
        scope = None
    else:
        scope = scoped_organisation_ids(user, Perm.CARDS_EDIT)
        if not scope:
            return []
    items = []
    for d in deadlines(today, scope):
        if d.call is not None and d.days == 0:
            text = gettext("Nabór %(w)s kończy się dziś, a wniosku nie złożono: %(c)s")
        elif d.call is not None:
            text = ngettext(
                "Nabór %(w)s zamyka się za %(n)d dzień, a wniosku nie złożono: %(c)s",
                "Nabór %(w)s zamyka się za %(n)d dni, a wniosku nie złożono: %(c)s",
                d.days,
            )
        elif d.days == 0:
            text = gettext("Termin z wezwania IZ %(w)s mija dziś, a wniosku nie złożono: %(c)s")
        else:
            text = ngettext(
                "Termin z wezwania IZ %(w)s mija za %(n)d dzień, a wniosku nie złożono: %(c)s",
                "Termin z wezwania IZ %(w)s mija za %(n)d dni, a wniosku nie złożono: %(c)s",
                d.days,
            )
        what = d.call.number if d.call is not None else d.individual.reference
        items.append(
            InboxItem(
                key=f"projects.call_deadline:{d.card.pk}:"
                + (f"call{d.call.pk}" if d.call is not None else f"individual{d.individual.pk}"),
                title=text % {"w": what, "n": d.days, "c": d.card.number},
                url=reverse("projects:card", args=[d.card.pk]) + "#iz-calendar",
                due=d.due,
                detail=polish_data(d.card.title),
            )
        )
    return items


source("projects.formal_check", _("Ocena formalna fiszek"), formal_check)
source("projects.opinions", _("Opinie o zgodności ze strategią"), opinions_due)
source("projects.returned", _("Fiszki do poprawy"), cards_returned)
source("projects.call_deadlines", _("Nabory IZ bez złożonego wniosku"), call_deadlines)
