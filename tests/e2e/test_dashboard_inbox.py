import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# the office's daily areas: each one step from the dashboard
DAILY = {
    "Strategia ZIT": "strategy:versions",
    "Fiszki projektowe": "projects:cards",
    "Lista projektów strategicznych": "projects:lists",
    "Nabory IZ": "projects:calls",
    "Monitoring": "monitoring:dashboard",
    "Posiedzenia i uchwały": "governance:meetings",
    "Porozumienie ZIT": "funding:agreement",
    "Wnioski o informację publiczną": "public_information:list",
}


def test_the_office_reaches_every_daily_area_in_one_step_from_its_dashboard(page, site, login):
    login("biuro")
    shortcuts = page.get_by_role("navigation", name="Na skróty")
    expect(page.get_by_role("heading", name="Co na Ciebie czeka")).to_be_visible()
    for label, url_name in DAILY.items():
        page.goto(site + reverse("accounts:dashboard"))
        response_url = site + reverse(url_name)
        with page.expect_response(lambda r, url=response_url: r.url == url) as answer:
            shortcuts.get_by_role("link", name=label, exact=True).click()
        assert answer.value.status == 200, label
        expect(page).to_have_url(re.compile(re.escape(response_url) + r"$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_deputy_sees_the_inbox_of_the_person_away(page, site, login):
    from django.utils import timezone
    from factories.assessment import AssignmentFactory

    from zit.accounts.models import User

    waiting = AssignmentFactory(assessor=User.objects.get(username="oceniajacy"))
    login("oceniajacy")
    expect(page.locator(".inbox-items li", has_text=waiting.card.number)).to_be_visible()
    page.get_by_role("link", name="Zastępstwo na czas nieobecności").click()
    page.get_by_label("Zastępca").select_option(label="Olga Oceniająca")
    today = timezone.localdate().isoformat()
    page.get_by_label("Od dnia").fill(today)
    page.get_by_label("Do dnia (włącznie)").fill(today)
    page.get_by_role("button", name="Zapisz zastępstwo").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano zastępstwo")

    page.context.clear_cookies()
    login("oceniajacy2")
    item = page.locator(".inbox-items li", has_text=waiting.card.number)
    expect(item).to_contain_text("w zastępstwie: Olgierd Oceniający")
