"""The package an adopted strategy goes with to the managing authority and to the minister for their opinions
(art. 34 of the act of 28 April 2022): the strategy's text, the adopting resolution, the documents of the
procedure's steps and of its letters, and a cover letter that lists them with the procedure's record. One ZIP."""

from __future__ import annotations

import io
import re
import zipfile

from zit.core.docx_house import house_bytes, house_document
from zit.core.formatting import document_date
from zit.strategy.models import StrategyVersion
from zit.strategy.procedure_rules import rule


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "-", name, flags=re.UNICODE).strip("-")[:80] or "plik"


def package_files(version: StrategyVersion) -> list[tuple[str, object]]:
    """(name in the ZIP, stored file) for every document the procedure holds, in the procedure's order."""
    files: list[tuple[str, object]] = []
    if version.document:
        files.append(
            (f"01-strategia-wersja-{version.number}{_suffix(version.document.name)}", version.document)
        )
    steps = version.procedure_steps.prefetch_related("letters").order_by("order", "pk")
    for index, step in enumerate(steps, start=2):
        prefix = f"{index:02d}-{_safe(step.get_kind_display())}"
        if step.document:
            files.append((f"{prefix}{_suffix(step.document.name)}", step.document))
        for n, letter in enumerate(step.letters.all(), start=1):
            for kind, document in (("pismo", letter.sent_document), ("odpowiedz", letter.answer_document)):
                if document:
                    files.append(
                        (f"{prefix}-{n}-{kind}-{_safe(letter.addressee)}{_suffix(document.name)}", document)
                    )
    return files


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def cover_docx(version: StrategyVersion, files: list[tuple[str, object]]) -> bytes:
    """The cover letter: which version, adopted by which resolution, in force from when; the procedure's steps
    with their legal basis and dates; the list of attached files."""

    from zit.association.selectors import association_profile, letterhead_lines

    profile = association_profile()
    name = getattr(profile, "name", "") or "Stowarzyszenie Aglomeracji Konińskiej"
    doc = house_document(
        f"Wniosek o opinię strategii – wersja {version.number}", letterhead=letterhead_lines(), author=name
    )
    doc.add_paragraph(name)
    doc.add_heading("Wniosek o wydanie opinii o strategii terytorialnej", level=1)
    doc.add_paragraph(
        "Na podstawie art. 34 ustawy z dnia 28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze "
        "środków europejskich w perspektywie finansowej 2021–2027 (Dz.U. z 2022 r. poz. 1079; przepis do "
        "weryfikacji w tekście jednolitym) przekazujemy do zaopiniowania strategię:"
    )
    if version.is_demo:
        doc.add_paragraph("Dokument przykładowy – dane demonstracyjne.")
    adopted = version.adopted_by
    rows = [
        ("Strategia", str(version.strategy.title)),
        ("Wersja", f"{version.number}: {version.label}"),
        (
            "Uchwała przyjmująca",
            f"{adopted.kind} nr {adopted.number} z {document_date(adopted.date)}" if adopted else "—",
        ),
        ("Obowiązuje od", document_date(version.in_force_from) if version.in_force_from else "—"),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_heading("Przebieg procedury", level=2)
    steps = doc.add_table(rows=1, cols=3)
    steps.style = "Table Grid"
    for cell, text in zip(steps.rows[0].cells, ("Krok", "Podstawa prawna", "Daty i wynik"), strict=True):
        cell.text = text
    for step in version.procedure_steps.order_by("order", "pk"):
        dates = []
        if step.started_on:
            dates.append(f"od {document_date(step.started_on)}")
        if step.completed_on:
            dates.append(f"wykonano {document_date(step.completed_on)}")
        if step.outcome:
            dates.append(str(step.get_outcome_display()))
        cells = steps.add_row().cells
        cells[0].text = step.title
        cells[1].text = str(rule(step.kind).basis)
        cells[2].text = ", ".join(dates) or "nie wykonano"
    doc.add_heading("Załączniki", level=2)
    if not files:
        doc.add_paragraph("Procedura nie ma jeszcze dołączonych dokumentów.")
    for file_name, _file in files:
        doc.add_paragraph(file_name, style="List Number")
    return house_bytes(doc)


def package_zip(version: StrategyVersion) -> bytes:
    """In Polish whatever the reader's interface language: the letter goes to Polish authorities."""
    from django.utils import translation

    with translation.override("pl"):
        return _package_zip(version)


def _package_zip(version: StrategyVersion) -> bytes:
    files = package_files(version)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00-wniosek-o-opinie.docx", cover_docx(version, files))
        for name, stored in files:
            with stored.open("rb") as handle:
                archive.writestr(name, handle.read())
    return out.getvalue()
