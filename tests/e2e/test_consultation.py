import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_resident_comments_and_the_office_responds(page, site, login, form_time_passes):
    from django.utils import timezone

    from zit.strategy.consultations import consultation_period_set
    from zit.strategy.models import StrategyVersion

    version = StrategyVersion.objects.get(status="consultation")
    today = timezone.localdate()
    consultation_period_set(
        actor=None, version=version, opens=today - dt.timedelta(days=1), closes=today + dt.timedelta(days=40)
    )

    page.goto(f"{site}{reverse('portal:strategy')}?wersja={version.number}")  # the update in consultation
    key = version.undertakings.get(code="P2").key
    page.locator(f'a[href="?wersja={version.number}&dotyczy={key}#uwagi"]').click()
    expect(page.get_by_label("Czego dotyczy uwaga")).to_have_value(key)
    page.get_by_label("Uwaga", exact=True).fill("Proszę przedłużyć drogę rowerową do Gosławic.")
    page.get_by_label("Instytucja lub organizacja").fill("Klub Rowerowy Konin (demo)")
    form_time_passes()  # people take a few seconds to write; the form refuses faster senders
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator(".messages")).to_contain_text("czeka na moderację")
    expect(page.locator("#uwagi")).not_to_contain_text("Gosławic")  # nothing is published before moderation

    page.context.clear_cookies()
    login("biuro")
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/konsultacje/")
    comment = page.locator("article", has_text="Gosławic")
    comment.get_by_role("button", name="Opublikuj").click()
    page.get_by_role("link", name="opublikowana (1)").click()
    comment = page.locator("article", has_text="Gosławic")
    comment.get_by_label("uwzględniona częściowo").check()
    comment.get_by_label("Uzasadnienie").fill("Odcinek do granicy miasta dodano do P2.")
    comment.get_by_role("button", name="Zapisz odpowiedź").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano")
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz raport z konsultacji (CSV)").click()
    report = download.value.path().read_text(encoding="utf-8-sig")
    assert "Klub Rowerowy Konin (demo)" in report and "uwzględniona częściowo" in report
    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX – raport z konsultacji").click()
    import io

    from docx import Document

    cells = [
        c.text
        for row in Document(io.BytesIO(download.value.path().read_bytes())).tables[0].rows
        for c in row.cells
    ]
    assert "Klub Rowerowy Konin (demo)" in cells and "Odcinek do granicy miasta dodano do P2." in cells

    page.goto(f"{site}{reverse('portal:strategy')}?wersja={version.number}")
    expect(page.locator("main")).to_contain_text("Odcinek do granicy miasta dodano do P2.")
