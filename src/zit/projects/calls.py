"""After the list: the managing authority's calls, applications filed in its system, and the association's
opinion on each application's compliance with the ZIT strategy (generate → sign → upload → lock)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_amount, format_date
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import signed_document_draft, signed_document_for
from zit.projects.lifecycles import OPINION, OPINION_KIND
from zit.projects.models import Call, ComplianceOpinion, ProjectCard
from zit.projects.services import card_transition

CALL_NUMBER = re.compile(r"^[A-Z]{2,6}\.(\d{2})\.(\d{2})-[A-Z]{2}\.\d{2}-\d{3}/\d{2}$")


@transaction.atomic
def call_save(*, actor: Any, call: Call | None = None, **fields: Any) -> Call:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    before = audit.snapshot(call) if call else None
    call = call or Call()
    for name, value in fields.items():
        setattr(call, name, value)
    errors: dict[str, str] = {}
    match = CALL_NUMBER.match(call.number or "")
    if not match:
        errors["number"] = _("Wpisz numer naboru z ogłoszenia IZ, np. FEWP.03.02-IZ.00-001/26.")
    elif call.measure_id and call.measure.number != f"{int(match.group(1))}.{int(match.group(2))}":
        errors["number"] = _("Numer naboru wskazuje działanie %(a)s, a wybrano %(b)s.") % {
            "a": f"{int(match.group(1))}.{int(match.group(2))}",
            "b": call.measure.number,
        }
    if call.opens_on and call.closes_on and call.closes_on < call.opens_on:
        errors["closes_on"] = _("Koniec naboru nie może być wcześniejszy niż jego początek.")
    if call.panel_representative_id and call.mode != Call.Mode.COMPETITIVE:
        errors["panel_representative"] = _("Przedstawiciel w komisji dotyczy tylko naboru konkurencyjnego.")
    try:
        call.full_clean()
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    call.save()
    audit.record(
        actor=actor,
        action="projects.call_update" if before else "projects.call_create",
        obj=call,
        before=before,
        after=audit.snapshot(call),
    )
    return call


@transaction.atomic
def application_file(*, actor: Any, card: ProjectCard, call: Call, application_number: str) -> ProjectCard:
    """A listed card is filed in the managing authority's call: the call must be for the card's measure; a
    non-competitive call takes only projects from the main list."""
    if call.measure_id != card.measure_id:
        raise ValidationError(
            {
                "call": _("Nabór %(c)s dotyczy działania %(m)s, a fiszka – %(f)s.")
                % {"c": call.number, "m": call.measure.number, "f": card.measure.number}
            }
        )
    if call.mode == Call.Mode.NON_COMPETITIVE and card.state != ProjectCard.State.LISTED_MAIN:
        raise ValidationError(
            {"call": _("W naborze niekonkurencyjnym wniosek składa projekt z listy podstawowej.")}
        )
    ProjectCard.objects.filter(pk=card.pk).update(call=call)
    card.refresh_from_db()
    return card_transition(
        actor=actor, card=card, name="file_application", application_number=application_number
    )


@transaction.atomic
def application_outcome(
    *, actor: Any, card: ProjectCard, selected: bool, reason: str = "", score=None
) -> ProjectCard:
    """The managing authority's decision on an application, with its score in a competitive call."""
    if score is not None:
        if card.call is None or card.call.mode != Call.Mode.COMPETITIVE:
            raise ValidationError({"score": _("Wynik punktowy zapisujemy tylko w naborze konkurencyjnym.")})
        ProjectCard.objects.filter(pk=card.pk).update(iz_score=score)
        card.refresh_from_db()
    return card_transition(actor=actor, card=card, name="select" if selected else "reject", reason=reason)


# --- the compliance opinion


def _next_opinion_number(day: dt.date) -> str:
    prefix = f"OZ/{day.year}/"
    taken = ComplianceOpinion.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    last = int(taken.rsplit("/", 1)[1]) if taken else 0
    return f"{prefix}{last + 1:03d}"


@transaction.atomic
def opinion_prepare(
    *, actor: Any, card: ProjectCard, compliant: bool, justification: str, today: dt.date | None = None
) -> ComplianceOpinion:
    """Write the opinion and generate its DOCX to be signed. It can be redone until the signed file is in."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    card = ProjectCard.objects.select_for_update().get(pk=card.pk)
    if card.state != ProjectCard.State.APPLICATION_FILED:
        raise ValidationError(_("Opinię wydaje się o wniosku złożonym w naborze IZ."))
    justification = justification.replace("\r\n", "\n").strip()  # browsers send CRLF
    if not justification:
        raise ValidationError(
            {"justification": _("Uzasadnij opinię: odniesienie do celów i przedsięwzięć strategii.")}
        )
    today = today or timezone.localdate()
    opinion = ComplianceOpinion.objects.filter(card=card).first()
    document = signed_document_for(subject=card, kind=OPINION_KIND)
    if (document is not None and document.locked) or (opinion is not None and opinion.issued):
        raise ValidationError(_("Opinia jest już podpisana i zablokowana."))
    before = audit.snapshot(opinion) if opinion else None
    if opinion is None:
        opinion = ComplianceOpinion(
            card=card, number=_next_opinion_number(today), created_by_label=audit.actor_label(actor)
        )
    opinion.compliant, opinion.justification, opinion.issued_on = compliant, justification, today
    opinion.save()
    audit.record(
        actor=actor,
        action="projects.opinion_update" if before else "projects.opinion_create",
        obj=opinion,
        before=before,
        after=audit.snapshot(opinion),
    )
    signed_document_draft(
        actor=actor,
        subject=card,
        kind=OPINION_KIND,
        title=_("Opinia %(n)s o zgodności projektu ze Strategią ZIT") % {"n": opinion.number},
        content=opinion_docx(opinion),
        filename=f"opinia-{opinion.number.replace('/', '-')}.docx",
        read_perm=Perm.PROJECTS_VIEW,
        write_perm=Perm.PROJECTS_MANAGE,
        organisation_id=card.beneficiary_id,
    )
    return opinion


@transaction.atomic
def opinion_issue(*, actor: Any, card: ProjectCard) -> ProjectCard:
    """Once the signed opinion is uploaded (and so locked), it is issued (`lifecycles.OPINION`); a negative
    opinion rejects the application."""
    opinion = ComplianceOpinion.objects.select_for_update().filter(card=card).first()
    if opinion is None:
        require_unless_system(actor, Perm.PROJECTS_MANAGE)
        raise ValidationError(_("Najpierw wgraj podpisaną opinię."))
    OPINION.fire(actor=actor, obj=opinion, name="issue")
    card = card_transition(actor=actor, card=card, name="issue_opinion")
    if not opinion.compliant:
        card = card_transition(
            actor=actor,
            card=card,
            name="reject",
            reason=_("Negatywna opinia o zgodności ze Strategią ZIT (%(n)s): %(j)s")
            % {"n": opinion.number, "j": opinion.justification},
        )
    return card


def opinion_actions(*, user: Any, card: ProjectCard):
    """The opinion's button for the user, with the reason it cannot be issued yet."""
    opinion = getattr(card, "opinion", None)
    return OPINION.actions(user, opinion) if opinion is not None else []


def opinion_docx(opinion: ComplianceOpinion) -> bytes:
    """The opinion in the usual Polish form, ready to edit and sign: heading, the project, the verdict, the
    justification, the signature block."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from zit.association.selectors import association_profile
    from zit.projects.selectors import undertakings_by_key

    card = opinion.card
    profile = association_profile()
    name = getattr(profile, "name", "") or "Stowarzyszenie Aglomeracji Konińskiej"
    city = getattr(profile, "city", "") or "Konin"
    doc = Document()
    section = doc.sections[0]  # A4 with 2.5 cm margins, as Polish office documents
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2.5)
    doc.core_properties.language = "pl-PL"
    doc.core_properties.title = f"Opinia {opinion.number} o zgodności projektu ze Strategią ZIT"
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(11)
    top = doc.add_paragraph(f"{city}, dnia {format_date(opinion.issued_on)} r.")
    top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(name)
    doc.add_heading(f"Opinia nr {opinion.number}", level=1)
    doc.add_paragraph(
        "o zgodności projektu ze Strategią Zintegrowanych Inwestycji Terytorialnych "
        "(Strategia Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030)"
    )
    if card.is_demo:
        doc.add_paragraph("Dokument przykładowy – dane demonstracyjne.")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows = [
        ("Tytuł projektu", card.title),
        ("Wnioskodawca", str(card.beneficiary)),
        ("Partnerzy", "; ".join(str(p.organisation) for p in card.partners.all()) or "brak"),
        ("Nabór", card.call.number if card.call else "—"),
        ("Numer wniosku", card.application_number or "—"),
        ("Działanie", str(card.measure)),
        ("Wartość projektu", format_amount(card.total_pln) if card.total_pln is not None else "—"),
        ("Dofinansowanie UE", format_amount(card.eu_pln) if card.eu_pln is not None else "—"),
        ("Fiszka projektowa", card.number),
    ]
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_heading("Przedsięwzięcia strategii, którym służy projekt", level=2)
    known = undertakings_by_key()
    for link in card.undertakings.all():
        undertaking = known.get(link.key)
        doc.add_paragraph(
            f"{undertaking.code} {undertaking.title}"
            if undertaking
            else f"przedsięwzięcie {link.key} (nie ma go w strategii)",
            style="List Bullet",
        )
    doc.add_heading("Opinia", level=2)
    verdict = "jest zgodny" if opinion.compliant else "nie jest zgodny"
    doc.add_paragraph().add_run(f"Projekt {verdict} ze Strategią ZIT.").bold = True
    doc.add_heading("Uzasadnienie", level=2)
    for paragraph in opinion.justification.split("\n\n"):
        doc.add_paragraph(paragraph.strip())
    doc.add_paragraph()
    signature = doc.add_paragraph(
        "....................................................\n(podpis osoby upoważnionej)"
    )
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
