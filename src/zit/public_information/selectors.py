"""Reads of requests for public information: the filtered list, what needs attention, the yearly register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, DateField, F, Q, QuerySet, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zit.core.lifecycle import Actions
from zit.core.roles import Perm, require
from zit.public_information import deadlines
from zit.public_information.lifecycles import REQUEST
from zit.public_information.models import (
    DUE_SOON_WORKING_DAYS,
    InactionComplaint,
    InformationRequest,
    RequestAction,
)

State = InformationRequest.State

DUE_FILTERS = {
    "overdue": _("po terminie"),
    "soon": _("termin w ciągu 3 dni roboczych"),
    "attention": _("po terminie lub termin w ciągu 3 dni roboczych"),
}


def _with_due(queryset: QuerySet) -> QuerySet:
    """The deadline in force, as `InformationRequest.due_on` computes it, in the database."""
    return queryset.annotate(
        due=Case(
            When(state=State.FEE_NOTIFIED, fee_period_end__isnull=False, then=F("fee_period_end")),
            When(
                state=State.RECONSIDERATION,
                reconsideration_deadline__isnull=False,
                then=F("reconsideration_deadline"),
            ),
            default=Coalesce("extended_to", "deadline"),
            output_field=DateField(),
        )
    )


def _attention(queryset: QuerySet, which: str, today: dt.date) -> QuerySet:
    soon_limit = deadlines.add_working_days(today, DUE_SOON_WORKING_DAYS)
    open_ = _with_due(queryset.filter(state__in=InformationRequest.OPEN_STATES))
    if which == "overdue":
        return open_.filter(due__lt=today)
    if which == "soon":
        return open_.filter(due__gte=today, due__lte=soon_limit)
    return open_.filter(due__lte=soon_limit)


def requests_list(
    *,
    user: Any,
    today: dt.date,
    query: str = "",
    state: str = "",
    year: int | None = None,
    due: str = "",
) -> QuerySet:
    require(user, Perm.INFORMATION_REQUESTS)
    queryset = InformationRequest.objects.select_related("assignee")
    if query:
        queryset = queryset.filter(
            Q(number__icontains=query)
            | Q(subject__icontains=query)
            | Q(requested_information__icontains=query)
            | Q(requester_name__icontains=query)
        )
    if state in State.values:
        queryset = queryset.filter(state=state)
    if year:
        queryset = queryset.filter(year=year)
    if due in DUE_FILTERS:
        queryset = _attention(queryset, due, today)
    return _with_due(queryset).order_by("-year", "-sequence")


def request_actions(*, user: Any, request: InformationRequest, today: dt.date | None = None) -> Actions:
    """The steps `user` may take on the request now (each opens its form), as the lifecycle offers them."""
    require(user, Perm.INFORMATION_REQUESTS)
    return REQUEST.actions(user, request, today=today)


def attention_counts(*, user: Any, today: dt.date) -> dict[str, int]:
    """How many open requests are overdue and how many end within 3 working days (for the menu and the list)."""
    require(user, Perm.INFORMATION_REQUESTS)
    base = InformationRequest.objects.all()
    return {
        "overdue": _attention(base, "overdue", today).count(),
        "soon": _attention(base, "soon", today).count(),
    }


def request_years() -> list[int]:
    return sorted(set(InformationRequest.objects.values_list("year", flat=True)), reverse=True)


def requests_needing_reminder(*, today: dt.date) -> list[InformationRequest]:
    """For the daily reminder (run by the system): open requests overdue or due within 3 working days."""
    return list(
        _attention(InformationRequest.objects.select_related("assignee"), "attention", today).order_by(
            "due", "year", "sequence"
        )
    )


def complaints_needing_reminder(*, today: dt.date) -> list[InactionComplaint]:
    """For the daily reminder: complaints to the court not yet forwarded whose 15 days (art. 21 pkt 1 of the
    act) have passed or end within 3 working days."""
    soon_limit = deadlines.add_working_days(today, DUE_SOON_WORKING_DAYS)
    return list(
        InactionComplaint.objects.filter(
            state=InactionComplaint.State.RECEIVED, forward_deadline__lte=soon_limit
        )
        .select_related("request", "request__assignee")
        .order_by("forward_deadline", "pk")
    )


REGISTER_HEADER = [
    "Znak sprawy",
    "Data wpływu",
    "Sposób złożenia",
    "Przedmiot wniosku",
    "Sposób udostępnienia",
    "Termin 14-dniowy",
    "Termin przedłużony do",
    "Przyczyna przedłużenia",
    "Opłata (zł)",
    "Stan",
    "Data zakończenia",
    "Podstawa odmowy, umorzenia lub pisma",
    "Po terminie",
]


def late_label(request: InformationRequest, today: dt.date) -> str:
    """The register's "Po terminie" column (in Polish, as the register's headers): a request still open past
    its deadline is late and said to be still open; a closed one is late when settled after the deadline."""
    if request.is_overdue(today):
        return "tak – w toku, po terminie"
    if request.is_open:
        return "tak – w toku, czynność wykonano po terminie" if request.late else "nie – w toku"
    return "tak" if request.late else "nie"


def register_lines(*, user: Any, year: int, today: dt.date) -> list[list[Any]]:
    """The year's register for download: dates and outcomes, without the requesters' names or addresses
    (the register is kept for reporting; the case file holds the rest)."""
    require(user, Perm.INFORMATION_REQUESTS)
    requests = InformationRequest.objects.filter(year=year).order_by("sequence").prefetch_related("actions")
    lines = []
    for request in requests:
        actions = list(request.actions.all())
        closing = next((a for a in reversed(actions) if a.kind in _CLOSING_KINDS), None)
        fee = next((a for a in reversed(actions) if a.kind == RequestAction.Kind.FEE_NOTIFIED), None)
        lines.append(
            [
                request.number,
                request.received_on,
                request.get_channel_display(),
                request.subject,
                request.get_delivery_display(),
                request.deadline,
                request.extended_to,
                request.extension_reason,
                fee.fee_amount if fee else None,
                request.get_state_display(),
                request.closed_on,
                closing.ground_label if closing else "",
                late_label(request, today),
            ]
        )
    return lines


_CLOSING_KINDS = {
    RequestAction.Kind.ANSWERED,
    RequestAction.Kind.REFUSED,
    RequestAction.Kind.DISCONTINUED,
    RequestAction.Kind.LETTER,
}


PUBLIC_REGISTER_HEADER = [
    "Znak sprawy",
    "Data wpływu",
    "Sposób złożenia",
    "Termin 14-dniowy",
    "Termin przedłużony do",
    "Stan",
    "Data zakończenia",
    "Podstawa odmowy, umorzenia lub pisma",
    "Po terminie",
    "Wniosek o ponowne rozpatrzenie złożono",
    "Skargi do sądu",
]


def public_register_lines(*, year: int, today: dt.date) -> list[list[Any]]:
    """The year's register for everyone, with no personal data: no names, addresses or the words of the
    request (its subject or the reasons typed by the office may name people), only numbers, dates and
    outcomes in the platform's words. Demo requests are left out."""
    requests = (
        InformationRequest.objects.filter(year=year, is_demo=False)
        .order_by("sequence")
        .prefetch_related("actions", "complaints")
    )
    lines = []
    for request in requests:
        closing = next((a for a in reversed(list(request.actions.all())) if a.kind in _CLOSING_KINDS), None)
        lines.append(
            [
                request.number,
                request.received_on,
                request.get_channel_display(),
                request.deadline,
                request.extended_to,
                request.get_state_display(),
                request.closed_on,
                closing.ground_name if closing else "",
                late_label(request, today),
                request.reconsideration_filed_on,
                len(request.complaints.all()),
            ]
        )
    return lines


def public_register_years() -> list[int]:
    return sorted(
        set(InformationRequest.objects.filter(is_demo=False).values_list("year", flat=True)), reverse=True
    )
