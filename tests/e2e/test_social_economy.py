"""A visitor asks for a listing through the public form; the support centre's contact person accepts it in the
moderation queue and publishes the entry; then a visitor finds it in the directory and on its page."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import watch_csp
from zit.social_economy.demo import demo_nip

pytestmark = pytest.mark.browser


def test_public_form_moderation_and_directory(page, browser, site, login, form_time_passes):
    page.goto(f"{site}/ekonomia-spoleczna/zglos/")
    page.locator("#id_name").fill("Spółdzielnia Socjalna Przeglądarka")
    page.locator("#id_kind").select_option("social_cooperative")
    page.locator("#id_nip").fill("123-456-78-90")  # a typo first: the check digit is wrong
    page.locator("#id_gmina").select_option("3010123")
    page.locator("#id_services").fill("Catering i pieczenie chleba.")
    page.locator("#id_public_email").fill("biuro@example.org")
    page.locator("#id_contact_name").fill("Jan Zgłaszający")
    page.locator("#id_contact_email").fill("jan@example.org")
    page.locator("#id_consent").check()
    form_time_passes()  # people take a few seconds to fill a form; the form refuses faster senders
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    expect(page.locator(".error-summary")).to_contain_text("cyfrę kontrolną")
    expect(page.locator("#id_services")).to_have_value("Catering i pieczenie chleba.")  # nothing lost
    page.locator("#id_nip").fill(demo_nip(4242))
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dziękujemy za zgłoszenie")
    expect(page.locator("main")).to_contain_text("nic nie pojawia się w nim automatycznie")

    page.goto(f"{site}/ekonomia-spoleczna/?q=Przeglądarka")
    expect(page.locator("main")).not_to_contain_text("Spółdzielnia Socjalna Przeglądarka")

    login("owes")
    page.goto(f"{site}/biuro/ekonomia-spoleczna/")
    expect(page.locator(".staff-nav")).to_contain_text("nowe zgłoszenia: 1")
    page.get_by_role("link", name="Zgłoszenia z formularza").click()
    page.get_by_role("link", name="Spółdzielnia Socjalna Przeglądarka").click()
    page.get_by_role("button", name="Przyjmij (utwórz wpis roboczy)").click()
    expect(page.locator(".messages")).to_contain_text("Zgłoszenie przyjęte")
    expect(page.locator("main")).to_contain_text("roboczy")
    page.get_by_role("button", name="Opublikuj w katalogu").click()
    expect(page.locator(".messages")).to_contain_text("opublikowany")

    visitor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    violations = watch_csp(visitor_context)
    visitor = visitor_context.new_page()
    visitor.goto(f"{site}/ekonomia-spoleczna/")
    visitor.get_by_label("Szukaj (nazwa, usługi, produkty)").fill("chleb")
    visitor.get_by_role("button", name="Pokaż").click()
    visitor.get_by_role("link", name="Spółdzielnia Socjalna Przeglądarka").click()
    main = visitor.locator("main")
    expect(main).to_contain_text("spółdzielnia socjalna")
    expect(main).to_contain_text("biuro@example.org")
    expect(main).not_to_contain_text("jan@example.org")  # the requester is never published
    visitor_context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
