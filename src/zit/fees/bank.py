"""Bank statements as Polish banks export them: CSV (semicolon or comma, UTF-8 or Windows-1250, a few
lines about the account before the header, amounts such as "1 234,56", dates such as "15.03.2026") and
MT940 (:61: operations with their :86: details, Polish sub-fields ~20–~25 for the title and ~32–~33 for the
payer; read by the mt-940 library, see "MT940" below). Parsing only: every problem is reported with its line, and nothing is booked unless the file is
clean (`fees.statements.statement_import`).

The file is read within the import limits of `core.tables` (`ZIT_IMPORT_MAX_*`): what is not text (zero bytes,
control characters, a ZIP) is refused from its first bytes, CSV records go through the same bounded reader as
every table, and an MT940 field may not run longer than a cell."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import mt940
from django.utils.translation import gettext as _

from zit.core.importing import ImportRejected, ImportReport
from zit.core.table_limits import TableLimits, TableRefused, cell_too_long, too_large, too_many_rows
from zit.core.table_text import TextLines, check_text, records
from zit.core.tables import cell_amount, cell_date

HEADER_SEARCH_LINES = 30


@dataclass
class BankLine:
    line_number: int
    booked_on: dt.date
    amount: Decimal  # positive for money received
    payer_name: str = ""
    payer_account: str = ""
    title: str = ""
    bank_reference: str = ""

    def dedupe_key(self) -> str:
        """The bank's own reference where it gives one; otherwise a hash of what the line says (the import
        adds the occurrence among identical lines of the file, so two equal transfers on one day stay two)."""
        reference = self.bank_reference.strip()
        if reference and reference.upper() not in {"NONREF", "NOTPROVIDED", "BRAK"}:
            raw = f"ref|{reference}|{self.booked_on.isoformat()}|{self.amount}"
            return "r:" + hashlib.sha256(raw.encode()).hexdigest()[:60]
        raw = "|".join(
            [
                self.booked_on.isoformat(),
                str(self.amount),
                re.sub(r"\D", "", self.payer_account),
                normalise(self.title),
                normalise(self.payer_name),
            ]
        )
        return "h:" + hashlib.sha256(raw.encode()).hexdigest()[:60]


def normalise(text: str) -> str:
    """Lower case, no diacritics (ł too), words separated by single spaces."""
    text = (text or "").replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def decode(content: bytes) -> str:
    """UTF-8 or Windows-1250; anything else byte for byte (some banks' MT940 is in the DOS code page), once
    `check_text` has refused what is not text at all."""
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def is_mt940(text: str) -> bool:
    return bool(re.search(r"^:20:", text, re.M) and re.search(r"^:61:", text, re.M))


# CSV -------------------------------------------------------------------------------------------------

COLUMNS = {
    # field: header texts (normalised) in order of preference; a header matches when it starts with one
    "date": ["data ksiegowania", "data operacji", "data transakcji", "data waluty", "data"],
    "amount": [
        "kwota operacji",
        "kwota transakcji",
        "kwota w walucie rachunku",
        "kwota",
        "uznania",
        "wplywy",
    ],
    "debit": ["obciazenia", "wydatki"],
    "title": ["tytul operacji", "tytul", "tytulem", "opis operacji", "opis", "szczegoly"],
    "payer": [
        "nazwa kontrahenta",
        "dane kontrahenta",
        "kontrahent",
        "nadawca",
        "zleceniodawca",
        "nazwa nadawcy",
        "odbiorca nadawca",
        "nadawca odbiorca",
    ],
    "account": [
        "rachunek kontrahenta",
        "numer rachunku kontrahenta",
        "rachunek nadawcy",
        "konto",
        "nr rachunku",
    ],
    "reference": [
        "id transakcji",
        "identyfikator transakcji",
        "numer referencyjny",
        "nr referencyjny",
        "referencje",
        "numer operacji",
        "nr operacji",
        "id operacji",
    ],
}


def _delimiter(lines: list[str]) -> str:
    sample = "\n".join(lines[:HEADER_SEARCH_LINES])
    return max((";", "\t", ","), key=lambda d: sample.count(d)) if sample else ";"


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [normalise(h) for h in header]
    for key, synonyms in COLUMNS.items():
        for synonym in synonyms:
            index = next(
                (
                    i
                    for i, n in enumerate(names)
                    if (n == synonym or n.startswith(synonym + " ")) and i not in found.values()
                ),
                None,
            )
            if index is not None:
                found[key] = index
                break
    return found


def parse_csv(name: str, text: str) -> list[BankLine]:
    report = ImportReport()
    limits = TableLimits.from_settings()
    delimiter = _delimiter(text[: 1 << 16].splitlines())
    rows = records(TextLines(text), delimiter, limits)
    header_number, columns = None, {}
    for number, row in rows:
        if number > HEADER_SEARCH_LINES:
            break
        columns = _columns(row)
        if "date" in columns and ("amount" in columns):
            header_number = number
            break
    if header_number is None:
        report.add(
            name,
            None,
            "",
            _(
                "Nie znaleziono wiersza nagłówka z kolumnami daty i kwoty (np. „Data operacji”, „Kwota”). "
                "Wgraj wyciąg w formacie CSV albo MT940."
            ),
        )
        raise ImportRejected(report)
    result = []
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row=row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        if not re.search(r"\d", cell("date")):
            continue  # a summary line ("Saldo końcowe") or a repeated header
        try:
            day = cell_date(cell("date"))
        except ValueError:
            report.add(name, number, "data", _("Nie rozpoznano daty „%(v)s”.") % {"v": cell("date")})
            continue
        if day is None:
            continue  # a summary line at the end ("Saldo końcowe")
        try:
            amount = cell_amount(cell("amount"))
            debit = cell_amount(cell("debit")) if "debit" in columns else None
        except ValueError:
            report.add(name, number, "kwota", _("Nie rozpoznano kwoty „%(v)s”.") % {"v": cell("amount")})
            continue
        if amount is None and debit is not None:
            amount = -abs(debit)
        if amount is None:
            continue
        result.append(
            BankLine(
                line_number=number,
                booked_on=day,
                amount=amount,
                payer_name=cell("payer"),
                payer_account=cell("account"),
                title=" ".join(cell("title").split()),
                bank_reference=cell("reference"),
            )
        )
    if not report.ok:
        raise ImportRejected(report)
    return result


# MT940 -----------------------------------------------------------------------------------------------
#
# The mt-940 library reads the statement: it splits the fields, reads each :61: (value and entry dates, the
# debit/credit mark, the amount as an exact Decimal, the references) and gives each operation its :86:. It is
# wrapped for what a Polish statement and this platform need and the library does not do:
# - the import limits: the library reads a whole file at once with no limit on a field, so the fields are found
#   and measured here first (`_mt940_fields`), and it is handed only the operations (:61:) and the details of
#   each (the first :86: after it), a batch at a time;
# - the :61: pattern this platform has always accepted (`StatementLine`): the library's own takes a line
#   without a transaction type or a decimal comma and keeps at most 23 characters of the bank's reference, which
#   would change the dedupe keys of statements imported before;
# - the Polish :86: sub-fields (~20–~26 the title, ~32–~33 the payer, ~38 the account, separated by ~, ^, <
#   or ?): the library knows only the German layout (?20–?29 all the purpose, no ?38, only "?"), so its details
#   processor is switched off and `_details` reads the text as before.
# One thing the library does differently, on purpose: an entry date more than 330 days away from the value date
# is put in the neighbouring year (a December entry under a January value date is last year's), where the
# hand-written parser moved only an entry half a year before the value date into the next year.

_TAG = re.compile(r"^:(\d{2}[A-Z]?):", re.M)
_SUBFIELD = re.compile(r"[~^<?](\d{2})")
BATCH_CHARS = 1 << 16  # the library splits what it is given into lines: a batch at a time keeps that small


def _lines(text: str) -> Iterator[str]:
    """`text.splitlines()`, 64 kB at a time: a list of every line of a hostile file would be large."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + (1 << 16))
        end = len(text) if end < 0 else end + 1
        yield from text[start:end].splitlines()
        start = end


def _mt940_fields(text: str, limits: TableLimits) -> Iterator[tuple[str, str, int]]:
    """(tag, content with its continuation lines, line number) in file order; a field longer than a cell may
    be is refused (a :86: holds at most 6 × 65 characters)."""
    tag, lines, start, length = "", [], 0, 0
    for number, line in enumerate(_lines(text), start=1):
        match = _TAG.match(line)
        if match:
            if tag:
                yield tag, "\n".join(lines), start
            tag, lines, start, length = match.group(1), [line[match.end() :]], number, len(line)
        elif tag and line.strip() != "-":
            lines.append(line)
            length += len(line) + 1
        if length > limits.max_cell_chars:
            raise cell_too_long(limits.max_cell_chars, row=start, column=f":{tag}:")
    if tag:
        yield tag, "\n".join(lines), start


def _details(text: str) -> tuple[str, str, str]:
    """Title, payer and account from a :86: field: Polish sub-fields where present, else the free text."""
    flat = text.replace("\n", "")
    parts = _SUBFIELD.split(flat)
    if len(parts) < 3:
        return " ".join(text.split()), "", ""
    sub: dict[str, str] = {}
    for code, value in zip(parts[1::2], parts[2::2], strict=False):
        sub[code] = sub.get(code, "") + value
    title = "".join(sub.get(c, "") for c in ("20", "21", "22", "23", "24", "25", "26"))
    payer = "".join(sub.get(c, "") for c in ("32", "33")) or "".join(
        sub.get(c, "") for c in ("27", "28", "29")
    )
    account = sub.get("38", "") or sub.get("31", "")
    return " ".join(title.split()), " ".join(payer.split()), account.strip()


class StatementLine(mt940.tags.Statement):
    """:61: as this platform has always read it: value date, optional entry date (MMDD), the mark (C, D, RC,
    RD; upper case), an optional funds code, the amount with a decimal comma, the transaction type (S, N or F
    and three characters), the account owner's reference up to the first "/", the bank's after "//" to the end
    of the line. A line the pattern or the calendar refuses becomes an operation marked `refused`, so that the
    details after it are not given to the operation before."""

    RE_FLAGS = re.VERBOSE
    pattern = r"""^
    (?P<year>\d{2})(?P<month>\d{2})(?P<day>\d{2})
    (?:(?P<entry_month>\d{2})(?P<entry_day>\d{2}))?
    (?P<status>R?[CD])
    (?P<funds_code>[A-Z])?
    (?P<amount>\d+,\d*)
    (?P<id>[SNF][A-Z0-9]{3})
    (?P<customer_reference>[^/\n]*)
    (?://(?P<bank_reference>[^\n]*))?
    """

    def parse(self, transactions: mt940.models.Transactions, value: str) -> dict[str, Any]:
        if not self.re.match(
            value
        ):  # not an operation (checked first: the library logs its refusal as an error)
            return {"refused": "line"}
        return super().parse(transactions, value)

    def __call__(self, transactions: mt940.models.Transactions, value: dict[str, Any]) -> dict[str, Any]:
        if "refused" not in value:
            try:
                return super().__call__(transactions, value)
            except ValueError:  # a date the calendar does not have
                value = {"refused": "date"}
        return {**value, "id": "refused"}  # an id: the next :61: starts a new operation


class Operations(mt940.models.Transactions):
    """The library's statement, reading only :61: and :86:, each line as written (trailing spaces are part of
    a title cut across lines)."""

    STATEMENT_LINE = StatementLine()
    DETAILS = mt940.tags.TransactionDetails()

    def __init__(self) -> None:
        super().__init__(
            processors={"post_transaction_details": []},  # `_details` reads the Polish sub-fields
            options=mt940.Options(unbounded_details=True, reversal_sign=True),  # RC is money going out
        )

    @classmethod
    def default_tags(cls) -> dict[int | str, mt940.tags.Tag]:
        return {61: cls.STATEMENT_LINE, 86: cls.DETAILS}

    @staticmethod
    def strip(lines: list[str]) -> list[str]:
        return [line for line in lines if line.strip() != "-"]

    def sanitize_tag_id_matches(self, matches: list[re.Match[str]]) -> list[re.Match[str]]:
        # the library also takes a lone ":" line followed by "61:" as a tag; a field starts only at ":61:"
        return super().sanitize_tag_id_matches([m for m in matches if "\n" not in m.group(0)])


def _operations(
    fields: Iterator[tuple[str, str, int]], limits: TableLimits
) -> Iterator[tuple[int, str, Any]]:
    """(line number, the :61: as written, the library's operation) for every :61: of the file, its details the
    first :86: after it."""
    operations = Operations()
    batch: list[str] = []
    size = 0
    lines: list[tuple[int, str]] = []
    waiting = False  # a :61: waiting for its :86:
    for tag, content, number in fields:
        if tag == "61":
            if len(lines) >= limits.max_rows:
                raise too_many_rows(number, limits.max_rows)
            if size >= BATCH_CHARS:
                operations.parse("".join(batch))
                batch, size = [], 0
            lines.append((number, content[:40]))  # what a refusal quotes
            waiting = True
        elif tag == "86" and waiting:
            waiting = False
        else:
            continue
        batch.append(f":{tag}:{content}\n")
        size += len(content)
    if batch:
        operations.parse("".join(batch))
    for (number, content), operation in zip(lines, operations, strict=True):
        yield number, content, operation


def parse_mt940(name: str, text: str) -> list[BankLine]:
    report = ImportReport()
    limits = TableLimits.from_settings()
    result: list[BankLine] = []
    for number, content, operation in _operations(_mt940_fields(text, limits), limits):
        data = operation.data
        if data.get("refused") == "line":
            report.add(name, number, ":61:", _("Nie rozpoznano operacji „%(v)s”.") % {"v": content[:40]})
            continue
        if data.get("refused") == "date":
            report.add(name, number, ":61:", _("Nie rozpoznano daty operacji „%(v)s”.") % {"v": content[:10]})
            continue
        day = data.get("entry_date") or data["date"]
        line = BankLine(
            line_number=number,
            booked_on=dt.date(day.year, day.month, day.day),
            amount=data["amount"].amount,
            bank_reference=(data.get("bank_reference") or data.get("customer_reference") or "").strip(),
        )
        if data.get("transaction_details") is not None:
            line.title, line.payer_name, line.payer_account = _details(data["transaction_details"])
        result.append(line)
    if not report.ok:
        raise ImportRejected(report)
    if not result:
        report.add(name, None, "", _("W pliku MT940 nie ma żadnej operacji (pól :61:)."))
        raise ImportRejected(report)
    return result


def parse_statement(name: str, content: bytes) -> tuple[str, list[BankLine]]:
    """("csv" or "mt940", the operations) or ImportRejected with every problem found."""
    limits = TableLimits.from_settings()
    try:
        if len(content) > limits.max_bytes:
            raise too_large(len(content), limits.max_bytes)
        check_text(content)
        text = decode(content)
        if is_mt940(text):
            return "mt940", parse_mt940(name, text)
        if not name.lower().endswith((".csv", ".txt")):
            report = ImportReport()
            report.add(
                name, None, "", _("Nieznany format pliku: wgraj wyciąg CSV albo MT940 (.sta, .mt940, .txt).")
            )
            raise ImportRejected(report)
        return "csv", parse_csv(name, text)
    except TableRefused as refusal:
        report = ImportReport()
        report.add(name, refusal.row, refusal.column, refusal.message)
        raise ImportRejected(report) from refusal
