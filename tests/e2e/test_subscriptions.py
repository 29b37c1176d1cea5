"""In a browser: a resident subscribes to new resolutions and to new projects in Konin, forgets the topic once and
is led to it, confirms with the link from the e-mail and unsubscribes with the link of a digest, on pages that
meet WCAG 2.1 AA."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from e2e.reflow import reflow_problems
from e2e.test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


def _axe(page) -> list[str]:
    """WCAG 2.1 AA by axe-core, and no sideways scrolling at 320 px (1.4.10)."""
    page.evaluate(AXE_JS)  # a script tag would be an inline script the CSP refuses
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    problems = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found["violations"]]
    return problems + reflow_problems(page, page.url)


def _shot(page, tmp_path, name: str) -> None:
    folder = Path(os.environ.get("ZIT_SCREENSHOTS_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_a_resident_subscribes_confirms_and_unsubscribes(page, site, form_time_passes, mailoutbox, tmp_path):
    from zit.subscriptions.models import Subscription
    from zit.subscriptions.services import unsubscribe_token

    page.goto(site + "/")
    page.locator("footer").get_by_role("link", name="powiadomienia e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Powiadomienia e-mail")
    expect(page.locator("main")).to_contain_text("art. 6 ust. 1 lit. a RODO")
    assert _axe(page) == []
    _shot(page, tmp_path, "subscriptions-form")

    page.get_by_label("Adres e-mail").fill("mieszkanka@example.org")
    form_time_passes()
    page.get_by_role("button", name="Zapisz mnie").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Wybierz, o czym chcesz dostawać wiadomości.")
    assert _axe(page) == []
    summary.get_by_role("link", name="Wybierz, o czym chcesz dostawać wiadomości.").click()
    expect(page.get_by_label("nowe konsultacje społeczne")).to_be_focused()

    page.get_by_label("nowe uchwały").check()
    page.get_by_label("nowe projekty w wybranych gminach").check()
    page.get_by_label("Konin", exact=True).check()
    page.get_by_role("button", name="Zapisz mnie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprawdź skrzynkę e-mail")
    assert _axe(page) == []
    assert Subscription.objects.get().confirmed_at is None

    assert len(mailoutbox) == 1
    confirm = re.search(r"/subskrypcje/potwierdz/[^/\s]+/", mailoutbox[0].body)[0]
    page.goto(site + confirm)
    expect(page.locator("main")).to_contain_text("Konin")
    assert _axe(page) == []
    _shot(page, tmp_path, "subscriptions-confirm")
    page.get_by_role("button", name="Potwierdzam subskrypcję").click()
    expect(page.locator(".messages")).to_contain_text("Subskrypcja potwierdzona")
    assert Subscription.objects.get().is_active

    page.goto(site + reverse("subscriptions:unsubscribe", args=[unsubscribe_token("mieszkanka@example.org")]))
    assert _axe(page) == []
    page.get_by_role("button", name="Wypisz mnie").click()
    expect(page.locator("main")).to_contain_text("Usunęliśmy adres")
    assert _axe(page) == []
    assert not Subscription.objects.exists()
