"""iCalendar (RFC 5545) for meetings: the attachment of each invitation and the public feed.

Built with the icalendar library, which escapes the text and folds the lines at 75 octets. Times go out in UTC,
which every calendar converts to the reader's zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vText

from zit.governance.models import Meeting

PRODID = "-//Stowarzyszenie Aglomeracji Konińskiej//Platforma ZIT//PL"
DEFAULT_LENGTH = dt.timedelta(hours=2)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _event(meeting: Meeting, *, url: str = "", with_link: bool = True) -> Event:
    from zit.governance.meetings import meeting_day

    ends = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
    agenda = "\n".join(f"{item.order}. {item.title}" for item in meeting.agenda.all())
    description = "\n\n".join(
        part
        for part in (
            meeting.invitation_note,
            "Porządek obrad:\n" + agenda if agenda else "",
            f"Spotkanie online: {meeting.online_url}" if with_link and meeting.online_url else "",
            "Dane demonstracyjne." if meeting.is_demo else "",
        )
        if part
    )
    location = meeting.place or (meeting.online_url if with_link else "online")
    event = Event()
    event.add("uid", f"{meeting.uid}@zit")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(ends))
    event.add("summary", f"Posiedzenie: {meeting.body.name} ({meeting_day(meeting):%d.%m.%Y})")
    event.add("location", location)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def calendar(
    meetings: Iterable[Meeting],
    *,
    method: str = "PUBLISH",
    name: str = "",
    urls: dict[int, str] | None = None,
    with_link: bool = True,
) -> bytes:
    """A VCALENDAR with one event per meeting. METHOD:REQUEST makes mail programs offer to add it."""
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        # An X- property is not text to the library; as text its commas and semicolons are escaped.
        cal.add("x-wr-calname", vText(name))
    for meeting in meetings:
        cal.add_component(_event(meeting, url=(urls or {}).get(meeting.pk, ""), with_link=with_link))
    return cal.to_ical()
