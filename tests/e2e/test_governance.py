"""The secretary runs a meeting of the Rada: opens it, takes the attendance with the live quorum, records a
roll-call vote live, adopts the resolution, uploads it signed and publishes it; the public register shows it
with its metryczka."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


@pytest.fixture
def planned(site):
    from zit.association.models import Body
    from zit.governance import meetings, resolutions
    from zit.governance.demo import _representatives

    _representatives()
    rada = Body.objects.get(slug="rada")
    meeting = meetings.meeting_save(
        actor=None, body=rada, starts_at=timezone.now() - dt.timedelta(minutes=5), place="Konin, sala 1"
    )
    resolution = resolutions.resolution_save(
        actor=None,
        body=rada,
        kind="other",
        subject="przyjęcia planu pracy Rady na 2027 r.",
        text="Przyjmuje się plan pracy Rady na 2027 r.\n\nWykonanie uchwały powierza się Zarządowi.",
    )
    meetings.agenda_item_save(actor=None, meeting=meeting, title="Plan pracy Rady", resolution=resolution)
    return meeting


def test_secretary_runs_a_meeting_and_the_public_register_shows_the_resolution(
    page, site, login, planned, tmp_path, settings, signed_pdf_file
):
    settings.MEDIA_ROOT = tmp_path
    page.on("dialog", lambda dialog: dialog.accept())
    login("sekretarz")
    page.goto(f"{site}/biuro/organy/posiedzenia/{planned.pk}/")
    page.get_by_role("button", name="Otwórz posiedzenie").click()
    expect(page.locator(".messages")).to_contain_text("Posiedzenie otwarte")

    page.get_by_role("link", name="Lista obecności").click()
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("brak kworum")
    present = ["Miasto Konin", "Powiat Koniński", "Gmina Golina", "Gmina Kleczew", "Miasto i Gmina Sompolno",
               "Gmina Ślesin", "Gmina Rychwał", "Gmina Grodziec"]  # fmt: skip
    for number, seat in enumerate(present, start=1):
        page.get_by_role("button", name=re.compile(rf"^Obecny\s*: {re.escape(seat)}$")).click()
        expect(quorum).to_contain_text(f"Obecnych: {number} z 16")  # recounted at once, without reloading
    expect(quorum).to_contain_text("jest kworum")
    absent = ["Gmina Kazimierz Biskupi", "Gmina Kramsk", "Gmina Krzymów", "Gmina Skulsk", "Gmina Stare Miasto",
              "Gmina Rzgów", "Gmina Wierzbinek", "Gmina Wilczyn"]  # fmt: skip
    for seat in absent:  # every seat is checked: an unchecked one would have to be recorded in the vote
        page.get_by_role("button", name=re.compile(rf"^Nieobecny\s*: {re.escape(seat)}$")).click()
        expect(page.locator("#attendance-region tr", has_text=seat)).to_contain_text("nieobecny(-a)")

    page.goto(f"{site}/biuro/organy/posiedzenia/{planned.pk}/")
    page.get_by_role("link", name=re.compile(r"^Głosowanie\s*: przyjęcia planu pracy Rady")).click()
    page.get_by_role("button", name="Rozpocznij głosowanie").click()
    result = page.locator("#vote-result")
    for number, seat in enumerate(present, start=1):
        choice = "przeciw" if seat == "Gmina Grodziec" else "za"
        page.locator("fieldset.ballot", has_text=seat).get_by_label(choice, exact=True).check()
        expect(result).to_contain_text(f"Za: {min(number, 7)}")  # the result so far follows each vote
    expect(result).to_contain_text("przeciw: 1")
    expect(result).to_contain_text("Kworum: 50% składu, wymagana obecność: 8 – jest")
    # a seat nobody represents cannot vote "za": its error shows by it, and what was clicked stays
    nobody = page.locator("fieldset.ballot", has_text="Gmina Wierzbinek")
    nobody.get_by_label("za", exact=True).check()
    expect(nobody.locator(".error-message")).to_contain_text("Gmina Wierzbinek nie ma przedstawiciela")
    expect(page.locator(".error-summary")).to_contain_text("Nie zapisano głosów")
    expect(nobody.get_by_label("za", exact=True)).to_be_checked()
    page.get_by_role("button", name="Zapisz głosy").click()  # the plain form: the whole page again
    expect(page.locator(".error-summary")).to_be_focused()
    expect(nobody.get_by_label("za", exact=True)).to_be_checked()
    page.evaluate(AXE_JS)  # the page with its errors meets WCAG too
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert not found["violations"], [v["id"] for v in found["violations"]]
    page.locator(".error-summary").get_by_role("link").click()
    expect(nobody.get_by_label("za", exact=True)).to_be_focused()
    nobody.get_by_label("nieobecny", exact=True).check()
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(nobody.locator(".error-message")).to_have_count(0)
    expect(result).to_contain_text("Za: 7")
    page.get_by_role("button", name="Zamknij głosowanie i ogłoś wynik").click()

    year = timezone.localdate().year
    expect(page.locator(".messages")).to_contain_text(f"Uchwała nr 1/{year} została podjęta")
    expect(page.locator("h1")).to_contain_text(
        f"Uchwała nr 1/{year} Rady Stowarzyszenia Aglomeracji Konińskiej"
    )
    page.get_by_role("button", name="Wygeneruj uchwałę do podpisu (DOCX)").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz projekt do podpisu").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.get_by_role("link", name="Wgraj podpisany dokument").click()
    page.locator("input[type=file]").set_input_files(str(signed_pdf_file))
    page.locator("input[type=checkbox]").check()
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator("section.signed-document")).to_contain_text("zablokowany")
    expect(page.locator("section.signed-document")).to_contain_text("podpis ważny")
    page.get_by_label("Informację wytworzył(a)").fill("Piotr Pokazowy, Przewodniczący Rady")
    page.get_by_role("button", name="Opublikuj w rejestrze").click()
    expect(page.locator(".messages")).to_contain_text("w publicznym rejestrze")

    page.context.clear_cookies()  # a resident
    page.goto(f"{site}/uchwaly/")
    page.get_by_role("link", name=f"Uchwała nr 1/{year} Rady Stowarzyszenia").click()
    expect(page.locator("h1")).to_contain_text("w sprawie przyjęcia planu pracy Rady na 2027 r.")
    expect(page.get_by_role("link", name="Pobierz podpisaną uchwałę")).to_be_visible()
    votes = page.get_by_role("table", name="Głosy imienne")
    expect(votes.get_by_role("row", name="Gmina Grodziec")).to_contain_text("przeciw")
    expect(votes.get_by_role("row", name="Gmina Wilczyn")).to_contain_text("nieobecny")
    metryczka = page.locator(".metryczka")
    expect(metryczka).to_contain_text("Piotr Pokazowy, Przewodniczący Rady")
    expect(metryczka).to_contain_text("Sylwia Sekretarz")
    expect(metryczka.get_by_role("table", name="Rejestr zmian")).to_contain_text("publikacja w rejestrze")
    expect(metryczka).not_to_contain_text("(sekretarz)")  # the account name stays private
