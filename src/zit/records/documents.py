"""The documents of a disposal list, in the house style: the list itself as DOCX for signature and XLSX, and the
destruction protocol as DOCX. Name of the list: "spis dokumentacji niearchiwalnej przeznaczonej do brakowania"
(the practice of the state archives; do weryfikacji)."""

from __future__ import annotations

from typing import Any

from zit.association.selectors import association_profile, letterhead_lines
from zit.core.docx_house import house_bytes, house_document
from zit.core.exports import table_response
from zit.core.formatting import document_date
from zit.records.models import DisposalList
from zit.records.selectors import disposal_items

ACT = "ustawy z dnia 14 lipca 1983 r. o narodowym zasobie archiwalnym i archiwach"
HEADER = [
    "Lp.",
    "Symbol z wykazu akt",
    "Tytuł teczki lub dokumentu",
    "Daty skrajne",
    "Kategoria archiwalna",
    "Okres przechowywania upłynął",
    "Liczba plików",
]


def _span(item: Any) -> str:
    dates = [document_date(d) for d in (item.dated_from, item.dated_to) if d]
    return " – ".join(dict.fromkeys(dates)) or "—"


def list_rows(disposal: DisposalList) -> list[list[Any]]:
    return [
        [number, i.symbol, i.title, _span(i), i.qualifier, document_date(i.retention_ended_on), len(i.files)]
        for number, i in enumerate(disposal_items(disposal), start=1)
    ]


def _association() -> str:
    profile = association_profile()
    return profile.name if profile else letterhead_lines()[0]


def _table(doc: Any, rows: list[list[Any]]) -> None:
    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)


def disposal_list_docx(disposal: DisposalList) -> bytes:
    title = f"Spis dokumentacji niearchiwalnej przeznaczonej do brakowania nr {disposal.number}"
    doc = house_document(title, letterhead=letterhead_lines(), author=_association(), landscape=True)
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        f"{_association()}. Dokumentacja, której okres przechowywania upłynął do "
        f"{document_date(disposal.cutoff)}, według wykazu akt Stowarzyszenia (do weryfikacji: wykaz wymaga "
        "uzgodnienia z archiwum państwowym). Kategoria A nie jest brakowana."
    )
    rows = list_rows(disposal)
    _table(doc, rows)
    doc.add_paragraph(f"Liczba pozycji: {len(rows)}.")
    doc.add_paragraph(
        f"Proszę o zgodę na brakowanie wymienionej dokumentacji (art. 5 ust. 1 pkt 2 {ACT}; do weryfikacji)."
    )
    doc.add_paragraph("\n……………………………………\n(podpis osoby odpowiedzialnej za archiwum zakładowe)")
    return house_bytes(doc)


def disposal_list_xlsx(disposal: DisposalList):
    return table_response(
        f"spis-brakowania-{disposal.number}.xlsx",
        "xlsx",
        HEADER,
        list_rows(disposal),
        sheet=f"Spis {disposal.number}",
        note="Kategoria A nie jest brakowana; wykaz akt do weryfikacji z archiwum państwowym.",
    )


def protocol_docx(disposal: DisposalList) -> bytes:
    title = f"Protokół brakowania dokumentacji niearchiwalnej nr {disposal.protocol_number or '…'}"
    doc = house_document(title, letterhead=letterhead_lines(), author=_association(), landscape=True)
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        f"Na podstawie art. 5 ust. 1 pkt 2 {ACT} (do weryfikacji), za zgodą archiwum państwowego z dnia "
        f"{document_date(disposal.consent_on) if disposal.consent_on else '…'}, znak "
        f"{disposal.consent_reference or '…'}, zniszczono "
        f"{document_date(disposal.destroyed_on) if disposal.destroyed_on else '…'} dokumentację ujętą w spisie "
        f"nr {disposal.number}. Pliki usunięto z magazynu plików platformy; w rejestrze zostały opisy pozycji."
    )
    _table(doc, list_rows(disposal))
    doc.add_paragraph(f"Zniszczenie wykonał(a): {disposal.destroyed_by_label or '…'}.")
    doc.add_paragraph("\n……………………………………\n(podpisy członków komisji)")
    return house_bytes(doc)
