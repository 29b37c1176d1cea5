"""The daily reminder of the deadlines of requests for public information that are overdue or end within 3
working days, e-mailed to the person who handles each request (or, for requests nobody was given, to the office):
the request's own 14 days (art. 13 ust. 1 of the act on access to public information) or its extension, the 14
days to decide on a request for reconsideration (art. 16 ust. 2 pkt 1, art. 17 ust. 2) and the 15 days to
forward a complaint to the administrative court (art. 21 pkt 1)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone

from zit.core.formatting import document_date
from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job
from zit.public_information import deadlines
from zit.public_information.models import InactionComplaint, InformationRequest
from zit.public_information.selectors import complaints_needing_reminder, requests_needing_reminder


def _site(path: str) -> str:
    return settings.ZIT_SITE_URL.rstrip("/") + path


@dataclass(frozen=True)
class Deadline:
    """One deadline of the office the reminder warns about: a request's, a reconsideration's or a complaint's."""

    number: str
    what: str
    due_on: dt.date
    path: str
    assignee: Any

    def working_days_left(self, today: dt.date) -> int:
        return deadlines.working_days_between(today, self.due_on)

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.due_on


def request_deadline(request: InformationRequest) -> Deadline:
    """A request's deadline in force; in reconsideration, the 14 days to decide on it (art. 16 ust. 2 pkt 1 and
    art. 17 ust. 2 of the act on access to public information)."""
    what = request.subject
    if request.state == InformationRequest.State.RECONSIDERATION:
        what = f"wniosek o ponowne rozpatrzenie sprawy „{request.subject}” – rozpatrz (art. 17 ust. 2 ustawy)"
    path = reverse("public_information:detail", args=[request.pk])
    return Deadline(request.number, what, request.due_on, path, request.assignee)


def complaint_deadline(complaint: InactionComplaint) -> Deadline:
    """A complaint's 15 days to be forwarded to the court with the file and the answer (art. 21 pkt 1 of the act
    on access to public information)."""
    request = complaint.request
    what = (
        f"{complaint.get_kind_display()} do sądu administracyjnego – przekaż ją z aktami i odpowiedzią "
        "(art. 21 pkt 1 ustawy)"
    )
    path = reverse("public_information:complaint_forward", args=[request.pk, complaint.pk])
    return Deadline(request.number, what, complaint.forward_deadline, path, request.assignee)


def _line(item: Deadline, today: dt.date) -> str:
    left = item.working_days_left(today)
    if item.is_overdue(today):
        when = f"PO TERMINIE od {document_date(item.due_on)} (dni roboczych: {-left})"
    elif left == 0:
        when = f"termin DZISIAJ, {document_date(item.due_on)}"
    else:
        when = f"termin {document_date(item.due_on)} (dni roboczych: {left})"
    return f"  – {item.number}: {item.what} – {when}\n    {_site(item.path)}"


def reminder_text(items: list[Deadline], today: dt.date) -> tuple[str, str]:
    """The subject and the plain-text body of one recipient's reminder."""
    overdue = [i for i in items if i.is_overdue(today)]
    soon = [i for i in items if not i.is_overdue(today)]
    subject = f"Wnioski o informację publiczną: po terminie {len(overdue)}, termin w ciągu 3 dni roboczych {len(soon)}"
    lines = [subject + ".", ""]
    if overdue:
        lines += ["Po terminie – załatw sprawę jak najszybciej:"]
        lines += [_line(i, today) for i in overdue] + [""]
    if soon:
        lines += ["Termin mija w ciągu 3 dni roboczych:"]
        lines += [_line(i, today) for i in soon] + [""]
    lines += [
        f"Wszystkie wnioski: {_site(reverse('public_information:list'))}",
        "",
        "Wiadomość wysyłana w dni robocze automatycznie przez platformę ZIT Stowarzyszenia Aglomeracji Konińskiej.",
    ]
    return subject, "\n".join(lines)


def deadlines_due(today: dt.date) -> list[Deadline]:
    """Every deadline past or ending within 3 working days: the requests' (14 days, an extension, a fee notice,
    a reconsideration) and the complaints' to the court, earliest first."""
    items = [request_deadline(r) for r in requests_needing_reminder(today=today)]
    items += [complaint_deadline(c) for c in complaints_needing_reminder(today=today)]
    return sorted(items, key=lambda i: i.due_on)


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
    by_address: dict[str, list[Deadline]] = defaultdict(list)
    office: list[Deadline] = []
    for item in deadlines_due(today):
        assignee = item.assignee
        if assignee is not None and assignee.is_active and assignee.email:
            by_address[assignee.email].append(item)
        else:
            office.append(item)
    if office:
        for address in _office_addresses():
            by_address[address].extend(office)
    messages = []
    for address, items in sorted(by_address.items()):
        subject, body = reminder_text(items, today)
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
            "message": "Żaden termin wniosków ani skarg nie minął ani nie mija w ciągu 3 dni roboczych.",
            "sent": 0,
        }
    progress(1, 2, "Wysyłanie")
    sent = send_mass_mail(messages)
    return {"message": f"Wysłano przypomnienia o terminach wniosków. Adresaci: {sent}.", "sent": sent}
