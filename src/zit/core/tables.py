"""Reading tabular uploads (CSV or XLSX) into rows of text keyed by lower-case column names, whole or streamed.

CSV: UTF-8 (with or without BOM) or Windows-1250, as Polish Excel saves it; comma, semicolon or tab. XLSX: the
first sheet (or every sheet, `read_workbook`), streamed. Every row keeps its number as the user sees it in the
file; empty rows are skipped.

Every import reads its file here, within the limits of `table_limits` (the `ZIT_IMPORT_MAX_*` settings): the
file's size is checked before it is read, an XLSX's package and declared dimension before its rows, and rows,
columns and cells as they stream (`table_text` for CSV, `table_xlsx` for XLSX). A file beyond a limit, or one
that is not what its name says, is refused with `ImportRejected` and a message in Polish; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zit.core.exports import from_spreadsheet
from zit.core.importing import ImportRejected, ImportReport
from zit.core.table_limits import TableLimits, TableRefused, too_large
from zit.core.table_text import (
    HEAD_BYTES,
    check_text,
    encoding_of,
    encoding_refusal,
    guess_delimiter,
    records,
)
from zit.core.table_xlsx import XlsxBook

# bytes, a path on disk, or an uploaded file (Django's UploadedFile or any File with a size)
Source = bytes | Path | Any


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
        # numeric cells arrive as floats; repr keeps what Excel showed (0.1, not 0.1000000000000000055)
        return format(Decimal(repr(value)), "f")
    # the apostrophe our own downloads put before a formula-like text is not part of the value
    return from_spreadsheet(str(value)).strip()


def _size(source: Source) -> int:
    if isinstance(source, bytes):
        return len(source)
    if isinstance(source, Path):
        return source.stat().st_size
    return source.size


def _data(source: Source, limits: TableLimits) -> bytes | Path:
    """Bytes or a path, once the size is known to be within the limit. An upload Django kept on disk is read
    from there; a small one held in memory is read as bytes."""
    size = _size(source)
    if size > limits.max_bytes:
        raise too_large(size, limits.max_bytes)
    if isinstance(source, bytes | Path):
        return source
    if hasattr(source, "temporary_file_path"):
        return Path(source.temporary_file_path())
    source.seek(0)
    content = source.read()
    source.seek(0)
    return content


def upload_bytes(upload: Any, *, max_bytes: int | None = None) -> bytes:
    """The content of an uploaded file, read only after its size is checked against the import limit (or the
    smaller `max_bytes`); ImportRejected otherwise."""
    limit = TableLimits.from_settings().max_bytes
    if max_bytes is not None:
        limit = min(limit, max_bytes)
    if upload.size > limit:
        report = ImportReport()
        report.add(upload.name, None, "", too_large(upload.size, limit).message)
        raise ImportRejected(report)
    upload.seek(0)
    return upload.read()


def _refuse(report: ImportReport, name: str, refusal: TableRefused) -> ImportRejected:
    report.add(name, refusal.row, refusal.column, refusal.message)
    return ImportRejected(report)


def _kind(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return "xlsx"
    if lower.endswith((".csv", ".txt")):
        return "csv"
    return ""


def _unknown_format(report: ImportReport, name: str) -> ImportRejected:
    report.add(name, None, "", _("Nieznany format pliku: wgraj CSV lub XLSX."))
    return ImportRejected(report)


@contextmanager
def _binary(data: bytes | Path) -> Iterator[io.BufferedIOBase]:
    with io.BytesIO(data) if isinstance(data, bytes) else open(data, "rb") as handle:
        yield handle


def _csv_rows(data: bytes | Path, limits: TableLimits) -> Iterator[tuple[int, list[str]]]:
    with _binary(data) as raw:
        check_text(raw.read(HEAD_BYTES))
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding=encoding_of(raw), newline="") as handle:
            try:
                delimiter = guess_delimiter(handle.read(8192))
            except UnicodeDecodeError as exc:
                raise encoding_refusal(row=1) from exc
            handle.seek(0)
            yield from records(handle, delimiter, limits)


class _Rows:
    """The rows of a CSV or of an XLSX's first sheet as (row number, cells); opened on the first step."""

    def __init__(self, kind: str, data: bytes | Path, limits: TableLimits):
        self.kind, self.data, self.limits = kind, data, limits
        self.book: XlsxBook | None = None

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        if self.kind == "csv":
            yield from _csv_rows(self.data, self.limits)
            return
        with _binary(self.data) as handle, XlsxBook(handle, self.limits) as book:
            self.book = book
            yield from book.rows(book.sheets[0])

    def estimated_rows(self) -> int:
        """For a progress bar: the sheet's declared dimension or an estimate, or the CSV's line count."""
        if self.book is not None:
            return self.book.estimated_rows(self.book.sheets[0])
        if isinstance(self.data, bytes):
            return self.data.count(b"\n")
        lines = 0
        with open(self.data, "rb") as handle:
            while block := handle.read(1 << 20):
                lines += block.count(b"\n")
        return lines


def _keyed(header: list[str], values: list[str]) -> dict[str, str]:
    return {column: (values[i] if i < len(values) else "") for i, column in enumerate(header) if column}


def _extra_values(header: list[str], values: list[str]) -> bool:
    # often a decimal comma in a comma-separated file: "1 000,5" split into two cells
    return any(values[len(header) :])


def read_table(name: str, source: Source, *, required: tuple[str, ...] = (), kind: str = "") -> Table:
    """The whole table: the first row that holds anything is the header. `kind` ("csv" or "xlsx") when the
    file's name does not say."""
    report = ImportReport()
    kind = kind or _kind(name)
    if not kind:
        raise _unknown_format(report, name)
    limits = TableLimits.from_settings()
    header: list[str] | None = None
    rows = []
    try:
        for number, cells in _Rows(kind, _data(source, limits), limits):
            values = [_text(c) for c in cells]
            if header is None:
                header = [v.lower() for v in values]
                for column in required:
                    if column not in header:
                        report.add(
                            name, number, column, _("Brak kolumny „%(c)s” w nagłówku.") % {"c": column}
                        )
                if not report.ok:
                    raise ImportRejected(report)
                continue
            if not any(values):
                continue
            if _extra_values(header, values):
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
            rows.append((number, _keyed(header, values)))
    except TableRefused as refusal:
        raise _refuse(ImportReport(), name, refusal) from refusal
    if header is None:
        report.add(name, None, "", _("Plik jest pusty."))
    if not report.ok:
        raise ImportRejected(report)
    return Table(name, header, rows)


def read_workbook(name: str, source: Source) -> dict[str, Table]:
    """Every sheet of an XLSX as a Table, keyed by the sheet's lower-case name; the file of each table reads
    "file / sheet", so a problem names both."""
    report = ImportReport()
    if _kind(name) != "xlsx":
        report.add(name, None, "", _("Wgraj plik XLSX (wzór do pobrania na tej stronie)."))
        raise ImportRejected(report)
    limits = TableLimits.from_settings()
    tables = {}
    try:
        with _binary(_data(source, limits)) as handle, XlsxBook(handle, limits, all_sheets=True) as book:
            for sheet in book.sheets:
                header: list[str] | None = None
                rows = []
                for number, cells in book.rows(sheet):
                    values = [_text(c) for c in cells]
                    if header is None:
                        header = [v.lower() for v in values]
                    elif any(values):
                        rows.append((number, _keyed(header, values)))
                if header is not None:
                    tables[sheet.title.strip().lower()] = Table(f"{name} / {sheet.title}", header, rows)
    except TableRefused as refusal:
        raise _refuse(report, name, refusal) from refusal
    return tables


# Streaming: large uploads (the official list of projects, the managing authority's exports) are read row by
# row, so memory stays flat whatever the file's length.

HEADER_SEARCH_ROWS = 20


@dataclass
class StreamedTable:
    file: str
    header_row: int
    columns: list[str]
    rows: Iterator[tuple[int, dict[str, str]]]
    estimated_rows: int  # for a progress bar: the sheet's dimension or the CSV's line count
    labels: list[str]  # the header as written in the file, for showing it back
    source: Iterator[Any] | None = field(default=None, repr=False)

    def close(self) -> None:
        """Let go of the file without reading the rest (it is let go of at the end of the rows anyway)."""
        if self.source is not None:
            self.source.close()


def stream_table(
    name: str, source: Source, report: ImportReport, *, header_row: int | None = None
) -> StreamedTable:
    """The first sheet (or the CSV) as a header and a lazy iterator of rows keyed by lower-case column names.

    The header is the first row with at least three filled cells among the first twenty, because exports often
    start with a title and a date. Rows with more values than the header are reported and skipped. A file the
    reader refuses raises ImportRejected here, or from the iterator when the limit is met further down (a
    sheet that did not declare its size); the refusal is added to `report`. With `header_row` the header is
    that row of the file, as its reader numbers it, and nothing is guessed."""
    kind = _kind(name)
    if not kind:
        raise _unknown_format(report, name)
    limits = TableLimits.from_settings()
    wanted, header_row, header, labels = header_row, 0, [], []
    try:
        source_rows = _Rows(kind, _data(source, limits), limits)
        raw = iter(source_rows)
        for number, cells in raw:
            values = [_text(c) for c in cells]
            if wanted is not None:
                if number == wanted and any(values):
                    header_row, header, labels = number, [v.lower() for v in values], values
                if number >= wanted:
                    break
                continue
            if sum(1 for v in values if v) >= 3:
                header_row, header, labels = number, [v.lower() for v in values], values
                break
            if number >= HEADER_SEARCH_ROWS:
                break
    except TableRefused as refusal:
        raise _refuse(report, name, refusal) from refusal
    if not header and wanted is not None:
        report.add(name, wanted, "", _("W tym wierszu nie ma nagłówka z nazwami kolumn."))
        raise ImportRejected(report)
    if not header:
        report.add(name, None, "", _("Nie znaleziono wiersza nagłówka z nazwami kolumn."))
        raise ImportRejected(report)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            for number, cells in raw:
                values = [_text(c) for c in cells]
                if not any(values):
                    continue
                if _extra_values(header, values):
                    report.add(
                        name,
                        number,
                        "",
                        _(
                            "Wiersz ma więcej wartości niż kolumn w nagłówku. Czy liczba z przecinkiem nie jest w cudzysłowie?"
                        ),
                    )
                    continue
                yield number, _keyed(header, values)
        except TableRefused as refusal:
            raise _refuse(report, name, refusal) from refusal
        finally:
            raw.close()

    return StreamedTable(name, header_row, header, rows(), source_rows.estimated_rows(), labels, raw)


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
