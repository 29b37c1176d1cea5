"""Rates fed from the institutions that publish them: NBP table A (the NBP Web API, api.nbp.pl) and the European
Commission's monthly accounting rate (InforEuro, ec.europa.eu/budg/inforeuro).

Formats read, as the institutions publish them:
- NBP Web API, complete tables for a range: `/api/exchangerates/tables/A/{start}/{end}/` in JSON (`?format=json`:
  a list of tables, each with `table`, `no`, `effectiveDate` and `rates` of `currency`, `code`, `mid`) or XML
  (`ArrayOfExchangeRatesTable/ExchangeRatesTable` with `Table`, `No`, `EffectiveDate`, `Rates/Rate` of `Currency`,
  `Code`, `Mid`). One request covers at most 93 days; a range without a table answers 404 (api.nbp.pl/en.html).
- InforEuro: the history of one currency, `/budg/inforeuro/api/public/currencies/PLN` (a list of `currencyIso`,
  `refCurrencyIso`, `amount`, `dateStart`, `dateEnd`, dates as dd/mm/yyyy), and the rates of one month,
  `/budg/inforeuro/api/public/monthly-rates?lang=EN&year=Y&month=M` (a list of `country`, `currency`, `isoA3Code`,
  `isoA2Code`, `value`, `comment`). Both give the units of the currency for one euro, i.e. PLN per EUR.

The fetcher is a function `url -> bytes` that raises on a network or HTTP error (`FetchError`); tests pass their
own, with recorded answers, and never touch the network.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from zit.core import safe_fetch

NBP_TABLES_URL = "https://api.nbp.pl/api/exchangerates/tables/A/{start}/{end}/?format=json"
INFOREURO_HISTORY_URL = "https://ec.europa.eu/budg/inforeuro/api/public/currencies/PLN"
INFOREURO_MONTH_URL = (
    "https://ec.europa.eu/budg/inforeuro/api/public/monthly-rates?lang=EN&year={y}&month={m}"
)
NBP_MAX_DAYS = 93
# no series is fetched from before the 2021-2027 programming period
FEED_FROM = dt.date(2021, 1, 1)
TIMEOUT_SECONDS = 20
TOTAL_SECONDS = 60  # the whole answer, however slowly it comes
MAX_BYTES = 5_000_000  # the whole history of PLN in InforEuro is some kilobytes
CURRENCY = "EUR"


class FetchError(Exception):
    """The source did not answer, or answered with an error (the message says which, in Polish)."""


class NoData(FetchError):
    """NBP's 404 for a range without any table (a weekend, holidays): not a failure."""


class FormatError(ValueError):
    """The answer is not in the published format (the message names the place)."""


Fetcher = Callable[[str], bytes]


def http_get(url: str) -> bytes:
    """The answer at a source's https address, at most MAX_BYTES, within TOTAL_SECONDS."""
    try:
        return safe_fetch.fetch(
            url,
            max_bytes=MAX_BYTES,
            timeout=TIMEOUT_SECONDS,
            total_seconds=TOTAL_SECONDS,
            headers={"User-Agent": "ZIT-platform/1.0", "Accept": "*/*"},
        )
    except safe_fetch.TooLarge as exc:
        raise FetchError(
            _("odpowiedź jest większa niż %(m)d MB, więc jej nie czytamy") % {"m": MAX_BYTES // 1_000_000}
        ) from exc
    except safe_fetch.SafeFetchError as exc:
        raise FetchError(str(exc)) from exc
    except urllib.error.HTTPError as exc:
        if exc.code == 404 and "api.nbp.pl" in url:
            raise NoData(url) from exc
        raise FetchError(_("serwer odpowiedział błędem HTTP %(c)s") % {"c": exc.code}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(_("brak połączenia (%(r)s)") % {"r": reason}) from exc


@dataclass(frozen=True)
class FedRate:
    rate_date: dt.date
    rate: Decimal
    table: str
    source: str


def _decimal(value: Any, where: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, AttributeError) as exc:
        raise FormatError(_("%(w)s: „%(v)s” nie jest liczbą.") % {"w": where, "v": value}) from exc
    if not Decimal("0.5") <= number <= Decimal("20"):
        raise FormatError(
            _("%(w)s: kurs %(v)s jest poza rozsądnym zakresem (0,5–20 zł).") % {"w": where, "v": value}
        )
    return number


def _iso_date(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise FormatError(_("%(w)s: „%(v)s” nie jest datą RRRR-MM-DD.") % {"w": where, "v": value}) from exc


def _json(content: bytes, name: str) -> Any:
    try:
        return json.loads(content.decode("utf-8-sig"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(
            _("%(n)s: odpowiedź nie jest poprawnym JSON (%(e)s).") % {"n": name, "e": exc}
        ) from exc


def parse_nbp_json(content: bytes, *, url: str = "") -> list[FedRate]:
    """EUR from each table A in an NBP Web API answer (JSON)."""
    data = _json(content, "NBP")
    if not isinstance(data, list):
        raise FormatError(_("NBP: oczekiwano listy tabel kursów."))
    found = []
    for number, table in enumerate(data, start=1):
        where = _("NBP, tabela %(n)d") % {"n": number}
        if not isinstance(table, dict) or "rates" not in table or "effectiveDate" not in table:
            raise FormatError(_("%(w)s: brak pól effectiveDate lub rates.") % {"w": where})
        if str(table.get("table", "A")).upper() != "A":
            raise FormatError(_("%(w)s: to nie jest tabela A.") % {"w": where})
        day = _iso_date(table["effectiveDate"], where + ", effectiveDate")
        for rate in table["rates"]:
            if str(rate.get("code", "")).upper() == CURRENCY:
                found.append(
                    FedRate(day, _decimal(rate.get("mid"), where + ", mid"), str(table.get("no", "")), url)
                )
    return found


def parse_nbp_xml(content: bytes, *, url: str = "") -> list[FedRate]:
    """EUR from each table A in an NBP Web API answer (XML, `?format=xml`)."""
    try:
        root = ElementTree.fromstring(content)  # noqa: S314 - a public rate table, no entities expanded
    except ElementTree.ParseError as exc:
        raise FormatError(_("NBP: odpowiedź nie jest poprawnym XML (%(e)s).") % {"e": exc}) from exc
    if root.tag != "ArrayOfExchangeRatesTable":
        raise FormatError(
            _("NBP: oczekiwano elementu ArrayOfExchangeRatesTable, jest %(t)s.") % {"t": root.tag}
        )
    found = []
    for number, table in enumerate(root.findall("ExchangeRatesTable"), start=1):
        where = _("NBP, tabela %(n)d") % {"n": number}
        if (table.findtext("Table") or "A").strip().upper() != "A":
            raise FormatError(_("%(w)s: to nie jest tabela A.") % {"w": where})
        day = _iso_date(table.findtext("EffectiveDate"), where + ", EffectiveDate")
        for rate in table.iterfind("Rates/Rate"):
            if (rate.findtext("Code") or "").strip().upper() == CURRENCY:
                found.append(
                    FedRate(
                        day,
                        _decimal(rate.findtext("Mid"), where + ", Mid"),
                        (table.findtext("No") or "").strip(),
                        url,
                    )
                )
    return found


def _ddmmyyyy(value: Any, where: str) -> dt.date:
    try:
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise FormatError(_("%(w)s: „%(v)s” nie jest datą DD/MM/RRRR.") % {"w": where, "v": value}) from exc


def parse_inforeuro_history(content: bytes, *, url: str = "") -> list[FedRate]:
    """The monthly accounting rates of PLN for one euro, month by month (InforEuro, one currency's history)."""
    data = _json(content, "InforEuro")
    if not isinstance(data, list):
        raise FormatError(_("InforEuro: oczekiwano listy kursów miesięcznych."))
    found = []
    for number, item in enumerate(data, start=1):
        where = _("InforEuro, pozycja %(n)d") % {"n": number}
        if not isinstance(item, dict) or "amount" not in item or "dateStart" not in item:
            raise FormatError(_("%(w)s: brak pól amount lub dateStart.") % {"w": where})
        if (
            str(item.get("currencyIso", "PLN")).upper() != "PLN"
            or str(item.get("refCurrencyIso", "EUR")).upper() != CURRENCY
        ):
            raise FormatError(_("%(w)s: to nie jest kurs PLN za 1 EUR.") % {"w": where})
        start = _ddmmyyyy(item["dateStart"], where + ", dateStart")
        found.append(FedRate(start.replace(day=1), _decimal(item["amount"], where + ", amount"), "", url))
    return found


def parse_inforeuro_month(content: bytes, *, month: dt.date, url: str = "") -> list[FedRate]:
    """The PLN line of one month's InforEuro rates (all currencies for one euro)."""
    data = _json(content, "InforEuro")
    if not isinstance(data, list):
        raise FormatError(_("InforEuro: oczekiwano listy kursów walut."))
    for number, item in enumerate(data, start=1):
        if isinstance(item, dict) and str(item.get("isoA3Code", "")).upper() == "PLN":
            where = _("InforEuro, pozycja %(n)d") % {"n": number}
            return [FedRate(month.replace(day=1), _decimal(item.get("value"), where + ", value"), "", url)]
    return []


@dataclass
class SeriesOutcome:
    """What one series' fetch did; `error` set when it failed (the rates already stored stay as they were)."""

    series: str
    created: int = 0
    corrected: int = 0
    unchanged: int = 0
    error: str = ""
    urls: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error

    def as_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "ok": self.ok,
            "created": self.created,
            "corrected": self.corrected,
            "unchanged": self.unchanged,
            "error": self.error,
            "urls": self.urls,
        }


def nbp_ranges(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """[start, end] cut into the NBP Web API's windows of at most 93 days."""
    ranges = []
    while start <= end:
        last = min(end, start + dt.timedelta(days=NBP_MAX_DAYS - 1))
        ranges.append((start, last))
        start = last + dt.timedelta(days=1)
    return ranges


def fetch_nbp(
    fetcher: Fetcher, start: dt.date, end: dt.date, progress: Callable[[str], None]
) -> tuple[list[FedRate], list[str]]:
    found, urls = [], []
    for low, high in nbp_ranges(start, end):
        url = NBP_TABLES_URL.format(start=low.isoformat(), end=high.isoformat())
        urls.append(url)
        progress(_("NBP: tabele od %(a)s do %(b)s") % {"a": low.isoformat(), "b": high.isoformat()})
        try:
            content = fetcher(url)
        except NoData:
            continue
        found += parse_nbp_json(content, url=url)
    return found, urls


def fetch_inforeuro(fetcher: Fetcher, start: dt.date) -> tuple[list[FedRate], list[str]]:
    content = fetcher(INFOREURO_HISTORY_URL)
    return [r for r in parse_inforeuro_history(content, url=INFOREURO_HISTORY_URL) if r.rate_date >= start], [
        INFOREURO_HISTORY_URL
    ]
