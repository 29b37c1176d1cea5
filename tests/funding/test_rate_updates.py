import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tests.funding.rate_sources import Sources, recorded
from zit.core.jobs import JobFailed, handler_for, recurring_kinds
from zit.core.models import AuditEvent, Job
from zit.funding import rate_feeds, rate_updates
from zit.funding.models import ExchangeRate, RateSeries
from zit.funding.rate_updates import fetch_status, rates_fetch

pytestmark = pytest.mark.django_db

EC, NBP = RateSeries.EC_MONTHLY, RateSeries.NBP_A
TODAY = dt.date(2025, 3, 2)


def _rates(series):
    return list(
        ExchangeRate.objects.filter(series=series)
        .order_by("rate_date")
        .values_list("rate_date", "rate", "table")
    )


def test_fetch_stores_both_series_from_the_published_answers():
    sources = Sources()
    result = rates_fetch(actor=None, fetcher=sources, today=TODAY)
    assert result["ok"]
    assert _rates(NBP) == [
        (dt.date(2024, 12, 31), Decimal("4.273"), "252/A/NBP/2024"),
        (dt.date(2025, 1, 31), Decimal("4.213"), "021/A/NBP/2025"),
        (dt.date(2025, 2, 28), Decimal("4.1575"), "041/A/NBP/2025"),
    ]
    # the EC's history since the 2021-2027 period only; December 2020 stays out
    assert [d for d, *_ in _rates(EC)] == [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)]
    rate = ExchangeRate.objects.get(series=NBP, rate_date=dt.date(2024, 12, 31))
    assert rate.source.startswith(
        "NBP Web API, tabela A kursów średnich: https://api.nbp.pl/api/exchangerates/tables/A/"
    )
    # with no NBP rate stored, the platform asks for the last 93 days, in one request
    assert [u for u in sources.asked if "nbp" in u] == [
        "https://api.nbp.pl/api/exchangerates/tables/A/2024-11-30/2025-03-02/?format=json"
    ]
    assert "KE: nowe 3, poprawione 0, bez zmian 0. NBP: nowe 3" in result["message"]


def test_a_second_fetch_changes_nothing():
    rates_fetch(actor=None, fetcher=Sources(), today=TODAY)
    events = AuditEvent.objects.count()
    result = rates_fetch(actor=None, fetcher=Sources(), today=TODAY)
    assert ExchangeRate.objects.count() == 6
    assert [(s["created"], s["corrected"]) for s in result["series"]] == [(0, 0), (0, 0)]
    # NBP is asked again from a week before its newest table: that one table comes back equal
    assert [s["unchanged"] for s in result["series"]] == [3, 1]
    # only the run itself is logged, no rate event
    assert AuditEvent.objects.count() == events + 1


def test_nbp_is_asked_from_a_week_before_its_newest_table_to_catch_corrections():
    ExchangeRate.objects.create(series=NBP, rate_date=dt.date(2025, 2, 28), rate=Decimal("4.1575"))
    sources = Sources()
    rates_fetch(actor=None, fetcher=sources, today=dt.date(2025, 3, 31))
    assert [u for u in sources.asked if "nbp" in u] == [
        "https://api.nbp.pl/api/exchangerates/tables/A/2025-02-21/2025-03-31/?format=json"
    ]


def test_a_published_correction_updates_the_rate_with_an_audit_event():
    rates_fetch(actor=None, fetcher=Sources(), today=TODAY)
    corrected = json.loads(recorded("inforeuro-currencies-pln.json"))
    corrected[0]["amount"] = Decimal(
        "4.2199"
    )  # the EC corrected March (synthetic values, see recorded/SOURCE.md)
    body = json.dumps(corrected, default=str).encode()
    result = rates_fetch(actor=None, fetcher=Sources(inforeuro=body), today=TODAY)
    assert result["series"][0]["corrected"] == 1
    rate = ExchangeRate.objects.get(series=EC, rate_date=dt.date(2025, 3, 1))
    assert rate.rate == Decimal("4.2199")
    event = AuditEvent.objects.get(action="funding.rate_correct")
    assert (event.before["rate"], event.after["rate"]) == ("4.212500", "4.219900")


def test_offline_keeps_the_last_rates_and_says_so():
    ExchangeRate.objects.create(series=NBP, rate_date=dt.date(2025, 2, 28), rate=Decimal("4.1575"))
    ExchangeRate.objects.create(series=EC, rate_date=dt.date(2025, 2, 1), rate=Decimal("4.1640"))
    sources = Sources()
    sources.down = {"nbp", "ec"}
    result = rates_fetch(actor=None, fetcher=sources, today=TODAY)
    assert not result["ok"]
    assert ExchangeRate.objects.count() == 2
    assert result["message"].startswith(
        "Ostatnia próba pobrania kursów nie powiodła się; używamy kursu KE na luty 2025 i kursu NBP z 28 lutego 2025."
    )
    assert "NBP: serwer odpowiedział błędem HTTP 503." in result["message"]
    assert "KE: brak połączenia" in result["message"]


def test_one_source_down_does_not_stop_the_other():
    sources = Sources()
    sources.down = {"ec"}
    result = rates_fetch(actor=None, fetcher=sources, today=TODAY)
    assert [s["ok"] for s in result["series"]] == [False, True]
    assert ExchangeRate.objects.filter(series=NBP).count() == 3


def test_an_answer_in_another_layout_is_a_failure_naming_the_place():
    result = rates_fetch(actor=None, fetcher=Sources(inforeuro=b"<html>maintenance</html>"), today=TODAY)
    assert "InforEuro: odpowiedź nie jest poprawnym JSON" in result["series"][0]["error"]
    assert not ExchangeRate.objects.filter(series=EC).exists()


def test_only_the_office_may_fetch(user_for_role):
    with pytest.raises(PermissionDenied):
        rates_fetch(actor=user_for_role("board_member"), fetcher=Sources(), today=TODAY)


def _job(kind):
    return Job.objects.create(kind=kind, title="t", status=Job.Status.RUNNING)


def test_the_job_is_recurring_and_does_nothing_when_fetching_is_off(settings, monkeypatch):
    assert rate_updates.RECURRING_KIND in recurring_kinds()
    assert rate_updates.MANUAL_KIND not in recurring_kinds()  # a manual run does not start a second cycle
    settings.ZIT_RATES_FETCH = False

    def no_network(url):
        raise AssertionError("the network was asked")

    monkeypatch.setattr(rate_feeds, "http_get", no_network)
    result = handler_for(rate_updates.RECURRING_KIND)(_job(rate_updates.RECURRING_KIND), lambda *a: None)
    assert result["disabled"]
    assert not ExchangeRate.objects.exists()


def test_the_job_fails_visibly_when_a_source_is_down(settings, monkeypatch):
    settings.ZIT_RATES_FETCH = True
    sources = Sources()
    sources.down = {"nbp"}
    monkeypatch.setattr(rate_feeds, "http_get", sources)
    job = _job(rate_updates.MANUAL_KIND)
    with pytest.raises(JobFailed) as caught:
        handler_for(rate_updates.MANUAL_KIND)(job, lambda *a: None)
    assert "Ostatnia próba pobrania kursów nie powiodła się" in str(caught.value)
    assert caught.value.details["series"][1]["error"] == "serwer odpowiedział błędem HTTP 503"


def test_status_tells_the_last_attempt_next_run_and_staleness(settings):
    settings.ZIT_RATES_FETCH = True
    ExchangeRate.objects.create(series=NBP, rate_date=dt.date(2025, 2, 28), rate=Decimal("4.1575"))
    from django.utils import timezone

    finished = timezone.now()
    Job.objects.create(
        kind=rate_updates.RECURRING_KIND,
        title="t",
        status=Job.Status.FAILED,
        finished_at=finished,
        message="Ostatnia próba…",
    )
    status = fetch_status(today=dt.date(2025, 3, 4))
    assert status.last_failed
    assert status.failure_note.startswith("Ostatnia próba pobrania kursów nie powiodła się (")
    assert status.failure_note.endswith("używamy kursu NBP z 28 lutego 2025.")
    assert status.next_run == finished + rate_updates.EVERY
    by_series = {s.series: s for s in status.series}
    assert by_series[EC].stale  # no EC rate for March
    assert not by_series[NBP].stale  # 28 Feb → 4 Mar: two working days
    assert fetch_status(today=dt.date(2025, 3, 5)).series[1].stale


def test_a_failed_fetch_with_an_empty_table_says_so_in_a_sentence_of_its_own():
    sources = Sources()
    sources.down = {"nbp", "ec"}
    result = rates_fetch(actor=None, fetcher=sources, today=TODAY)
    assert result["message"].startswith(
        "Ostatnia próba pobrania kursów nie powiodła się, a tabela kursów jest pusta. "
    )
    assert "używamy" not in result["message"] and "żadnego kursu" not in result["message"]


def test_the_office_run_acts_as_the_person_who_asked_and_is_refused_without_permission(
    settings, monkeypatch, user_for_role
):
    settings.ZIT_RATES_FETCH = True
    monkeypatch.setattr(rate_feeds, "http_get", Sources())
    office = user_for_role("office_staff")
    job = Job.objects.create(
        kind=rate_updates.MANUAL_KIND, title="t", status=Job.Status.RUNNING, created_by_id=office.pk
    )
    handler_for(rate_updates.MANUAL_KIND)(job, lambda *a: None)
    event = AuditEvent.objects.filter(action="funding.rates_fetch").get()
    assert event.actor_id == office.pk
    member = user_for_role("board_member")
    job = Job.objects.create(
        kind=rate_updates.MANUAL_KIND, title="t", status=Job.Status.RUNNING, created_by_id=member.pk
    )
    with pytest.raises(PermissionDenied):
        handler_for(rate_updates.MANUAL_KIND)(job, lambda *a: None)
    assert AuditEvent.objects.filter(action="funding.rates_fetch").count() == 1
