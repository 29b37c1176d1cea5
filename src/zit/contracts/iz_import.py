"""The IZ's periodic data, the import side: a kept file of a source read through its mapping, refused whole
when any row has a problem, otherwise kept row by row with what changed since the previous import of the same
source (new rows, changed fields old → new, rows that disappeared). The imported figures then become the IZ's
side of the reconciliation (`zit.contracts.reconciliation`) for the projects the platform knows.

A source with an address is fetched by a recurring job when the platform has network; without it the last
import stays in force and the source says so."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.contracts import iz_sources as sources
from zit.contracts.models import Contract, IzFeed, IzFeedChange, IzFeedImport, IzFeedRow, IzSource
from zit.contracts.reconciliation_fields import normalised
from zit.core import audit, safe_fetch
from zit.core.files import local_path
from zit.core.formatting import format_datetime
from zit.core.importing import ImportRejected, ImportReport
from zit.core.roles import Perm, require_unless_system
from zit.core.table_limits import TableLimits
from zit.projects.models import ProjectCard

Progress = Callable[[int, int, str], None]
MAX_LISTED_PROBLEMS = 200
FETCH_TIMEOUT_SECONDS = 30
FETCH_TOTAL_SECONDS = 120  # the whole download, however slowly the server sends it
# the fields the reconciliation compares, as the import keeps them
RECONCILED = (
    "application_number",
    "title",
    "total_pln",
    "eligible_pln",
    "eu_pln",
    "signed_on",
    "starts_on",
    "ends_on",
    "spent_pln",
)


def _require(actor: Any) -> None:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)


def feed_import_start(*, actor: Any, batch: IzFeedImport) -> IzFeedImport:
    """Queue the import of a previewed file as a background job with a progress bar."""
    from zit.core.jobs import job_start

    _require(actor)
    with transaction.atomic():
        batch = IzFeedImport.objects.select_for_update().get(pk=batch.pk)
        if batch.status != IzFeedImport.Status.PREVIEW:
            raise ValidationError(_("Ten plik jest już zaimportowany albo odrzucony."))
        batch.status = IzFeedImport.Status.RUNNING
        batch.job = job_start(
            actor=actor,
            kind="contracts.iz_feed_import",
            title=_("Import danych IZ: %(s)s, %(f)s") % {"s": batch.feed.name, "f": batch.file_name},
            params={"batch": batch.pk},
        )
        batch.save(update_fields=["status", "job"])
    return batch


# --- reading the whole file -----------------------------------------------------------------------------------


def _read_rows(batch: IzFeedImport, progress: Progress | None) -> dict[str, tuple[int, dict[str, str]]]:
    """Every row keyed, or ImportRejected listing every problem by file, row and column."""
    feed = batch.feed
    report = ImportReport()
    rows: dict[str, tuple[int, dict[str, str]]] = {}
    read = 0
    fields = [f for f in sources.fields_of(feed.kind) if f.key in feed.mapping]
    keys = sources.key_fields(feed.kind)
    with local_path(batch.file) as path:
        table = sources.open_table(feed, batch.file_name, path, report)
        columns = sources.columns_for(feed, table, report)
        if not report.ok:
            table.close()
            raise ImportRejected(report)
        for number, cells in table.rows:
            read += 1
            if progress and read % 500 == 0:
                progress(read, max(table.estimated_rows, read), _("Odczytano wierszy: %(n)d") % {"n": read})
            values: dict[str, str] = {}
            for field in fields:
                text = cells.get(columns[field.key], "")
                try:
                    values[field.key] = sources.parse_value(feed, field, text)
                except ValueError:
                    report.add(
                        batch.file_name, number, feed.mapping[field.key], sources.unreadable(field, text)
                    )
            missing = [k for k in keys if not values.get(k)]
            if missing:
                report.add(
                    batch.file_name,
                    number,
                    feed.mapping[missing[0]],
                    _("Brak wartości „%(f)s”: po niej łączymy wiersze.")
                    % {"f": sources.FIELD_BY_KEY[missing[0]].label},
                )
                continue
            key = " / ".join(normalised(values[k]) for k in keys)[:300]
            if key in rows:
                report.add(
                    batch.file_name,
                    number,
                    feed.mapping[keys[0]],
                    _("„%(k)s” jest już w wierszu %(n)d.") % {"k": key, "n": rows[key][0]},
                )
                continue
            rows[key] = (number, values)
    batch.rows_read = read
    if not report.ok:
        raise ImportRejected(report, rows_read=read)
    if not rows:
        report.add(batch.file_name, None, "", _("Plik nie ma żadnego wiersza danych pod nagłówkiem."))
        raise ImportRejected(report)
    return rows


def _previous(batch: IzFeedImport) -> IzFeedImport | None:
    return (
        IzFeedImport.objects.filter(feed=batch.feed, status=IzFeedImport.Status.DONE)
        .exclude(pk=batch.pk)
        .order_by("-created_at", "-pk")
        .first()
    )


def _changes(
    batch: IzFeedImport, rows: dict[str, tuple[int, dict[str, str]]], before: dict[str, dict[str, str]]
) -> tuple[list[IzFeedChange], int]:
    changes: list[IzFeedChange] = []
    unchanged = 0
    for key, (_number, values) in rows.items():
        old = before.get(key)
        if old is None:
            changes.append(IzFeedChange(batch=batch, kind=IzFeedChange.Kind.ADDED, key=key))
            continue
        differing = [f for f in values if values.get(f, "") != old.get(f, "")]
        for field in differing:
            changes.append(
                IzFeedChange(
                    batch=batch,
                    kind=IzFeedChange.Kind.CHANGED,
                    key=key,
                    field=field,
                    old_value=old.get(field, "")[:500],
                    new_value=values.get(field, "")[:500],
                )
            )
        unchanged += not differing
    for key in before.keys() - rows.keys():
        changes.append(IzFeedChange(batch=batch, kind=IzFeedChange.Kind.REMOVED, key=key))
    return changes, unchanged


@dataclass
class Summary:
    rows: int
    added: int
    changed: int
    removed: int
    unchanged: int


def feed_import_run(*, actor: Any, batch: IzFeedImport, progress: Progress | None = None) -> Summary:
    """Import a kept file whole, or nothing: the rows, the changes since the previous import, then the IZ's
    figures into the reconciliation. ImportRejected (with the batch marked refused) when any row has a problem."""
    _require(actor)
    if batch.status in {IzFeedImport.Status.DONE, IzFeedImport.Status.REJECTED}:
        raise ValidationError(_("Ten plik jest już zaimportowany albo odrzucony."))
    try:
        rows = _read_rows(batch, progress)
    except ImportRejected as exc:
        problems = [str(p) for p in exc.report.problems[:MAX_LISTED_PROBLEMS]]
        IzFeedImport.objects.filter(pk=batch.pk).update(
            status=IzFeedImport.Status.REJECTED, problems=problems, rows_read=exc.rows_read
        )
        batch.status, batch.problems = IzFeedImport.Status.REJECTED, problems
        raise
    with transaction.atomic():
        feed = IzFeed.objects.select_for_update().get(pk=batch.feed_id)
        previous = _previous(batch)
        before = {r.key: r.values for r in previous.rows.all()} if previous else {}
        changes, unchanged = _changes(batch, rows, before)
        IzFeedRow.objects.bulk_create(
            [IzFeedRow(batch=batch, key=k, row=n, values=v) for k, (n, v) in rows.items()], batch_size=2000
        )
        IzFeedChange.objects.bulk_create(changes, batch_size=2000)
        kinds = [c.kind for c in changes]
        batch.added = kinds.count(IzFeedChange.Kind.ADDED)
        batch.removed = kinds.count(IzFeedChange.Kind.REMOVED)
        batch.changed = len({c.key for c in changes if c.kind == IzFeedChange.Kind.CHANGED})
        batch.unchanged = unchanged
        batch.mapping = feed.mapping
        batch.status = IzFeedImport.Status.DONE
        batch.problems = []
        batch.save(
            update_fields=[
                "added",
                "removed",
                "changed",
                "unchanged",
                "rows_read",
                "mapping",
                "status",
                "problems",
            ]
        )
        summary = Summary(len(rows), batch.added, batch.changed, batch.removed, unchanged)
        audit.record(actor=actor, action="contracts.iz_feed_import", obj=batch, after=summary.__dict__)
        if progress:
            progress(95, 100, _("Porównanie z danymi platformy"))
        batch.reconciliation = feed_reconcile(actor=actor, feed=feed, rows=rows)
        if batch.reconciliation is not None:
            batch.save(update_fields=["reconciliation"])
    return summary


# --- into the reconciliation ----------------------------------------------------------------------------------


def _known_rows(rows: dict[str, tuple[int, dict[str, str]]]) -> list[dict[str, str]]:
    """The rows of projects the platform knows (by contract number): a programme-wide list holds many more."""
    contracts = {normalised(n) for n in Contract.objects.values_list("number", flat=True)}
    applications = {
        normalised(n)
        for n in ProjectCard.objects.exclude(application_number="").values_list(
            "application_number", flat=True
        )
    }
    return [
        values
        for _n, values in rows.values()
        if normalised(values.get("contract_number", "")) in contracts
        or normalised(values.get("application_number", "")) in applications
    ]


def feed_reconcile(*, actor: Any, feed: IzFeed, rows: dict[str, tuple[int, dict[str, str]]]) -> Any:
    """Compare the imported figures with the platform's through the existing reconciliation: the rows of known
    projects are handed over as an export of the source's own reconciliation source, with its mapping."""
    from zit.contracts.reconciliation import reconciliation_upload

    if feed.kind == IzFeed.Kind.CLAIMS:
        return None  # a claim is not a project's figure; the claims are shown on their own
    compared = [k for k in RECONCILED if k in feed.mapping]
    if not any(k != "title" for k in compared):
        return None
    known = _known_rows(rows)
    if not known:
        return None
    source = feed.reconciliation_source
    if source is None:
        name = _("Dane okresowe IZ: %(s)s") % {"s": feed.name}
        source, _created = IzSource.objects.get_or_create(
            name=name[:200], defaults={"system": IzSource.System.OTHER, "is_demo": feed.is_demo}
        )
        feed.reconciliation_source = source
        feed.save(update_fields=["reconciliation_source", "updated_at"])
    headers = ["contract_number", "title", *[k for k in compared if k != "title"]]
    if source.mapping != {h: h for h in headers}:
        source.mapping = {h: h for h in headers}
        source.save(update_fields=["mapping", "updated_at"])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    for values in known:
        writer.writerow([values.get(h, "") for h in headers])
    upload = SimpleUploadedFile(f"iz-{feed.pk}.csv", out.getvalue().encode("utf-8"), "text/csv")
    return reconciliation_upload(actor=actor, source=source, upload=upload, is_demo=feed.is_demo)


# --- fetching from an address -------------------------------------------------------------------------------


class FetchFailed(Exception):
    pass


def fetch_url(url: str, max_bytes: int) -> bytes:
    """The file at the address, at most `max_bytes`, within FETCH_TOTAL_SECONDS (FetchFailed when there is no
    network, the file is larger or slower, or the address is not https to a public server)."""
    import urllib.error

    try:
        return safe_fetch.fetch(
            url, max_bytes=max_bytes, timeout=FETCH_TIMEOUT_SECONDS, total_seconds=FETCH_TOTAL_SECONDS
        )
    except safe_fetch.SafeFetchError as exc:
        raise FetchFailed(str(exc)) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchFailed(_("Nie udało się pobrać pliku (%(e)s).") % {"e": exc}) from exc


def _last_done(feed: IzFeed) -> IzFeedImport | None:
    return feed.imports.filter(status=IzFeedImport.Status.DONE).order_by("-created_at", "-pk").first()


def _note(feed: IzFeed, text: str) -> str:
    IzFeed.objects.filter(pk=feed.pk).update(fetch_note=text[:500], fetched_at=timezone.now())
    return text


def feed_fetch_start(*, actor: Any, feed: IzFeed) -> Any:
    """The office's "pobierz teraz": the fetch and import of the source's address as a background job."""
    from zit.core.jobs import job_start

    _require(actor)
    if not feed.url:
        raise ValidationError(_("To źródło nie ma adresu pliku."))
    return job_start(
        actor=actor,
        kind="contracts.iz_feed_fetch",
        title=_("Pobranie danych IZ z adresu: %(s)s") % {"s": feed.name},
        params={"feed": feed.pk},
    )


def feed_fetch(*, actor: Any, feed: IzFeed, progress: Progress | None = None) -> str:
    """Fetch the source's address and import the file when it changed; say what happened on the source.
    `actor` None only for the recurring job."""
    _require(actor)
    if not feed.url:
        return ""
    last = _last_done(feed)
    kept = (
        _("zostaje ostatni import z %(d)s") % {"d": format_datetime(last.created_at)}
        if last
        else _("nie ma jeszcze żadnego importu")
    )
    try:
        data = fetch_url(feed.url, TableLimits.from_settings().max_bytes)
    except FetchFailed as exc:
        return _note(feed, _("Bez połączenia z adresem źródła: %(e)s; %(k)s.") % {"e": exc, "k": kept})
    if last and last.file_sha256 == hashlib.sha256(data).hexdigest():
        return _note(feed, _("Plik pod adresem bez zmian od ostatniego importu."))
    name = f"{slug_name(feed)}.{feed.file_format}"
    try:
        batch = sources.feed_upload(
            actor=actor, feed=feed, upload=SimpleUploadedFile(name, data), origin=IzFeedImport.Origin.URL
        )
    except ValidationError as exc:  # a refused file: the message names what is wrong
        return _note(
            feed, _("Pobrany plik odrzucono: %(e)s; %(k)s.") % {"e": " ".join(exc.messages), "k": kept}
        )
    try:
        summary = feed_import_run(actor=actor, batch=batch, progress=progress)
    except ImportRejected:
        return _note(feed, _("Pobrany plik odrzucono (błędy w wierszach); %(k)s.") % {"k": kept})
    return _note(
        feed,
        _("Pobrano i zaimportowano: nowe %(a)d, zmienione %(c)d, zniknęły %(r)d.")
        % {"a": summary.added, "c": summary.changed, "r": summary.removed},
    )


def slug_name(feed: IzFeed) -> str:
    from django.utils.text import slugify

    return slugify(feed.name)[:60] or f"zrodlo-{feed.pk}"


def feeds_fetch(progress: Progress | None = None) -> dict[str, str]:
    """Every source with an address, one after another (the recurring job)."""
    feeds = list(IzFeed.objects.exclude(url=""))
    notes = {}
    for done, feed in enumerate(feeds):
        if progress:
            progress(done, len(feeds), feed.name)
        notes[feed.name] = feed_fetch(actor=None, feed=feed)
    return notes


# --- for monitoring ---------------------------------------------------------------------------------------------


def iz_figures(contract_number: str) -> list[tuple[IzFeed, IzFeedImport, dict[str, str]]]:
    """What the last import of each source says about one contract (claims: every claim), for the pages that
    show the IZ's figures beside the platform's."""
    wanted = normalised(contract_number)
    found = []
    for feed in IzFeed.objects.all():
        last = _last_done(feed)
        if last is None:
            continue
        for row in last.rows.filter(key__startswith=wanted):
            if row.key == wanted or row.key.startswith(f"{wanted} / "):
                found.append((feed, last, row.values))
    return found


def iz_card_figures(*, user: Any, card: Any) -> list[dict[str, Any]]:
    """For the card's page (the office's): what the last import of each source says about its contract."""
    from zit.core.roles import has_perm

    contract = getattr(card, "contract", None)
    if contract is None or not has_perm(user, Perm.PROJECTS_MANAGE):
        return []
    return [
        {
            "feed": feed,
            "batch": batch,
            "values": [
                (sources.FIELD_BY_KEY[key].label, sources.shown(key, value))
                for key, value in values.items()
                if value and key in sources.FIELD_BY_KEY and key != "contract_number"
            ],
        }
        for feed, batch, values in iz_figures(contract.number)
    ]
