"""Importing a strategy's goals, directions, undertakings and indicators from the office's XLSX template.

One sheet per kind of item; rows are matched by code, so a second import updates what the first created.
Everything is checked first and nothing is written while any problem remains."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from zit.core.exports import spreadsheet_row
from zit.core.importing import ImportReport
from zit.core.money import to_decimal
from zit.core.tables import Table

SHEETS = {
    "cele": ["code", "title", "dimension", "description"],
    "cele_operacyjne": ["code", "goal", "title", "description"],
    "kierunki": ["code", "operational_goal", "title", "description"],
    "przedsiewziecia": [
        "code",
        "title",
        "kind",
        "key",
        "directions",
        "lead_nip",
        "gminas_terc",
        "estimated_cost_pln",
        "description",
    ],
    "wskazniki": [
        "indicator",
        "owner",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "source",
    ],
}
REQUIRED = {
    "cele": ("code", "title", "dimension"),
    "cele_operacyjne": ("code", "goal", "title"),
    "kierunki": ("code", "operational_goal", "title"),
    "przedsiewziecia": ("code", "title", "kind"),
    "wskazniki": ("indicator", "owner"),
}
DIMENSIONS = {
    "społeczny": "social",
    "gospodarczy": "economic",
    "przestrzenny": "spatial",
    "środowiskowy": "environmental",
}
KINDS = {"inwestycyjne": "investment", "nieinwestycyjne": "soft", "miękkie": "soft", "mieszane": "mixed"}
YES = {"tak", "t", "1", "yes"}
NO = {"nie", "n", "0", "no", ""}
HELP = [
    ("cele", "Cele strategiczne. dimension: społeczny, gospodarczy, przestrzenny albo środowiskowy."),
    ("cele_operacyjne", "Cele operacyjne. goal: oznaczenie celu strategicznego, np. C1."),
    ("kierunki", "Kierunki działań. operational_goal: oznaczenie celu operacyjnego, np. C1.1."),
    (
        "przedsiewziecia",
        "Przedsięwzięcia. kind: inwestycyjne, nieinwestycyjne albo mieszane; key: tak/nie (kluczowe); directions: "
        "oznaczenia kierunków rozdzielone średnikami; lead_nip: NIP lidera z rejestru organizacji; gminas_terc: kody "
        "TERC gmin rozdzielone średnikami; estimated_cost_pln: kwota w złotych.",
    ),
    (
        "wskazniki",
        "Wskaźniki. indicator: kod z katalogu wskaźników (np. RCO58); owner: oznaczenie celu, celu operacyjnego albo "
        "przedsięwzięcia; wartości i lata bazowe i docelowe; source: źródło danych.",
    ),
    (
        "",
        "Wiersze dopasowujemy po oznaczeniu (code): ponowny import aktualizuje pozycje. Import działa tylko w wersji roboczej.",
    ),
]


def template_xlsx() -> bytes:
    book = Workbook()
    info = book.active
    info.title = "instrukcja"
    info.append(spreadsheet_row(["Arkusz", "Co wpisać"]))
    for sheet, text in HELP:
        info.append(spreadsheet_row([sheet, text]))
    info["A1"].font = info["B1"].font = Font(bold=True)
    info.column_dimensions["B"].width = 120
    for sheet, columns in SHEETS.items():
        ws = book.create_sheet(sheet)
        ws.append(spreadsheet_row(columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Parsed:
    goals: list[dict] = field(default_factory=list)
    operational_goals: list[dict] = field(default_factory=list)
    directions: list[dict] = field(default_factory=list)
    undertakings: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    # codes of rows refused for their shape: references to them are not reported a second time
    rejected_codes: set[str] = field(default_factory=set)


def parse_workbook(tables: dict[str, Table], report: ImportReport, file: str) -> Parsed:
    """Shape and value checks only; references between rows and to the registry are the service's, which
    checks them in the same round, so one report lists every problem."""
    parsed = Parsed()
    if not any(name in tables for name in SHEETS):
        report.add(
            file, None, "", _("W pliku nie ma żadnego z arkuszy wzoru: %(s)s.") % {"s": ", ".join(SHEETS)}
        )
        return parsed
    if not any(tables[name].rows for name in SHEETS if name in tables):
        report.add(file, None, "", _("Plik nie ma żadnego wiersza z danymi: wypełnij arkusze wzoru."))
        return parsed
    for sheet, required in REQUIRED.items():
        table = tables.get(sheet)
        if table is None:
            continue
        for column in required:
            if column not in table.columns:
                report.add(table.file, 1, column, _("Brak kolumny „%(c)s”.") % {"c": column})
        if any(p.file == table.file for p in report.problems):
            continue
        seen: dict[str, int] = {}
        for row, values in table.rows:
            count_before = len(report.problems)
            _parse_row(sheet, table, row, values, required, seen, report, parsed)
            code = values.get("code", "").strip().lower()
            if code and len(report.problems) > count_before:
                parsed.rejected_codes.add(code)
    return parsed


def _parse_row(
    sheet: str,
    table: Table,
    row: int,
    values: dict[str, str],
    required: tuple[str, ...],
    seen: dict[str, int],
    report: ImportReport,
    parsed: Parsed,
) -> None:
    missing = [c for c in required if not values.get(c)]
    for column in missing:
        report.add(table.file, row, column, _("Brak wartości."))
    if missing:
        return
    code = values.get("code", "").strip()
    if code:
        if code.lower() in seen:
            report.add(
                table.file,
                row,
                "code",
                _("Oznaczenie %(c)s powtarza się (wiersz %(r)d).") % {"c": code, "r": seen[code.lower()]},
            )
            return
        seen[code.lower()] = row
    item = {"row": row, "file": table.file, **{k: v.strip() for k, v in values.items()}}
    if sheet == "cele":
        dimension = DIMENSIONS.get(values["dimension"].strip().lower())
        if dimension is None:
            report.add(
                table.file,
                row,
                "dimension",
                _("Wymiar: społeczny, gospodarczy, przestrzenny albo środowiskowy."),
            )
            return
        parsed.goals.append(item | {"dimension": dimension})
    elif sheet == "cele_operacyjne":
        parsed.operational_goals.append(item)
    elif sheet == "kierunki":
        parsed.directions.append(item)
    elif sheet == "przedsiewziecia":
        kind = KINDS.get(values["kind"].strip().lower())
        is_key = values.get("key", "").strip().lower()
        cost = None
        if kind is None:
            report.add(table.file, row, "kind", _("Rodzaj: inwestycyjne, nieinwestycyjne albo mieszane."))
        if is_key not in YES | NO:
            report.add(table.file, row, "key", _("Wpisz „tak” albo „nie”."))
        if values.get("estimated_cost_pln"):
            try:
                cost = to_decimal(values["estimated_cost_pln"])
            except (ValueError, TypeError):
                report.add(
                    table.file,
                    row,
                    "estimated_cost_pln",
                    _("„%(v)s” nie jest kwotą.") % {"v": values["estimated_cost_pln"]},
                )
        if kind is None or is_key not in YES | NO:
            return
        parsed.undertakings.append(item | {"kind": kind, "is_key": is_key in YES, "estimated_cost_pln": cost})
    else:
        numbers: dict[str, Decimal | int | None] = {}
        ok = True
        for column in ("baseline_value", "target_value"):
            try:
                numbers[column] = to_decimal(values[column]) if values.get(column) else None
            except (ValueError, TypeError):
                report.add(table.file, row, column, _("„%(v)s” nie jest liczbą.") % {"v": values[column]})
                ok = False
        for column in ("baseline_year", "target_year"):
            text = values.get(column, "").split(".")[0]
            if text and not (text.isascii() and text.isdigit() and 1990 <= int(text) <= 2060):
                report.add(table.file, row, column, _("Rok od 1990 do 2060."))
                ok = False
            numbers[column] = int(text) if text.isascii() and text.isdigit() else None
        if ok:
            parsed.indicators.append(item | numbers)
