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
