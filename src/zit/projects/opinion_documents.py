"""The compliance opinion's documents: the opinion (its legal bases, the project, the strategy and list versions,
the checklist, the verdict, the signatories) and the cover letter to the managing authority, as DOCX to sign."""

from __future__ import annotations

import datetime as dt

from zit.association.selectors import letterhead_lines
from zit.core.docx_house import house_bytes, house_document
from zit.core.formatting import document_date, format_amount
from zit.projects.models import ComplianceOpinion, OpinionAnswer

# the legal bases the document cites (docs/legal-bases.md); what is not confirmed in a primary text says so
LEGAL_BASES = (
    "art. 29 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2021/1060 z dnia 24 czerwca 2021 r. "
    "(strategia terytorialna; wybór operacji zgodnych ze strategią, art. 29 ust. 3–4)",
    "ustawa z dnia 28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich w "
    "perspektywie finansowej 2021–2027 (Dz.U. 2022 poz. 1079): przepis o udziale związku ZIT w wyborze "
    "projektów – do weryfikacji (źródło: przepisy.gofin.pl, tekst pierwotny; nie przeczytano rozdziału o "
    "strategiach terytorialnych)",
)


def _document(title: str):
    # A4 with 2.5 cm margins, as Polish office documents
    return house_document(title, letterhead=letterhead_lines())


def _header(doc, day: dt.date) -> str:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from zit.association.selectors import association_profile

    profile = association_profile()
    name = getattr(profile, "name", "") or "Stowarzyszenie Aglomeracji Konińskiej"
    city = getattr(profile, "city", "") or "Konin"
    top = doc.add_paragraph(f"{city}, dnia {document_date(day)}")
    top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(name)
    return name


def _signatures(doc, opinion: ComplianceOpinion) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_paragraph()
    lines = [line for line in opinion.signatories.splitlines() if line.strip()] or [
        "(podpis osoby upoważnionej)"
    ]
    for line in lines:
        signature = doc.add_paragraph(f"....................................................\n{line}")
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _save(doc) -> bytes:
    return house_bytes(doc)


def legal_bases(opinion: ComplianceOpinion) -> list[str]:
    call = opinion.call
    bases = list(LEGAL_BASES)
    bases.append(
        f"porozumienie w sprawie realizacji ZIT: {call.agreement_clause}"
        if call and call.agreement_clause
        else "porozumienie w sprawie realizacji ZIT: postanowienie nie zostało wpisane przy naborze"
    )
    bases.append(
        f"kryterium naboru {call.number}: {call.zit_criterion}"
        if call and call.zit_criterion
        else "kryterium naboru o zgodności ze strategią: nie zostało wpisane przy naborze"
    )
    return bases


def opinion_docx(opinion: ComplianceOpinion) -> bytes:
    """The opinion in the usual Polish form, ready to edit and sign: heading, legal basis, the project, the
    versions it rests on, the checklist with each criterion's justification, the verdict, the signatures."""
    from zit.projects.selectors import undertakings_by_key

    card = opinion.card
    doc = _document(f"Opinia {opinion.number} o zgodności projektu ze Strategią ZIT")
    _header(doc, opinion.issued_on)
    doc.add_heading(f"Opinia nr {opinion.number}", level=1)
    doc.add_paragraph(
        "o zgodności projektu ze Strategią Zintegrowanych Inwestycji Terytorialnych "
        "(Strategia Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030)"
    )
    if card.is_demo:
        doc.add_paragraph("Dokument przykładowy – dane demonstracyjne.")
    doc.add_heading("Podstawa prawna", level=2)
    for basis in legal_bases(opinion):
        doc.add_paragraph(basis, style="List Bullet")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    strategy = opinion.strategy_version
    rows = [
        ("Tytuł projektu", card.title),
        ("Wnioskodawca", str(card.beneficiary)),
        ("Partnerzy", "; ".join(str(p.organisation) for p in card.partners.all()) or "brak"),
        ("Nabór", opinion.call.number if opinion.call else "—"),
        ("Numer wniosku", opinion.application_number or "—"),
        (
            "Wersja wniosku",
            " z ".join(x for x in (opinion.application_version, document_date(opinion.application_date)) if x)
            or "—",
        ),
        (
            "Prośba IZ",
            " ".join(
                x
                for x in (
                    opinion.request_reference,
                    f"z {document_date(opinion.requested_on)}" if opinion.requested_on else "",
                    f"(termin: {document_date(opinion.due_on)})" if opinion.due_on else "",
                )
                if x
            )
            or "—",
        ),
        ("Działanie", str(card.measure)),
        ("Wartość projektu", format_amount(card.total_pln) if card.total_pln is not None else "—"),
        ("Dofinansowanie UE", format_amount(card.eu_pln) if card.eu_pln is not None else "—"),
        ("Fiszka projektowa", card.number),
        (
            "Wersja Strategii ZIT",
            f"wersja {strategy.number} – Strategia ZIT od {document_date(strategy.zit_from)}"
            if strategy
            else "—",
        ),
        (
            "Wersja listy projektów strategicznych",
            f"wersja {opinion.list_version.number}" if opinion.list_version else "—",
        ),
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
    doc.add_heading(
        f"Lista sprawdzająca (wersja {opinion.checklist.number})"
        if opinion.checklist
        else "Lista sprawdzająca",
        level=2,
    )
    checklist = doc.add_table(rows=1, cols=3)
    checklist.style = "Table Grid"
    head = checklist.rows[0].cells
    head[0].text, head[1].text, head[2].text = "Kryterium", "Ocena", "Uzasadnienie"
    for answer in opinion.answers.all():
        cells = checklist.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            answer.criterion_text,
            str(OpinionAnswer.Answer(answer.answer).label),
            answer.justification,
        )
    doc.add_heading("Opinia", level=2)
    verdict = "jest zgodny" if opinion.compliant else "nie jest zgodny"
    doc.add_paragraph().add_run(f"Projekt {verdict} ze Strategią ZIT.").bold = True
    if not opinion.compliant:
        doc.add_paragraph(
            "Opinia nie rozstrzyga o wyborze projektu do dofinansowania: decyzję podejmuje Instytucja Zarządzająca."
        )
    if opinion.justification:
        doc.add_heading("Uzasadnienie", level=2)
        for paragraph in opinion.justification.split("\n\n"):
            doc.add_paragraph(paragraph.strip())
    _signatures(doc, opinion)
    return _save(doc)


def cover_letter_docx(opinion: ComplianceOpinion) -> bytes:
    """The cover letter (pismo przewodnie) that sends the opinion to the managing authority."""
    card = opinion.card
    doc = _document(f"Pismo przewodnie do opinii {opinion.number}")
    name = _header(doc, opinion.issued_on)
    doc.add_paragraph("Instytucja Zarządzająca programem Fundusze Europejskie dla Wielkopolski 2021–2027")
    doc.add_paragraph("Urząd Marszałkowski Województwa Wielkopolskiego w Poznaniu")
    if card.is_demo:
        doc.add_paragraph("Dokument przykładowy – dane demonstracyjne.")
    reference = opinion.request_reference or "—"
    requested = f" z {document_date(opinion.requested_on)}" if opinion.requested_on else ""
    doc.add_paragraph(f"Dotyczy: pisma {reference}{requested}; wniosek {opinion.application_number or '—'}.")
    doc.add_paragraph(
        f"W odpowiedzi na prośbę o opinię {name} przekazuje opinię nr {opinion.number} z "
        f"{document_date(opinion.issued_on)} o zgodności projektu „{card.title}” ({card.beneficiary}) ze "
        f"Strategią ZIT, wydaną w naborze {opinion.call.number if opinion.call else '—'}. Projekt "
        f"{'jest' if opinion.compliant else 'nie jest'} zgodny ze strategią."
    )
    if opinion.strategy_version:
        doc.add_paragraph(
            f"Opinia opiera się na wersji {opinion.strategy_version.number} strategii (Strategia ZIT od "
            f"{document_date(opinion.strategy_version.zit_from)}) i wersji "
            f"{opinion.list_version.number if opinion.list_version else '—'} listy projektów strategicznych."
        )
    doc.add_paragraph("Załącznik: opinia nr " + opinion.number + ".")
    _signatures(doc, opinion)
    return _save(doc)
