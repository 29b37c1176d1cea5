"""The office records the IZ's value of a ZIT indicator and sees it beside the association's own count; both
pages pass axe (WCAG 2.1 AA)."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import _check

pytestmark = pytest.mark.browser


def test_office_records_the_iz_value_and_sees_it_beside_the_count(page, site, login, settings, tmp_path):
    from zit.monitoring.indicators_zit import zit_indicators
    from zit.projects.demo import load_project_demo

    settings.MEDIA_ROOT = tmp_path
    load_project_demo()
    counts = {z.code: z for z in zit_indicators()}
    login("biuro")
    page.goto(f"{site}/biuro/monitoring/wskazniki/")
    section = page.locator("#zit-indicators")
    row = section.locator("tbody tr", has_text="RCO76")
    expect(row.locator("td").first).to_have_text(str(int(counts["RCO76"].value)))
    expect(row).to_contain_text("nie zapisano")
    section.get_by_role("link", name="Zapisz wartość podaną przez IZ").click()
    page.get_by_label("Wskaźnik").select_option("RCO76")
    page.get_by_label("Wartość podana przez IZ").fill("7")
    page.get_by_label("Stan na dzień").fill("2025-12-31")
    page.get_by_label("Źródło").fill("Pismo IZ DPR-II.433.12.2026")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    expect(page.locator("#zit-indicators tbody tr", has_text="RCO76")).to_contain_text(
        "Pismo IZ DPR-II.433.12.2026"
    )
    expect(page.locator("#zit-indicators tbody tr", has_text="RCO76")).to_contain_text("31 grudnia 2025")
    page.locator("#zit-RCO76 summary").click()
    expect(page.locator("#zit-RCO76")).to_contain_text("Projekt liczymy raz")
    problems = _check(page, f"{site}/biuro/monitoring/wskazniki/")
    problems += _check(page, f"{site}/biuro/monitoring/wskazniki/wartosci-iz/")
    assert not problems, "\n".join(problems)
