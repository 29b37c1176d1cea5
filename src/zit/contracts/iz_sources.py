"""The IZ's periodic data, the source side: what each kind of file can hold (the platform's fields), the column
mapping the office saves per source, reading a cell as the source writes numbers, and the preview of the
mapping on the first rows of an uploaded file.

No layout is fixed here: each source maps the platform's fields to the headers of its own file, because the
managing authority's lists and extracts change their columns. A header matches whatever its case, spaces or
unit in brackets ("Wartość projektu (PLN)" is "wartość projektu")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.contracts.models import IzFeed, IzFeedImport
from zit.core import audit
from zit.core.files import local_path
from zit.core.formatting import format_amount, format_date
from zit.core.importing import ImportRejected, ImportReport
from zit.core.money import to_decimal
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import file_sha256
from zit.core.tables import StreamedTable, cell_date, cell_rate, header_key, stream_table

Kind = IzFeed.Kind


@dataclass(frozen=True)
class FeedField:
    key: str
    label: Any
    type: str  # text, amount, rate, date


FEED_FIELDS = [
    FeedField("contract_number", gettext_lazy("numer umowy"), "text"),
    FeedField("application_number", gettext_lazy("numer wniosku"), "text"),
    FeedField("claim_number", gettext_lazy("numer wniosku o płatność"), "text"),
    FeedField("title", gettext_lazy("tytuł projektu"), "text"),
    FeedField("beneficiary", gettext_lazy("beneficjent"), "text"),
    FeedField("specific_objective", gettext_lazy("cel szczegółowy"), "text"),
    FeedField("intervention", gettext_lazy("zakres interwencji"), "text"),
    FeedField("place", gettext_lazy("miejsce realizacji"), "text"),
    FeedField("status", gettext_lazy("status"), "text"),
    FeedField("signed_on", gettext_lazy("data zawarcia umowy"), "date"),
    FeedField("starts_on", gettext_lazy("początek realizacji"), "date"),
    FeedField("ends_on", gettext_lazy("koniec realizacji"), "date"),
    FeedField("submitted_on", gettext_lazy("data złożenia wniosku o płatność"), "date"),
    FeedField("total_pln", gettext_lazy("wartość projektu"), "amount"),
    FeedField("eligible_pln", gettext_lazy("wydatki kwalifikowalne"), "amount"),
    FeedField("eu_pln", gettext_lazy("dofinansowanie UE"), "amount"),
    FeedField("cofinancing_rate", gettext_lazy("poziom dofinansowania UE"), "rate"),
    FeedField("claimed_pln", gettext_lazy("wydatki we wniosku o płatność"), "amount"),
    FeedField("spent_pln", gettext_lazy("wydatki rozliczone"), "amount"),
    FeedField("paid_pln", gettext_lazy("kwota wypłacona"), "amount"),
]
FIELD_BY_KEY = {f.key: f for f in FEED_FIELDS}
_COMMON = ("contract_number", "application_number", "title", "beneficiary")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.OPERATIONS: (
        *_COMMON,
        "specific_objective",
        "intervention",
        "place",
        "starts_on",
        "ends_on",
        "total_pln",
        "eligible_pln",
        "eu_pln",
        "cofinancing_rate",
    ),
    Kind.CONTRACTS: (
        *_COMMON,
        "status",
        "signed_on",
        "starts_on",
        "ends_on",
        "total_pln",
        "eligible_pln",
        "eu_pln",
    ),
    Kind.CLAIMS: (
        "contract_number",
        "claim_number",
        "title",
        "status",
        "submitted_on",
        "claimed_pln",
        "spent_pln",
        "paid_pln",
    ),
    Kind.AMOUNTS: (
        "contract_number",
        "title",
        "total_pln",
        "eligible_pln",
        "eu_pln",
        "spent_pln",
        "paid_pln",
    ),
}
# a row is one contract, or one claim of a contract
KEY_FIELDS: dict[str, tuple[str, ...]] = {Kind.CLAIMS: ("contract_number", "claim_number")}
PREVIEW_ROWS = 5


def fields_of(kind: str) -> list[FeedField]:
    return [FIELD_BY_KEY[k] for k in KIND_FIELDS[kind]]


def key_fields(kind: str) -> tuple[str, ...]:
    return KEY_FIELDS.get(kind, ("contract_number",))


def _require(actor: Any) -> None:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)


# --- the source and its mapping -----------------------------------------------------------------------------


def mapping_problems(kind: str, mapping: dict[str, str]) -> dict[str, list[str]]:
    """The fields a row is keyed by must be mapped; one header serves one field."""
    errors: dict[str, list[str]] = {}
    if not mapping:
        return errors  # a new source: the columns are mapped on its own page
    for key in key_fields(kind):
        if not mapping.get(key):
            errors.setdefault(key, []).append(
                _("Wskaż kolumnę z polem „%(f)s”: po nim łączymy wiersze kolejnych importów.")
                % {"f": FIELD_BY_KEY[key].label}
            )
    seen: dict[str, str] = {}
    for key, header in mapping.items():
        normal = header_key(header)
        if normal in seen:
            errors.setdefault(key, []).append(
                _("Ta sama kolumna jest już wskazana jako „%(f)s”.") % {"f": FIELD_BY_KEY[seen[normal]].label}
            )
        seen[normal] = key
    return errors


def _clean_mapping(kind: str, mapping: dict[str, str]) -> dict[str, str]:
    allowed = set(KIND_FIELDS[kind])
    return {k: " ".join(v.split()) for k, v in mapping.items() if k in allowed and v and v.strip()}


@transaction.atomic
def feed_save(
    *, actor: Any, feed: IzFeed | None = None, data: dict[str, Any], mapping: dict[str, str]
) -> IzFeed:
    """Create a source or change its settings and mapping (one audit event with before and after)."""
    _require(actor)
    creating = feed is None
    feed = IzFeed() if creating else IzFeed.objects.select_for_update().get(pk=feed.pk)
    before = None if creating else audit.snapshot(feed)
    for name in ("name", "kind", "file_format", "header_row", "decimal_format", "url", "is_demo"):
        if name in data:
            setattr(feed, name, data[name].strip() if isinstance(data[name], str) else data[name])
    errors: dict[str, list[str]] = {}
    try:
        feed.full_clean(exclude=["mapping"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if feed.url and not feed.url.lower().startswith("https://"):
        errors.setdefault("url", []).append(
            _(
                "Podaj adres zaczynający się od https:// – platforma pobiera pliki tylko połączeniem szyfrowanym."
            )
        )
    if feed.kind in KIND_FIELDS:
        feed.mapping = _clean_mapping(feed.kind, mapping)
        for key, messages in mapping_problems(feed.kind, feed.mapping).items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    feed.save()
    audit.record(
        actor=actor,
        action="contracts.iz_feed_create" if creating else "contracts.iz_feed_update",
        obj=feed,
        before=before,
        after=audit.snapshot(feed),
    )
    return feed


# --- reading cells ----------------------------------------------------------------------------------------


_CURRENCY_WORDS = ("pln", "zł", "zl")


def parse_value(feed: IzFeed, field: FeedField, text: str) -> str:
    """The cell as it is kept and compared: amounts as "1234.56", rates as "0.85", dates ISO, text as written
    (spaces collapsed). ValueError when the cell cannot be read; an empty cell is ""."""
    value = text.strip()
    if not value:
        return ""
    if field.type == "amount":
        lower = value.lower()
        for word in _CURRENCY_WORDS:
            lower = lower.removesuffix(word).strip()
        if lower in {"-", "–"}:
            return ""
        amount = to_decimal(lower, comma_groups=feed.decimal_format == IzFeed.Decimal.POINT)
        return str(amount.quantize(Decimal("0.01")))
    if field.type == "rate":
        if feed.decimal_format == IzFeed.Decimal.POINT:
            value = value.replace(",", "")
        rate = cell_rate(value)
        return str(rate) if rate is not None else ""
    if field.type == "date":
        date = cell_date(value)
        return date.isoformat() if date else ""
    return " ".join(value.split())


def shown(key: str, stored: str) -> str:
    """A kept value as people read it."""
    field = FIELD_BY_KEY.get(key)
    if not stored or field is None:
        return stored
    if field.type == "amount":
        return format_amount(Decimal(stored))
    if field.type == "rate":
        return f"{Decimal(stored) * 100:.2f}".replace(".", ",") + " %"
    if field.type == "date":
        import datetime as dt

        return format_date(dt.date.fromisoformat(stored))
    return stored


def unreadable(field: FeedField, text: str) -> str:
    if field.type == "date":
        return _("Nie da się odczytać daty „%(v)s” (np. 2024-03-15 albo 15.03.2024).") % {"v": text}
    if field.type == "rate":
        return _("Nie da się odczytać poziomu dofinansowania „%(v)s” (np. 85%% albo 0,85).") % {"v": text}
    return _("Nie da się odczytać kwoty „%(v)s”.") % {"v": text}


def columns_for(feed: IzFeed, table: StreamedTable, report: ImportReport) -> dict[str, str]:
    """Each mapped field's column in this file; a mapped header the file lacks is a problem naming the file,
    the header row and the header."""
    by_key = {header_key(c): c for c in table.columns if c}
    found = {}
    unmapped = [k for k in key_fields(feed.kind) if k not in feed.mapping]
    if unmapped:
        report.add(
            table.file,
            None,
            "",
            _("Najpierw przypisz kolumnę do pola „%(f)s” w ustawieniach źródła.")
            % {"f": FIELD_BY_KEY[unmapped[0]].label},
        )
    for key, header in feed.mapping.items():
        column = by_key.get(header_key(header))
        if column is None:
            report.add(
                table.file,
                table.header_row,
                header,
                _("W wierszu nagłówka nie ma kolumny „%(h)s” przypisanej do pola „%(f)s”.")
                % {"h": header, "f": FIELD_BY_KEY[key].label},
            )
        else:
            found[key] = column
    return found


def open_table(feed: IzFeed, name: str, source: Any, report: ImportReport) -> StreamedTable:
    """The file read as the source says (its format and header row)."""
    if not name.lower().endswith(f".{feed.file_format}") and not (
        feed.file_format == IzFeed.Format.CSV and name.lower().endswith(".txt")
    ):
        report.add(
            name,
            None,
            "",
            _("To źródło przyjmuje pliki %(f)s; wgraj plik w tym formacie albo zmień format źródła.")
            % {"f": feed.get_file_format_display()},
        )
        raise ImportRejected(report)
    return stream_table(name, source, report, header_row=feed.header_row)


# --- upload and preview -------------------------------------------------------------------------------------


def _read_whole(feed: IzFeed, upload: Any) -> None:
    """The whole file read once before it is kept: what the reader refuses (too large, not a spreadsheet, a
    zip bomb, a sheet beyond the limits) is never stored."""
    report = ImportReport()
    try:
        table = open_table(feed, upload.name, upload, report)
        for _row in table.rows:
            pass
    except ImportRejected as exc:
        raise ValidationError({"file": [str(p) for p in exc.report.problems]}) from exc


@transaction.atomic
def feed_upload(
    *, actor: Any, feed: IzFeed, upload: Any, origin: str = IzFeedImport.Origin.UPLOAD
) -> IzFeedImport:
    """Keep a file of the source for its preview; the import itself is `iz_import.feed_import_start`."""
    _require(actor)
    _read_whole(feed, upload)
    batch = IzFeedImport(
        feed=feed,
        file_name=upload.name[:255],
        file_sha256=file_sha256(upload),
        origin=origin,
        created_by_label=audit.actor_label(actor),
        is_demo=feed.is_demo,
    )
    batch.file.save(upload.name, upload, save=False)
    try:
        batch.save()
        audit.record(
            actor=actor,
            action="contracts.iz_feed_upload",
            obj=batch,
            after={"feed": feed.name, "file": batch.file_name, "sha256": batch.file_sha256},
        )
    except BaseException:
        batch.file.delete(save=False)
        raise
    return batch


@dataclass
class Preview:
    headers: list[str]  # the file's header as written
    columns: dict[str, str]  # field key → the file's column
    rows: list[tuple[int, list[tuple[str, str, str]]]]  # row number, [(field key, as read, problem)]
    problems: list[str]


def feed_preview(batch: IzFeedImport) -> Preview:
    """The saved mapping applied to the first rows of the kept file: what each field would receive."""
    feed = batch.feed
    report = ImportReport()
    rows: list[tuple[int, list[tuple[str, str, str]]]] = []
    headers: list[str] = []
    columns: dict[str, str] = {}
    try:
        with local_path(batch.file) as path:
            table = open_table(feed, batch.file_name, path, report)
            headers = [label for label in table.labels if label]
            columns = columns_for(feed, table, report)
            for number, cells in table.rows:
                cells_read = []
                for field in fields_of(feed.kind):
                    if field.key not in columns:
                        continue
                    text = cells.get(columns[field.key], "")
                    try:
                        cells_read.append((field.key, shown(field.key, parse_value(feed, field, text)), ""))
                    except ValueError:
                        cells_read.append((field.key, text, unreadable(field, text)))
                rows.append((number, cells_read))
                if len(rows) >= PREVIEW_ROWS:
                    table.close()
                    break
    except ImportRejected:
        pass
    return Preview(headers, columns, rows, [str(p) for p in report.problems])
