"""The office replaces two members' representatives on one page: a refused row keeps what was typed, the preview
shows what ends, starts and becomes vacant, and the confirmation saves it all."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _axe(page) -> list[str]:
    """axe-core over the page as it stands (the form with its errors, the preview), without reloading it."""
    from .test_accessibility import AXE_JS, WCAG_TAGS

    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"[{v['id']}] {v['help']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def test_the_office_replaces_two_members_representatives(page, site, login):
    from zit.association.models import Person

    login("biuro")
    page.goto(site + reverse("association:members"))
    page.get_by_role("link", name="Zmiana reprezentantów wielu członków naraz").click()
    page.get_by_label("Data zmiany").fill("2024-05-07")
    page.get_by_role("button", name="Pokaż przedstawicieli").click()

    slesin, golina = "Gmina Ślesin, Piotr Pokazowy", "Gmina Golina, Ewa Demonstracyjna"
    page.get_by_label(f"Decyzja: {slesin}").select_option("replace")
    page.get_by_label(f"Albo nowa osoba: imię: {slesin}").fill("Tomasz")
    page.get_by_label(f"Służbowy e-mail: {slesin}").fill("t.nowak@slesin.example.pl")
    page.get_by_label(f"Decyzja: {golina}").select_option("replace")
    page.get_by_label(f"Albo nowa osoba: imię: {golina}").fill("Joanna")
    page.get_by_label(f"Nazwisko: {golina}").fill("Nowicka")
    page.get_by_role("button", name="Pokaż podgląd zmiany").click()

    # the missing surname is refused; everything typed is still there
    expect(page.locator(".error-summary")).to_contain_text("Podaj nazwisko nowej osoby.")
    expect(page.get_by_label(f"Albo nowa osoba: imię: {slesin}")).to_have_value("Tomasz")
    expect(page.get_by_label(f"Nazwisko: {golina}")).to_have_value("Nowicka")
    assert _axe(page) == []
    page.get_by_label(f"Nazwisko: {slesin}").fill("Nowak")
    page.get_by_role("button", name="Pokaż podgląd zmiany").click()

    preview = page.locator("section.preview")
    expect(preview).to_contain_text("Kończy się 6 maja 2024")
    expect(preview).to_contain_text("Tomasz Nowak")
    expect(preview).to_contain_text("Joanna Nowicka")
    expect(preview).to_contain_text("Rada Stowarzyszenia: Przewodniczący")  # Piotr Pokazowy's office
    assert not Person.objects.filter(last_name="Nowicka").exists()
    assert _axe(page) == []
    page.get_by_role("button", name="Zatwierdź i zapisz zmianę").click()

    messages = page.locator(".messages")
    expect(messages).to_contain_text("Zapisano zmianę reprezentantów nr ZR-20240507-")
    expect(messages).to_contain_text("Funkcja Przewodniczący w organie Rada Stowarzyszenia jest nieobsadzona")
    tomasz = Person.objects.get(first_name="Tomasz", last_name="Nowak")
    assert {r.function for r in tomasz.representations.all()} == {"head", "delegate"}
    assert tomasz.mandates.get().role == "member"
    pokazowy = Person.objects.get(last_name="Pokazowy")
    assert set(pokazowy.representations.values_list("end", flat=True)) == {dt.date(2024, 5, 6)}

    page.goto(site + reverse("accounts:dashboard"))
    expect(page.get_by_text("Funkcja do obsadzenia: Przewodniczący, Rada Stowarzyszenia")).to_be_visible()


def test_the_page_and_its_preview_fit_320_pixels(browser, site):
    from .conftest import sign_in
    from .reflow import NARROW, reflow_problems

    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, site, "biuro")
    url = (
        site
        + reverse("association:representatives_change")
        + "?dzien=2024-05-07&funkcja=head&funkcja=delegate"
    )
    page.goto(url)
    assert reflow_problems(page, url, then=NARROW) == []
    slesin = "Gmina Ślesin, Piotr Pokazowy"
    # by keyboard: the decision is a select, the new person's fields follow it in the row
    page.get_by_label(f"Decyzja: {slesin}").focus()
    page.keyboard.press("ArrowDown")  # "zastąp następcą"
    page.keyboard.press("Tab")  # the list of people, left empty
    page.keyboard.press("Tab")
    page.keyboard.type("Tomasz")
    page.keyboard.press("Tab")
    page.keyboard.type("Nowak")
    page.get_by_role("button", name="Pokaż podgląd zmiany").click()
    expect(page.locator("section.preview")).to_contain_text("Tomasz Nowak")
    assert reflow_problems(page, url + " (podgląd)", then=NARROW) == []
    context.close()
