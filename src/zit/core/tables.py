"""Reading tabular uploads (CSV or XLSX) into rows of text keyed by lower-case column names.

CSV: UTF-8 (with or without BOM) or Windows-1250, as Polish Excel saves it; comma, semicolon or tab. XLSX: the
first sheet, streamed read-only. Every row keeps its number as the user sees it in the file (header = row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.importing import ImportRejected, ImportReport

MAX_ROWS = 100_000


@dataclass
class Table:
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # openpyxl gives floats for numeric cells; repr keeps what Excel showed (0.1, not 0.1000000000000000055)
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("unknown", b"", 0, 1, "neither UTF-8 nor Windows-1250")


def read_table(name: str, content: bytes, *, required: tuple[str, ...] = ()) -> Table:
    report = ImportReport()
    lower = name.lower()
    try:
        if lower.endswith(".xlsx"):
            raw_rows = _xlsx_rows(content)
        elif lower.endswith((".csv", ".txt")):
            raw_rows = _csv_rows(content)
        else:
            report.add(name, None, "", _("Nieznany format pliku: wgraj CSV lub XLSX."))
            raise ImportRejected(report)
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
        if isinstance(exc, ImportRejected):
            raise
        report.add(name, None, "", _("Nie da się odczytać pliku (%(e)s).") % {"e": exc.__class__.__name__})
        raise ImportRejected(report) from exc
    if not raw_rows:
        report.add(name, None, "", _("Plik jest pusty."))
        raise ImportRejected(report)
    header = [_text(c).lower() for c in raw_rows[0]]
    for column in required:
        if column not in header:
            report.add(name, 1, column, _("Brak kolumny „%(c)s” w nagłówku.") % {"c": column})
    if len(raw_rows) - 1 > MAX_ROWS:
        report.add(name, None, "", _("Plik ma więcej niż %(n)d wierszy; podziel go.") % {"n": MAX_ROWS})
    if not report.ok:
        raise ImportRejected(report)
    rows = []
    for number, raw in enumerate(raw_rows[1:], start=2):
        values = [_text(c) for c in raw]
        if not any(values):
            continue
        if any(values[len(header) :]):
            # often a decimal comma in a comma-separated file: "1 000,5" split into two cells
            report.add(
                name,
                number,
                "",
                _(
                    "Wiersz ma więcej wartości niż kolumn w nagłówku (%(n)d). Czy liczba z przecinkiem nie jest w cudzysłowie?"
                )
                % {"n": len([h for h in header if h])},
            )
            continue
        rows.append(
            (
                number,
                {column: (values[i] if i < len(values) else "") for i, column in enumerate(header) if column},
            )
        )
    if not report.ok:
        raise ImportRejected(report)
    return Table(name, header, rows)


def _csv_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(content: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_workbook(name: str, content: bytes) -> dict[str, Table]:
    """Every sheet of an XLSX as a Table, keyed by the sheet's lower-case name; the file of each table reads
    "file / sheet", so a problem names both."""
    from openpyxl import load_workbook

    report = ImportReport()
    if not name.lower().endswith(".xlsx"):
        report.add(name, None, "", _("Wgraj plik XLSX (wzór do pobrania na tej stronie)."))
        raise ImportRejected(report)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        report.add(name, None, "", _("Nie da się odczytać pliku (%(e)s).") % {"e": exc.__class__.__name__})
        raise ImportRejected(report) from exc
    tables = {}
    try:
        for sheet in workbook.worksheets:
            raw = [list(row) for row in sheet.iter_rows(values_only=True)]
            if not raw:
                continue
            header = [_text(c).lower() for c in raw[0]]
            rows = []
            for number, cells in enumerate(raw[1:], start=2):
                values = [_text(c) for c in cells]
                if any(values):
                    rows.append(
                        (
                            number,
                            {c: (values[i] if i < len(values) else "") for i, c in enumerate(header) if c},
                        )
                    )
            tables[sheet.title.strip().lower()] = Table(f"{name} / {sheet.title}", header, rows)
    finally:
        workbook.close()
    return tables
