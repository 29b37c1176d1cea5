"""Documents of the bodies in the usual Polish form: the resolution to sign (DOCX) and the minutes of a meeting
(editable DOCX and tagged PDF). Both are built from one description of their content, so they say the same."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation

from zit.association.selectors import association_profile, letterhead_lines
from zit.core.documents import pdf_from_html
from zit.core.docx_house import house_bytes, house_document
from zit.core.formatting import format_time, polish_date
from zit.governance.meetings import meeting_day, meeting_seats, quorum
from zit.governance.models import Ballot, Meeting, Resolution
from zit.governance.resolutions import full_title, issuer, paragraphs

SIGNATURE_LINE = "...................................................."


def _signature_role(resolution: Resolution) -> str:
    """The usual signatory: the chair of the Rada, the president of the board, the chair otherwise."""
    return {"assembly": "Przewodniczący Rady", "board": "Prezes Zarządu"}.get(
        resolution.body.kind, "Przewodniczący"
    )


def resolution_docx(resolution: Resolution) -> bytes:
    """Heading with number, body, date and subject, the legal basis line left to the office, paragraphs as
    §§, the last one on entry into force, the justification, attachments, the signature block."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = house_document(
        full_title(resolution),
        letterhead=letterhead_lines(),
        author=getattr(association_profile(), "name", ""),
        font="Times New Roman",
        size=12,
    )
    title = full_title(resolution)
    head, _sep, subject = title.partition(" w sprawie ")
    for text, bold in ((head, True), (f"w sprawie {subject}", True)):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    if resolution.is_demo:
        doc.add_paragraph("Dokument przykładowy – dane demonstracyjne.").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(
        f"Na podstawie postanowień Statutu Stowarzyszenia {resolution.body.name} postanawia, co następuje:"
    )
    sections = paragraphs(resolution.text)
    for number, text in enumerate(sections, start=1):
        mark = doc.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark.add_run(f"§ {number}").bold = True
        doc.add_paragraph(text)
    final = doc.add_paragraph()
    final.alignment = WD_ALIGN_PARAGRAPH.CENTER
    final.add_run(f"§ {len(sections) + 1}").bold = True
    doc.add_paragraph("Uchwała wchodzi w życie z dniem podjęcia.")
    attachments = list(resolution.attachments.all())
    if attachments:
        doc.add_paragraph("Załączniki:")
        for attachment in attachments:
            doc.add_paragraph(f"Załącznik nr {attachment.order}: {attachment.title}", style="List Number")
    vote = getattr(resolution, "vote", None)
    if vote is not None and vote.is_closed:
        doc.add_paragraph(
            f"Wynik głosowania: za – {vote.votes_for}, przeciw – {vote.votes_against}, "
            f"wstrzymało się – {vote.abstentions}; obecnych {vote.present} z {vote.composition}."
        )
    doc.add_paragraph()
    signature = doc.add_paragraph(f"{SIGNATURE_LINE}\n{_signature_role(resolution)}")
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if resolution.justification:
        doc.add_page_break()
        heading = doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        heading.add_run(f"Uzasadnienie do uchwały nr {resolution.number}").bold = True
        for text in paragraphs(resolution.justification):
            doc.add_paragraph(text)
    return house_bytes(doc)


@dataclass
class MinutesItem:
    order: int
    title: str
    description: str
    resolution: Resolution | None
    roll_call: list[tuple[str, str, str]] = field(default_factory=list)  # seat, who, choice


@dataclass
class Minutes:
    association: str
    city: str
    meeting: Meeting
    title: str
    day: str
    start: str
    end: str
    place: str
    composition: int
    present: int
    required: int
    quorum_met: bool
    present_people: list[tuple[str, str]]
    absent: list[str]
    items: list[MinutesItem]
    notes: list[str]


def minutes(meeting: Meeting) -> Minutes:
    profile = association_profile()
    composition = meeting_seats(meeting)
    attendance = {a.seat: a for a in meeting.attendance.select_related("person")}
    present = [
        (s.label, str(attendance[s.key].person))
        for s in composition
        if s.key in attendance and attendance[s.key].present
    ]
    absent = [s.label for s in composition if not (s.key in attendance and attendance[s.key].present)]
    labels = {s.key: s.label for s in composition}
    items = []
    for item in meeting.agenda.select_related("resolution__vote"):
        entry = MinutesItem(item.order, item.title, item.description, item.resolution)
        vote = getattr(item.resolution, "vote", None) if item.resolution else None
        if vote is not None and vote.is_closed:
            entry.roll_call = [
                (labels.get(b.seat, str(b.member or b.person)), str(b.person or "—"), b.get_choice_display())
                for b in vote.ballots.select_related("person", "member")
            ]
        items.append(entry)
    q = quorum(meeting, composition)
    starts = timezone.localtime(meeting.opened_at or meeting.starts_at)
    ends = timezone.localtime(meeting.closed_at) if meeting.closed_at else None
    return Minutes(
        association=getattr(profile, "name", ""),
        city=getattr(profile, "city", "") or "Konin",
        meeting=meeting,
        title=f"Protokół{' nr ' + meeting.number if meeting.number else ''} z posiedzenia {issuer(meeting.body)}",
        day=polish_date(meeting_day(meeting)),
        start=format_time(starts),
        end=format_time(ends),
        place=meeting.place or "spotkanie online",
        composition=q.composition,
        present=q.present,
        required=q.required,
        quorum_met=q.met,
        present_people=present,
        absent=absent,
        items=items,
        notes=paragraphs(meeting.minutes_notes),
    )


def minutes_docx(meeting: Meeting) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    m = minutes(meeting)
    doc = house_document(m.title, letterhead=letterhead_lines(), author=m.association)
    doc.add_paragraph(m.association)
    doc.add_heading(m.title, level=1)
    if meeting.is_demo:
        doc.add_paragraph("Dokument przykładowy – dane demonstracyjne.")
    doc.add_paragraph(
        f"Data: {m.day} r., od godz. {m.start}{' do ' + m.end if m.end else ''}. Miejsce: {m.place}."
    )
    if meeting.chair:
        doc.add_paragraph(f"Obradom przewodniczył(a): {meeting.chair}.")
    doc.add_heading("Lista obecności i kworum", level=2)
    doc.add_paragraph(
        f"Skład organu: {m.composition}; obecnych: {m.present}; kworum: {m.required} – "
        + ("jest, obrady są prawomocne." if m.quorum_met else "brak kworum.")
    )
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Członek / miejsce", "Obecny(-a)"
    for seat, person in m.present_people:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = seat, person
    if m.absent:
        doc.add_paragraph("Nieobecni: " + ", ".join(m.absent) + ".")
    doc.add_heading("Porządek obrad", level=2)
    for item in m.items:
        doc.add_paragraph(item.title, style="List Number")
    for item in m.items:
        doc.add_heading(f"Ad {item.order}. {item.title}", level=3)
        if item.description:
            doc.add_paragraph(item.description)
        vote = getattr(item.resolution, "vote", None) if item.resolution else None
        if vote is not None and vote.is_closed:
            outcome = (
                f"podjęto uchwałę nr {item.resolution.number}"
                if vote.adopted
                else "uchwała nie została podjęta"
            )
            doc.add_paragraph(
                f"Głosowanie imienne: za – {vote.votes_for}, przeciw – {vote.votes_against}, wstrzymało się – "
                f"{vote.abstentions}; {outcome}."
            )
            roll = doc.add_table(rows=1, cols=3)
            roll.style = "Table Grid"
            for cell, text in zip(
                roll.rows[0].cells, ("Członek / miejsce", "Głosował(a)", "Głos"), strict=True
            ):
                cell.text = text
            for seat, person, choice in item.roll_call:
                cells = roll.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = seat, person, choice
    if m.notes:
        doc.add_heading("Przebieg obrad", level=2)
        for text in m.notes:
            doc.add_paragraph(text)
    doc.add_paragraph()
    for role in ("Protokołował(a)", "Przewodniczący obrad"):
        signature = doc.add_paragraph(f"{SIGNATURE_LINE}\n{role}")
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return house_bytes(doc)


def minutes_pdf(meeting: Meeting) -> bytes:
    with translation.override("pl"):
        html = render_to_string("documents/minutes.html", {"m": minutes(meeting), "Ballot": Ballot})
    return pdf_from_html(html)
