"""The office's import of an official list of operations (art. 49(3) of Regulation (EU) 2021/1060), streamed
in chunks inside one transaction: while any row has a problem nothing is written, and the report names the
file, the row and the column of every problem.

The columns are those of `published_columns`; a list in the 2014–2020 layout (without the specific objective
and the type of intervention) is read too, with a notice. Each row is located: its own coordinates when the
file gives them, else the point of the first gmina its place names (an approximate location, noted so)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.contracts.models import PublishedImport, PublishedProject
from zit.contracts.published_columns import (
    ALIASES,
    COLUMNS,
    FIELD_LABELS,
    POLAND,
    REGULATION_2021,
    REQUIRED,
    Locator,
)
from zit.core import audit
from zit.core.formatting import format_number
from zit.core.importing import ImportRejected, ImportReport
from zit.core.roles import Perm, require_unless_system
from zit.core.tables import cell_amount, cell_date, cell_rate, header_key, stream_table
from zit.territory.places import fold

CHUNK = 2000
LIMITS = {f.name: f.max_length for f in PublishedProject._meta.fields if getattr(f, "max_length", None)}
MAX_PROBLEMS = 1000
RATE_TOLERANCE = Decimal("0.005")  # half a percentage point: lists round the rate to whole percents
TEXTS = [
    name
    for name, _header, _width in COLUMNS
    if name not in {"total_pln", "eligible_pln", "eu_pln", "cofinancing_rate", "starts_on", "ends_on"}
    and name not in {"lat", "lon", "precision"}
]
# what an import writes into a row it adds or changes
WRITTEN = [
    *[name for name, _h, _w in COLUMNS if name not in {"contract_number", "precision"}],
    "precision",
    "geometry",
    "located_in",
]


@dataclass
class ImportSummary:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    notices: list[str] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows_read": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


class _Rows:
    """Parses one row into model values, adding every problem to the report."""

    def __init__(self, file: str, columns: dict[str, str], report: ImportReport, locator: Locator):
        self.file = file
        self.columns = columns  # field -> header in the file
        self.report = report
        self.locator = locator
        self.required = REQUIRED + [name for name in REGULATION_2021 if name in columns]
        self.seen: dict[str, int] = {}
        self.unlisted = 0  # problems past the cap: counted, not listed
        self.unlocated = 0  # rows whose place names no gmina the platform knows, and no coordinates

    def problem(self, row: int, field: str, message: str) -> None:
        if len(self.report.problems) < MAX_PROBLEMS:
            self.report.add(self.file, row, str(FIELD_LABELS.get(field, field)), message)
        else:
            self.unlisted += 1

    def _numbers(self, number: int, raw: dict[str, str], values: dict[str, Any]) -> bool:
        ok = True
        for name in ("total_pln", "eligible_pln", "eu_pln"):
            try:
                values[name] = cell_amount(raw.get(name, ""))
            except ValueError:
                self.problem(number, name, _("„%(v)s” to nie kwota.") % {"v": raw[name]})
                ok = False
                continue
            if values[name] is not None and values[name] < 0:
                self.problem(number, name, _("Kwota nie może być ujemna."))
                ok = False
        try:
            values["cofinancing_rate"] = cell_rate(raw.get("cofinancing_rate", ""))
        except ValueError:
            self.problem(
                number,
                "cofinancing_rate",
                _("„%(v)s” to nie poziom dofinansowania (np. 85%%).") % {"v": raw["cofinancing_rate"]},
            )
            ok = False
        for name in ("starts_on", "ends_on"):
            try:
                values[name] = cell_date(raw.get(name, ""))
            except ValueError:
                self.problem(
                    number, name, _("„%(v)s” to nie data (RRRR-MM-DD lub DD.MM.RRRR).") % {"v": raw[name]}
                )
                ok = False
        return ok

    def _coordinate(self, number: int, name: str, text: str) -> float | None:
        try:
            return round(float(text.replace(",", ".").replace(" ", "")), 5)
        except ValueError:
            self.problem(number, name, _("„%(v)s” to nie współrzędna (stopnie, np. 52,22340).") % {"v": text})
            return None

    def _location(self, number: int, raw: dict[str, str], values: dict[str, Any]) -> bool:
        """The row's own coordinates (WGS84 degrees) when given and not marked approximate, else the point of
        the first gmina its place names; a row with neither stays off the map and is counted."""
        lat_text, lon_text = raw.get("lat", ""), raw.get("lon", "")
        approximate = fold(raw.get("precision", "")).startswith(("przyblizona", "approximate"))
        location = None
        if (lat_text or lon_text) and not approximate:
            if not (lat_text and lon_text):
                missing = "lon" if lat_text else "lat"
                self.problem(number, missing, _("Podaj obie współrzędne albo żadnej."))
                return False
            lat, lon = self._coordinate(number, "lat", lat_text), self._coordinate(number, "lon", lon_text)
            if lat is None or lon is None:
                return False
            min_lon, min_lat, max_lon, max_lat = POLAND
            if not (min_lat <= lat <= max_lat and min_lon <= lon <= max_lon):
                self.problem(
                    number,
                    "lat",
                    _(
                        "Punkt %(lat)s, %(lon)s leży poza Polską: podaj szerokość i długość geograficzną w "
                        "stopniach (WGS84), np. 52,22340 i 18,25120."
                    )
                    % {"lat": lat_text, "lon": lon_text},
                )
                return False
            location = {"lon": lon, "lat": lat, "precision": "exact", "located_in": ""}
        else:
            found = self.locator.of_place(values["place"])
            location = {
                "lon": found.lon,
                "lat": found.lat,
                "precision": found.precision,
                "located_in": found.located_in,
            }
            if found.lon is None:
                self.unlocated += 1
        values.update(location, geometry=None)
        return True

    def parse(self, number: int, cells: dict[str, str]) -> dict[str, Any] | None:
        raw = {name: cells.get(header, "").strip() for name, header in self.columns.items()}
        values: dict[str, Any] = {}
        ok = True
        for name in self.required:
            if not raw.get(name):
                self.problem(number, name, _("Pole jest wymagane."))
                ok = False
        ok = self._numbers(number, raw, values) and ok
        for name in TEXTS:
            values[name] = raw.get(name, "")
        values["country"] = values["country"] or "Polska"
        for name, limit in LIMITS.items():
            if isinstance(values.get(name), str) and len(values[name]) > limit:
                self.problem(number, name, _("Za długie: najwyżej %(n)d znaków.") % {"n": limit})
                ok = False
        if not ok:
            return None
        ok = self._location(number, raw, values)
        ok = self._rules(number, values) and ok
        return values if ok else None

    def _rules(self, number: int, values: dict[str, Any]) -> bool:
        ok = True
        total, eligible, eu, rate = (
            values["total_pln"],
            values["eligible_pln"],
            values["eu_pln"],
            values["cofinancing_rate"],
        )
        if eligible > total:
            self.problem(number, "eligible_pln", _("Wydatki kwalifikowalne są większe niż wartość projektu."))
            ok = False
        if eu > eligible:
            self.problem(number, "eu_pln", _("Dofinansowanie UE jest większe niż wydatki kwalifikowalne."))
            ok = False
        elif eligible and abs(eu / eligible - rate) > RATE_TOLERANCE:
            self.problem(
                number,
                "cofinancing_rate",
                _(
                    "Poziom %(r)s%% nie zgadza się z kwotami: dofinansowanie ÷ wydatki kwalifikowalne = %(c)s%%."
                )
                % {"r": format_number(rate * 100, 2), "c": format_number(eu / eligible * 100, 2)},
            )
            ok = False
        if values["ends_on"] < values["starts_on"]:
            self.problem(number, "ends_on", _("Projekt nie może się skończyć przed rozpoczęciem."))
            ok = False
        key = values["contract_number"]  # exact, as the unique constraint compares
        if key in self.seen:
            self.problem(
                number,
                "contract_number",
                _("Ten numer umowy jest już w wierszu %(n)d.") % {"n": self.seen[key]},
            )
            ok = False
        self.seen[key] = number
        return ok


def published_columns(header: list[str]) -> tuple[dict[str, str], list[str]]:
    """The file's header → {field: header}; and the fields it lacks (a list of the 2014–2020 layout lacks
    both columns added in 2021–2027 and may; one of them alone is a missing column)."""
    found: dict[str, str] = {}
    for column in header:
        field = ALIASES.get(header_key(column))
        if field and field not in found:
            found[field] = column
    missing = [name for name in REQUIRED if name not in found]
    if any(name in found for name in REGULATION_2021):
        missing += [name for name in REGULATION_2021 if name not in found]
    return found, missing


def _update_rows(rows: list[PublishedProject], names: list[str]) -> None:
    """One UPDATE per row through executemany: bulk_update's CASE expressions cost about 2 ms a row to build,
    which made re-importing a changed list of 100,000 rows take minutes."""
    if not rows:
        return
    from django.db import connection

    fields = [PublishedProject._meta.get_field(name) for name in names]
    table = connection.ops.quote_name(PublishedProject._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    params = [
        [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] + [row.pk] for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", params)


def _apply_chunk(chunk: list[dict[str, Any]], batch: PublishedImport, summary: ImportSummary) -> None:
    numbers = [values["contract_number"] for values in chunk]
    existing = {
        row.contract_number: row for row in PublishedProject.objects.filter(contract_number__in=numbers)
    }
    new, changed, filled = [], [], []
    names = WRITTEN
    now = timezone.now()
    for values in chunk:
        row = existing.get(values["contract_number"])
        if row is None:
            new.append(
                PublishedProject(
                    **values, origin=PublishedProject.Origin.IMPORT, batch=batch, is_demo=batch.is_demo
                )
            )
        elif row.origin == PublishedProject.Origin.PLATFORM:
            # the contract's figures are the platform's; the specific objective and the type of intervention
            # are the managing authority's, so the row takes them from its list
            if any(values[n] and getattr(row, n) != values[n] for n in REGULATION_2021):
                for name in REGULATION_2021:
                    setattr(row, name, values[name] or getattr(row, name))
                row.updated_at = now
                filled.append(row)
            summary.skipped += 1
            if summary.notices is not None and len(summary.notices) < MAX_PROBLEMS:
                summary.notices.append(
                    _(
                        "Umowa %(n)s jest prowadzona w platformie: jej wiersz pochodzi z umowy, a różnice pokaże "
                        "uzgodnienie z IZ."
                    )
                    % {"n": row.contract_number}
                )
        elif any(getattr(row, name) != values[name] for name in names):
            for name in names:
                setattr(row, name, values[name])
            row.batch, row.is_demo, row.updated_at = batch, batch.is_demo, now  # bulk_update skips auto_now
            changed.append(row)
        else:
            summary.unchanged += 1
    PublishedProject.objects.bulk_create(new, batch_size=500)
    _update_rows(changed, [*names, "batch", "is_demo", "updated_at"])
    _update_rows(filled, [*REGULATION_2021, "updated_at"])
    summary.created += len(new)
    summary.updated += len(changed)


def published_import(
    *,
    actor: Any,
    batch: PublishedImport,
    path: Path,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportSummary:
    """Upsert the rows of an official list by contract number, streamed in chunks inside one transaction:
    when any row has a problem the whole import is rolled back and the report lists every problem."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    report = ImportReport()
    table = stream_table(batch.file_name, path, report)
    columns, missing = published_columns(table.columns)
    for name in missing:
        header = str(next(h for n, h, _w in COLUMNS if n == name))
        report.add(batch.file_name, table.header_row, header, _("Brak kolumny „%(c)s”.") % {"c": header})
    if missing:
        raise ImportRejected(report)
    estimated = max(table.estimated_rows, 1)
    summary = ImportSummary(notices=[])
    if not any(name in columns for name in REGULATION_2021):
        summary.notices.append(
            _(
                "Plik ma układ wykazu 2014–2020: bez kolumn „Cel szczegółowy” i „Rodzaj interwencji”, których "
                "wymaga art. 49 ust. 3 lit. j i n rozporządzenia 2021/1060. Wiersze zapisano bez nich; wgraj "
                "wykaz w układzie 2021–2027, aby je uzupełnić."
            )
        )
    parser = _Rows(batch.file_name, columns, report, Locator())
    with transaction.atomic():
        chunk: list[dict[str, Any]] = []
        for number, cells in table.rows:
            summary.rows_read += 1
            values = parser.parse(number, cells)
            if values is not None and report.ok:
                chunk.append(values)
            if len(chunk) >= CHUNK:
                _apply_chunk(chunk, batch, summary)
                chunk = []
            if progress and summary.rows_read % CHUNK == 0:
                progress(number, estimated, _("Wczytane wiersze: %(n)d") % {"n": summary.rows_read})
        if not report.ok:
            raise ImportRejected(report, rows_read=summary.rows_read, unlisted=parser.unlisted)
        if chunk:
            _apply_chunk(chunk, batch, summary)
        if summary.rows_read == 0:
            report.add(batch.file_name, None, "", _("Plik nie zawiera żadnego wiersza pod nagłówkiem."))
            raise ImportRejected(report)
        if parser.unlocated:
            summary.notices.insert(
                0,
                _(
                    "Wiersze bez lokalizacji: %(n)d. Ich miejsce realizacji nie wskazuje gminy znanej platformie, "
                    "a plik nie podaje współrzędnych, więc nie ma ich na mapie ani w OGC API. Popraw miejsce "
                    "realizacji (nazwa gminy lub kod TERC) albo podaj szerokość i długość geograficzną."
                )
                % {"n": parser.unlocated},
            )
        PublishedImport.objects.filter(pk=batch.pk).update(
            status=PublishedImport.Status.DONE, notices=summary.notices, **summary.as_dict()
        )
        audit.record(
            actor=actor,
            action="contracts.published_import",
            obj=batch,
            after=summary.as_dict() | {"file": batch.file_name, "sha256": batch.file_sha256},
        )
    return summary


def import_template_csv() -> bytes:
    from zit.contracts.published import csv_lines

    return b"".join(csv_lines([]))


def problems_text(rejected: ImportRejected) -> list[str]:
    listed = [str(p) for p in rejected.report.problems]
    if rejected.unlisted:
        listed.append(
            _("Dalsze problemy, niewymienione tutaj: %(n)d. Popraw powyższe i wgraj plik ponownie.")
            % {"n": rejected.unlisted}
        )
    return listed


UPLOAD_SUFFIXES = (".csv", ".xlsx", ".txt")


@transaction.atomic
def published_import_start(*, actor: Any, upload: Any) -> PublishedImport:
    """Keep the uploaded list and queue its import as a background job (a programme's list is long).

    The file is opened and its header read first, so what the reader refuses at once (too large, not a
    spreadsheet, a declared range beyond the limits, a zip bomb, XML with a DOCTYPE) is never stored."""
    from django.core.exceptions import ValidationError

    from zit.core.jobs import job_start
    from zit.core.signed import file_sha256

    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
        raise ValidationError({"file": _("Wgraj plik CSV lub XLSX.")})
    try:
        stream_table(upload.name, upload, ImportReport()).close()
    except ImportRejected as exc:
        raise ValidationError({"file": [p.message for p in exc.report.problems]}) from exc
    batch = PublishedImport(
        file_name=upload.name, file_sha256=file_sha256(upload), created_by_label=audit.actor_label(actor)
    )
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    batch.job = job_start(
        actor=actor,
        kind="contracts.published_import",
        title=_("Import wykazu projektów: %(f)s") % {"f": upload.name},
        params={"batch": batch.pk},
    )
    batch.save(update_fields=["job"])
    return batch
