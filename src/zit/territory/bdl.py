"""Reading statistics exported from GUS's Local Data Bank (Bank Danych Lokalnych, BDL) or typed by hand.

Accepted layouts (CSV in UTF-8 or Windows-1250 with any common delimiter, or XLSX):

1. Long ("układ pionowy" of a BDL export): one row per unit and year, columns `Kod`, `Nazwa`, `Rok`,
   `Wartosc` (or `Wartość`), optionally `Jednostka miary` and `Atrybut`.
2. Wide ("tablica" of a BDL export): columns `Kod`, `Nazwa`, then one column per year; a year column's
   header contains the year, e.g. `2022`, `ogółem;2022;[osoba]` or `ogółem 2022 [osoba]`.

A row's unit is found by its code when the code is a 7-digit TERC (as the platform's own files have), else
by its name ("Kleczew", "Gmina Kleczew", "Kleczew (3)", "Konin (1)"). BDL writes "-" or "." for a missing
value and "x" where a value cannot exist: such cells are skipped, and the page shows "brak danych".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from zit.core.importing import ImportRejected, ImportReport
from zit.core.money import to_decimal
from zit.core.tables import Table

YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-6]\d)(?!\d)")
MISSING = {"", "-", ".", "x", "—", "–"}
NAME_NOISE = re.compile(r"^(gmina|miasto|m\.|gm\.)\s+|\s*\(\d\)$", re.IGNORECASE)


@dataclass
class Value:
    row: int
    unit_terc: str
    year: int
    value: Decimal


def _name_key(name: str) -> str:
    return NAME_NOISE.sub("", name.strip()).strip().lower()


def parse_bdl(table: Table, units: dict[str, str]) -> tuple[list[Value], str]:
    """`units` maps TERC to name for the gminas that may appear. Returns the values and the unit of measure
    found in the file (empty when none)."""
    report = ImportReport()
    columns = table.columns
    by_name = {}
    for terc, name in units.items():
        by_name.setdefault(_name_key(name), []).append(terc)
    code_col = next((c for c in columns if c in ("kod", "teryt", "terc", "code")), None)
    name_col = next((c for c in columns if c in ("nazwa", "name", "gmina")), None)
    value_col = next((c for c in columns if c in ("wartosc", "wartość", "value")), None)
    year_col = next((c for c in columns if c in ("rok", "year")), None)
    if not code_col and not name_col:
        report.add(
            table.file,
            1,
            "kod",
            _("Brak kolumny „Kod” ani „Nazwa”: nie wiadomo, której gminy dotyczy wiersz."),
        )
        raise ImportRejected(report)
    year_columns = {
        c: int(YEAR.search(c).group(1)) for c in columns if c not in (code_col, name_col) and YEAR.search(c)
    }
    if not (value_col and year_col) and not year_columns:
        report.add(
            table.file,
            1,
            "",
            _(
                "Nie rozpoznano układu: potrzebne kolumny „Rok” i „Wartosc” albo kolumny z latami w nagłówku (np. 2022)."
            ),
        )
        raise ImportRejected(report)
    unit_of_measure = ""
    found = re.search(r"\[([^\]]+)\]", " ".join(columns))
    if found:
        unit_of_measure = found.group(1)
    values: list[Value] = []
    seen: dict[tuple[str, int], int] = {}

    def unit_for(row: int, cells: dict[str, str]) -> str | None:
        code = re.sub(r"\D", "", cells.get(code_col, "")) if code_col else ""
        if len(code) == 7 and code in units:
            return code
        name = cells.get(name_col, "") if name_col else ""
        matches = by_name.get(_name_key(name), []) if name else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            report.add(
                table.file,
                row,
                name_col or "",
                _("Nazwa „%(n)s” pasuje do kilku gmin: podaj kod TERC.") % {"n": name},
            )
        elif name or code:
            return ""  # a unit outside the area (the powiat, Poland): skipped, not an error
        else:
            report.add(table.file, row, code_col or name_col or "", _("Brak kodu i nazwy jednostki."))
        return None

    def add(row: int, terc: str, year: int, text: str, column: str) -> None:
        text = text.strip()
        if text.lower() in MISSING:
            return
        try:
            value = to_decimal(text)
        except (ValueError, TypeError):
            report.add(table.file, row, column, _("„%(v)s” nie jest liczbą.") % {"v": text})
            return
        if (terc, year) in seen:
            report.add(
                table.file,
                row,
                column,
                _("Wartość dla tej gminy i roku jest już w wierszu %(r)d.") % {"r": seen[(terc, year)]},
            )
            return
        seen[(terc, year)] = row
        values.append(Value(row, terc, year, value))

    for row, cells in table.rows:
        terc = unit_for(row, cells)
        if not terc:
            continue
        if value_col and year_col:
            year_text = cells.get(year_col, "")
            match = YEAR.fullmatch(year_text.split(".")[0].strip())
            if not match:
                report.add(table.file, row, year_col, _("„%(v)s” nie jest rokiem.") % {"v": year_text})
                continue
            add(row, terc, int(match.group(1)), cells.get(value_col, ""), value_col)
            if not unit_of_measure:
                unit_of_measure = cells.get("jednostka miary", "")
        else:
            for column, year in year_columns.items():
                add(row, terc, year, cells.get(column, ""), column)
    if not values and report.ok:
        report.add(table.file, None, "", _("Plik nie ma żadnej wartości dla gmin obszaru."))
    if not report.ok:
        raise ImportRejected(report)
    return values, unit_of_measure
