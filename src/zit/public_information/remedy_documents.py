"""The letters of the remedies, as DOCX drafts in the house style for signature: the decision on a request for
reconsideration, the answer to a complaint and the cover letter forwarding the complaint to the court. The
office completes and signs them; the platform fills in what it holds (numbers, dates, deadlines, grounds)."""

from __future__ import annotations

from zit.association.selectors import association_profile, letterhead_lines
from zit.core.docx_house import house_bytes, house_document
from zit.core.formatting import document_date
from zit.public_information.models import InactionComplaint, InformationRequest, RequestAction
from zit.public_information.remedies import last_decision

ACT = "ustawy z dnia 6 września 2001 r. o dostępie do informacji publicznej (Dz. U. z 2022 r. poz. 902)"
KPA = "Kodeksu postępowania administracyjnego"
PPSA = "ustawy z dnia 30 sierpnia 2002 r. – Prawo o postępowaniu przed sądami administracyjnymi"


def _association() -> str:
    profile = association_profile()
    return profile.name if profile else letterhead_lines()[0]


def _place_date(doc, on) -> None:
    profile = association_profile()
    city = profile.city if profile else ""
    paragraph = doc.add_paragraph(f"{city + ', ' if city else ''}{document_date(on) if on else '…'}")
    paragraph.alignment = 2  # right


def reconsideration_decision_docx(request: InformationRequest) -> bytes:
    """The decision after reconsideration: upheld or overturned, with its legal grounds and instruction."""
    decision = last_decision(request)
    outcome = request.actions.filter(
        kind__in=(RequestAction.Kind.UPHELD, RequestAction.Kind.OVERTURNED)
    ).last()
    upheld = outcome is None or outcome.kind == RequestAction.Kind.UPHELD
    doc = house_document(
        f"Decyzja po ponownym rozpatrzeniu sprawy {request.number}", letterhead=letterhead_lines()
    )
    _place_date(doc, outcome.done_on if outcome else None)
    doc.add_paragraph(f"Znak sprawy: {request.number}")
    doc.add_heading("DECYZJA", level=1)
    doc.add_paragraph(
        f"Na podstawie art. 138 § 1 pkt {'1' if upheld else '2'} w związku z art. 127 § 3 {KPA} oraz art. 16 "
        f"i art. 17 {ACT}, po rozpatrzeniu wniosku o ponowne rozpatrzenie sprawy złożonego "
        f"{document_date(request.reconsideration_filed_on) if request.reconsideration_filed_on else '…'}, "
        f"{_association()}"
    )
    doc.add_paragraph(
        "utrzymuje w mocy decyzję" if upheld else "uchyla w całości decyzję", style="List Bullet"
    )
    doc.add_paragraph(
        f"z dnia {document_date(decision.done_on) if decision else '…'} "
        f"({decision.get_kind_display() if decision else '…'}"
        f"{', podstawa: ' + decision.ground_label if decision and decision.ground_label else ''})"
        + ("" if upheld else " i udostępnia wnioskodawcy żądaną informację.")
    )
    doc.add_heading("Uzasadnienie", level=2)
    doc.add_paragraph(outcome.text if outcome and outcome.text else "…")
    doc.add_heading("Pouczenie", level=2)
    doc.add_paragraph(
        "Od niniejszej decyzji przysługuje skarga do Wojewódzkiego Sądu Administracyjnego w Poznaniu, "
        f"wnoszona za pośrednictwem {_association()} w terminie 30 dni od dnia doręczenia decyzji "
        f"(art. 53 § 1 i art. 54 § 1 {PPSA})."
    )
    doc.add_paragraph("\n……………………………………\n(podpis osoby upoważnionej)")
    return house_bytes(doc)


def _court_heading(doc, complaint: InactionComplaint) -> None:
    doc.add_paragraph(complaint.court)
    doc.add_paragraph("za pośrednictwem: " + _association())


def complaint_answer_docx(complaint: InactionComplaint) -> bytes:
    request = complaint.request
    doc = house_document(f"Odpowiedź na skargę – {request.number}", letterhead=letterhead_lines())
    _place_date(doc, complaint.forwarded_on)
    _court_heading(doc, complaint)
    doc.add_heading("ODPOWIEDŹ NA SKARGĘ", level=1)
    doc.add_paragraph(
        f"{complaint.get_kind_display().capitalize()} w sprawie wniosku o udostępnienie informacji publicznej "
        f"{request.number} z dnia {document_date(request.received_on)}; skarga wpłynęła "
        f"{document_date(complaint.received_on)}"
    )
    doc.add_heading("Zarzuty skargi", level=2)
    doc.add_paragraph(complaint.complaint_summary)
    doc.add_heading("Stanowisko Stowarzyszenia", level=2)
    doc.add_paragraph(complaint.answer or "…")
    doc.add_heading("Przebieg sprawy", level=2)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Data", "Czynność"
    for action in request.actions.all():
        row = table.add_row()
        row.cells[0].text = document_date(action.done_on)
        row.cells[1].text = str(action.get_kind_display())
    doc.add_paragraph(f"Podstawa: art. 54 § 2 {PPSA} w związku z art. 21 pkt 1 {ACT}.")
    doc.add_paragraph("\n……………………………………\n(podpis osoby upoważnionej)")
    return house_bytes(doc)


def complaint_cover_letter_docx(complaint: InactionComplaint) -> bytes:
    request = complaint.request
    doc = house_document(f"Przekazanie skargi do sądu – {request.number}", letterhead=letterhead_lines())
    _place_date(doc, complaint.forwarded_on)
    doc.add_paragraph(f"Znak sprawy: {request.number}")
    doc.add_paragraph(complaint.court)
    doc.add_heading("Przekazanie skargi", level=1)
    doc.add_paragraph(
        f"Na podstawie art. 54 § 2 {PPSA} w związku z art. 21 pkt 1 {ACT} przekazuję "
        f"{complaint.get_kind_display()} wniesioną {document_date(complaint.received_on)} w sprawie wniosku "
        f"o udostępnienie informacji publicznej {request.number}, wraz z aktami sprawy i odpowiedzią na skargę."
    )
    doc.add_paragraph(
        f"Termin przekazania (15 dni od otrzymania skargi): {document_date(complaint.forward_deadline)}"
    )
    doc.add_paragraph("Załączniki:")
    for item in ("skarga (oryginał)", "odpowiedź na skargę", "akta sprawy " + request.number):
        doc.add_paragraph(item, style="List Number")
    doc.add_paragraph("\n……………………………………\n(podpis osoby upoważnionej)")
    return house_bytes(doc)
