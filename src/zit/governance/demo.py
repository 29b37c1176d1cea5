"""Demonstration data of the bodies' work: representatives for the members, a past meeting of the Rada with its
votes, signed (sample) documents and entries in the public register, a meeting still to come, and the documents
of the reporting year before the meeting (its statement, the board's report, the audit committee's opinion).

Everything is fictional and flagged `is_demo`; documents say "dokument przykładowy" on their face.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zit.association.models import Body, Member, Person, Representation
from zit.association.services import person_create, representation_create
from zit.core.signed import signed_document_upload
from zit.governance import meetings, public_documents, resolutions, votes, year_rules, years
from zit.governance.models import Ballot, Meeting, Resolution, ResolutionKind

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
START = dt.date(2021, 9, 27)
NO_REPRESENTATIVE = "wierzbinek"  # one member left without a representative, to show how that is handled
DEMO_PREPARED_BY = "Sylwia Sekretarz, sekretarz Rady (demo)"
# the Rada's demo meeting: in February it discharges the board for the year before and sets the year's fees
PAST_MEETING_DAY = dt.date(2026, 2, 20)
PAST_MEETING_NUMBER = (
    "demo 2/2026"  # "demo 1/2025" approved the demo list (`list_register.demo_list_approve`)
)


@dataclass(frozen=True)
class DemoResolution:
    """A resolution an app above governance puts before the demo Rada (the fees: the year's rule) and what that
    app does once it is adopted. Registered in the app's AppConfig.ready: governance imports no app above it."""

    fields: Callable[
        [], dict[str, Any]
    ]  # `resolution_save`'s fields: kind, target, subject, text, justification
    adopted: Callable[[], Any]


DEMO_RESOLUTIONS: list[DemoResolution] = []


def demo_resolution_register(item: DemoResolution) -> None:
    DEMO_RESOLUTIONS.append(item)


def sample_pdf(title: str) -> bytes:
    """A one-page PDF saying it is a sample, written directly (no PDF engine needed for the demo)."""
    text = f"{title} - dokument przykladowy (dane demonstracyjne)".encode("ascii", "replace")
    text = text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 11 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _representatives() -> None:
    """A demo delegate for every member that has none, except one."""
    for member in Member.objects.select_related("organisation"):
        if member.slug == NO_REPRESENTATIVE:
            continue
        if Representation.objects.filter(member=member, function__in=["delegate", "head"]).exists():
            continue
        last = f"Delegat{member.number:02d}"
        person = person_create(
            actor=None,
            is_demo=True,
            first_name="Przedstawiciel",
            last_name=last,
            email=f"przedstawiciel.{member.slug}@example.invalid",
            organisation=member.organisation,
        )
        representation_create(
            actor=None,
            person=person,
            member=member,
            function="delegate",
            title="Przedstawiciel w Radzie (demo)",
            start=START,
        )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=WARSAW)


def _upload(document, title: str) -> None:
    signed_document_upload(
        actor=None, document=document, file=ContentFile(sample_pdf(title), name="podpisany-demo.pdf")
    )


def _past_meeting(rada: Body, day: dt.date) -> Meeting:
    chair = Person.objects.filter(is_demo=True, last_name="Pokazowy").first()
    meeting = meetings.meeting_save(
        actor=None,
        is_demo=True,
        body=rada,
        number=PAST_MEETING_NUMBER,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        place="Konin, ul. płk. Witolda Sztarka 1, sala posiedzeń (demo)",
        chair=chair,
        invitation_note="Posiedzenie przykładowe – dane demonstracyjne.",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Otwarcie posiedzenia i stwierdzenie kworum")
    discharge = resolutions.resolution_save(
        actor=None,
        body=rada,
        is_demo=True,
        kind=ResolutionKind.DISCHARGE,
        fiscal_year=day.year - 1,
        subject=f"udzielenia Zarządowi Stowarzyszenia absolutorium z wykonania obowiązków za {day.year - 1} r.",
        text=(
            f"Rada Stowarzyszenia udziela Zarządowi absolutorium z wykonania obowiązków za {day.year - 1} r.\n\n"
            "Wykonanie uchwały powierza się Przewodniczącemu Rady."
        ),
        justification="Komisja Rewizyjna pozytywnie oceniła sprawozdanie Zarządu (uzasadnienie przykładowe, demo).",
    )
    rules = resolutions.resolution_save(
        actor=None,
        body=rada,
        is_demo=True,
        kind=ResolutionKind.OTHER,
        subject="przyjęcia planu pracy Rady Stowarzyszenia na drugie półrocze (demo)",
        text="Przyjmuje się plan pracy Rady Stowarzyszenia stanowiący załącznik do uchwały.",
    )
    others = [
        resolutions.resolution_save(actor=None, body=rada, is_demo=True, **item.fields())
        for item in DEMO_RESOLUTIONS
    ]
    for resolution in (discharge, rules, *others):
        meetings.agenda_item_save(
            actor=None,
            meeting=meeting,
            title=f"Podjęcie uchwały w sprawie {resolution.subject}",
            resolution=resolution,
        )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Sprawy różne i zamknięcie posiedzenia")
    seats = meetings.meeting_seats(meeting)
    absent = {
        "m:" + str(m.pk) for m in Member.objects.filter(slug__in=["wilczyn", "rzgow", NO_REPRESENTATIVE])
    }
    for seat in seats:
        meetings.attendance_record(actor=None, meeting=meeting, seat=seat.key, present=seat.key not in absent)
    meetings.meeting_open(actor=None, meeting=meeting)
    meetings.meeting_close(
        actor=None,
        meeting=meeting,
        minutes_notes="Przewodniczący otworzył posiedzenie i stwierdził kworum.\n\n"
        "Przebieg obrad przykładowy – dane demonstracyjne.",
    )
    meetings.demo_meeting_hours(meeting)
    against = {seats[4].key} if len(seats) > 4 else set()
    abstain = {seats[5].key} if len(seats) > 5 else set()
    for resolution in (discharge, rules, *others):
        resolution.refresh_from_db()
        vote = votes.vote_start(actor=None, resolution=resolution, mode="minutes")
        for ballot in vote.ballots.exclude(choice=Ballot.Choice.ABSENT):
            choice = Ballot.Choice.FOR
            if resolution == rules and ballot.seat in against:
                choice = Ballot.Choice.AGAINST
            elif resolution == rules and ballot.seat in abstain:
                choice = Ballot.Choice.ABSTAIN
            votes.ballot_record(actor=None, vote=vote, seat=ballot.seat, choice=choice)
        adopted = votes.vote_close(actor=None, vote=vote)
        document = resolutions.resolution_document_generate(actor=None, resolution=adopted)
        _upload(document, f"Uchwala nr {adopted.number}")
        resolutions.resolution_publish(actor=None, resolution=adopted, prepared_by=DEMO_PREPARED_BY)
    _upload(meetings.minutes_generate(actor=None, meeting=meeting), "Protokol z posiedzenia Rady")
    meetings.meeting_publish(actor=None, meeting=meeting, prepared_by=DEMO_PREPARED_BY)
    return meeting


# the documents of the year the demo Rada discharges the board for, drawn up before its February meeting
YEAR_DOCUMENTS = (
    (
        year_rules.STATEMENT,
        "Sprawozdanie finansowe Stowarzyszenia za {y} r. (demo)",
        "Anna Księgowa, główna księgowa (demo)",
        dt.date(2026, 2, 6),
    ),
    (
        year_rules.BOARD_REPORT,
        "Sprawozdanie Zarządu z działalności Stowarzyszenia za {y} r. (demo)",
        "Jan Prezesowy, Prezes Zarządu (demo)",
        dt.date(2026, 2, 9),
    ),
    (
        year_rules.AUDIT_OPINION,
        "Opinia Komisji Rewizyjnej o sprawozdaniach za {y} r. (demo)",
        "Ewa Rewizyjna, Przewodnicząca Komisji Rewizyjnej (demo)",
        dt.date(2026, 2, 16),
    ),
)


def _year_documents(year: int) -> None:
    for step, title, prepared_by, prepared_on in YEAR_DOCUMENTS:
        years.year_document_upload(
            actor=None,
            is_demo=True,
            year=year,
            step=step,
            title=title.format(y=year),
            description="Dokument przykładowy – dane demonstracyjne.",
            file=ContentFile(sample_pdf(title.format(y=year)), name=f"{step}-{year}-demo.pdf"),
            prepared_by=prepared_by,
            prepared_on=prepared_on,
        )


def _next_meeting(rada: Body, day: dt.date) -> Meeting:
    meeting = meetings.meeting_save(
        actor=None,
        is_demo=True,
        body=rada,
        starts_at=_at(day, 11),
        ends_at=_at(day, 13),
        place="Konin, ul. płk. Witolda Sztarka 1, sala posiedzeń (demo)",
        online_url="https://spotkanie.example.invalid/rada-demo",
        invitation_note="Posiedzenie przykładowe – dane demonstracyjne.",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Otwarcie posiedzenia i stwierdzenie kworum")
    meetings.agenda_item_save(
        actor=None, meeting=meeting, title="Informacja Zarządu o realizacji Strategii ZIT"
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Sprawy różne i zamknięcie posiedzenia")
    meetings.meeting_publish(actor=None, meeting=meeting, prepared_by=DEMO_PREPARED_BY)
    return meeting


@transaction.atomic
def load_governance_demo() -> dict[str, int]:
    """Idempotent: does nothing once its demo meetings exist (the project demo's list meeting aside)."""
    if Meeting.objects.filter(is_demo=True, number=PAST_MEETING_NUMBER).exists():
        return {"meetings": 0}
    rada = Body.objects.get(slug="rada")
    _representatives()
    today = timezone.localdate()
    _year_documents(PAST_MEETING_DAY.year - 1)
    past = _past_meeting(rada, PAST_MEETING_DAY)
    for item in DEMO_RESOLUTIONS:
        item.adopted()
    _next_meeting(rada, today + dt.timedelta(days=14))
    public_documents.document_publish(
        actor=None,
        is_demo=True,
        title="Plan pracy Rady Stowarzyszenia (demo)",
        category="other",
        description="Dokument przykładowy – dane demonstracyjne.",
        file=ContentFile(sample_pdf("Plan pracy Rady (demo)"), name="plan-pracy-demo.pdf"),
        prepared_by=DEMO_PREPARED_BY,
        meeting=past,
    )
    return {"meetings": 2, "resolutions": Resolution.objects.filter(is_demo=True).count()}


def load_all() -> dict[str, int]:
    """Every governance demo: meetings and resolutions (the demo requests for public information are
    `load_public_information`'s)."""
    return load_governance_demo()
