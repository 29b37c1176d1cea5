"""The monitoring dashboard follows noted progress information; the annual report is generated with a progress bar."""

import subprocess

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _spent_text(page) -> str:
    row = page.locator("table").first.locator("tr", has_text="Wydane")
    return " ".join(row.locator("td").first.inner_text().split())


def test_the_dashboard_changes_after_progress_information_is_noted(page, site, login, settings, tmp_path):
    from zit.contracts.models import ProgressReport
    from zit.core.formatting import format_amount
    from zit.monitoring.finance import financial_report
    from zit.projects.demo import load_project_demo

    settings.MEDIA_ROOT = tmp_path
    load_project_demo()
    before = financial_report().total.spent_pln
    waiting = ProgressReport.objects.get(status="submitted")
    login("biuro")
    page.goto(f"{site}/biuro/monitoring/")
    assert _spent_text(page) == " ".join(format_amount(before).split())
    page.goto(f"{site}/biuro/projekty/fiszki/{waiting.contract.card_id}/informacje-o-postepie/{waiting.pk}/")
    page.get_by_role("button", name="Odnotuj").click()
    expect(page.locator(".lead")).to_contain_text("odnotowana")
    page.goto(f"{site}/biuro/monitoring/")
    after = financial_report().total.spent_pln
    assert after > before
    assert _spent_text(page) == " ".join(format_amount(after).split())


def test_the_annual_report_is_generated_with_its_progress_bar(page, site, login, settings, tmp_path):
    from zit.projects.demo import load_project_demo

    settings.MEDIA_ROOT = tmp_path
    load_project_demo()
    login("biuro")
    page.goto(f"{site}/biuro/monitoring/sprawozdania/")
    page.get_by_label("Rok sprawozdawczy").select_option("2026")
    page.get_by_role("button", name="Przygotuj sprawozdanie").click()
    # the page follows the report just queued: its progress, then its own files
    panel = page.locator("#report-fresh")
    expect(panel.locator("progress")).to_have_attribute("value", "0")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    expect(panel).to_contain_text("Sprawozdanie jest gotowe", timeout=30_000)
    with page.expect_download() as download:
        panel.get_by_role("link", name="Pobierz PDF").click()
    text = subprocess.run(
        ["pdftotext", str(download.value.path()), "-"], capture_output=True, text=True, check=True
    )
    flat = " ".join(text.stdout.split())
    assert "Sprawozdanie z realizacji Strategii ZIT za 2026 r." in flat and "Postęp finansowy" in flat
    page.goto(f"{site}/biuro/monitoring/sprawozdania/")
    expect(page.locator("table")).to_contain_text("gotowy")
