"""Invitations to a meeting: one e-mail per person of the body with the meeting as an .ics attachment,
previewed by the secretary and sent only on their click. A second sending after a change carries the raised
calendar sequence, so calendars update the event instead of adding another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zit.association.models import Person
from zit.core import audit
from zit.core.formatting import format_date, format_time
from zit.core.lifecycle import Context
from zit.governance.calendar import calendar
from zit.governance.lifecycles import MEETING
from zit.governance.meetings import meeting_day, meeting_seats
from zit.governance.models import Meeting
from zit.governance.resolutions import issuer


@dataclass
class Invitation:
    person: Person | None
    seat_label: str
    email: str
    subject: str
    body: str

    @property
    def can_send(self) -> bool:
        return bool(self.email)


def _body(meeting: Meeting, update: bool) -> str:
    """The letter, in Polish whatever the sender's interface language: it goes to the members' people."""
    local = timezone.localtime(meeting.starts_at)
    with translation.override("pl"):
        day = format_date(local.date())
    hours = format_time(local) + (f"–{format_time(meeting.ends_at)}" if meeting.ends_at else "")
    number = f" nr {meeting.number}" if meeting.number else ""
    lead = "uprzejmie informujemy o zmianie szczegółów posiedzenia" if update else "zapraszamy na posiedzenie"
    lines = [
        "Szanowni Państwo,",
        "",
        f"{lead} {issuer(meeting.body)}{number}, które odbędzie się {day} r. w godz. {hours}.",
        "",
    ]
    if meeting.place:
        lines.append(f"Miejsce: {meeting.place}")
    if meeting.online_url:
        lines.append(f"Spotkanie online: {meeting.online_url}")
    if meeting.chair:
        lines.append(f"Przewodniczy: {meeting.chair}")
    if meeting.invitation_note:
        lines += ["", meeting.invitation_note]
    agenda = list(meeting.agenda.select_related("resolution"))
    if agenda:
        lines += ["", "Proponowany porządek obrad:"]
        for item in agenda:
            lines.append(f"{item.order}. {item.title}")
            if item.description:
                lines.append(f"   {item.description}")
            if item.resolution:
                lines.append(f"   Projekt uchwały w sprawie {item.resolution.subject}.")
    lines += [
        "",
        "W załączniku termin do dodania do kalendarza.",
        "",
        "Z poważaniem",
        "Biuro Stowarzyszenia",
    ]
    if meeting.is_demo:
        lines += ["", "Wiadomość przykładowa – dane demonstracyjne."]
    return "\n".join(lines)


def _subject(meeting: Meeting, update: bool) -> str:
    with translation.override("pl"):
        day = format_date(meeting_day(meeting))
    kind = "Zmiana: posiedzenie" if update else "Zaproszenie na posiedzenie"
    return f"{kind} {issuer(meeting.body)} – {day} r."


def invitations(meeting: Meeting) -> list[Invitation]:
    """Whom the invitation goes to: the people in the body's seats on the day and the chair of the meeting.
    People without an e-mail address are listed, so the office can invite them another way."""
    update = meeting.invited_sequence is not None
    subject = _subject(meeting, update)
    body = _body(meeting, update)
    people: dict[int, tuple[Person, str]] = {}
    without: list[Invitation] = []
    for seat in meeting_seats(meeting):
        if seat.representative is None:
            without.append(Invitation(None, seat.label, "", subject, ""))
        else:
            people.setdefault(seat.representative.pk, (seat.representative, seat.label))
    if meeting.chair is not None:
        people.setdefault(meeting.chair.pk, (meeting.chair, _("przewodniczący obrad")))
    result = [
        Invitation(
            person,
            label,
            person.email if not person.erased_at else "",
            subject,
            body,
        )
        for person, label in people.values()
    ]
    return sorted(result, key=lambda i: (not i.can_send, i.seat_label)) + without


def invitation_ics(meeting: Meeting) -> bytes:
    return calendar([meeting], method="REQUEST")


@transaction.atomic
def invitations_send(*, actor: Any, meeting: Meeting) -> int:
    """Send the previewed invitations; returns how many went out. The meeting becomes "invited"
    (`lifecycles.MEETING`, "invite": before it starts, and again only after a change)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    MEETING.check(actor, meeting, "invite", Context(actor=actor, today=timezone.localdate()))
    ready = [i for i in invitations(meeting) if i.can_send]
    if not ready:
        raise ValidationError(_("Nikt z organu nie ma adresu e-mail: uzupełnij dane osób."))
    attachment = invitation_ics(meeting)
    messages = []
    for invitation in ready:
        message = EmailMessage(
            invitation.subject, invitation.body, settings.DEFAULT_FROM_EMAIL, [invitation.email]
        )
        message.attach("posiedzenie.ics", attachment, "text/calendar; method=REQUEST; charset=UTF-8")
        messages.append(message)
    before = {"status": meeting.status, "invited_sequence": meeting.invited_sequence}

    def apply(obj: Meeting) -> None:
        obj.invited_sequence = obj.sequence
        obj.invitation_sent_at, obj.invitation_sent_by_label = timezone.now(), audit.actor_label(actor)

    MEETING.fire(
        actor=actor,
        obj=meeting,
        name="invite",
        apply=apply,
        before=before,
        after={
            "status": Meeting.Status.INVITED,
            "invited_sequence": meeting.sequence,
            "recipients": len(messages),
        },
    )
    # after the commit, so a failed save sends nothing
    transaction.on_commit(lambda: get_connection().send_messages(messages))
    return len(messages)
