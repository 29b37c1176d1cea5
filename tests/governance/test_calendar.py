"""The meetings' iCalendar: what a calendar program reads back (icalendar's parser), folding and escaping."""

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from governance.meeting_fixtures import *  # noqa: F403
from zit.governance import calendar, meetings

WARSAW = ZoneInfo("Europe/Warsaw")


def _parsed(content: bytes) -> tuple[Calendar, list]:
    cal = Calendar.from_ical(content)
    return cal, cal.walk("VEVENT")


def test_ical_lines_are_folded_and_escaped(rada):
    long = "x" * 70 + "ąęł;,"
    meeting = meetings.meeting_save(actor=None, body=rada, starts_at=dt.datetime.now(dt.UTC), place=long)
    content = calendar.calendar([meeting])
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    unfolded = content.decode().replace("\r\n ", "").split("\r\n")
    assert any(line.startswith("LOCATION:") and line.endswith("ąęł\\;\\,") for line in unfolded)
    assert str(_parsed(content)[1][0]["LOCATION"]) == long


def test_an_invitation_reads_back_with_its_time_in_utc(rada):
    starts = dt.datetime(2026, 3, 30, 10, 0, tzinfo=WARSAW)  # the day after the clocks go forward
    meeting = meetings.meeting_save(
        actor=None,
        body=rada,
        starts_at=starts,
        place="Konin, sala 1",
        online_url="https://spotkanie.example.invalid/pokoj",
        invitation_note="Prosimy o punktualność; kawa od 9:30.",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Plan pracy, 2026")
    content = calendar.calendar([meeting], method="REQUEST")
    assert b"\r\nDTSTART:20260330T080000Z\r\n" in content
    cal, events = _parsed(content)
    assert str(cal["METHOD"]) == "REQUEST" and str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == calendar.PRODID
    (event,) = events
    assert str(event["UID"]) == f"{meeting.uid}@zit" and event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == starts and event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTSTART").hour == 8  # 10:00 in Warsaw, summer time
    assert event.decoded("DTEND") == starts + calendar.DEFAULT_LENGTH
    assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
    assert str(event["SUMMARY"]) == "Posiedzenie: Rada Stowarzyszenia (30.03.2026)"
    assert str(event["LOCATION"]) == "Konin, sala 1" and str(event["STATUS"]) == "CONFIRMED"
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Prosimy o punktualność; kawa od 9:30.\n\nPorządek obrad:\n1. Plan pracy, 2026"
    )
    assert description.endswith("Spotkanie online: https://spotkanie.example.invalid/pokoj")
    assert "URL" not in event


def test_the_public_feed_names_itself_links_each_meeting_and_hides_online_links(rada):
    meeting = meetings.meeting_save(
        actor=None, body=rada, starts_at=dt.datetime.now(dt.UTC), online_url="https://tajne.example.invalid/"
    )
    content = calendar.calendar(
        [meeting],
        name="Posiedzenia organów",
        urls={meeting.pk: "https://zit.example/posiedzenia/1/"},
        with_link=False,
    )
    cal, (event,) = _parsed(content)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["X-WR-CALNAME"]) == "Posiedzenia organów"
    assert str(event["URL"]) == "https://zit.example/posiedzenia/1/" and str(event["LOCATION"]) == "online"
    assert b"tajne" not in content


def test_a_cancelled_meeting_goes_out_cancelled_with_a_new_sequence(rada):
    meeting = meetings.meeting_save(
        actor=None, body=rada, starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3), place="Konin"
    )
    meeting = meetings.meeting_cancel(actor=None, meeting=meeting, reason="Brak sali.")
    _, (event,) = _parsed(calendar.calendar([meeting], method="REQUEST"))
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
