"""The public list of projects in the columns of the official list (art. 49 of Regulation 2021/1060).

Rows of the platform's own contracts follow the contract (signing, amendments, corrections, termination);
an imported official list adds or updates the other rows by contract number. Exports stream, so the whole
list of a programme (a hundred thousand rows) never sits in memory; so does the import, which writes nothing
while any row has a problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.contracts.models import Contract, PublishedImport, PublishedProject
from zit.core import audit
from zit.core.exports import CELL_RULE, spreadsheet_cell, spreadsheet_row
from zit.core.formatting import format_number
from zit.core.importing import ImportRejected, ImportReport
from zit.core.roles import Perm, require_unless_system
from zit.core.tables import cell_amount, cell_date, cell_rate, header_key, stream_table

# (field, official header, width in the XLSX): the order of the official list
COLUMNS: list[tuple[str, str, int]] = [
    ("title", "Tytuł projektu", 50),
    ("summary", "Krótki opis projektu", 60),
    ("contract_number", "Numer umowy", 28),
    ("beneficiary", "Nazwa beneficjenta", 36),
    ("fund", "Fundusz", 10),
    ("programme", "Program", 36),
    ("priority", "Priorytet", 30),
    ("measure", "Działanie", 30),
    ("total_pln", "Wartość projektu (PLN)", 18),
    ("eligible_pln", "Wydatki kwalifikowalne (PLN)", 18),
    ("eu_pln", "Dofinansowanie UE (PLN)", 18),
    ("cofinancing_rate", "Poziom dofinansowania UE (%)", 14),
    ("place", "Miejsce realizacji projektu", 36),
    ("starts_on", "Data rozpoczęcia projektu", 14),
    ("ends_on", "Data zakończenia projektu", 14),
]
FIELD_LABELS = {
    "title": gettext_lazy("tytuł projektu"),
    "summary": gettext_lazy("krótki opis"),
    "contract_number": gettext_lazy("numer umowy"),
    "beneficiary": gettext_lazy("beneficjent"),
    "fund": gettext_lazy("fundusz"),
    "programme": gettext_lazy("program"),
    "priority": gettext_lazy("priorytet"),
    "measure": gettext_lazy("działanie"),
    "total_pln": gettext_lazy("wartość projektu"),
    "eligible_pln": gettext_lazy("wydatki kwalifikowalne"),
    "eu_pln": gettext_lazy("dofinansowanie UE"),
    "cofinancing_rate": gettext_lazy("poziom dofinansowania"),
    "place": gettext_lazy("miejsce realizacji"),
    "starts_on": gettext_lazy("data rozpoczęcia"),
    "ends_on": gettext_lazy("data zakończenia"),
}
# Headers used by the lists published in 2014–2020 and 2021–2027, as they arrive (lower case, no units).
ALIASES = {
    "tytuł projektu": "title",
    "nazwa projektu": "title",
    "krótki opis projektu": "summary",
    "opis projektu": "summary",
    "streszczenie projektu": "summary",
    "numer umowy": "contract_number",
    "nr umowy": "contract_number",
    "numer umowy/decyzji": "contract_number",
    "numer umowy o dofinansowanie": "contract_number",
    "nazwa beneficjenta": "beneficiary",
    "beneficjent": "beneficiary",
    "fundusz": "fund",
    "program": "programme",
    "program operacyjny": "programme",
    "priorytet": "priority",
    "oś priorytetowa": "priority",
    "działanie": "measure",
    "wartość projektu": "total_pln",
    "całkowita wartość projektu": "total_pln",
    "wydatki kwalifikowalne": "eligible_pln",
    "koszty kwalifikowalne": "eligible_pln",
    "dofinansowanie ue": "eu_pln",
    "współfinansowanie ue": "eu_pln",
    "kwota dofinansowania ue": "eu_pln",
    "poziom dofinansowania ue": "cofinancing_rate",
    "poziom dofinansowania": "cofinancing_rate",
    "poziom współfinansowania ue": "cofinancing_rate",
    "miejsce realizacji projektu": "place",
    "miejsce realizacji": "place",
    "lokalizacja projektu": "place",
    "data rozpoczęcia projektu": "starts_on",
    "data rozpoczęcia": "starts_on",
    "data zakończenia projektu": "ends_on",
    "data zakończenia": "ends_on",
}
REQUIRED = [name for name, _header, _width in COLUMNS if name not in {"summary", "priority", "measure"}]
CHUNK = 2000
LIMITS = {f.name: f.max_length for f in PublishedProject._meta.fields if getattr(f, "max_length", None)}
MAX_PROBLEMS = 1000
RATE_TOLERANCE = Decimal("0.005")  # half a percentage point: lists round the rate to whole percents


# --- rows of the platform's contracts -------------------------------------------------------------------------


def _place(card: Any) -> str:
    return "; ".join(f"{unit.name} ({unit.kind_label})" for unit in card.gminas.all())


def _values_from_contract(contract: Contract) -> dict[str, Any]:
    card = contract.card
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
        "is_demo": contract.is_demo,
    }


def published_refresh(contract: Contract) -> PublishedProject:
    """Bring the contract's row of the public list in step with the contract; called by every service that
    changes a contract's figures (not a user action of its own, so it records no audit event)."""
    contract = Contract.objects.select_related(
        "card__beneficiary", "card__fund", "card__measure__priority", "card__measure__programme"
    ).get(pk=contract.pk)
    values = _values_from_contract(contract)
    row, _created = PublishedProject.objects.update_or_create(
        contract_number=contract.number,
        defaults=values | {"contract": contract, "origin": PublishedProject.Origin.PLATFORM, "batch": None},
    )
    return row


def published_refresh_all() -> int:
    contracts = Contract.objects.all()
    for contract in contracts:
        published_refresh(contract)
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


def _csv_value(name: str, value: Any) -> str:
    value = spreadsheet_cell(value)
    if value is None:
        return ""
    if name == "cofinancing_rate":
        return format_number(value * 100, 2) + "%"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")  # no thousands separator: Excel keeps it a number
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[PublishedProject]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark and semicolons, the CSV a Polish Excel opens with diacritics and decimal
    commas intact; one line at a time."""
    writer = csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield "\ufeff".encode()
    yield writer.writerow(spreadsheet_row(header for _name, header, _width in COLUMNS)).encode()
    for row in rows:
        yield writer.writerow([_csv_value(name, getattr(row, name)) for name, _h, _w in COLUMNS]).encode()


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
        cell = WriteOnlyCell(sheet, value=spreadsheet_cell(title))
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
    }
    names = [name for name, _title, _width in COLUMNS]
    for row in rows:
        cells: list[Any] = []
        for name in names:
            value = spreadsheet_cell(getattr(row, name))
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
    """Changes whenever a row is added, changed or removed (or the rule for cells): names the cached XLSX of
    the whole list."""
    import hashlib

    figures = PublishedProject.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    return hashlib.sha256(repr((CELL_RULE, sorted(figures.items()))).encode()).hexdigest()[:16]


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


# --- import ---------------------------------------------------------------------------------------------------


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

    def __init__(self, file: str, columns: dict[str, str], report: ImportReport):
        self.file = file
        self.columns = columns  # field -> header in the file
        self.report = report
        self.seen: dict[str, int] = {}
        self.unlisted = 0  # problems past the cap: counted, not listed

    def problem(self, row: int, field: str, message: str) -> None:
        if len(self.report.problems) < MAX_PROBLEMS:
            self.report.add(self.file, row, str(FIELD_LABELS.get(field, field)), message)
        else:
            self.unlisted += 1

    def parse(self, number: int, cells: dict[str, str]) -> dict[str, Any] | None:
        raw = {name: cells.get(header, "").strip() for name, header in self.columns.items()}
        values: dict[str, Any] = {}
        ok = True
        for name in REQUIRED:
            if not raw.get(name):
                self.problem(number, name, _("Pole jest wymagane."))
                ok = False
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
        for name, _header, _width in COLUMNS:
            if name not in values:
                values[name] = raw.get(name, "")
        limits = {
            f.name: f.max_length for f in PublishedProject._meta.fields if getattr(f, "max_length", None)
        }
        for name, limit in limits.items():
            if isinstance(values.get(name), str) and len(values[name]) > limit:
                self.problem(number, name, _("Za długie: najwyżej %(n)d znaków.") % {"n": limit})
                ok = False
        if not ok:
            return None
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
        return values if ok else None


def published_columns(header: list[str]) -> tuple[dict[str, str], list[str]]:
    """The file's header → {field: header}; and the fields it lacks."""
    found: dict[str, str] = {}
    for column in header:
        field = ALIASES.get(header_key(column))
        if field and field not in found:
            found[field] = column
    missing = [name for name in REQUIRED if name not in found]
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
    new, changed = [], []
    names = [name for name, _h, _w in COLUMNS if name != "contract_number"]
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
        header = next(h for n, h, _w in COLUMNS if n == name)
        report.add(batch.file_name, table.header_row, header, _("Brak kolumny „%(c)s”.") % {"c": header})
    if missing:
        raise ImportRejected(report)
    estimated = max(table.estimated_rows, 1)
    summary = ImportSummary(notices=[])
    parser = _Rows(batch.file_name, columns, report)
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
