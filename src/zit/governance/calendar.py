"""iCalendar (RFC 5545) for meetings: the attachment of each invitation and the public feed.

Written by hand: a few properties are all calendars need, and the folding and escaping rules are short.
Times go out in UTC, which every calendar converts to the reader's zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from zit.governance.models import Meeting

PRODID = "-//Stowarzyszenie Aglomeracji Konińskiej//Platforma ZIT//PL"
DEFAULT_LENGTH = dt.timedelta(hours=2)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(meeting: Meeting, *, url: str = "", with_link: bool = True) -> list[str]:
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
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}@zit",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(ends)}",
        f"SUMMARY:{_escape(f'Posiedzenie: {meeting.body.name} ({meeting_day(meeting):%d.%m.%Y})')}",
        f"LOCATION:{_escape(location)}",
        f"STATUS:{'CANCELLED' if meeting.is_cancelled else 'CONFIRMED'}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(
    meetings: Iterable[Meeting],
    *,
    method: str = "PUBLISH",
    name: str = "",
    urls: dict[int, str] | None = None,
    with_link: bool = True,
) -> bytes:
    """A VCALENDAR with one event per meeting. METHOD:REQUEST makes mail programs offer to add it."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for meeting in meetings:
        lines.extend(_event(meeting, url=(urls or {}).get(meeting.pk, ""), with_link=with_link))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()
