"""The public datasets (`TABLES`: one row builder per dataset, from `rows.py` and `rows_registers.py`),
written by every format from the same rows: CSV (UTF-8, commas, decimal points: for programs), the CSV a
Polish Excel opens (UTF-8 with a byte-order mark, semicolons, decimal commas), XLSX (openpyxl write-only) and
GeoJSON for the spatial datasets.

Rows are plain dicts keyed by column name; a spatial row also carries its GeoJSON geometry under "geometry"
(not a column). The per-object row functions (`project_row`, `resolution_row`, ...) are what the JSON API
returns too, so a field means the same in the API and in a download. Nothing here holds personal data of
people: organisations appear with their public registry fields only, resolutions with vote tallies only.

CSV and GeoJSON are generated line by line (the projects can be 100,000 rows); an XLSX is written to a temporary
file first (a ZIP cannot be streamed as it grows) and kept until the data change (`xlsx_path`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from zit.core.exports import (
    CELL_RULE,
    CSV_EXCEL,
    CSV_PLAIN,
    csv_number,
    csv_start,
    csv_variant,
    csv_writer,
    sheet_title,
    spreadsheet_cell,
    spreadsheet_row,
)
from zit.opendata.rows import (
    CZLONKOWIE,
    GMINY,
    KOPERTY,
    STRATEGIA,
    WSKAZNIKI,
    Table,
    envelope_rows,
    gmina_rows,
    indicator_progress_rows,
    member_rows,
    strategy_rows,
)
from zit.opendata.rows_registers import (
    PODMIOTY_ES,
    PROJEKTY,
    UCHWALY,
    project_rows,
    resolution_rows,
    social_economy_rows,
)

TABLES: dict[str, Table] = {
    t.key: t
    for t in (
        Table(
            "gminy",
            GMINY,
            gmina_rows,
            "Gminy",
            ("territory.administrativeunit", "territory.observation", "territory.areaversion"),
        ),
        Table(
            "czlonkowie",
            CZLONKOWIE,
            member_rows,
            "Członkowie",
            ("association.member", "association.membershipperiod", "organisations.organisation"),
        ),
        Table(
            "koperty",
            KOPERTY,
            envelope_rows,
            "Koperty",
            ("funding.agreement", "funding.allocationline", "funding.measure", "funding.exchangerate"),
        ),
        Table(
            "strategia",
            STRATEGIA,
            strategy_rows,
            "Strategia",
            ("strategy.strategyversion", "strategy.goal", "strategy.undertaking", "strategy.targetindicator"),
        ),
        Table("projekty", PROJEKTY, project_rows, "Projekty", ("opendata.catalogueproject",)),
        Table(
            "wskazniki",
            WSKAZNIKI,
            indicator_progress_rows,
            "Wskaźniki",
            (
                "contracts.progressreport",
                "contracts.contract",
                "strategy.targetindicator",
                "funding.obligation",
            ),
        ),
        Table(
            "uchwaly",
            UCHWALY,
            resolution_rows,
            "Uchwały",
            ("governance.resolution",),
        ),
        Table(
            "podmioty-ekonomii-spolecznej",
            PODMIOTY_ES,
            social_economy_rows,
            "Podmioty ekonomii społecznej",
            ("social_economy.entity", "organisations.organisation"),
        ),
    )
}


def last_modified(key: str) -> dt.datetime | None:
    """When the dataset last changed: the newest audit event on its sources (every write records one), or
    for the projects the catalogue's own stamp."""
    from zit.core.models import AuditEvent

    table = TABLES[key]
    stamps = [AuditEvent.objects.filter(object_type__in=table.sources).aggregate(at=Max("created_at"))["at"]]
    if key == "projekty":
        from zit.opendata.models import CatalogueProject

        stamps.append(CatalogueProject.objects.aggregate(at=Max("updated_at"))["at"])
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


# --- writers ------------------------------------------------------------------------------------------------------


def _plain(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal | float):
        return csv_number(value, CSV_PLAIN)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _excel(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, Decimal | float):
        return csv_number(value, CSV_EXCEL)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table, *, excel: bool = False) -> Iterator[bytes]:
    """One line at a time. Plain: UTF-8, commas, decimal points, machine names in the header. Excel:
    UTF-8 with a byte-order mark, semicolons, decimal commas and Polish headers."""
    variant = csv_variant(excel)
    writer = csv_writer(_Echo(), variant)
    cell = _excel if excel else _plain
    if variant.bom:
        yield csv_start(variant).encode()
    yield writer.writerow(spreadsheet_row(c.title if excel else c.name for c in table.columns)).encode()
    batch: list[str] = []
    for row in table.iter_rows():
        batch.append(
            writer.writerow([cell(spreadsheet_cell(row.get(c.name)), c.kind) for c in table.columns])
        )
        if len(batch) >= 500:  # fewer, larger chunks stream faster
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # a JSON number for GIS programs; amounts have two decimal places
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def geojson_lines(table: Table) -> Iterator[bytes]:
    """A FeatureCollection (RFC 7946, WGS84), written feature by feature; rows without a location have a
    null geometry."""
    yield b'{"type":"FeatureCollection","features":['
    first = True
    for row in table.iter_rows():
        properties = {c.name: row.get(c.name) for c in table.columns}
        feature = {"type": "Feature", "geometry": row.get("geometry"), "properties": properties}
        text = json.dumps(feature, ensure_ascii=False, default=_json_default, separators=(",", ":"))
        yield (text if first else "," + text).encode()
        first = False
    yield b"]}"


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


XLSX_FORMATS = {"decimal": "#,##0.00", "date": "yyyy-mm-dd"}


def xlsx_write(table: Table, target: Any) -> None:
    """A write-only workbook (rows go straight to the file, memory stays flat) saved to `target`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(table.sheet))
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=spreadsheet_cell(column.title))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table.iter_rows():
        cells: list[Any] = []
        for column in table.columns:
            value = spreadsheet_cell(row.get(column.name))
            if value is not None and column.kind in XLSX_FORMATS and not isinstance(value, float):
                cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                cell.number_format = XLSX_FORMATS[column.kind]
                cells.append(cell)
            else:
                cells.append(_xlsx_value(value))
        sheet.append(cells)
    book.save(target)


def xlsx_path(key: str) -> Path:
    """The dataset's workbook, built once per change of the data and reused until the next change."""
    stamp = last_modified(key)
    # the day too: indicator statuses and the PLN of the envelopes depend on the date
    state = f"{key}:{stamp.isoformat() if stamp else '-'}:{timezone.localdate().isoformat()}:{CELL_RULE}"
    marker = hashlib.sha256(state.encode()).hexdigest()[:16]
    directory = Path(settings.MEDIA_ROOT) / "opendata"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{key}-{marker}.xlsx"
    if stamp is None or not path.exists():
        descriptor, temporary = tempfile.mkstemp(prefix=f"{key}-", suffix=".xlsx", dir=directory)
        os.close(descriptor)
        xlsx_write(TABLES[key], temporary)
        os.replace(temporary, path)  # atomic: a parallel download never reads half a file
        for old in directory.glob(f"{key}-*.xlsx"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
