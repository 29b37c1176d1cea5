import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_is_polish_with_the_real_map(page, site):
    page.goto(site + reverse("portal:home"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stowarzyszenie Aglomeracji Konińskiej")
    expect(page.get_by_role("heading", name="Czym jest ZIT?")).to_be_visible()
    polygons = page.locator("#area-map path.leaflet-interactive")
    expect(polygons).to_have_count(15)
    expect(page.locator(".svg-fallback")).to_be_hidden()  # JavaScript on: Leaflet replaces the SVG


def test_map_is_usable_with_the_keyboard(page, site):
    page.goto(site + reverse("portal:home"))
    first = page.locator("#area-map path.leaflet-interactive").first
    first.focus()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    name = tooltip.inner_text()
    assert name
    page.keyboard.press("Tab")
    expect(page.locator(".leaflet-tooltip")).to_have_count(1)
    expect(page.locator(".leaflet-tooltip")).not_to_have_text(name)
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and focused.split(" – ")[0] == page.locator(".leaflet-tooltip").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/czlonkowie/[a-z-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(focused.split(" – ")[0])


def test_map_falls_back_to_svg_links_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + reverse("portal:area"))
    links = page.locator(".svg-fallback svg a")
    expect(links).to_have_count(15)
    links.filter(has=page.locator("title", has_text="Kramsk")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gmina Kramsk")
    # Kramsk has no dated population in our sources: the page says so instead of inventing one.
    expect(page.get_by_role("row", name=re.compile("Liczba ludności"))).to_contain_text("brak danych")
    context.close()


def test_language_switch_to_english_and_back(page, site):
    page.goto(site + reverse("portal:members"))
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(site + "/en/czlonkowie/")  # the same page at its English address
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Association members")
    expect(page.get_by_role("link", name="Gmina Ślesin")).to_be_visible()  # staff content stays Polish
    page.get_by_role("button", name="Polski").click()
    expect(page).to_have_url(site + "/czlonkowie/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Członkowie Stowarzyszenia")


def test_helpful_404(page, site):
    response = page.goto(site + "/nie-ma-takiej-strony/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Nie znaleziono strony")
    expect(page.get_by_role("link", name="Członkowie Stowarzyszenia")).to_be_visible()
