"""The public progress pages in a browser: from the menu to the money, a goal, an undertaking with its projects
and an indicator, each with its chart, its table and no axe-core violations."""

import re
from decimal import Decimal
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from zit.core.formatting import format_amount

pytestmark = pytest.mark.browser

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _no_axe_violations(page) -> None:
    page.evaluate(AXE_JS)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert not result["violations"], [(v["id"], v["help"], page.url) for v in result["violations"]]


def test_a_visitor_follows_the_money_and_an_undertaking_to_its_projects(page, site):
    from zit.monitoring.finance import financial_report
    from zit.opendata.refresh import catalogue_refresh
    from zit.projects.demo import load_project_demo

    load_project_demo()  # the demo cards, contracts and progress information
    catalogue_refresh(actor=None)
    office = financial_report()
    assert office.total.contracted_pln > Decimal(0)

    page.goto(site + "/")
    page.get_by_role("navigation", name="Menu główne").get_by_role("link", name="Postępy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Postępy ZIT")
    expect(page.get_by_role("link", name="Postępy", exact=True)).to_have_attribute("aria-current", "page")
    summary = page.get_by_role("table", name="Dofinansowanie UE: od koperty do wydatków")
    expect(summary).to_contain_text(format_amount(office.total.contracted_pln))
    _no_axe_violations(page)

    page.get_by_role("link", name="Pieniądze według funduszy, działań, członków, gmin i lat").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pieniądze ZIT")
    funds = page.get_by_role("table", name="Według funduszy")
    expect(funds).to_contain_text(format_amount(office.by_fund[0].figures.contracted_pln))
    expect(page.locator("svg#chart-fundusze, svg[aria-labelledby^='chart-fundusze']")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Pobierz CSV\s*: Według funduszy$")).click()
    assert download.value.suggested_filename.startswith("postepy-pieniadze-fundusze-")
    page.get_by_text("Skąd te dane", exact=True).click()
    expect(page.locator("#skad-te-dane")).to_contain_text("Nikt nie wpisuje ich tu drugi raz")
    _no_axe_violations(page)

    # from the overview to an undertaking with a contracted project, then to the project's public page
    from zit.portal.progress import undertakings_overview, version_public

    busy = next(s for s in undertakings_overview(version_public()) if s.contracted_pln)
    page.goto(site + "/postepy/")
    undertakings = page.get_by_role("table", name="Przedsięwzięcia strategii i ich projekty")
    undertakings.get_by_role("link", name=f"{busy.undertaking.code} {busy.undertaking.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(busy.undertaking.title)
    expect(page.locator("main")).to_contain_text(format_amount(busy.contracted_pln))
    projects = page.get_by_role("table", name="Projekty przedsięwzięcia i ich postęp")
    expect(projects).to_contain_text("demo")
    _no_axe_violations(page)
    projects.get_by_role("link").first.click()
    expect(page.get_by_role("link", name="Projekty ZIT").first).to_be_visible()  # the project's public page
    expect(
        page.get_by_role("link", name="Postępy ZIT: pieniądze, wskaźniki, przedsięwzięcia")
    ).to_be_visible()


def test_an_indicator_page_pairs_its_chart_with_a_table_and_a_download(page, site):
    from zit.portal.progress import version_public

    version = version_public()
    goal = version.goals.order_by("order", "code").first()
    page.goto(site + "/strategia/")
    page.get_by_role("link", name=re.compile(rf"^postęp celu\s*: {goal.code}$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(goal.code)
    _no_axe_violations(page)
    item = version.indicators.order_by("order", "pk").first()
    page.goto(f"{site}/postepy/wskazniki/{item.key}/")
    expect(page.get_by_role("img", name=item.indicator.display_name, exact=False)).to_be_visible()
    table = page.get_by_role("table", name="Wartości wskaźnika: bazowa, w kolejnych latach i docelowa")
    if item.target_value is not None:
        expect(table).to_contain_text("wartość docelowa")
    expect(page.get_by_role("heading", name="Definicja i metoda")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Pobierz CSV\s*: wartości wskaźnika$")).click()
    assert download.value.suggested_filename.endswith(".csv")
    _no_axe_violations(page)
