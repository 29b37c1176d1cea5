"""The public list of projects in the columns of the list of operations of art. 49(3) of Regulation (EU)
2021/1060 (the columns and the four-month update rule: `published_columns`; the import: `published_import`).

Rows of the platform's own contracts follow the contract (signing, amendments, corrections, termination);
an imported official list adds or updates the other rows by contract number. Exports stream, so the whole
list of a programme (a hundred thousand rows) never sits in memory; so does the import, which writes nothing
while any row has a problem.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import get_language

from zit.contracts.models import Contract, PublishedProject
from zit.contracts.published_columns import COLUMNS, Location, Locator
from zit.contracts.published_import import (  # noqa: F401 - the list's import, read through this module too
    ImportSummary,
    import_template_csv,
    problems_text,
    published_import,
    published_import_start,
)
from zit.core.exports import (
    CELL_RULE,
    CSV_EXCEL,
    csv_number,
    csv_start,
    csv_writer,
    spreadsheet_cell,
    spreadsheet_row,
)
from zit.core.formatting import format_number

# --- rows of the platform's contracts -------------------------------------------------------------------------


def _place(card: Any) -> str:
    return "; ".join(f"{unit.name} ({unit.kind_label})" for unit in card.gminas.all())


def _location(card: Any, locator: Locator) -> Location:
    """The card's point or line; else the point of its first gmina (by TERC), noted as approximate."""
    return locator.of_geometry(card.location) or locator.of_units(card.gminas.all())


def _values_from_contract(contract: Contract, locator: Locator) -> dict[str, Any]:
    card = contract.card
    location = _location(card, locator)
    measure = card.measure
    eligible = contract.corrected_eligible_pln
    eu = contract.committed_eu_pln
    return {
        "title": card.title,
        "summary": card.summary,
        "beneficiary": card.beneficiary.name,
        "fund": card.fund.code,
        "programme": measure.programme.name_pl,
        "priority": str(measure.priority) if measure.priority else "",
        "measure": f"{measure.number} {measure.name_pl}".strip(),
        "total_pln": contract.total_pln,
        "eligible_pln": eligible,
        "eu_pln": eu,
        "cofinancing_rate": (eu / eligible).quantize(Decimal("0.0001")) if eligible else Decimal(0),
        "place": _place(card),
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "country": "Polska",
        "lon": location.lon,
        "lat": location.lat,
        "geometry": location.geometry,
        "precision": location.precision,
        "located_in": location.located_in,
        "is_demo": contract.is_demo,
    }


def published_refresh(contract: Contract, locator: Locator | None = None) -> PublishedProject:
    """Bring the contract's row of the public list in step with the contract; called by every service that
    changes a contract's figures (not a user action of its own, so it records no audit event). The specific
    objective and the type of intervention come from the managing authority's list, not from the contract:
    an import fills them and this leaves them alone."""
    contract = Contract.objects.select_related(
        "card__beneficiary", "card__fund", "card__measure__priority", "card__measure__programme"
    ).get(pk=contract.pk)
    values = _values_from_contract(contract, locator or Locator())
    row, _created = PublishedProject.objects.update_or_create(
        contract_number=contract.number,
        defaults=values | {"contract": contract, "origin": PublishedProject.Origin.PLATFORM, "batch": None},
    )
    return row


def published_refresh_all() -> int:
    contracts = Contract.objects.all()
    locator = Locator()
    for contract in contracts:
        published_refresh(contract, locator)
    return contracts.count()


# --- reading the list -----------------------------------------------------------------------------------------


def published_search(*, q: str = "", fund: str = "", origin: str = "") -> QuerySet[PublishedProject]:
    rows = PublishedProject.objects.all()
    if q:
        rows = rows.filter(
            Q(title__icontains=q)
            | Q(contract_number__icontains=q)
            | Q(beneficiary__icontains=q)
            | Q(place__icontains=q)
        )
    if fund:
        rows = rows.filter(fund=fund)
    if origin:
        rows = rows.filter(origin=origin)
    return rows.select_related("contract").order_by("contract_number")


def published_funds() -> list[str]:
    return list(PublishedProject.objects.order_by("fund").values_list("fund", flat=True).distinct())


# --- exports --------------------------------------------------------------------------------------------------


def cell_value(row: PublishedProject, name: str) -> Any:
    """The value of a column for a row: the field, or the location's kind as its label."""
    if name == "precision":
        return str(row.get_precision_display()) if row.precision else ""
    return getattr(row, name)


def _csv_value(name: str, value: Any) -> str:
    value = spreadsheet_cell(value)
    if value is None:
        return ""
    if name == "cofinancing_rate":
        return format_number(value * 100, 2) + "%"
    if isinstance(value, float):
        return f"{value:.5f}".replace(".", ",")
    if isinstance(value, Decimal):
        return csv_number(value, CSV_EXCEL)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[PublishedProject]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark and semicolons, the CSV a Polish Excel opens with diacritics and decimal
    commas intact; one line at a time."""
    writer = csv_writer(_Echo(), CSV_EXCEL)
    yield csv_start(CSV_EXCEL).encode()
    yield writer.writerow(spreadsheet_row(str(header) for _name, header, _width in COLUMNS)).encode()
    for row in rows:
        yield writer.writerow([_csv_value(name, cell_value(row, name)) for name, _h, _w in COLUMNS]).encode()


def xlsx_file(rows: Iterable[PublishedProject], directory: Path | None = None) -> Path:
    """A write-only workbook saved to a temporary file (the caller streams and deletes it)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Wykaz projektów")
    for index, (_name, _header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for _name, title, _width in COLUMNS:
        cell = WriteOnlyCell(sheet, value=spreadsheet_cell(str(title)))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    formats = {
        "total_pln": "#,##0.00",
        "eligible_pln": "#,##0.00",
        "eu_pln": "#,##0.00",
        "cofinancing_rate": "0.00%",
        "starts_on": "yyyy-mm-dd",
        "ends_on": "yyyy-mm-dd",
        "lat": "0.00000",
        "lon": "0.00000",
    }
    names = [name for name, _title, _width in COLUMNS]
    for row in rows:
        cells: list[Any] = []
        for name in names:
            value = spreadsheet_cell(cell_value(row, name))
            if name in formats and value is not None:  # only formatted cells need a cell object: faster
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = formats[name]
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    descriptor, name = tempfile.mkstemp(prefix="wykaz-", suffix=".xlsx", dir=directory)
    os.close(descriptor)
    book.save(name)
    return Path(name)


XLSX_LIMIT = 20_000  # rows an XLSX is built for while the visitor waits; the whole list is built once


def _exports_dir() -> Path:
    from django.conf import settings

    folder = Path(settings.MEDIA_ROOT) / "published" / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def published_version() -> str:
    """Changes whenever a row is added, changed or removed (or the rule for cells, or the columns): names the
    cached XLSX of the whole list, one per language of its headers."""
    import hashlib

    figures = PublishedProject.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    columns = [name for name, _header, _width in COLUMNS]
    key = repr((CELL_RULE, columns, get_language() or "pl", sorted(figures.items())))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def full_xlsx() -> Path:
    """The XLSX of the whole list, built once per version of the list (openpyxl writes about ten thousand
    rows a second, too slow to rebuild a programme's list for every visitor) and replaced atomically."""
    folder = _exports_dir()
    path = folder / f"wykaz-{published_version()}.xlsx"
    if not path.exists():
        built = xlsx_file(
            PublishedProject.objects.order_by("contract_number").iterator(chunk_size=2000), folder
        )
        os.replace(built, path)
        for old in folder.glob("wykaz-*.xlsx"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
