"""The office's strategy version page offers the acts of the version's lifecycle: a draft can go to consultation
and be deleted, a version in consultation can be withdrawn or closed early but not deleted, and what a guard
refuses is listed with its reason. The page has no axe violations."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


def _axe(page) -> list[str]:
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"[{v['id']}] {v['help']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_version_buttons_follow_the_lifecycle(page, site, login):
    from zit.strategy.models import StrategyVersion

    consulted = StrategyVersion.objects.get(status="consultation")
    draft = StrategyVersion.objects.get(status="draft")
    login("biuro")

    # the draft: delete is offered; going to consultation is refused while the other version is in it, and why
    page.goto(f"{site}/biuro/strategia/wersje/{draft.pk}/")
    box = page.locator("#version-actions-title").locator("xpath=..")
    expect(box.locator('[data-action="delete"]')).to_be_visible()
    expect(box.locator('[data-refused="start_consultation"]')).to_contain_text(
        f"Wersja {consulted.number} jest już w konsultacjach"
    )
    assert _axe(page) == []

    # the version in consultation: withdraw and close early, never delete
    page.goto(f"{site}/biuro/strategia/wersje/{consulted.pk}/")
    box = page.locator("#version-actions-title").locator("xpath=..")
    expect(box.locator('[data-action="withdraw"]')).to_be_visible()
    expect(box.locator('[data-action="close_early"]')).to_be_visible()
    expect(box.locator('[data-action="delete"]')).to_have_count(0)
    assert _axe(page) == []

    # withdrawing asks for the reason, then the draft may go to consultation
    box.locator('summary[data-action="withdraw"]').click()
    box.get_by_label("Powód").first.fill("Zmiana zakresu przedsięwzięć po spotkaniu z gminami.")
    box.locator("details[open] button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Konsultacje wycofano")
    expect(page.locator("#consultation-withdrawn")).to_contain_text("Zmiana zakresu przedsięwzięć")
    expect(page.locator("#version-actions-title")).to_have_count(0)  # a withdrawn version has no acts left

    page.goto(f"{site}/biuro/strategia/wersje/{draft.pk}/")
    box = page.locator("#version-actions-title").locator("xpath=..")
    expect(box.locator('button[data-action="start_consultation"]')).to_be_visible()
    expect(box.locator('[data-action="delete"]')).to_be_visible()
    assert _axe(page) == []

    # the public page says the consultation was withdrawn and why
    page.goto(f"{site}/strategia/?wersja={consulted.number}")
    expect(page.locator("#consultation-withdrawn")).to_contain_text("Zmiana zakresu przedsięwzięć")
