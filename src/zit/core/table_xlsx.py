"""XLSX workbooks read as streams of rows, within the limits.

The package is checked before anything in it is unpacked: its central directory (not too many parts), then the
parts that will be read (workbook, relationships, styles, shared strings and the sheets): each unpacks to at
most `MAX_PACKING_RATIO` times its packed size, and together to at most the unpacked limit. `zipfile` never
returns more than a part's recorded size and checks its CRC, so those sizes hold.

The XML is parsed by defusedxml's expat driver with DOCTYPE, entities and external references forbidden, fed in
small chunks; rows are yielded as they are parsed. The sheet's declared `<dimension>` is checked when the parser
meets it, before the first row, and refused at once if it is beyond the limits; it is never used to pad. Only
rows and cells that hold a value are produced, so empty rows a sheet declares (or skips, row 3 then row 900,000)
cost nothing, and a row number past the limit is refused. Each cell's text is counted as the parser delivers it
and refused past the cell limit; no stretch of the XML may run longer than a cell could, because expat keeps a
whole tag, comment or attribute in memory and rescans it as it grows.

Cells come out as openpyxl gives them in read-only mode with `data_only=True` (its date and number-format
rules are reused), so the text a reader makes of them is the same.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from zit.core.table_limits import (
    MAX_PACKING_RATIO,
    MAX_SMALL_PART_BYTES,
    MAX_ZIP_ENTRIES,
    RATIO_CHECKED_FROM,
    TableLimits,
    TableRefused,
    cell_too_long,
    damaged_xlsx,
    declared_too_large,
    not_xlsx,
    too_many_columns,
    too_many_rows,
    unpacked_too_large,
    xml_declarations,
    zip_bomb,
)

CHUNK = 64 * 1024
_EOCD = struct.Struct("<4s4H2LH")  # the zip's end of central directory record
_EOCD_SIGNATURE = b"PK\x05\x06"
_ESTIMATE_HEAD = 1 << 18


@dataclass(frozen=True)
class Sheet:
    title: str
    part: str


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(reference: str) -> int:
    """The column of a reference by its letters: 28 for "AB12"."""
    index = 0
    for char in reference:
        if not char.isalpha():
            break
        index = index * 26 + (ord(char.upper()) - 64)
    return index


def _reference_size(ref: str) -> tuple[int, int] | None:
    """The last row and column of a dimension ("A1:XFD1048576" → 1048576, 16384), or None if unreadable."""
    last = ref.split(":")[-1].replace("$", "")
    match = re.fullmatch(r"([A-Za-z]{1,7})(\d{1,12})", last)
    if not match:
        return None
    return int(match.group(2)), _column_index(match.group(1))


def _central_directory_entries(handle: IO[bytes]) -> int:
    """How many parts the zip says it has, read from its last bytes before `zipfile` reads them all."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_size = min(size, _EOCD.size + 0xFFFF)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    handle.seek(0)
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or at + _EOCD.size > len(tail):
        raise not_xlsx()
    fields = _EOCD.unpack(tail[at : at + _EOCD.size])
    return fields[4]  # entries in the central directory, in all; 0xFFFF stands for "see the Zip64 record"


class _Handler(ContentHandler):
    """A part's parser state; `limits` bounds the text it keeps."""

    def __init__(self, limits: TableLimits):
        super().__init__()
        self.limits = limits


class _RelationshipsHandler(_Handler):
    def __init__(self, limits: TableLimits):
        super().__init__(limits)
        self.targets: dict[str, tuple[str, str]] = {}  # id → (type, target)

    def startElement(self, name: str, attrs: Any) -> None:
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            self.targets[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))


class _WorkbookHandler(_Handler):
    def __init__(self, limits: TableLimits):
        super().__init__(limits)
        self.sheets: list[tuple[str, str]] = []  # (title, relationship id)
        self.date1904 = False

    def startElement(self, name: str, attrs: Any) -> None:
        local = _local(name)
        if local == "sheet":
            relationship = next((value for key, value in attrs.items() if _local(key) == "id"), "")
            self.sheets.append((attrs.get("name", ""), relationship))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in {"1", "true"}


class _StylesHandler(_Handler):
    """Which cell styles show a number as a date or a duration (openpyxl's rule)."""

    def __init__(self, limits: TableLimits):
        super().__init__(limits)
        self.custom: dict[int, str] = {}
        self.formats: list[int] = []
        self.in_cell_xfs = False

    def startElement(self, name: str, attrs: Any) -> None:
        local = _local(name)
        if local == "numFmt":
            self.custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            self.in_cell_xfs = True
        elif local == "xf" and self.in_cell_xfs:
            self.formats.append(int(attrs.get("numFmtId", "0")))

    def endElement(self, name: str) -> None:
        if _local(name) == "cellXfs":
            self.in_cell_xfs = False

    def kinds(self) -> tuple[set[int], set[int]]:
        dates, durations = set(), set()
        for style, format_id in enumerate(self.formats):
            code = self.custom[format_id] if format_id in self.custom else builtin_format_code(format_id)
            if is_date_format(code):
                dates.add(style)
            if is_timedelta_format(code):
                durations.add(style)
        return dates, durations


class _TextCollector(_Handler):
    """Text of `<t>` elements outside phonetic runs (`<rPh>`), counted against the cell limit as it arrives."""

    def __init__(self, limits: TableLimits):
        super().__init__(limits)
        self.parts: list[str] | None = None
        self.length = 0
        self.collecting = False
        self.phonetic = 0

    def start_text(self) -> None:
        self.parts, self.length = [], 0

    def take_text(self) -> str | None:
        parts, self.parts = self.parts, None
        return None if parts is None else "".join(parts)

    def characters(self, content: str) -> None:
        if self.collecting:
            self.length += len(content)
            if self.length > self.limits.max_cell_chars:
                raise self.too_long()
            self.parts.append(content)

    def too_long(self) -> TableRefused:
        return cell_too_long(self.limits.max_cell_chars, row=None)


class _SharedStringsHandler(_TextCollector):
    """The shared strings, kept as one UTF-8 buffer with offsets: a few bytes each beyond their text."""

    def __init__(self, limits: TableLimits):
        super().__init__(limits)
        self.buffer = bytearray()
        self.offsets = array("I" if limits.max_unpacked_bytes < 1 << 32 else "Q", [0])

    def startElement(self, name: str, attrs: Any) -> None:
        local = _local(name)
        if local == "si":
            self.start_text()
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.parts is not None and not self.phonetic:
            self.collecting = True

    def endElement(self, name: str) -> None:
        local = _local(name)
        if local == "t":
            self.collecting = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si":
            text = (self.take_text() or "").replace("x005F_", "")  # as openpyxl reads them
            self.buffer += text.encode()
            self.offsets.append(len(self.buffer))

    def strings(self) -> SharedStrings:
        return SharedStrings(self.buffer, self.offsets)


class SharedStrings:
    def __init__(self, buffer: bytearray | None = None, offsets: array | None = None):
        self.buffer = buffer or bytearray()
        self.offsets = offsets or array("Q", [0])

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < len(self.offsets) - 1:
            raise IndexError(index)
        return self.buffer[self.offsets[index] : self.offsets[index + 1]].decode()


class _SheetHandler(_TextCollector):
    """Collects finished rows in `rows` as (row number, cell values by column, up to the last value).

    Elements are dispatched by their name as written (with whatever prefix the writer chose), each name looked
    up by its local part once: a sheet has millions of elements and a handful of names."""

    def __init__(self, book: XlsxBook, sheet: Sheet):
        super().__init__(book.limits)
        self.book = book
        self.sheet = sheet
        self.rows: list[tuple[int, list[object]]] = []
        self.declared_rows: int | None = None
        self.row = 0
        self.cells: list[object] = []
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.value: str | None = None
        self.inline: str | None = None
        self.in_inline = False
        self.starts: dict[str, Any] = {}
        self.ends: dict[str, Any] = {}
        self.columns: dict[str, int] = {}  # "AB" → 28

    def too_long(self) -> TableRefused:
        return cell_too_long(self.limits.max_cell_chars, row=self.row, column=column_letters(self.column))

    def startElement(self, name: str, attrs: Any) -> None:
        start = self.starts.get(name)
        if start is None:
            start = self.starts[name] = self.START.get(_local(name), _SheetHandler._ignore)
        start(self, attrs)

    def endElement(self, name: str) -> None:
        end = self.ends.get(name)
        if end is None:
            end = self.ends[name] = self.END.get(_local(name), _SheetHandler._ignore)
        end(self)

    def _ignore(self, *args: Any) -> None:
        pass

    def _start_value(self, attrs: Any) -> None:
        self.start_text()
        self.collecting = True

    def _end_value(self) -> None:
        self.collecting = False
        self.value = self.take_text()

    def _start_inline(self, attrs: Any) -> None:
        self.start_text()
        self.in_inline = True

    def _end_inline(self) -> None:
        self.in_inline = False
        self.inline = self.take_text()

    def _start_t(self, attrs: Any) -> None:
        if self.in_inline and not self.phonetic:
            self.collecting = True

    def _end_t(self) -> None:
        self.collecting = False

    def _start_phonetic(self, attrs: Any) -> None:
        self.phonetic += 1

    def _end_phonetic(self) -> None:
        self.phonetic -= 1

    def _check_dimension(self, attrs: Any) -> None:
        ref = attrs.get("ref", "")
        size = _reference_size(ref)
        if size is None:
            return
        rows, columns = size
        self.declared_rows = rows
        if rows > self.limits.max_rows or columns > self.limits.max_columns:
            raise declared_too_large(self.sheet.title, ref, self.limits)

    def _start_row(self, attrs: Any) -> None:
        number = attrs.get("r")
        self.row = int(number) if number else self.row + 1
        if self.row > self.limits.max_rows:
            raise too_many_rows(self.row, self.limits.max_rows)
        self.cells, self.column = [], 0

    def _end_row(self) -> None:
        if self.cells:  # only values are placed, so any cell means a row with something in it
            self.rows.append((self.row, self.cells))
            self.cells = []

    def _start_cell(self, attrs: Any) -> None:
        reference = attrs.get("r")
        if reference:
            letters = reference.rstrip("0123456789")
            column = self.columns.get(letters)
            if column is None:
                column = self.columns[letters] = _column_index(letters)
            self.column = column
        else:
            self.column += 1
        if self.column > self.limits.max_columns:
            raise too_many_columns(self.limits.max_columns, row=self.row)
        if self.column < 1:
            raise damaged_xlsx(self.sheet.part)
        self.kind = attrs.get("t", "n")
        style = attrs.get("s")
        self.style = int(style) if style else 0
        self.value = self.inline = None

    def _end_cell(self) -> None:
        try:
            value = self.book.cell_value(self.kind, self.style, self.value, self.inline)
        except (ValueError, IndexError, OverflowError) as exc:
            raise damaged_xlsx(self.sheet.part) from exc
        if value is None:
            return
        missing = self.column - len(self.cells)
        if missing > 0:
            self.cells.extend([None] * missing)
        self.cells[self.column - 1] = value

    START = {
        "c": _start_cell,
        "v": _start_value,
        "is": _start_inline,
        "t": _start_t,
        "rPh": _start_phonetic,
        "row": _start_row,
        "dimension": _check_dimension,
    }
    END = {
        "c": _end_cell,
        "v": _end_value,
        "is": _end_inline,
        "t": _end_t,
        "rPh": _end_phonetic,
        "row": _end_row,
    }


def _cast_number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class XlsxBook:
    """An open XLSX: `sheets` in the workbook's order, `rows(sheet)` a stream of one sheet's rows.

    `all_sheets` says whether every sheet will be read (the unpacked sizes are checked for those) or only
    the first."""

    def __init__(self, handle: IO[bytes], limits: TableLimits, *, all_sheets: bool = False):
        self.limits = limits
        self.max_run = limits.max_cell_chars * 10 + 4096  # a cell's text as XML (&#322; is one letter)
        self.long_run = re.compile(rb"<[^<]{%d}" % self.max_run)
        self.unpacked = 0
        self._sheet_handlers: dict[str, _SheetHandler] = {}
        if _central_directory_entries(handle) > MAX_ZIP_ENTRIES:
            raise not_xlsx()
        try:
            self.zip = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise not_xlsx() from exc
        try:
            self._open(all_sheets)
        except BaseException:
            self.zip.close()
            raise

    def _open(self, all_sheets: bool) -> None:
        self.sizes = {info.filename: info for info in self.zip.infolist()}
        workbook = self._office_document()
        relationships = self._relationships(workbook)
        self._admit([workbook], small=True)
        handler = self._parse_whole(workbook, _WorkbookHandler(self.limits))
        self.epoch = MAC_EPOCH if handler.date1904 else WINDOWS_EPOCH
        self.sheets: list[Sheet] = []
        for title, relationship in handler.sheets:
            kind, target = relationships.get(relationship, ("", ""))
            if kind.endswith("/worksheet") and target in self.sizes:
                self.sheets.append(Sheet(title, target))
        if not self.sheets:
            raise damaged_xlsx(workbook)
        parts = {kind.rsplit("/", 1)[-1]: target for kind, target in relationships.values()}
        strings, styles = parts.get("sharedStrings"), parts.get("styles")
        strings = strings if strings in self.sizes else None
        styles = styles if styles in self.sizes else None
        read = [sheet.part for sheet in (self.sheets if all_sheets else self.sheets[:1])]
        if styles:
            self._admit([styles], small=True)
        self._admit([part for part in (strings, *read) if part])
        self.strings = SharedStrings()
        if strings:
            self.strings = self._parse_whole(strings, _SharedStringsHandler(self.limits)).strings()
        self.date_styles: set[int] = set()
        self.duration_styles: set[int] = set()
        if styles:
            self.date_styles, self.duration_styles = self._parse_whole(
                styles, _StylesHandler(self.limits)
            ).kinds()

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # the package

    def _admit(self, parts: list[str], *, small: bool = False) -> None:
        """Count the parts about to be read against the unpacked limit, refusing a zip bomb among them. The
        workbook, its relationships and its styles are `small`: their entries are kept as Python objects."""
        for part in parts:
            info = self.sizes[part]
            packed = max(info.compress_size, 1)
            if info.file_size > RATIO_CHECKED_FROM and info.file_size > MAX_PACKING_RATIO * packed:
                raise zip_bomb(part, info.file_size // packed)
            if small and info.file_size > MAX_SMALL_PART_BYTES:
                raise unpacked_too_large(info.file_size, MAX_SMALL_PART_BYTES)
            self.unpacked += info.file_size
        if self.unpacked > self.limits.max_unpacked_bytes:
            raise unpacked_too_large(self.unpacked, self.limits.max_unpacked_bytes)

    def _office_document(self) -> str:
        if "_rels/.rels" in self.sizes:
            self._admit(["_rels/.rels"], small=True)
            handler = self._parse_whole("_rels/.rels", _RelationshipsHandler(self.limits))
            for kind, target in handler.targets.values():
                if kind.endswith("/officeDocument"):
                    part = target.lstrip("/")
                    if part in self.sizes:
                        return part
        if "xl/workbook.xml" in self.sizes:
            return "xl/workbook.xml"
        raise not_xlsx()

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self.sizes:
            raise damaged_xlsx(rels)
        self._admit([rels], small=True)
        handler = self._parse_whole(rels, _RelationshipsHandler(self.limits))
        return {
            key: (
                kind,
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target)),
            )
            for key, (kind, target) in handler.targets.items()
        }

    # XML

    def _chunks(self, stream: IO[bytes]) -> Iterator[bytes]:
        """The part in chunks; refuses a stretch longer than `max_run` without a "<" (see the module's doc)."""
        carry = b""  # from the last "<" seen, or everything so far when there was none
        while chunk := stream.read(CHUNK):
            window = carry + chunk
            first = window.find(b"<")
            lead = first if first >= 0 else len(window)  # a run before any markup at all
            if (lead > self.max_run and not carry.startswith(b"<")) or self.long_run.search(window):
                raise cell_too_long(self.limits.max_cell_chars, row=None)
            last = window.rfind(b"<")
            carry = window[last:] if last >= 0 else window
            yield chunk

    def _parse(self, part: str, handler: _Handler) -> Iterator[None]:
        """Feed the part to the handler chunk by chunk, pausing (yielding) after each."""
        parser = DefusedExpatParser(forbid_dtd=True)  # entities and external references are forbidden too
        parser.setContentHandler(handler)
        try:
            with self.zip.open(part) as stream:
                for chunk in self._chunks(stream):
                    parser.feed(chunk)
                    yield
                parser.close()
        except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
            raise xml_declarations(part) from exc
        except (SAXParseException, zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError) as exc:
            raise damaged_xlsx(part) from exc
        except ValueError as exc:  # a number that is not one where the format wants a number
            raise damaged_xlsx(part) from exc

    def _parse_whole(self, part: str, handler: _Handler) -> Any:
        for _pause in self._parse(part, handler):
            pass
        return handler

    # cells and rows

    def cell_value(self, kind: str, style: int, text: str | None, inline: str | None) -> object:
        if kind == "inlineStr":
            return inline or None
        if not text:
            return None
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        if kind in {"str", "e"}:
            return text
        number = _cast_number(text)
        if style in self.date_styles:
            try:
                return from_excel(number, self.epoch, timedelta=style in self.duration_styles)
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl shows a serial number no date can have
        return number

    def rows(self, sheet: Sheet) -> Iterator[tuple[int, list[object]]]:
        """(row number, values by column) for each row that holds a value, in the sheet's order."""
        handler = _SheetHandler(self, sheet)
        self._sheet_handlers[sheet.part] = handler
        for _pause in self._parse(sheet.part, handler):
            if handler.rows:
                ready, handler.rows = handler.rows, []
                yield from ready
        yield from handler.rows

    def estimated_rows(self, sheet: Sheet) -> int:
        """The sheet's declared last row when its writer kept it (Excel does), otherwise the rows in its first
        256 kB scaled to its size."""
        handler = self._sheet_handlers.get(sheet.part)
        if handler is not None and handler.declared_rows:
            return handler.declared_rows
        size = self.sizes[sheet.part].file_size
        try:
            with self.zip.open(sheet.part) as stream:
                head = stream.read(_ESTIMATE_HEAD)
        except (zipfile.BadZipFile, zlib.error, OSError):
            return 0
        dimension = re.search(rb'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"', head[:8192])
        if dimension:
            return int(dimension.group(1))
        return int(head.count(b"<row") * size / max(len(head), 1))
