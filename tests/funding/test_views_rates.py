import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zit.core.models import Job
from zit.funding import rate_updates
from zit.funding.models import ExchangeRate, RateSeries

pytestmark = pytest.mark.django_db

EC, NBP = RateSeries.EC_MONTHLY, RateSeries.NBP_A


@pytest.fixture
def office(funding_data, user_for_role):
    client = Client()
    client.force_login(user_for_role("office_staff"))
    return client


def test_the_converter_shows_the_rates_series_table_date_and_staleness(office):
    # the bundled NBP rates stop at 31 March 2025 (table 062/A/NBP/2025); no EC rate
    html = office.get(reverse("funding:rates") + "?amount=100&currency=EUR&on=2026-12-07&purpose=default")
    text = html.content.decode().replace("\xa0", " ")
    assert "418,39 zł" in text
    assert (
        "Kurs 1 EUR = 4,1839 zł: kurs średni NBP, tabela A, 31 marca 2025 r. (tabela 062/A/NBP/2025)." in text
    )
    assert "Kurs z serii zapasowej, bo w podstawowej nie ma kursu na ten dzień." in text
    assert "Kurs NBP jest nieaktualny: tabela z 31 marca 2025" in text


def test_a_fresh_rate_has_no_warning(office):
    ExchangeRate.objects.create(series=EC, rate_date=dt.date(2025, 3, 1), rate=Decimal("4.2125"))
    text = office.get(reverse("funding:rates") + "?amount=100&currency=EUR&on=2025-03-20&purpose=default")
    text = text.content.decode().replace("\xa0", " ")
    assert (
        "Kurs 1 EUR = 4,2125 zł: miesięczny kurs księgowy Komisji Europejskiej (InforEuro), marzec 2025."
        in text
    )
    assert "nieaktualny" not in text.split('id="convert"')[1].split('id="rates"')[0]


def test_the_office_page_shows_the_last_fetch_and_its_failure_on_every_conversion(office, settings):
    settings.ZIT_RATES_FETCH = True
    Job.objects.create(
        kind=rate_updates.RECURRING_KIND,
        title="Pobieranie kursów walut (NBP, KE)",
        status=Job.Status.FAILED,
        finished_at=timezone.now(),
        message="Ostatnia próba pobrania kursów nie powiodła się; NBP: brak połączenia.",
    )
    text = office.get(reverse("funding:rates") + "?amount=1&currency=EUR&on=2025-03-31&purpose=default")
    text = text.content.decode()
    assert 'id="pobieranie"' in text and "Pobierz teraz" in text and "Następne pobranie" in text
    assert "NBP: brak połączenia." in text  # the history
    note = "Ostatnia próba pobrania kursów nie powiodła się ("
    assert text.count(note) >= 2  # the status and the note beside the converted amount
    # the public page of the envelope says it too
    public = Client().get(reverse("portal:money")).content.decode()
    assert note in public


def test_fetch_now_starts_a_background_job_and_shows_its_progress_page(office, settings):
    settings.ZIT_RATES_FETCH = True
    response = office.post(reverse("funding:rates_fetch"))
    job = Job.objects.get(kind=rate_updates.MANUAL_KIND)
    assert response.status_code == 302 and response.url == reverse("core:job", args=[job.pk])
    assert job.status == Job.Status.QUEUED


def test_fetch_now_says_when_fetching_is_switched_off(office, settings):
    settings.ZIT_RATES_FETCH = False
    response = office.post(reverse("funding:rates_fetch"), follow=True)
    assert not Job.objects.filter(kind=rate_updates.MANUAL_KIND).exists()
    assert (
        "Pobieranie kursów jest wyłączone w ustawieniach platformy (ZIT_RATES_FETCH)"
        in response.content.decode()
    )
    assert "Pobierz teraz" not in response.content.decode()


def test_fetch_now_is_for_the_office_only(funding_data, user_for_role, settings):
    settings.ZIT_RATES_FETCH = True
    client = Client()
    client.force_login(user_for_role("board_member"))
    assert client.post(reverse("funding:rates_fetch")).status_code == 403
    assert client.get(reverse("funding:rates_fetch")).status_code == 405
    assert not Job.objects.exists()
