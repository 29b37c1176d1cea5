"""Text tables (CSV, and the text of bank statements) read within the limits.

What is not text is refused from its first bytes (zero bytes, a ZIP such as an XLSX renamed to .csv, control
characters), before any parsing. Records are read through a line source that never hands the csv module more
than `MAX_RECORD_CHARS` for one record, and `csv.field_size_limit` stops a cell at the cell limit, so neither a
file without line breaks nor one endless quoted cell is ever held whole.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import BinaryIO, Protocol

from django.utils.translation import gettext as _

from zit.core.table_limits import (
    MAX_RECORD_CHARS,
    TableLimits,
    TableRefused,
    cell_too_long,
    record_too_long,
    too_many_columns,
    too_many_rows,
)

HEAD_BYTES = 1 << 20  # what the checks look at before anything is parsed
# C0 control characters other than tab, line feed, form feed and carriage return, and DEL
_CONTROL = bytes([*range(0, 9), 11, *range(14, 32), 127])
_ZIP = b"PK\x03\x04"


def zero_bytes_refusal() -> TableRefused:
    return TableRefused(
        _(
            "Plik zawiera bajty zerowe, więc nie jest tekstem (CSV). Może to arkusz Excela albo plik zapisany "
            "jako „Tekst Unicode”: zapisz go jako „CSV UTF-8” albo „CSV (rozdzielany średnikami)”."
        )
    )


def check_text(head: bytes) -> None:
    """Refuse what is plainly not text, from the file's first bytes."""
    if head.startswith(_ZIP):
        raise TableRefused(
            _(
                "To plik XLSX albo inny plik ZIP, a nie tekst CSV. Wgraj go z rozszerzeniem .xlsx albo zapisz "
                "w Excelu jako CSV."
            )
        )
    if b"\x00" in head:
        raise zero_bytes_refusal()
    controls = sum(head.count(byte) for byte in _CONTROL)
    if controls > 2 and controls * 100 > len(head):
        raise TableRefused(
            _(
                "Plik nie jest tekstem: zawiera znaki sterujące, jakich nie ma w plikach CSV. Czy to na pewno "
                "właściwy plik?"
            )
        )


def encoding_refusal(row: int | None = None) -> TableRefused:
    return TableRefused(
        _("Nie rozpoznano kodowania znaków: zapisz plik jako CSV w kodowaniu UTF-8 albo Windows-1250."),
        row=row,
    )


def encoding_of(handle: BinaryIO) -> str:
    """UTF-8 (with or without BOM) when the whole file is valid UTF-8, otherwise Windows-1250, as Polish Excel
    saves CSV (bytes Windows-1250 lacks are refused where they are met). Checked a megabyte at a time, so no
    copy of the file is made; the handle is left at its start."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(HEAD_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1250"
    finally:
        handle.seek(0)


class TextLines:
    """`readline` over a string already decoded, split at line feeds, without copying it whole (as
    `io.StringIO` would, at four bytes a character)."""

    def __init__(self, text: str):
        self.text = text
        self.at = 0

    def readline(self, limit: int = -1) -> str:
        end = len(self.text) if limit < 0 else min(len(self.text), self.at + limit)
        newline = self.text.find("\n", self.at, end)
        stop = end if newline < 0 else newline + 1
        line = self.text[self.at : stop]
        self.at = stop
        return line


def guess_delimiter(sample: str) -> str:
    """Semicolon, tab or comma: the one that splits most lines into the same, largest number of fields
    (quotes respected). Decimal commas in a Polish file fool a plain guess; on a tie the semicolon wins,
    as a Polish Excel saves with it."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    best, best_fields = ",", 0
    for candidate in (";", "\t", ","):
        try:
            counts = [len(row) - 1 for row in csv.reader(lines, delimiter=candidate)]
        except csv.Error:
            continue  # a sample cut inside a long cell; the records themselves are checked as they are read
        if not counts:
            break
        mode = max(set(counts), key=counts.count)
        if mode > best_fields and counts.count(mode) * 2 >= len(counts):
            best, best_fields = candidate, mode
    return best


class LineSource(Protocol):
    def readline(self, limit: int = -1, /) -> str: ...


class _Lines:
    """Lines for the csv reader: at most `MAX_RECORD_CHARS` for the record being read (`left`), and no zero
    byte anywhere (the csv module would take it as a character)."""

    def __init__(self, handle: LineSource):
        self.handle = handle
        self.left = MAX_RECORD_CHARS

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.handle.readline(self.left + 1)
        if not line:
            raise StopIteration
        self.left -= len(line)
        if self.left < 0:
            raise record_too_long(MAX_RECORD_CHARS, row=None)
        if "\x00" in line:
            raise zero_bytes_refusal()
        return line


def _csv_refusal(exc: csv.Error, row: int, limits: TableLimits) -> TableRefused:
    text = str(exc)
    if "field larger than field limit" in text:
        return cell_too_long(limits.max_cell_chars, row=row)
    return TableRefused(
        _("Nie da się odczytać tego wiersza pliku CSV (%(error)s). Sprawdź cudzysłowy i znaki końca wiersza.")
        % {"error": text},
        row=row,
    )


def records(handle: LineSource, delimiter: str, limits: TableLimits) -> Iterator[tuple[int, list[str]]]:
    """The non-empty records with their numbers as a spreadsheet shows them (the first is 1); refuses a record
    past the row limit, wider than the column limit, longer than `MAX_RECORD_CHARS` or with a cell longer
    than the cell limit."""
    lines = _Lines(handle)
    csv.field_size_limit(limits.max_cell_chars)
    reader = csv.reader(lines, delimiter=delimiter)
    number = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_refusal(exc, number + 1, limits) from exc
        except TableRefused as exc:
            exc.row = exc.row or number + 1
            raise
        except UnicodeDecodeError as exc:
            raise encoding_refusal(row=number + 1) from exc
        number += 1
        lines.left = MAX_RECORD_CHARS
        if number > limits.max_rows:
            raise too_many_rows(number, limits.max_rows)
        if len(fields) > limits.max_columns:
            raise too_many_columns(limits.max_columns, row=number)
        if any(fields):
            yield number, fields
