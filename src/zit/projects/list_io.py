"""The list of strategic projects as an editable XLSX for the managing authority, and back: an import that
places cards on a draft list by their numbers (upsert), reporting every problem at once."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from zit.core.exports import spreadsheet_row
from zit.core.formatting import document_date
from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import Table
from zit.funding.rates import rate_facts, rate_warnings
from zit.projects import lists
from zit.projects.models import ListEntry, ListVersion, ProjectCard
from zit.projects.selectors import undertakings_by_key

COLUMNS = [
    ("Lp.", 6),
    ("Lista", 12),
    ("Numer fiszki", 14),
    ("Tytuł projektu", 50),
    ("Wnioskodawca", 30),
    ("Partnerzy", 30),
    ("Gminy", 24),
    ("Działanie", 10),
    ("Fundusz", 9),
    ("Wartość projektu (PLN)", 18),
    ("Wydatki kwalifikowalne (PLN)", 18),
    ("Dofinansowanie UE (PLN)", 18),
    ("Dofinansowanie UE (EUR)", 18),
    ("Poziom dofinansowania", 12),
    ("Początek", 12),
    ("Koniec", 12),
    ("Przedsięwzięcia strategii", 30),
    ("Numer wniosku w IZ", 24),
]
MONEY = "#,##0.00"


def list_xlsx(version: ListVersion) -> bytes:
    """The list on the first sheet with its header in the first row (so the same file can be read back by
    the import), envelopes and the version's details on the next sheets."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Lista projektów"
    header_row = 1
    sheet.append(spreadsheet_row(name for name, _width in COLUMNS))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    known = undertakings_by_key()
    entries = version.entries.select_related(
        "card", "card__beneficiary", "card__measure", "card__fund"
    ).prefetch_related("card__partners__organisation", "card__gminas", "card__undertakings")
    for i, entry in enumerate(sorted(entries, key=lambda e: (e.position != "main", e.order)), start=1):
        card = entry.card
        sheet.append(
            spreadsheet_row(
                [
                    i,
                    entry.get_position_display(),
                    card.number,
                    card.title,
                    str(card.beneficiary),
                    "; ".join(str(p.organisation) for p in card.partners.all()),
                    "; ".join(g.name for g in card.gminas.all()),
                    card.measure.number,
                    card.fund.code,
                    card.total_pln,
                    card.eligible_pln,
                    entry.eu_pln,
                    entry.eu_eur,
                    card.cofinancing_rate,
                    card.starts_on,
                    card.ends_on,
                    "; ".join(
                        f"{known[u.key].code} {known[u.key].title}" if u.key in known else u.key
                        for u in card.undertakings.all()
                    ),
                    card.application_number,
                ]
            )
        )
        row = sheet.max_row
        for column in (10, 11, 12, 13):
            sheet.cell(row, column).number_format = MONEY
        sheet.cell(row, 14).number_format = "0.00%"
        for column in (15, 16):
            sheet.cell(row, column).number_format = "yyyy-mm-dd"
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 4)

    summary = book.create_sheet("Koperty")
    summary.append(
        spreadsheet_row(
            [
                "Działanie",
                "Fundusz",
                "Alokacja (EUR)",
                "Lista podstawowa (EUR)",
                "Wolne (EUR)",
                "Lista rezerwowa (EUR)",
            ]
        )
    )
    for cell in summary[1]:
        cell.font = Font(bold=True)
    for envelope in lists.envelopes(version):
        summary.append(
            spreadsheet_row(
                [
                    envelope.measure.number,
                    envelope.fund.code,
                    envelope.allocation_eur,
                    envelope.main_eur,
                    envelope.headroom_eur,
                    envelope.reserve_eur,
                ]
            )
        )
        for column in range(3, 7):
            summary.cell(summary.max_row, column).number_format = MONEY
    for letter, width in zip("ABCDEF", (10, 9, 18, 22, 16, 22), strict=True):
        summary.column_dimensions[letter].width = width

    info = book.create_sheet("Informacje")
    status = version.get_status_display()
    if version.decision:
        status += f" ({version.decision})"
    info.append(spreadsheet_row([str(version)]))
    info["A1"].font = Font(bold=True, size=13)
    info.append(spreadsheet_row(["Stan", status]))
    if version.iz_accepted_on:
        info.append(
            spreadsheet_row(
                ["Przyjęta przez IZ", f"{document_date(version.iz_accepted_on)} ({version.iz_reference})"]
            )
        )
    info.append(spreadsheet_row(["Kurs", rate_facts(version.conversion)]))
    for warning in rate_warnings(version.conversion):
        info.append(spreadsheet_row(["Uwaga", warning]))
    if version.is_demo:
        info.append(spreadsheet_row(["Uwaga", "Dane demonstracyjne"]))
    info.column_dimensions["A"].width = 20
    info.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def list_filename(version: ListVersion) -> str:
    return f"lista-projektow-strategicznych-wersja-{version.number}.xlsx"


POSITIONS = {"podstawowa": ListEntry.Position.MAIN, "rezerwowa": ListEntry.Position.RESERVE}


@transaction.atomic
def list_import(*, actor: Any, version: ListVersion, table: Table) -> dict[str, int]:
    """Rows name a card by its number and the list it goes on ("podstawowa" or "rezerwowa"): a card not yet
    on the draft is added, one on it is moved. Every row is tried; if any fails, nothing is kept and the
    report lists them all."""
    report = ImportReport()
    counts = {"added": 0, "moved": 0, "unchanged": 0}
    # the export's own headings ("Numer fiszki", "Lista") are accepted too, so its file can come back
    aliases = {"numer fiszki": "numer_fiszki"}
    table = Table(
        table.file,
        [aliases.get(c, c) for c in table.columns],
        [(row, {aliases.get(k, k): v for k, v in values.items()}) for row, values in table.rows],
    )
    for column in ("numer_fiszki", "lista"):
        if column not in table.columns:
            report.add(table.file, 1, column, _("Brak kolumny „%(c)s”.") % {"c": column})
    if not report.ok:
        raise ImportRejected(report)
    seen: dict[str, int] = {}
    for row, values in table.rows:
        number = values.get("numer_fiszki", "").strip()
        position = POSITIONS.get(values.get("lista", "").strip().lower())
        if not number:
            report.add(table.file, row, "numer_fiszki", _("Brak wartości."))
            continue
        if number in seen:
            report.add(
                table.file,
                row,
                "numer_fiszki",
                _("Fiszka %(n)s powtarza się (wiersz %(r)d).") % {"n": number, "r": seen[number]},
            )
            continue
        seen[number] = row
        if position is None:
            report.add(table.file, row, "lista", _("Wpisz „podstawowa” albo „rezerwowa”."))
            continue
        card = ProjectCard.objects.filter(number=number).first()
        if card is None:
            report.add(table.file, row, "numer_fiszki", _("Nie ma fiszki o numerze %(n)s.") % {"n": number})
            continue
        entry = version.entries.filter(card=card).first()
        try:
            with transaction.atomic():  # one row's failure must not spoil the checks of the next rows
                if entry is None:
                    lists.list_entry_add(actor=actor, version=version, card=card, position=position)
                    counts["added"] += 1
                elif entry.position != position:
                    lists.list_entry_move(actor=actor, entry=entry, position=position)
                    counts["moved"] += 1
                else:
                    counts["unchanged"] += 1
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"card": exc.messages}
            for name, messages in errors.items():
                column = "lista" if name == "position" else "numer_fiszki"
                for message in messages:
                    report.add(table.file, row, column, message)
    if not report.ok:
        raise ImportRejected(report)  # leaving the atomic block with an exception undoes every row
    return counts


def import_hint() -> str:
    return _(
        "Plik CSV lub XLSX z kolumnami numer_fiszki i lista (podstawowa albo rezerwowa). Fiszki, których nie ma "
        "na liście, zostaną dodane; te, które są, przeniesione. Jeśli którykolwiek wiersz ma błąd, nic nie "
        "zostanie zapisane."
    )
