"""After a failed submit the error summary at the top of the page takes the focus (it is read out first, and a
keyboard user starts from it), the page's title says there is an error, and each of the summary's links takes
the focus to its field."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


def test_a_failed_comment_leads_from_the_summary_to_the_field(page, site, form_time_passes):
    from django.utils import timezone

    from zit.strategy.consultations import consultation_period_set
    from zit.strategy.models import StrategyVersion

    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(
        actor=None, version=version, opens=today - dt.timedelta(days=1), closes=today + dt.timedelta(days=40)
    )
    page.goto(f"{site}{reverse('portal:strategy')}?wersja={version.number}")  # the update in consultation
    expect(page).not_to_have_title("Błąd:")
    page.get_by_label("Instytucja lub organizacja").fill("Klub Rowerowy Konin (demo)")
    form_time_passes()
    page.get_by_role("button", name="Wyślij uwagę").click()  # the comment itself left empty

    summary = page.get_by_role("alert").filter(has_text="Popraw błędy w formularzu")
    expect(summary).to_be_focused()
    assert page.title().startswith("Błąd: ")
    assert page.evaluate("document.querySelector('main').firstElementChild.matches('[data-error-summary]')")
    field = page.get_by_label("Uwaga", exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#" + field.get_attribute("aria-describedby").split()[-1])).to_be_visible()
    expect(page.get_by_label("Instytucja lub organizacja")).to_have_value("Klub Rowerowy Konin (demo)")

    page.evaluate(AXE_JS)  # the page with its errors is as accessible as the page without them
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert not [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]

    summary.get_by_role("link", name="Uwaga:").click()
    expect(field).to_be_focused()
    field.fill("Proszę przedłużyć drogę rowerową do Gosławic.")
    form_time_passes()
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator(".messages")).to_contain_text("czeka na moderację")
    expect(page.locator("[data-error-summary]")).to_have_count(0)
