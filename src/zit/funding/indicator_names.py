"""Polish names of the indicators from a file the office fills in (`code;name_pl`), and the template of that
file. The whole file is checked first: an unknown code, an empty name, a code given twice or a name longer
than the catalogue holds is reported with its row, and nothing is saved while any problem remains. One audit
event records the import, with every name it changed (before and after)."""

from __future__ import annotations

import io
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.exports import csv_bytes, sheet_title, spreadsheet_row
from zit.core.importing import ImportRejected, ImportReport
from zit.core.tables import Table, read_table
from zit.funding.importers import normalise_code
from zit.funding.models import Indicator
from zit.funding.services import check_actor

COLUMNS = ("code", "name_pl")
NAME_MAX = Indicator._meta.get_field("name_pl").max_length


def names_table(name: str, source: Any) -> Table:
    """The uploaded file with both columns required in its header."""
    return read_table(name, source, required=COLUMNS)


def _template_rows() -> list[list[str]]:
    """Every catalogued indicator that has a code: its code, its Polish name so far (empty when there is none),
    and, for reference, its English name in a third column the import ignores."""
    indicators = Indicator.objects.exclude(code=None).only("code", "name_pl", "name_en")
    return [[i.code, i.name_pl, i.name_en] for i in sorted(indicators, key=_code_order)]


def _code_order(indicator: Indicator) -> tuple[str, int, str]:
    """RCO02 before RCO10 before RCO101, as the regulation lists them."""
    match = re.fullmatch(r"([A-Z]+)(\d+)(.*)", indicator.code or "")
    return (match[1], int(match[2]), match[3]) if match else (indicator.code or "", 0, "")


def template_csv() -> bytes:
    return csv_bytes([*COLUMNS, "name_en"], _template_rows())


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Polskie nazwy wskaźników"))
    sheet.append(spreadsheet_row([*COLUMNS, "name_en"]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _template_rows():
        sheet.append(spreadsheet_row(row))
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 70
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _check(table: Table, report: ImportReport) -> dict[str, tuple[int, str]]:
    codes = {normalise_code(v.get("code", "")) for _n, v in table.rows}
    known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    found: dict[str, tuple[int, str]] = {}
    for number, values in table.rows:
        raw = values.get("code", "").strip()
        code = normalise_code(raw)
        name = " ".join(values.get("name_pl", "").split())
        if not code:
            report.add(table.file, number, "code", _("Brak kodu wskaźnika."))
            continue
        if code not in known:
            report.add(
                table.file, number, "code", _("W katalogu nie ma wskaźnika o kodzie „%(c)s”.") % {"c": raw}
            )
        elif code in found:
            report.add(
                table.file,
                number,
                "code",
                _("Kod %(c)s już był w wierszu %(r)d.") % {"c": code, "r": found[code][0]},
            )
            continue
        if not name:
            report.add(table.file, number, "name_pl", _("Polska nazwa jest pusta."))
        elif len(name) > NAME_MAX:
            report.add(
                table.file, number, "name_pl", _("Nazwa ma więcej niż %(n)d znaków.") % {"n": NAME_MAX}
            )
        found[code] = (number, name)
    if not table.rows:
        report.add(table.file, None, "", _("Plik nie ma żadnego wiersza z kodem i nazwą."))
    return found


@transaction.atomic
def indicator_names_import(*, actor: Any, table: Table) -> dict[str, int]:
    """Sets the Polish names of the indicators the file lists; the rest of the catalogue is left as it is."""
    check_actor(actor)
    report = ImportReport()
    found = _check(table, report)
    if not report.ok:
        raise ImportRejected(report)
    indicators = Indicator.objects.select_for_update().filter(code__in=list(found))
    before, after = {}, {}
    for indicator in indicators:
        name = found[indicator.code][1]
        if indicator.name_pl != name:
            before[indicator.code], after[indicator.code] = indicator.name_pl, name
            indicator.name_pl = name
            indicator.save(update_fields=["name_pl"])
    counts = {"updated": len(after), "unchanged": len(found) - len(after)}
    audit.record(
        actor=actor,
        action="funding.indicator_names_import",
        obj=None,
        collection=Indicator,
        before={"name_pl": before},
        after={"file": table.file, "name_pl": after, **counts},
    )
    return counts
