import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_edits_the_allocation_split(page, site, login):
    from zit.funding.models import AllocationLine, Measure

    login("biuro")
    page.goto(site + reverse("funding:agreement"))
    page.get_by_role("link", name="Edytuj podział alokacji").click()
    # the demo split: replace its first line's amount and watch the live total
    first_amount = page.get_by_label("Kwota (EUR), wiersz 1")
    first_amount.fill("2 000 000,00")
    live = page.locator("#split-total")
    expect(live).to_contain_text("Brakuje do alokacji: 300 000,00 EUR")
    page.get_by_role("button", name="Zapisz podział").click()
    expect(page.locator(".error-summary")).to_contain_text("brakuje 300")
    expect(page.get_by_label("Kwota (EUR), wiersz 1")).to_have_value("2 000 000,00")  # nothing lost
    # put the missing 300 000 on a new line for measure 10.4
    measure = Measure.objects.get(number="10.4")
    page.get_by_label("Działanie, wiersz 6").select_option(str(measure.pk))
    page.get_by_label("Kwota (EUR), wiersz 6").fill("300000")
    expect(live).to_contain_text("Suma podziału równa alokacji: 19 800 000,00 EUR")
    page.get_by_role("button", name="Zapisz podział").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano podział alokacji")
    expect(page.locator("table", has_text="Alokacja ZIT według działań")).to_contain_text(
        "10.4 Zregenerowane"
    )
    assert AllocationLine.objects.get(measure=measure).amount_eur == 300000
    assert not AllocationLine.objects.filter(is_demo=True).exists()
    # the public page shows the new split at once
    page.goto(site + reverse("portal:money"))
    expect(page.locator("main")).to_contain_text("10.4 Zregenerowane środowisko przyrodnicze")
    expect(page.locator("main")).not_to_contain_text("dane demonstracyjne")


def test_office_sees_a_failed_rate_fetch_and_fetches_now(page, site, login, settings, monkeypatch):
    from django.utils import timezone

    from tests.funding.rate_sources import Sources
    from zit.core.models import Job
    from zit.funding import rate_feeds, rate_updates

    monkeypatch.setattr(rate_feeds, "http_get", Sources())  # recorded answers, never the network

    from .test_accessibility import _check

    settings.ZIT_RATES_FETCH = True
    Job.objects.create(
        kind=rate_updates.RECURRING_KIND,
        title="Pobieranie kursów walut (NBP, KE)",
        status=Job.Status.FAILED,
        finished_at=timezone.now(),
        message="Ostatnia próba pobrania kursów nie powiodła się; NBP: brak połączenia.",
    )
    login("biuro")
    url = site + reverse("funding:rates") + "?amount=100&currency=EUR&on=2026-12-07&purpose=envelope"
    assert _check(page, url) == []
    expect(page.locator("main")).to_contain_text("Ostatnia próba pobrania kursów nie powiodła się (")
    expect(page.locator("#convert ~ div[aria-live]")).to_contain_text("Kurs NBP jest nieaktualny")
    page.get_by_role("button", name="Pobierz teraz").click()
    expect(page.locator("main")).to_contain_text("Pobieranie kursów walut (NBP, KE)")
    assert Job.objects.filter(kind=rate_updates.MANUAL_KIND).exists()
