"""A resident searches the project catalogue, narrows it with a facet, opens a project, and sees the same
projects on the map."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(site):
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.demo import load_project_demo

    load_project_demo()
    catalogue_refresh()


def test_search_filter_open_a_project_and_the_map(page, site, catalogue):
    from zit.opendata.models import CatalogueProject

    page.goto(f"{site}/projekty/")
    page.get_by_label("Szukaj projektów").fill("ścieżki rowerowej w Kleczewie")
    page.get_by_role("button", name="Szukaj").click()
    expect(page.locator("section.results")).to_contain_text("Ścieżka rowerowa Kleczew")
    assert "q=" in page.url  # the search is in the address, to share

    everything = CatalogueProject.objects.count()
    page.goto(f"{site}/projekty/")
    expect(page.locator("#results-h")).to_contain_text(str(everything))
    efrr = CatalogueProject.objects.filter(fund="EFRR").count()
    page.locator(".facets").get_by_role("link", name=re.compile(r"^EFRR")).click()
    expect(page.locator("#results-h")).to_contain_text(str(efrr))
    expect(page.locator(".facets a.selected")).to_contain_text("EFRR")

    project = CatalogueProject.objects.filter(fund="EFRR", geometry__isnull=False).order_by("title").first()
    page.get_by_role("link", name=project.title).click()
    expect(page.locator("h1")).to_contain_text(project.title)
    expect(page.locator("#project-map .leaflet-interactive").first).to_be_visible()  # drawn over the gminas

    page.goto(f"{site}/mapa/?fundusz=EFRR")
    expect(page.locator("#projects-map")).to_be_visible()
    markers = page.locator(
        "#projects-map .leaflet-marker-pane .cluster, #projects-map path.leaflet-interactive"
    )
    expect(markers.first).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Dofinansowanie UE"))).to_contain_text("Kleczew")
