"""The office uploads an export of the managing authority, maps its columns once and resolves differences."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_imports_an_iz_export_and_resolves_a_difference(page, site, login, settings, tmp_path):
    from zit.contracts.models import Contract
    from zit.projects.demo import load_project_demo

    settings.MEDIA_ROOT = tmp_path
    load_project_demo()
    contract = Contract.objects.get(final_payment_on__isnull=False)
    other = Contract.objects.get(terminated_on__isnull=False)
    export = tmp_path / "cst-pazdziernik.csv"
    moved = contract.starts_on + dt.timedelta(days=3)
    export.write_bytes(
        (
            "Eksport CST2021 – umowy\r\n"
            "Nr umowy;Data rozpoczęcia realizacji;Wartość ogółem [PLN];Status projektu\r\n"
            f"{contract.number};{moved:%d.%m.%Y};{str(contract.total_pln).replace('.', ',')};Zakończony\r\n"
            f"{other.number};{other.starts_on:%d.%m.%Y};0,00;W realizacji\r\n"
        ).encode("cp1250")
    )

    login("biuro")
    page.goto(f"{site}/biuro/projekty/uzgodnienia/")
    page.get_by_label("Nazwa nowego źródła").fill("CST2021 – eksport październikowy")
    page.get_by_label("System").select_option("cst")
    page.get_by_label("Plik z IZ (CSV lub XLSX)").set_input_files(str(export))
    page.get_by_role("button", name="Wgraj i porównaj").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Przypisz kolumny zestawienia")
    expect(page.get_by_label("Numer umowy")).to_have_value("nr umowy")
    expect(page.get_by_label("Początek realizacji")).to_have_value("data rozpoczęcia realizacji")
    expect(page.get_by_label("Status „Zakończony”")).to_have_value("settled")
    page.get_by_role("button", name="Zapisz i porównaj").click()

    expect(page.locator(".messages")).to_contain_text("Zapisano przypisanie kolumn")
    differences = page.locator("table.differences tbody tr")
    started = differences.filter(has_text="Początek realizacji")
    expect(started).to_contain_text(contract.number)
    started.get_by_role("button", name="Przyjmij wartość z IZ").click()
    expect(page.locator(".messages")).to_contain_text("Przyjęto wartość z IZ")
    contract.refresh_from_db()
    assert contract.starts_on == moved

    value = differences.filter(has_text="Wartość projektu")
    value.get_by_text("Potwierdź dane platformy").click()
    value.get_by_label("Dlaczego dane platformy są właściwe").fill("Umowa rozwiązana; IZ zeruje wartość.")
    value.get_by_role("button", name="Zapisz wyjaśnienie").click()
    expect(page.locator(".messages")).to_contain_text("Potwierdzono dane platformy")

    page.get_by_label("Pokaż").select_option("resolved")
    page.get_by_role("button", name="Pokaż").click()
    expect(page.locator("table.differences")).to_contain_text("poprawiono w platformie")
    expect(page.locator("table.differences")).to_contain_text("IZ zeruje wartość")
