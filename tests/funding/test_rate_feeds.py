import datetime as dt
from decimal import Decimal

import pytest

from tests.funding.rate_sources import recorded
from zit.funding.rate_feeds import (
    FormatError,
    nbp_ranges,
    parse_inforeuro_history,
    parse_inforeuro_month,
    parse_nbp_json,
    parse_nbp_xml,
)


def test_nbp_json_tables_give_the_eur_mid_rate_table_and_date():
    rates = parse_nbp_json(recorded("nbp-tables-a-2024-12-01_2025-03-02.json"), url="u")
    assert [(r.rate_date, r.rate, r.table) for r in rates] == [
        (dt.date(2024, 12, 31), Decimal("4.273"), "252/A/NBP/2024"),
        (dt.date(2025, 1, 31), Decimal("4.213"), "021/A/NBP/2025"),
        (dt.date(2025, 2, 28), Decimal("4.1575"), "041/A/NBP/2025"),
    ]
    assert rates[0].source == "u"


def test_nbp_xml_tables_give_the_same_facts():
    (rate,) = parse_nbp_xml(recorded("nbp-tables-a-2025-03-03_2025-03-31.xml"))
    assert (rate.rate_date, rate.rate, rate.table) == (
        dt.date(2025, 3, 31),
        Decimal("4.1839"),
        "062/A/NBP/2025",
    )


def test_inforeuro_history_gives_one_rate_per_month_on_its_first_day():
    rates = parse_inforeuro_history(recorded("inforeuro-currencies-pln.json"))
    assert (rates[0].rate_date, rates[0].rate) == (dt.date(2025, 3, 1), Decimal("4.2125"))
    assert [r.rate_date for r in rates] == [
        dt.date(2025, 3, 1),
        dt.date(2025, 2, 1),
        dt.date(2025, 1, 1),
        dt.date(2020, 12, 1),
    ]


def test_inforeuro_month_takes_the_pln_line():
    (rate,) = parse_inforeuro_month(
        recorded("inforeuro-monthly-rates-2025-03.json"), month=dt.date(2025, 3, 17)
    )
    assert (rate.rate_date, rate.rate) == (dt.date(2025, 3, 1), Decimal("4.2125"))


@pytest.mark.parametrize(
    ("parse", "content", "message"),
    [
        (parse_nbp_json, b"<html>Brak danych</html>", "NBP: odpowiedź nie jest poprawnym JSON"),
        (
            parse_nbp_json,
            b'[{"table":"A","no":"1","effectiveDate":"2025-13-01","rates":[]}]',
            "effectiveDate",
        ),
        (
            parse_nbp_json,
            b'[{"table":"A","no":"1","effectiveDate":"2025-03-31","rates":[{"code":"EUR","mid":41.839}]}]',
            "NBP, tabela 1, mid: kurs 41.839 jest poza rozsądnym zakresem",
        ),
        (
            parse_nbp_json,
            b'[{"table":"C","no":"1","effectiveDate":"2025-03-31","rates":[]}]',
            "to nie jest tabela A",
        ),
        (parse_nbp_xml, b"<ArrayOfSomething/>", "oczekiwano elementu ArrayOfExchangeRatesTable"),
        (
            parse_inforeuro_history,
            b'[{"currencyIso":"PLN","refCurrencyIso":"EUR","amount":4.2,"dateStart":"2025-03-01"}]',
            "InforEuro, pozycja 1, dateStart: „2025-03-01” nie jest datą DD/MM/RRRR",
        ),
        (
            parse_inforeuro_history,
            b'[{"currencyIso":"GBP","refCurrencyIso":"EUR","amount":0.86,"dateStart":"01/03/2025"}]',
            "to nie jest kurs PLN za 1 EUR",
        ),
    ],
)
def test_answers_in_another_layout_are_refused_naming_the_place(parse, content, message):
    with pytest.raises(FormatError) as caught:
        parse(content)
    assert message in str(caught.value)


def test_nbp_ranges_are_cut_to_93_days():
    ranges = nbp_ranges(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert ranges[0] == (dt.date(2025, 1, 1), dt.date(2025, 4, 3))  # 93 days, both ends counted
    assert all((b - a).days <= 92 for a, b in ranges)
    assert ranges[-1][1] == dt.date(2025, 12, 31)
    assert all(ranges[i][1] + dt.timedelta(days=1) == ranges[i + 1][0] for i in range(len(ranges) - 1))


class _Answer:
    def __init__(self, body):
        self.body = body

    def read(self, size):
        chunk, self.body = self.body[:size], self.body[size:]
        return chunk

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _Opener:
    def __init__(self, body):
        self.body = body

    def open(self, request, timeout):
        return _Answer(self.body)


def test_http_get_refuses_an_answer_over_5_mb_and_addresses_outside_https_to_public_servers(monkeypatch):
    from zit.core import safe_fetch
    from zit.funding.rate_feeds import FetchError, http_get

    monkeypatch.setattr(safe_fetch, "resolve", lambda host: ["93.184.215.14"])
    monkeypatch.setattr(safe_fetch, "_opener", lambda: _Opener(b"[" + b" " * 6_000_000 + b"]"))
    with pytest.raises(FetchError, match="odpowiedź jest większa niż 5 MB"):
        http_get("https://api.nbp.pl/api/exchangerates/tables/A/?format=json")
    monkeypatch.setattr(safe_fetch, "_opener", lambda: _Opener(b"[]"))
    assert http_get("https://api.nbp.pl/api/exchangerates/tables/A/?format=json") == b"[]"
    with pytest.raises(FetchError, match="https://"):
        http_get("http://api.nbp.pl/api/exchangerates/tables/A/")
    with pytest.raises(FetchError, match="sieci wewnętrznej"):
        http_get("https://169.254.169.254/latest/meta-data/")
