"""Small office downloads of a table: CSV as a Polish Excel opens it (UTF-8 with a byte-order mark,
semicolons) or XLSX with a bold header; for the apps below `monitoring`, which has its own richer helper."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(
    name: str, fmt: str, header: Sequence[str], lines: Sequence[Sequence[Any]]
) -> HttpResponse:
    """`fmt` is "csv" or "xlsx"; `name` the file name without its extension."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for line in lines:
            writer.writerow(["" if v is None else v for v in line])
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
        sheet.column_dimensions["A"].width = 50
        sheet.freeze_panes = "A2"
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
