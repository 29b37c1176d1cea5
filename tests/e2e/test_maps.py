"""The maps with a keyboard and a screen reader: every tab stop on a map page has a name, a skip link leads past
the map to the same data as a table, a project on the public map opens its popup with Enter, and Escape closes
it, handing focus back to the project."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The accessible name of the focused element, as a screen reader computes it in the simple cases the maps use.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const by = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
    .map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
  const name = (el.getAttribute("aria-label") || by || el.getAttribute("title") ||
    (el.tagName === "INPUT" && el.labels && el.labels.length ? el.labels[0].textContent : "") ||
    el.innerText || el.textContent || "").trim();
  const where = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return {where: where, name: name, inMap: !!el.closest(".leaflet-container")};
}"""


def tab_stops(page, limit: int = 400) -> list[dict]:
    """Every element Tab reaches, in order, from the top of the page until focus comes round again."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or (stops and focused == stops[0]):
            break
        stops.append(focused)
    return stops


@pytest.fixture
def catalogue(site):
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.demo import load_project_demo

    load_project_demo()
    catalogue_refresh()


@pytest.mark.parametrize("name", ["portal:home", "portal:area", "portal:map", "pes:entities_map"])
def test_every_tab_stop_on_a_map_page_has_a_name(page, site, catalogue, name):
    page.goto(site + reverse(name))
    page.wait_for_load_state("networkidle")
    stops = tab_stops(page)
    unnamed = [s["where"] for s in stops if not s["name"]]
    assert not unnamed, f"tab stops without a name: {unnamed}"
    in_map = [s["name"] for s in stops if s["inMap"]]
    assert "Przybliż mapę" in in_map and "Oddal mapę" in in_map  # Leaflet's buttons, named in Polish
    assert not any(name.startswith("Zoom") for name in in_map)


def test_a_project_on_the_public_map_opens_with_enter_and_closes_with_escape(page, site, catalogue):
    page.goto(site + reverse("portal:map"))
    page.wait_for_load_state("networkidle")
    # before the map, a link past it to the same figures as a table
    skip = page.get_by_role("link", name="Kwoty w gminach jako tabela")
    assert page.evaluate(
        "([a, m]) => !!(a.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [skip.element_handle(), page.locator("#projects-map").element_handle()],
    )
    expect(page.locator(skip.get_attribute("href"))).to_have_text("Dofinansowanie UE w gminach")
    # the gminas are not tab stops on this map (the table has their figures); the projects and groups are
    stops = tab_stops(page)
    in_map = [s for s in stops if s["inMap"]]
    assert not [s for s in in_map if s["where"] == "path" and not s["name"]]
    groups = page.locator("#projects-map .cluster[role=button]")
    for _zoom in range(8):
        if page.locator("#projects-map path[role=button]").count():
            break
        # the projects are grouped at this zoom: Enter on a group zooms in on it
        expect(groups.first).to_have_attribute("aria-label", re.compile(r"^\d+ projektów – Enter"))
        groups.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
    project = page.locator("#projects-map path[role=button]").first
    title = project.get_attribute("aria-label")
    assert title
    project.focus()
    page.keyboard.press("Enter")
    popup = page.get_by_role("dialog", name=title)
    expect(popup).to_be_visible()
    link = popup.get_by_role("link", name=title)
    expect(link).to_be_focused()
    expect(popup.get_by_role("button", name="Zamknij okienko")).to_be_visible()
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == title
    # Space opens it too, and the link inside leads to the project's page
    page.keyboard.press(" ")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
