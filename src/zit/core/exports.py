"""Tables as downloads for the office: a CSV a Polish Excel opens (UTF-8 with BOM, `;`, decimal commas, every
amount with its grosze) and an XLSX with a bold, frozen header and numbers kept as numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_cell(value: Any, *, share: bool) -> str:
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
        writer.writerow(header)
        for line in lines:
            writer.writerow(
                [empty if v is None else _csv_cell(v, share=i in shares) for i, v in enumerate(line)]
            )
        response = HttpResponse(("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        sheet = book.active
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line in lines:
            sheet.append(list(line))
        for row in sheet.iter_rows(min_row=2):
            for index in money:
                row[index].number_format = "#,##0.00"
            for index in shares:
                row[index].number_format = "0.00%"
        sheet.column_dimensions["A"].width = 50
        sheet.freeze_panes = "A2"
        if note:
            sheet.append([])
            sheet.append([note])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
