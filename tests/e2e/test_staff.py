import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_edits_a_member_and_sees_it_in_history(page, site, login):
    login("biuro")
    page.goto(site + reverse("association:members"))
    page.get_by_role("link", name="Gmina Kramsk").click()
    page.get_by_role("link", name="Edytuj dane członka").click()
    page.get_by_label("NIP").fill("123-456-32-19")  # wrong check digit
    with page.expect_navigation():  # the form answers with a whole page: wait for it before typing again
        page.get_by_role("button", name="Zapisz zmiany").click()
    page.wait_for_load_state("load")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("błędną cyfrę kontrolną")
    expect(page.get_by_label("Ulica i numer")).to_have_value("")  # nothing lost, nothing saved
    page.get_by_label("NIP").fill("665-10-00-004")
    page.get_by_label("Ulica i numer").fill("ul. Przykładowa 5 (demo)")
    expect(page.get_by_label("NIP")).to_have_value("665-10-00-004")
    with page.expect_navigation():
        page.get_by_role("button", name="Zapisz zmiany").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano zmiany")
    expect(page.locator("dl.facts")).to_contain_text("6651000004")
    history = page.locator("section[aria-labelledby=history-org]")
    expect(history).to_contain_text("zmiana: organizacja")


def test_member_officer_cannot_open_office_pages(page, site, login):
    login("gmina")
    response = page.goto(site + reverse("association:members"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Brak dostępu")


def test_job_progress_bar_follows_the_worker(page, site, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    login("biuro")
    page.goto(site + reverse("territory:import"))
    geojson = tmp_path / "gminy.geojson"
    geojson.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"teryt":"3011011",'
        '"name":"Gmina Testowa (demo)"},"geometry":{"type":"Polygon","coordinates":'
        "[[[18.0,52.0],[18.1,52.0],[18.1,52.1],[18.0,52.1],[18.0,52.0]]]}}]}"
    )
    page.get_by_label("Kod obszaru").fill("obszar-testowy")
    page.get_by_label("Nazwa obszaru").fill("Obszar testowy (demo)")
    page.get_by_label("Granice gmin (GeoJSON, WGS84)").set_input_files(str(geojson))
    page.get_by_label("Obowiązuje od").fill("2026-01-01")
    page.get_by_role("button", name="Rozpocznij import").click()
    bar = page.locator("#job-bar")
    expect(bar).to_have_attribute("value", "0")
    expect(page.locator("#job-status")).to_contain_text("w kolejce")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    expect(bar).to_have_attribute("value", "100", timeout=10_000)  # htmx polling picked it up
    expect(page.locator("#job-status")).to_contain_text("zakończone")
