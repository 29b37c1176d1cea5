import subprocess

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_generates_the_strategy_pdf_with_a_progress_bar(page, site, login, settings, tmp_path):
    from zit.strategy.models import StrategyDocument, StrategyVersion

    settings.MEDIA_ROOT = tmp_path
    version = StrategyVersion.objects.get(status="consultation")
    login("biuro")
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/")
    page.get_by_role("button", name="Wygeneruj PDF i DOCX").click()
    bar = page.locator("#job-bar")
    expect(bar).to_have_attribute("value", "0")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    expect(bar).to_have_attribute("value", "100", timeout=20_000)
    expect(page.locator("#job-status")).to_contain_text("zakończone")
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    path = download.value.path()
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # the title wraps across lines on the title page
    assert "Strategia Rozwoju Ponadlokalnego Aglomeracji Konińskiej 2030" in text
    assert "Spis treści" in text and "Przedsięwzięcia" in text
    assert StrategyDocument.objects.filter(version=version, format="docx").exists()
