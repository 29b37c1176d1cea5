"""In a browser: a resident sends a comment too quickly and keeps the text, the listing form shows its caps, and
the moderator finds what a flood left parked, on pages that meet WCAG 2.1 AA."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from e2e.test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


def _axe(page) -> list[str]:
    page.evaluate(AXE_JS)  # a script tag would be an inline script the CSP refuses
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found["violations"]]


def _shot(page, tmp_path, name: str) -> None:
    folder = Path(os.environ.get("ZIT_SCREENSHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_public_forms_and_the_parked_queue(page, site, login, tmp_path, settings):
    from django.utils import timezone

    from zit.core.public_forms import Sender
    from zit.social_economy.demo import demo_nip
    from zit.social_economy.services import listing_request_submit
    from zit.strategy.consultations import comment_submit, consultation_period_set
    from zit.strategy.models import StrategyVersion

    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(
        actor=None, version=version, opens=today - dt.timedelta(days=1), closes=today + dt.timedelta(days=40)
    )
    flood = Sender(address="203.0.113.66")
    for n in range(7):
        comment_submit(
            version=version, target_key="ogolna", text=f"Reklama tanich zegarków nr {n}.", sender=flood
        )
        listing_request_submit(
            consent=True,
            sender=flood,
            name=f"Hurtownia Zegarków {n}",
            kind="social_cooperative",
            nip=demo_nip(900 + n),
            services="Zegarki.",
            contact_name="Bot",
            contact_email="bot@example.org",
        )

    # a resident pastes a prepared text and sends it at once: told why, the text kept, the next click goes
    settings.ZIT_PUBLIC_FORM_MIN_SECONDS = 60  # "at once", however slowly the page loads on this machine
    page.goto(f"{site}/strategia/?wersja={version.number}#uwagi")  # the update in consultation
    page.get_by_label("Uwaga", exact=True).fill("Wklejona uwaga o ścieżce rowerowej do Gosławic.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator(".error-summary")).to_contain_text("kilka sekund po otwarciu strony")
    expect(page.get_by_label("Uwaga", exact=True)).to_have_value(
        "Wklejona uwaga o ścieżce rowerowej do Gosławic."
    )
    expect(page.locator("#uwagi")).to_contain_text("Do 5000 znaków.")
    assert _axe(page) == []
    page.locator("#uwagi").screenshot(
        path=str(Path(os.environ.get("ZIT_SCREENSHOTS_DIR", tmp_path)) / "comment-form.png")
    )
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator(".messages")).to_contain_text("czeka na moderację")

    page.goto(site + reverse("pes:listing_form"))
    description = page.locator("#id_description")
    expect(description).to_have_attribute("maxlength", "2000")
    expect(page.locator("#id_description_helptext")).to_have_text("Do 2000 znaków.")
    assert _axe(page) == []
    _shot(page, tmp_path, "listing-form")

    page.context.clear_cookies()
    login("biuro")
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/konsultacje/")
    page.get_by_role("link", name="wstrzymana: przekroczony limit wysyłek (2)").click()
    parked = page.locator("article", has_text="Reklama tanich zegarków nr 6.")
    expect(parked).to_contain_text("wstrzymana: przekroczony limit wysyłek")
    expect(parked.get_by_role("button", name="Opublikuj")).to_be_visible()
    assert _axe(page) == []
    _shot(page, tmp_path, "consultation-parked")

    page.goto(f"{site}/biuro/ekonomia-spoleczna/zgloszenia/")
    expect(page.locator("main")).to_contain_text("Wstrzymane zgłoszenia: 2")
    page.get_by_role("link", name="Pokaż wstrzymane").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    assert _axe(page) == []
    _shot(page, tmp_path, "requests-parked")
    page.get_by_role("link", name="Hurtownia Zegarków 6").click()
    expect(page.locator("main")).to_contain_text("Zgłoszenie wstrzymane")
    assert _axe(page) == []
