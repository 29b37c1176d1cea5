"""Bank statements as Polish banks export them: CSV (semicolon or comma, UTF-8 or Windows-1250, a few
lines about the account before the header, amounts such as "1 234,56", dates such as "15.03.2026") and
MT940 (:61: operations with their :86: details, Polish sub-fields ~20–~25 for the title and ~32–~33 for the
payer). Parsing only: every problem is reported with its line, and nothing is booked unless the file is
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

_TAG = re.compile(r"^:(\d{2}[A-Z]?):", re.M)
_61 = re.compile(
    r"^(?P<value>\d{6})(?P<entry>\d{4})?(?P<mark>R?[CD])(?P<funds>[A-Z])?(?P<amount>\d+,\d*)"
    r"(?P<type>[SNF][A-Z0-9]{3})(?P<own>[^/\n]*)(?://(?P<bank>[^\n]*))?",
)
_SUBFIELD = re.compile(r"[~^<?](\d{2})")


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


def parse_mt940(name: str, text: str) -> list[BankLine]:
    report = ImportReport()
    limits = TableLimits.from_settings()
    result: list[BankLine] = []
    pending: BankLine | None = None
    for tag, content, number in _mt940_fields(text, limits):
        if tag == "61":
            if len(result) >= limits.max_rows:
                raise too_many_rows(number, limits.max_rows)
            match = _61.match(content.strip())
            if not match:
                report.add(name, number, ":61:", _("Nie rozpoznano operacji „%(v)s”.") % {"v": content[:40]})
                pending = None
                continue
            try:
                day = dt.datetime.strptime(match["value"], "%y%m%d").date()
                if match["entry"]:
                    entry = dt.date(day.year, int(match["entry"][:2]), int(match["entry"][2:]))
                    if entry < day - dt.timedelta(days=180):  # booked in January for a December value date
                        entry = entry.replace(year=day.year + 1)
                    day = entry
            except ValueError:
                report.add(
                    name, number, ":61:", _("Nie rozpoznano daty operacji „%(v)s”.") % {"v": content[:10]}
                )
                pending = None
                continue
            amount = Decimal(match["amount"].replace(",", ".") or "0")
            if match["mark"] in ("D", "RC"):
                amount = -amount
            pending = BankLine(
                line_number=number,
                booked_on=day,
                amount=amount,
                bank_reference=(match["bank"] or match["own"] or "").strip(),
            )
            result.append(pending)
        elif tag == "86" and pending is not None:
            pending.title, pending.payer_name, pending.payer_account = _details(content)
            pending = None
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
