"""The daily reminder of requests for public information that are overdue or due within 3 working days,
e-mailed to the person who handles each request (or, for requests nobody was given, to the office)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone

from zit.core.formatting import format_date
from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job
from zit.public_information import deadlines
from zit.public_information.models import InformationRequest
from zit.public_information.selectors import requests_needing_reminder


def _site(path: str) -> str:
    return settings.ZIT_SITE_URL.rstrip("/") + path


def _line(request: InformationRequest, today: dt.date) -> str:
    left = request.working_days_left(today)
    if request.is_overdue(today):
        when = f"PO TERMINIE od {format_date(request.due_on)} (dni roboczych: {-left})"
    elif left == 0:
        when = f"termin DZISIAJ, {format_date(request.due_on)}"
    else:
        when = f"termin {format_date(request.due_on)} (dni roboczych: {left})"
    return f"  – {request.number}: {request.subject} – {when}\n    {_site(reverse('public_information:detail', args=[request.pk]))}"


def reminder_text(requests: list[InformationRequest], today: dt.date) -> tuple[str, str]:
    """The subject and the plain-text body of one recipient's reminder."""
    overdue = [r for r in requests if r.is_overdue(today)]
    soon = [r for r in requests if not r.is_overdue(today)]
    subject = f"Wnioski o informację publiczną: po terminie {len(overdue)}, termin w ciągu 3 dni roboczych {len(soon)}"
    lines = [subject + ".", ""]
    if overdue:
        lines += ["Po terminie – udostępnij informację albo wydaj decyzję jak najszybciej:"]
        lines += [_line(r, today) for r in overdue] + [""]
    if soon:
        lines += ["Termin mija w ciągu 3 dni roboczych:"]
        lines += [_line(r, today) for r in soon] + [""]
    lines += [
        f"Wszystkie wnioski: {_site(reverse('public_information:list'))}",
        "",
        "Wiadomość wysyłana w dni robocze automatycznie przez platformę ZIT Stowarzyszenia Aglomeracji Konińskiej.",
    ]
    return subject, "\n".join(lines)


def _office_addresses() -> list[str]:
    """The association's own address, else every office worker with access to the requests."""
    from zit.accounts.models import User
    from zit.association.selectors import association_profile
    from zit.core.roles import OFFICE

    profile = association_profile()
    if profile and profile.email:
        return [profile.email]
    users = (
        User.objects.filter(is_active=True, role_assignments__role__in=OFFICE).exclude(email="").distinct()
    )
    return sorted({u.email for u in users})


def reminder_messages(today: dt.date) -> list[tuple[str, str, str, list[str]]]:
    """One message per recipient: (subject, body, from, [to]). Nothing on a Saturday, Sunday or holiday."""
    if deadlines.is_day_off(today):
        return []
    by_address: dict[str, list[InformationRequest]] = defaultdict(list)
    office: list[InformationRequest] = []
    for request in requests_needing_reminder(today=today):
        assignee = request.assignee
        if assignee is not None and assignee.is_active and assignee.email:
            by_address[assignee.email].append(request)
        else:
            office.append(request)
    if office:
        for address in _office_addresses():
            by_address[address].extend(office)
    messages = []
    for address, requests in sorted(by_address.items()):
        subject, body = reminder_text(requests, today)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
    return messages


@job_handler(
    "public_information.requests_reminder",
    title="Codzienne przypomnienie o terminach wniosków o informację publiczną",
    every=dt.timedelta(days=1),
)
def information_requests_reminder(job: Job, progress: ProgressFn) -> dict[str, Any]:
    today = timezone.localdate()
    if deadlines.is_day_off(today):
        return {"message": "Dzień wolny od pracy: nie wysłano przypomnień.", "sent": 0}
    progress(0, 2, "Sprawdzanie terminów")
    messages = reminder_messages(today)
    if not messages:
        return {
            "message": "Żaden wniosek nie jest po terminie ani nie ma terminu w ciągu 3 dni roboczych.",
            "sent": 0,
        }
    progress(1, 2, "Wysyłanie")
    sent = send_mass_mail(messages)
    return {"message": f"Wysłano przypomnienia o terminach wniosków. Adresaci: {sent}.", "sent": sent}
