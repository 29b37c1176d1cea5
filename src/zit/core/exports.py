"""Tables as downloads for the office: a CSV a Polish Excel opens (UTF-8 with BOM, `;`, decimal commas, every
amount with its grosze) and an XLSX with a bold, frozen header and numbers kept as numbers.

`spreadsheet_cell` is the one rule for every cell any CSV or XLSX of the platform holds: text a spreadsheet would
run as a formula is kept as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula (a tab or a carriage
# return is skipped before one), so a name typed as =HYPERLINK(...) would turn into a live link in a download.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Part of the name of every cached workbook: raised when the rule for cells changes, so that files written under
# the old rule are built again instead of being served until the data change.
CELL_RULE = "2"


def spreadsheet_cell(value: Any) -> Any:
    """The value as a CSV or XLSX cell may hold it: text starting like a formula gets a leading apostrophe (the
    spreadsheets' own mark for "this is text"; openpyxl then writes a string, not a formula). Only text is
    touched: numbers, dates, booleans and None come back as they are, so -12.50 from a Decimal stays a
    number, while "-5" typed by someone is text and is marked."""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, Promise):  # a lazy translation is text too
        return spreadsheet_cell(str(value))
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_cell(v) for v in values]


def from_spreadsheet(text: str) -> str:
    """A cell of an uploaded file without the apostrophe `spreadsheet_cell` put before a formula's first
    character, so that a file the platform wrote comes back as it was."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def _csv_cell(value: Any, *, share: bool) -> str:
    value = spreadsheet_cell(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        places = Decimal("0.0001") if share else Decimal("0.01")
        return format(value.quantize(places), "f").replace(".", ",")
    return str(value)


def table_response(
    name: str,
    fmt: str,
    header: Sequence[str],
    lines: Sequence[Sequence[Any]],
    *,
    money: Sequence[int] = (),
    shares: Sequence[int] = (),
    empty: str = "",
    note: str = "",
) -> HttpResponse:
    """`money` and `shares` are the column indexes of amounts and of fractions (shown as percents in XLSX);
    `empty` stands in a CSV cell without a value; `note` goes under the XLSX table (the rate used, say)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(spreadsheet_row(header))
        blank = spreadsheet_cell(empty)
        for line in lines:
            writer.writerow(
                [blank if v is None else _csv_cell(v, share=i in shares) for i, v in enumerate(line)]
            )
        response = HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.append(spreadsheet_row(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in lines:
            sheet.append(spreadsheet_row(line))
        for row in sheet.iter_rows(min_row=2):
            for index in money:
                row[index].number_format = "#,##0.00"
            for index in shares:
                row[index].number_format = "0.00%"
        sheet.column_dimensions["A"].width = 50
        sheet.freeze_panes = "A2"
        if note:
            sheet.append([])
            sheet.append([spreadsheet_cell(note)])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
