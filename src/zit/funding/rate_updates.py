"""Importing the published rates into the platform's table, and what the office sees of it.

`rates_fetch` asks each source for what is new (NBP: from a week before its newest stored table, so that a
correction is caught; the EC: the whole history of PLN since 2021), stores new rates, updates a rate the institution
corrected (with the old and new value in the audit log) and leaves equal ones alone, so a second run changes
nothing. When a source does not answer, its stored rates stay as they are and the outcome says so.
The recurring job and the office's "pobierz teraz" run it in the background (zit.funding.jobs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.formatting import format_date, format_datetime, format_month
from zit.core.models import Job
from zit.funding import rate_feeds
from zit.funding.models import ExchangeRate, RateSeries
from zit.funding.rate_feeds import FedRate, FetchError, FormatError, SeriesOutcome
from zit.funding.rates import is_stale
from zit.funding.services import check_actor

RECURRING_KIND = "funding.rates_fetch"
MANUAL_KIND = "funding.rates_fetch_now"
KINDS = (RECURRING_KIND, MANUAL_KIND)
EVERY = dt.timedelta(hours=6)
NBP_OVERLAP_DAYS = 7
RATE_PLACES = Decimal("0.000001")  # as ExchangeRate.rate stores it
SOURCES = {
    RateSeries.EC_MONTHLY: "Komisja Europejska, InforEuro (miesięczny kurs księgowy)",
    RateSeries.NBP_A: "NBP Web API, tabela A kursów średnich",
}


def fetch_enabled() -> bool:
    return bool(getattr(settings, "ZIT_RATES_FETCH", False))


def _store(actor: Any, series: str, rows: list[FedRate], outcome: SeriesOutcome) -> None:
    with transaction.atomic():
        for row in rows:
            row = FedRate(row.rate_date, row.rate.quantize(RATE_PLACES), row.table, row.source)
            existing = (
                ExchangeRate.objects.select_for_update()
                .filter(series=series, currency=rate_feeds.CURRENCY, rate_date=row.rate_date)
                .first()
            )
            source = f"{SOURCES[series]}: {row.source}" if row.source else SOURCES[series]
            if existing is None:
                ExchangeRate.objects.create(
                    series=series,
                    currency=rate_feeds.CURRENCY,
                    rate_date=row.rate_date,
                    rate=row.rate,
                    table=row.table,
                    source=source,
                )
                outcome.created += 1
                continue
            if existing.rate == row.rate and (not row.table or existing.table == row.table):
                outcome.unchanged += 1
                continue
            before = audit.snapshot(existing)
            existing.rate, existing.source = row.rate, source
            existing.table = row.table or existing.table
            existing.save()
            audit.record(
                actor=actor,
                action="funding.rate_correct",
                obj=existing,
                before=before,
                after=audit.snapshot(existing),
                reason=_("Kurs opublikowany przez źródło różni się od zapisanego: %(s)s.")
                % {"s": row.source},
            )
            outcome.corrected += 1


def _latest(series: str) -> ExchangeRate | None:
    return (
        ExchangeRate.objects.filter(series=series, currency=rate_feeds.CURRENCY)
        .order_by("-rate_date")
        .first()
    )


def latest_rates_text() -> str:
    """ "kursu KE na grudzień 2026 i kursu NBP z 4 grudnia 2026" – what the platform converts with now."""
    parts = []
    for series in (RateSeries.EC_MONTHLY, RateSeries.NBP_A):
        rate = _latest(series)
        if rate is None:
            continue
        if series == RateSeries.EC_MONTHLY:
            parts.append(_("kursu KE na %(m)s") % {"m": format_month(rate.rate_date)})
        else:
            parts.append(_("kursu NBP z %(d)s") % {"d": format_date(rate.rate_date)})
    return _(" i ").join(parts) if parts else _("żadnego kursu (tabela jest pusta)")


def rates_fetch(
    *,
    actor: Any,
    fetcher: rate_feeds.Fetcher | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Fetch both series and store what is new or corrected. Never raises for a source that is down: the
    outcome of each series says what happened, and `ok` is False when any failed."""
    check_actor(actor)
    fetcher = fetcher or rate_feeds.http_get
    today = today or timezone.localdate()
    progress = progress or (lambda message: None)
    outcomes = []
    for series in (RateSeries.EC_MONTHLY, RateSeries.NBP_A):
        outcome = SeriesOutcome(series)
        try:
            if series == RateSeries.EC_MONTHLY:
                progress(_("Kursy księgowe KE (InforEuro)"))
                rows, outcome.urls = rate_feeds.fetch_inforeuro(fetcher, rate_feeds.FEED_FROM)
            else:
                newest = _latest(series)
                start = (
                    newest.rate_date - dt.timedelta(days=NBP_OVERLAP_DAYS)
                    if newest
                    else today - dt.timedelta(days=rate_feeds.NBP_MAX_DAYS - 1)
                )
                rows, outcome.urls = rate_feeds.fetch_nbp(
                    fetcher, max(start, rate_feeds.FEED_FROM), today, progress
                )
        except (FetchError, FormatError) as exc:
            outcome.error = str(exc) or type(exc).__name__
        else:
            _store(actor, series, rows, outcome)
        outcomes.append(outcome)
    ok = all(o.ok for o in outcomes)
    result = {
        "ok": ok,
        "series": [o.as_dict() for o in outcomes],
        "message": _outcome_message(outcomes),
    }
    with transaction.atomic():
        audit.record(
            actor=actor, action="funding.rates_fetch", obj=None, collection=ExchangeRate, after=result
        )
    return result


def _outcome_message(outcomes: list[SeriesOutcome]) -> str:
    lines = []
    for o in outcomes:
        label = _("KE") if o.series == RateSeries.EC_MONTHLY else _("NBP")
        if o.ok:
            lines.append(
                _("%(s)s: nowe %(c)d, poprawione %(u)d, bez zmian %(n)d.")
                % {"s": label, "c": o.created, "u": o.corrected, "n": o.unchanged}
            )
        else:
            lines.append(_("%(s)s: %(e)s.") % {"s": label, "e": o.error})
    failed = [o for o in outcomes if not o.ok]
    if failed:
        lines.insert(0, _failed_sentence(""))
    return " ".join(lines)


@dataclass(frozen=True)
class SeriesState:
    series: str
    label: str
    latest: ExchangeRate | None
    stale: bool


@dataclass(frozen=True)
class FetchStatus:
    enabled: bool
    last: Job | None  # the last finished attempt
    running: Job | None
    next_run: dt.datetime | None
    series: list[SeriesState]
    history: list[Job]

    @property
    def last_failed(self) -> bool:
        return bool(self.last and self.last.has_failed)

    @property
    def failure_note(self) -> str:
        """What every page that converts says while the last attempt failed."""
        return _failure_text(self.last)


def fetch_status(*, today: dt.date | None = None, history: int = 10) -> FetchStatus:
    today = today or timezone.localdate()
    jobs = Job.objects.filter(kind__in=KINDS)
    finished = jobs.filter(status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED]).order_by(
        "-finished_at", "-id"
    )
    last = finished.first()
    running = jobs.filter(status=Job.Status.RUNNING).order_by("-id").first()
    next_run = None
    if fetch_enabled():
        next_run = (last.finished_at + EVERY) if last and last.finished_at else timezone.now()
    states = []
    for series, label in RateSeries.choices:
        latest = _latest(series)
        states.append(
            SeriesState(series, label, latest, latest is None or is_stale(series, latest.rate_date, today))
        )
    return FetchStatus(fetch_enabled(), last, running, next_run, states, list(finished[:history]))


def failure_note() -> str:
    """The note for pages that convert; empty unless the last attempt to fetch failed."""
    last = (
        Job.objects.filter(kind__in=KINDS, status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED])
        .order_by("-finished_at", "-id")
        .first()
    )
    return _failure_text(last)


def _failure_text(last: Job | None) -> str:
    if last is None or not last.has_failed:
        return ""
    return _failed_sentence(format_datetime(last.finished_at))


def _failed_sentence(when: str) -> str:
    """That the last attempt failed and what the platform converts with meanwhile; an empty table is a
    sentence of its own."""
    if not any(_latest(series) for series in (RateSeries.EC_MONTHLY, RateSeries.NBP_A)):
        if when:
            return _(
                "Ostatnia próba pobrania kursów nie powiodła się (%(w)s), a tabela kursów jest pusta."
            ) % {"w": when}
        return _("Ostatnia próba pobrania kursów nie powiodła się, a tabela kursów jest pusta.")
    if when:
        return _("Ostatnia próba pobrania kursów nie powiodła się (%(w)s); używamy %(r)s.") % {
            "w": when,
            "r": latest_rates_text(),
        }
    return _("Ostatnia próba pobrania kursów nie powiodła się; używamy %(r)s.") % {"r": latest_rates_text()}
