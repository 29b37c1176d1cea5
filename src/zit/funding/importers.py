"""Parsing uploads of measures, allocations, rates and indicators. Everything is checked before anything is
written: the parse returns clean rows or raises ImportRejected with every problem (row, column, message)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.importing import ImportRejected, ImportReport
from zit.core.money import to_decimal
from zit.core.tables import Table

NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2}){0,2}\.?$")
CODE = re.compile(r"^[A-Z]{2,8}\d{1,4}[A-Z]?$")
FUND_ALIASES = {
    "efrr": "EFRR",
    "erdf": "EFRR",
    "efs+": "EFS+",
    "esf+": "EFS+",
    "efs": "EFS+",
    "esf": "EFS+",
    "fst": "FST",
    "jtf": "FST",
}
KINDS = {
    "output": "output",
    "produktu": "output",
    "produkt": "output",
    "result": "result",
    "rezultatu": "result",
}
ORIGINS = {"eu_common": "eu_common", "programme": "programme", "strategy": "strategy", "": ""}
YES = {"yes", "tak", "1", "true", "prawda", "t", "y"}
NO = {"no", "nie", "0", "false", "fałsz", "n", ""}


def normalise_code(code: str) -> str:
    """ "RCO 01", "rco01" and "RCO001" all name RCO01: upper case, no spaces, at least two digits."""
    text = re.sub(r"\s+", "", code).upper()
    match = re.fullmatch(r"([A-Z]+)0*(\d+)([A-Z]?)", text)
    if not match:
        return text
    letters, digits, suffix = match.groups()
    return f"{letters}{int(digits):02d}{suffix}"


def fund_code(text: str) -> str | None:
    return FUND_ALIASES.get(text.strip().lower())


class _Rows:
    def __init__(self, table: Table):
        self.table, self.report = table, ImportReport()

    def too_long(self, row: int, values: dict[str, str], limits: dict[str, int]) -> bool:
        """Reports every cell longer than its column allows; True when any was."""
        found = False
        for column, limit in limits.items():
            if len(values.get(column, "")) > limit:
                self.problem(row, column, _("Tekst może mieć najwyżej %(n)d znaków.") % {"n": limit})
                found = True
        return found

    def problem(self, row: int, column: str, message: str) -> None:
        self.report.add(self.table.file, row, column, message)

    def decimal(self, row: int, values: dict[str, str], column: str, *, required: bool) -> Decimal | None:
        text = values.get(column, "")
        if not text:
            if required:
                self.problem(row, column, _("Brak wartości."))
            return None
        try:
            return to_decimal(text)
        except (ValueError, TypeError):
            self.problem(row, column, _("„%(v)s” nie jest liczbą.") % {"v": text})
            return None

    def rate(self, row: int, values: dict[str, str], column: str) -> Decimal | None:
        values = values | {column: values.get(column, "").replace("%", "").strip()}
        value = self.decimal(row, values, column, required=False)
        if value is not None and value > 1 and value <= 100:
            value = value / 100  # "70" and "70%" mean 0.70
        if value is not None and not 0 < value <= 1:
            self.problem(
                row, column, _("Poziom dofinansowania musi być większy od 0 i nie większy niż 100%.")
            )
            return None
        return value

    def date(self, row: int, values: dict[str, str], column: str) -> dt.date | None:
        text = values.get(column, "")
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.problem(
            row,
            column,
            _("„%(v)s” nie jest datą (RRRR-MM-DD lub DD.MM.RRRR).") % {"v": text}
            if text
            else _("Brak daty."),
        )
        return None

    def finish(self) -> None:
        if not self.table.rows:
            self.report.add(self.table.file, None, "", _("Plik nie ma żadnego wiersza z danymi."))
        if not self.report.ok:
            raise ImportRejected(self.report)


@dataclass
class MeasureRow:
    row: int
    level: str
    number: str
    name_pl: str
    name_en: str
    fund: str | None
    funds: list[str]
    amount_eur: Decimal | None
    max_rate: Decimal | None
    is_zit: bool | None
    source: str
    rate_source: str = ""


def parse_measures(table: Table) -> list[MeasureRow]:
    """The programme's structure: rows of level programme, fund, priority or measure (default measure)."""
    rows = _Rows(table)
    parsed: list[MeasureRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in table.rows:
        if rows.too_long(number, values, {"number": 20, "name_pl": 300, "name_en": 300}):
            continue
        level = (values.get("level") or "measure").strip().lower()
        if level not in ("programme", "fund", "priority", "measure"):
            rows.problem(number, "level", _("Poziom musi być jednym z: programme, fund, priority, measure."))
            continue
        ident = values.get("number", "").strip()
        if not ident:
            rows.problem(number, "number", _("Brak numeru."))
            continue
        if level in ("priority", "measure") and not NUMBER.match(ident):
            rows.problem(number, "number", _("„%(v)s” nie wygląda na numer, np. 3 albo 3.2.") % {"v": ident})
            continue
        if level == "priority" and "." in ident.rstrip("."):
            rows.problem(number, "number", _("Numer priorytetu to liczba, np. 3."))
            continue
        if level == "measure" and "." not in ident.rstrip("."):
            rows.problem(number, "number", _("Numer działania ma postać priorytet.działanie, np. 3.2."))
            continue
        ident = ident.rstrip(".")
        if (level, ident) in seen:
            rows.problem(
                number,
                "number",
                _("Numer %(n)s powtarza się (pierwszy raz w wierszu %(r)d).")
                % {"n": ident, "r": seen[(level, ident)]},
            )
            continue
        seen[(level, ident)] = number
        fund_text = values.get("fund", "")
        funds = [fund_code(f) for f in re.split(r"[;,/]", fund_text) if f.strip()]
        if None in funds:
            rows.problem(
                number, "fund", _("Nieznany fundusz „%(v)s”: wpisz EFRR, EFS+ albo FST.") % {"v": fund_text}
            )
            continue
        if level == "measure" and len(funds) > 1:
            rows.problem(number, "fund", _("Działanie ma jeden fundusz."))
            continue
        zit_text = values.get("zit", "").strip().lower()
        if zit_text not in YES | NO:
            rows.problem(number, "zit", _("Wpisz „tak” albo „nie”."))
        parsed.append(
            MeasureRow(
                row=number,
                level=level,
                number=ident if level != "fund" else (fund_code(ident) or ident),
                name_pl=values.get("name_pl", ""),
                name_en=values.get("name_en", ""),
                fund=funds[0] if funds else None,
                funds=[f for f in funds if f],
                amount_eur=rows.decimal(number, values, "allocation_eur", required=False),
                max_rate=rows.rate(number, values, "max_cofinancing_rate"),
                is_zit=(zit_text in YES) if zit_text else None,
                source=values.get("source", ""),
                rate_source=values.get("rate_source", ""),
            )
        )
        if level == "fund" and not fund_code(ident):
            rows.problem(number, "number", _("Nieznany fundusz „%(v)s”.") % {"v": ident})
    rows.finish()
    return parsed


@dataclass
class AllocationRow:
    row: int
    measure: str
    fund: str | None
    amount_eur: Decimal


def parse_allocations(table: Table, report: ImportReport) -> list[AllocationRow]:
    """Problems go to `report`, so the caller can add its own (unknown measures) before rejecting."""
    rows = _Rows(table)
    rows.report = report
    parsed = []
    for number, values in table.rows:
        before = len(report.problems)
        measure = values.get("measure", "").strip().rstrip(".")
        if not NUMBER.match(measure or "x"):
            rows.problem(number, "measure", _("Podaj numer działania, np. 3.2."))
        fund = fund_code(values["fund"]) if values.get("fund") else None
        if values.get("fund") and fund is None:
            rows.problem(
                number,
                "fund",
                _("Nieznany fundusz „%(v)s”: wpisz EFRR, EFS+ albo FST.") % {"v": values["fund"]},
            )
        amount = rows.decimal(number, values, "amount_eur", required=True)
        if amount is not None and amount <= 0:
            rows.problem(number, "amount_eur", _("Kwota musi być większa od zera."))
        elif amount is not None and amount != amount.quantize(Decimal("0.01")):
            rows.problem(number, "amount_eur", _("Kwota może mieć najwyżej dwa miejsca po przecinku."))
        if len(report.problems) == before:
            parsed.append(AllocationRow(number, measure, fund, amount))
    if not table.rows:
        report.add(table.file, None, "", _("Plik nie ma żadnego wiersza z danymi."))
    return parsed


@dataclass
class RateRow:
    row: int
    rate_date: dt.date
    rate: Decimal
    currency: str
    table: str
    source: str


def parse_rates(table: Table, *, monthly: bool = False) -> list[RateRow]:
    """`monthly`: one rate per calendar month (the EC accounting rate), whatever day the file gives."""
    rows = _Rows(table)
    parsed = []
    seen: dict[tuple[str, dt.date], int] = {}
    for number, values in table.rows:
        day = rows.date(number, values, "date")
        if day and monthly:
            day = day.replace(day=1)
        rate = rows.decimal(number, values, "rate", required=True)
        currency = (values.get("currency") or "EUR").strip().upper()
        if currency != "EUR":
            rows.problem(number, "currency", _("Platforma przelicza tylko EUR."))
        if rate is not None and not Decimal("0.5") <= rate <= Decimal("20"):
            rows.problem(
                number, "rate", _("Kurs %(v)s jest poza rozsądnym zakresem (0,5–20 zł).") % {"v": rate}
            )
            rate = None
        if day and (currency, day) in seen:
            message = (
                _("Kurs na ten miesiąc już jest w wierszu %(r)d.")
                if monthly
                else _("Kurs z tą datą już jest w wierszu %(r)d.")
            )
            rows.problem(number, "date", message % {"r": seen[(currency, day)]})
            continue
        if day:
            seen[(currency, day)] = number
        table_number = values.get("table") or values.get("kind", "")
        nbp = re.search(r"\d{3}/A/NBP/\d{4}", table_number)
        table_number = nbp.group(0) if nbp else table_number
        if len(table_number) > 40:
            rows.problem(number, "table", _("Numer tabeli może mieć najwyżej 40 znaków."))
            continue
        if day and rate is not None:
            parsed.append(
                RateRow(
                    number,
                    day,
                    rate,
                    currency,
                    table_number,
                    values.get("source", ""),
                )
            )
    rows.finish()
    return parsed


@dataclass
class IndicatorRow:
    row: int
    code: str | None
    kind: str
    origin: str
    fund_scope: str
    name_en: str
    name_pl: str
    unit_en: str
    unit_pl: str
    additive: bool | None
    policy_objective: str
    source: str


def parse_indicators(
    table: Table, *, default_origin: str, report: ImportReport | None = None
) -> list[IndicatorRow]:
    """With `report`, problems are added to it and the caller decides; without, they are raised."""
    rows = _Rows(table)
    if report is not None:
        rows.report = report
    parsed = []
    seen: dict[str, int] = {}
    for number, values in table.rows:
        limits = {
            "code": 30,
            "fund": 20,
            "name_en": 400,
            "name_pl": 400,
            "unit_en": 100,
            "unit_pl": 100,
            "policy_objective": 40,
        }
        if rows.too_long(number, values, limits):
            continue
        code = normalise_code(values.get("code", "")) or None
        if code and not CODE.match(code):
            rows.problem(
                number, "code", _("„%(v)s” nie wygląda na kod wskaźnika, np. RCO01.") % {"v": values["code"]}
            )
            continue
        key = code or values.get("name_en", "").strip().lower() or values.get("name_pl", "").strip().lower()
        if not key:
            rows.problem(number, "name_en", _("Wskaźnik bez kodu musi mieć nazwę."))
            continue
        if key in seen:
            rows.problem(number, "code", _("Ten wskaźnik już jest w wierszu %(r)d.") % {"r": seen[key]})
            continue
        seen[key] = number
        kind = KINDS.get(values.get("kind", "").strip().lower())
        if kind is None:
            rows.problem(number, "kind", _("Rodzaj musi być „output” (produktu) albo „result” (rezultatu)."))
            continue
        origin = ORIGINS.get(values.get("origin", "").strip().lower())
        if origin is None:
            rows.problem(
                number, "origin", _("Pochodzenie musi być jednym z: eu_common, programme, strategy.")
            )
            continue
        if (origin or default_origin) != "eu_common" and not code:
            rows.problem(number, "code", _("Własny wskaźnik programu lub strategii musi mieć kod."))
            continue
        additive_text = values.get("additive", "").strip().lower()
        if additive_text and additive_text not in YES | NO:
            rows.problem(number, "additive", _("Wpisz „tak” albo „nie”."))
            continue
        parsed.append(
            IndicatorRow(
                row=number,
                code=code,
                kind=kind,
                origin=origin or default_origin,
                fund_scope=values.get("fund", ""),
                name_en=values.get("name_en", ""),
                name_pl=values.get("name_pl", ""),
                unit_en=values.get("unit_en", ""),
                unit_pl=values.get("unit_pl", ""),
                additive=(additive_text in YES) if additive_text else None,
                policy_objective=values.get("policy_objective", ""),
                source=values.get("source", ""),
            )
        )
    if report is None:
        rows.finish()
    return parsed
