"""Reading tabular uploads (CSV or XLSX) into rows of text keyed by lower-case column names, whole or streamed.

CSV: UTF-8 (with or without BOM) or Windows-1250, as Polish Excel saves it; comma, semicolon or tab. XLSX: the
first sheet, streamed read-only. Every row keeps its number as the user sees it in the file (header = row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from zit.core.exports import from_spreadsheet
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
    # the apostrophe our own downloads put before a formula-like text is not part of the value
    return from_spreadsheet(str(value)).strip()


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


def _delimiter(sample: str) -> str:
    """Semicolon, tab or comma: the one that splits most lines into the same, largest number of fields
    (quotes respected). Decimal commas in a Polish file fool a plain guess; on a tie the semicolon wins,
    as a Polish Excel saves with it."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    best, best_fields = ",", 0
    for candidate in (";", "\t", ","):
        counts = [len(row) - 1 for row in csv.reader(lines, delimiter=candidate)]
        if not counts:
            break
        mode = max(set(counts), key=counts.count)
        if mode > best_fields and counts.count(mode) * 2 >= len(counts):
            best, best_fields = candidate, mode
    return best


def _csv_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    return list(csv.reader(io.StringIO(text), delimiter=_delimiter(text[:8192])))


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


# Streaming: large uploads (the official list of projects, the managing authority's exports) are read row by
# row from a file on disk, so memory stays flat whatever the file's length.

HEADER_SEARCH_ROWS = 20


@dataclass
class StreamedTable:
    file: str
    header_row: int
    columns: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    estimated_rows: int  # for a progress bar: the sheet's dimension or the CSV's line count
    labels: list[str]  # the header as written in the file, for showing it back


def _estimate_rows(name: str, path: Path) -> int:
    if name.lower().endswith(".xlsx"):
        return _xlsx_estimated_rows(path)
    lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return lines


def _raw_stream(name: str, path: Path) -> Iterator[list[object]]:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return _xlsx_stream(path)
    if lower.endswith((".csv", ".txt")):
        return _csv_stream(path)
    raise ValueError("format")


def _xlsx_stream(path: Path) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _sniff_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut in half at the end of the sample
            return "cp1250"
    return "utf-8-sig"


def _csv_stream(path: Path) -> Iterator[list[object]]:
    encoding = _sniff_encoding(path)
    with open(path, encoding=encoding, newline="") as handle:
        delimiter = _delimiter(handle.read(8192))
        handle.seek(0)
        yield from csv.reader(handle, delimiter=delimiter)


def _xlsx_estimated_rows(path: Path) -> int:
    """The sheet's <dimension> when the writer kept it (Excel does); otherwise the rows in the first 256 kB
    scaled to the sheet's size. Asking openpyxl would scan the whole sheet once more."""
    import re

    try:
        with zipfile.ZipFile(path) as archive:
            sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
            if not sheets:
                return 0
            name = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in sheets else sheets[0]
            size = archive.getinfo(name).file_size
            with archive.open(name) as sheet:
                head = sheet.read(1 << 18)
    except (zipfile.BadZipFile, OSError, KeyError):
        return 0
    dimension = re.search(rb'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head[:8192])
    if dimension:
        return int(dimension.group(1))
    return int(head.count(b"<row") * size / max(len(head), 1))


def stream_table(name: str, path: Path, report: ImportReport) -> StreamedTable:
    """The first sheet (or the CSV) as a header and a lazy iterator of rows keyed by lower-case column names.

    The header is the first row with at least three filled cells among the first twenty, because exports often
    start with a title and a date. Rows with more values than the header are reported and skipped."""
    try:
        raw = _raw_stream(name, path)
        header_row, header, labels = 0, [], []
        for number, cells in enumerate(raw, start=1):
            values = [_text(c) for c in cells]
            if sum(1 for v in values if v) >= 3:
                header_row, header, labels = number, [v.lower() for v in values], values
                break
            if number >= HEADER_SEARCH_ROWS:
                break
    except ValueError as exc:
        if str(exc) == "format":
            report.add(name, None, "", _("Nieznany format pliku: wgraj CSV lub XLSX."))
        else:
            report.add(
                name, None, "", _("Nie da się odczytać pliku (%(e)s).") % {"e": exc.__class__.__name__}
            )
        raise ImportRejected(report) from exc
    except (UnicodeDecodeError, csv.Error, KeyError, OSError, zipfile.BadZipFile) as exc:
        report.add(name, None, "", _("Nie da się odczytać pliku (%(e)s).") % {"e": exc.__class__.__name__})
        raise ImportRejected(report) from exc
    if not header:
        report.add(name, None, "", _("Nie znaleziono wiersza nagłówka z nazwami kolumn."))
        raise ImportRejected(report)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            yield from _rows_after_header()
        except (UnicodeDecodeError, csv.Error) as exc:
            report.add(
                name, None, "", _("Nie da się odczytać pliku (%(e)s).") % {"e": exc.__class__.__name__}
            )

    def _rows_after_header() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in enumerate(raw, start=header_row + 1):
            values = [_text(c) for c in cells]
            if not any(values):
                continue
            if any(values[len(header) :]):
                report.add(
                    name,
                    number,
                    "",
                    _(
                        "Wiersz ma więcej wartości niż kolumn w nagłówku. Czy liczba z przecinkiem nie jest w cudzysłowie?"
                    ),
                )
                continue
            yield number, {c: (values[i] if i < len(values) else "") for i, c in enumerate(header) if c}

    return StreamedTable(name, header_row, header, rows(), _estimate_rows(name, path), labels)


def header_key(text: str) -> str:
    """A header as people rename it: "Wartość projektu (PLN)", "Wartość ogółem [PLN]" and "wartość  projektu:"
    compare by their words, without units, case or extra spaces."""
    value = text.lower().split("(")[0].split("[")[0].replace("\n", " ").strip().rstrip(":").strip()
    return " ".join(value.split())


# Cells as Polish offices type them.

_CURRENCY_WORDS = ("pln", "zł", "zl", "eur", "€")


def cell_amount(text: str) -> Decimal | None:
    """ "1 234 567,89 zł", "1.234.567,89", "1234567.89" → Decimal; empty → None; otherwise ValueError."""
    from zit.core.money import to_decimal

    value = text.strip().lower()
    for word in _CURRENCY_WORDS:
        value = value.removesuffix(word).strip()
    if not value or value in {"-", "–"}:
        return None
    return to_decimal(value)


def cell_rate(text: str) -> Decimal | None:
    """A co-financing rate as a fraction: "85%", "85,00 %", "0,85" and "85" all give 0.85."""
    from zit.core.money import to_decimal

    value = text.strip().replace("%", "").strip()
    if not value:
        return None
    number = to_decimal(value)
    if "%" in text or number > 1:
        number = number / 100
    if not Decimal(0) <= number <= Decimal(1):
        raise ValueError(text)
    return number.quantize(Decimal("0.0001"))


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d", "%Y/%m/%d")


def cell_date(text: str) -> dt.date | None:
    """ISO (as XLSX cells arrive), "15.03.2024", "15-03-2024", "15/03/2024"; a time after the date is ignored."""
    value = text.strip()
    if not value:
        return None
    value = value.split("T")[0].split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
