"""The contract's buttons follow its lifecycle in the browser: before the final payment the office may
record it (the form warns first), amend, correct or terminate; after it only a correction (with a reason)
and durability information are offered, and the page says why the rest is not; durability information names
its source, and only the IZ's own document records a breach. Every page on the way has no axe violations."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


def _axe(page) -> list[str]:
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"[{v['id']}] {v['help']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_office_sees_the_contracts_buttons_follow_the_final_payment(page, site, login, tmp_path, settings):
    from zit.contracts.durability import settle_warnings
    from zit.contracts.models import Contract
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ProjectCard

    settings.MEDIA_ROOT = tmp_path
    page.on("dialog", lambda dialog: dialog.accept())
    load_project_demo()
    card = ProjectCard.objects.get(state="contracted", contract__final_payment_on__isnull=True)
    contract = card.contract
    warnings = settle_warnings(contract)
    login("biuro")  # office staff: password and the code from the app

    page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
    actions = page.locator("#contract-actions-title").locator("..")
    for name in ("settle", "amend", "correct", "terminate"):
        expect(actions.locator(f"[data-action='{name}']")).to_be_visible()
    expect(actions.locator("[data-refused]")).to_have_count(0)
    assert _axe(page) == []

    for name in ("amend", "terminate"):  # their forms open, and are accessible
        page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
        actions.locator(f"[data-action='{name}']").click()
        expect(page.locator("h1")).to_be_visible()
        assert _axe(page) == [], name

    page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
    actions.locator("[data-action='settle']").click()
    expect(page.locator("h1")).to_have_text("Płatność końcowa i okres trwałości")
    if warnings:  # the form shows what it warns about before anything is sent
        expect(page.locator("#settle-warnings-title")).to_be_visible()
        for text in warnings:
            expect(page.locator("main")).to_contain_text(text.replace("\xa0", " ")[:40])
    assert _axe(page) == []
    day = max(contract.signed_on, contract.reports.order_by("period_to").last().period_to)
    page.get_by_label("Data płatności końcowej").fill(day.isoformat())
    page.get_by_label("Numer pisma albo zlecenia płatności IZ").fill("WR-IZ.433.12.2026")
    if warnings:
        page.get_by_label("Rozumiem ostrzeżenia powyżej").check()
        page.get_by_label("Powód").fill("IZ przekazała płatność końcową; wydatki rozliczy korekta.")
    page.get_by_role("button", name="Zapisz płatność końcową").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano płatność końcową")

    contract.refresh_from_db()
    assert contract.state == Contract.State.FINAL_PAID
    assert contract.final_payment_reference == "WR-IZ.433.12.2026"
    page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
    expect(actions.locator("[data-action='correct_after_payment']")).to_be_visible()
    expect(actions.locator("[data-action='durability_info']")).to_be_visible()
    for name in ("settle", "amend", "terminate"):
        expect(actions.locator(f"[data-action='{name}']")).to_have_count(0)
        expect(actions.locator(f"[data-refused='{name}']")).to_contain_text("tylko korekta finansowa")
    expect(page.locator("#contract")).to_contain_text("WR-IZ.433.12.2026")
    assert _axe(page) == []

    actions.locator("[data-action='correct_after_payment']").click()
    expect(page.get_by_label("Uzasadnienie korekty po płatności końcowej")).to_be_visible()
    assert _axe(page) == []

    page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
    actions.locator("[data-action='durability_info']").click()
    expect(page.locator("h1")).to_have_text("Informacja o trwałości")
    expect(page.locator("main")).to_contain_text("stwierdza naruszenie IZ")
    assert _axe(page) == []
    page.get_by_label("obserwacja biura").check()  # the office cannot find a breach itself
    page.get_by_label("Data informacji").fill(contract.final_payment_on.isoformat())
    page.get_by_label("IZ stwierdziła naruszenie trwałości").check()
    page.get_by_label("Opis").fill("Budynek wynajęty na cele komercyjne.")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("main")).to_contain_text("Naruszenie trwałości stwierdza instytucja zarządzająca")
    assert not contract.durability_infos.exists()
    assert _axe(page) == []
    page.get_by_label("informacja IZ").check()
    page.get_by_label("Znak pisma lub dokumentu IZ").fill("WK-IZ.433.2.2027")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano informację o trwałości")
    expect(page.locator("#contract")).to_contain_text("IZ stwierdziła naruszenie trwałości")
    expect(page.locator("#contract")).to_contain_text("WK-IZ.433.2.2027")
    assert contract.durability_infos.get().source == "iz"
