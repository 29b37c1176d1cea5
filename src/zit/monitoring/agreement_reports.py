"""The association's report to the managing authority under the ZIT agreement (an obligation of the kind
"report"), for a chosen period, drawn from the same data as the monitoring pages: contracting, spending, the
agreement's milestones with their forecast, indicators and the state of the list of strategic projects.
A DOCX for the letter and an XLSX with the same tables; the document text is Polish whatever the page's
language. A handful of queries: written on request, no background job."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from zit.association.selectors import letterhead_lines
from zit.core.docx_house import house_bytes, house_document
from zit.core.formatting import document_date, format_amount, format_number
from zit.funding.models import Obligation
from zit.funding.rates import rate_note
from zit.funding.selectors import agreement_current
from zit.monitoring.finance import contract_rows
from zit.monitoring.indicators import agreement_progress, rollups, strategy_progress
from zit.monitoring.milestones import _spent, milestone_report
from zit.projects.lists import list_in_force
from zit.projects.models import ListEntry

ZERO = Decimal(0)


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]  # Decimal amounts stay numbers for the XLSX; the DOCX formats them


def _share(part: Decimal, whole: Decimal | None) -> str:
    return f"{format_number(part / whole * 100, 2)}%" if whole else "brak danych"


def report_data(*, start: dt.date, end: dt.date, obligation: Obligation | None = None) -> dict[str, Any]:
    """Everything the report says, in Polish, as titled tables; `end` is the day the data stand on."""
    with translation.override("pl"):
        return _data(start, end, obligation)


def _data(start: dt.date, end: dt.date, obligation: Obligation | None) -> dict[str, Any]:
    agreement = agreement_current()
    milestones = milestone_report(today=end)
    allocation = milestones.allocation_pln
    contracts = contract_rows(on=end)
    signed = [c for c in contracts if start <= c.signed_on <= end]
    contracted_total = sum((c.committed_eu_pln for c in contracts), ZERO)
    spent = _spent(contracts, end)
    spent_period = sum((eu for _pk, day, eu in spent if start <= day <= end), ZERO)
    spent_total = sum((eu for _pk, _day, eu in spent), ZERO)
    money = Table(
        "1. Kontraktacja i wydatkowanie (dofinansowanie UE)",
        ["Pozycja", "W okresie (PLN)", "Narastająco (PLN)", "Część alokacji narastająco"],
        [
            [
                f"Umowy zawarte (liczba w okresie: {len(signed)})",
                sum((c.committed_eu_pln for c in signed), ZERO),
                contracted_total,
                _share(contracted_total, allocation),
            ],
            [
                "Wydatki z odnotowanych informacji o postępie (część UE)",
                spent_period,
                spent_total,
                _share(spent_total, allocation),
            ],
        ],
    )
    milestone_rows = [
        [
            m.obligation.title,
            m.obligation.clause or "—",
            document_date(m.obligation.due_on),
            m.threshold_pln,
            m.actual_pln,
            m.forecast_pln,
            m.status_label,
            m.shortfall_pln,
        ]
        for m in milestones.milestones
    ]
    milestone_table = Table(
        "2. Kamienie milowe porozumienia",
        [
            "Kamień milowy",
            "Zapis porozumienia",
            "Termin",
            "Próg (PLN)",
            "Osiągnięto (PLN)",
            "Prognoza na termin (PLN)",
            "Stan",
            "Brakuje (PLN)",
        ],
        milestone_rows,
    )
    sums = rollups(on=end)
    _version, strategy = strategy_progress(on=end, sums=sums)
    indicator_table = Table(
        "3. Wskaźniki",
        ["Wskaźnik", "Dotyczy", "Cel", "Rok celu", "Z projektów", "Stan"],
        [
            [
                i.label,
                i.owner,
                i.target,
                i.target_year,
                i.value if i.value is not None else "nie sumujemy / brak",
                i.status_label or "bez statusu",
            ]
            for i in agreement_progress(on=end, sums=sums) + strategy
        ],
    )
    version = list_in_force(agreement)
    list_rows = []
    if version:
        entries = list(version.entries.select_related("card"))
        main = [e for e in entries if e.position == ListEntry.Position.MAIN]
        contracted_ids = {c.card_id for c in contracts}
        list_rows = [
            ["Wersja listy w mocy", str(version.number)],
            ["Projekty podstawowe", str(len(main))],
            ["Projekty rezerwowe", str(len(entries) - len(main))],
            ["Dofinansowanie UE projektów podstawowych (PLN)", sum((e.eu_pln for e in main), ZERO)],
            ["Projekty podstawowe z umową", str(sum(1 for e in main if e.card_id in contracted_ids))],
        ]
    list_table = Table("4. Lista projektów strategicznych", ["Pozycja", "Wartość"], list_rows)
    return {
        "title": "Sprawozdanie z realizacji porozumienia ZIT",
        "period": f"{document_date(start)} – {document_date(end)}",
        "agreement": str(agreement) if agreement else "",
        "obligation": obligation.title if obligation else "",
        "clause": obligation.clause if obligation else "",
        "rate": (
            f"Kwoty w złotych; alokację przeliczono po kursie {rate_note(milestones.conversion)}"
            if milestones.conversion
            else "Brak kursu do przeliczenia alokacji: udziałów w alokacji nie policzono."
        ),
        "allocation_pln": allocation,
        "tables": [money, milestone_table, indicator_table, list_table],
        "is_demo": bool(agreement and agreement.obligations.filter(is_demo=True).exists())
        or any(c.is_demo for c in contracts),
        "made_on": document_date(timezone.localdate()),
    }


def cell(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_amount(value)
    if value is None:
        return "—"
    return str(value)


def new_document(title: str) -> Any:
    doc = house_document(title, letterhead=letterhead_lines(), font="Liberation Serif", margin_cm=2.0)
    doc.add_heading(title, level=0)
    return doc


def add_table(doc: Any, table: Table) -> None:
    doc.add_heading(table.title, level=1)
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for target, text in zip(grid.rows[0].cells, table.header, strict=True):
        target.text = text
    for row in table.rows or [["—"] * len(table.header)]:
        for target, value in zip(grid.add_row().cells, row, strict=True):
            target.text = cell(value)


def saved(doc: Any) -> bytes:
    return house_bytes(doc)


def report_docx(data: dict[str, Any]) -> bytes:
    doc = new_document(data["title"])
    doc.add_paragraph(f"Stowarzyszenie Aglomeracji Konińskiej. Okres sprawozdawczy: {data['period']}")
    if data["agreement"]:
        doc.add_paragraph(f"Porozumienie: {data['agreement']}.")
    if data["obligation"]:
        basis = f" ({data['clause']} porozumienia)" if data["clause"] else ""
        doc.add_paragraph(f"Obowiązek: {data['obligation']}{basis}.")
    if data["is_demo"]:
        doc.add_paragraph("Dane demonstracyjne: sprawozdanie obejmuje dane przykładowe.")
    doc.add_paragraph(data["rate"])
    for table in data["tables"]:
        add_table(doc, table)
    doc.add_paragraph(f"Sporządzono {data['made_on']} na podstawie danych platformy ZIT.")
    return saved(doc)


def report_xlsx(data: dict[str, Any]) -> bytes:
    return tables_xlsx(data["tables"], note=f"{data['title']}, {data['period']} {data['rate']}")


def tables_xlsx(tables: list[Table], *, note: str) -> bytes:
    """One sheet per table, amounts as numbers with two places, the note under each table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from zit.core.exports import sheet_title, spreadsheet_row, widen_for_values

    book = Workbook()
    book.remove(book.active)
    for index, table in enumerate(tables, start=1):
        # named after the table, numbered as in the document (the titles carry their number already)
        numbered = table.title if table.title.startswith(f"{index}.") else f"{index}. {table.title}"
        sheet = book.create_sheet(sheet_title(numbered))
        sheet.append([spreadsheet_row([table.title])[0]])
        sheet["A1"].font = Font(bold=True)
        sheet.append(spreadsheet_row(table.header))
        for header_cell in sheet[2]:
            header_cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(spreadsheet_row(row))
        for row in sheet.iter_rows(min_row=3):
            for target in row:
                if isinstance(target.value, (int, float, Decimal)) and not isinstance(target.value, bool):
                    target.number_format = "#,##0.00"
        sheet.column_dimensions["A"].width = 50
        widen_for_values(sheet)
        sheet.append([])
        sheet.append(spreadsheet_row([note]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
