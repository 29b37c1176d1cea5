"""The second factor in a browser: the first sign-in of office staff (set-up with the QR code, recovery codes),
the code after the password, a recovery code, the account's page and an administrator's reset, each page checked
with axe-core. With ZIT_SCREENSHOT_DIR set, each page is also saved there as a PNG to look at."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, sign_in, throttling_passed
from .test_accessibility import AXE_JS, WCAG_TAGS

pytestmark = pytest.mark.browser


def _shot(page, name: str) -> None:
    folder = os.environ.get("ZIT_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _axe(page) -> list[str]:
    """axe-core over the page as it is now (after a form's answer too, which reloading would lose)."""
    page.evaluate(AXE_JS)  # a script tag would be an inline script the CSP refuses
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{page.url} [{v['id']}] {v['help']}" for v in result["violations"]]


def _code_from_key(text: str) -> str:
    from django_otp.oath import totp

    key = text.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key)):06d}"


def test_first_sign_in_of_office_staff_sets_up_the_app_then_signs_in_with_a_code(page, site):
    from zit.accounts.services import user_create

    user_create(
        actor=None,
        username="nowa-osoba",
        password=PASSWORD,
        first_name="Nina",
        last_name="Nowa",
        email="nina@example.invalid",
        roles=[("office_staff", None)],
    )
    page.goto(f"{site}/konto/logowanie/")
    page.get_by_label("Nazwa użytkownika").fill("nowa-osoba")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Włącz logowanie dwuetapowe")
    expect(page.get_by_role("img", name="Kod QR do dodania konta Platformy ZIT")).to_be_visible()
    violations = _axe(page)
    _shot(page, "1-konfiguracja")
    # a wrong code: the message sits by the field and in the summary at the top
    page.get_by_label("Kod z aplikacji").fill("000000")
    page.get_by_role("button", name="Potwierdź i pokaż kody zapasowe").click()
    field = page.get_by_label("Kod z aplikacji")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_have_attribute("inputmode", "numeric")
    expect(page.locator("#id_code_error")).to_contain_text("Kod się nie zgadza")
    violations += _axe(page)
    _shot(page, "2-konfiguracja-blad")
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Kod z aplikacji").fill(_code_from_key(secret))
    page.get_by_role("button", name="Potwierdź i pokaż kody zapasowe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zapisz kody zapasowe")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    expect(page.get_by_role("link", name="Pobierz kody (plik tekstowy)")).to_be_visible()
    expect(page.get_by_role("button", name="Drukuj")).to_be_visible()
    violations += _axe(page)
    _shot(page, "3-kody-zapasowe")
    page.get_by_role("button", name="Kody zapisane – dalej").click()
    page.wait_for_url(f"{site}/konto/")
    expect(page.locator(".messages")).to_contain_text("Logowanie dwuetapowe jest włączone")
    page.goto(f"{site}/konto/dwuetapowe/")
    expect(page.get_by_text("Kody zapasowe do wykorzystania: 10.")).to_be_visible()
    violations += _axe(page)
    _shot(page, "4-konto-dwuetapowe")
    page.get_by_role("button", name="Wyloguj").first.click()

    # the next sign-in: the password, then the code page; first a recovery code
    page.goto(f"{site}/konto/logowanie/?next=/biuro/czlonkowie/")
    page.get_by_label("Nazwa użytkownika").fill("nowa-osoba")
    page.get_by_label("Hasło").fill(PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wpisz kod z aplikacji")
    violations += _axe(page)
    _shot(page, "5-kod-z-aplikacji")
    page.get_by_role("link", name="Nie mam telefonu – użyję kodu zapasowego").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wpisz kod zapasowy")
    page.get_by_label("Kod zapasowy").fill("zzzzz-zzzzz")
    page.get_by_role("button", name="Dalej").click()
    expect(page.locator("#id_code_error")).to_contain_text("nie pasuje albo został już użyty")
    violations += _axe(page)
    _shot(page, "6-kod-zapasowy-blad")
    throttling_passed(
        "nowa-osoba"
    )  # after a wrong code the next try waits a second (django-otp's throttling)
    page.get_by_label("Kod zapasowy").fill(codes[0])
    page.get_by_role("button", name="Dalej").click()
    page.wait_for_url(f"{site}/biuro/czlonkowie/")
    expect(page.locator(".messages")).to_contain_text("Zostało kodów: 9")
    assert not violations, "\n".join(violations)


def test_an_administrator_resets_a_lost_phone_with_a_reason(page, site):
    from zit.accounts.models import User

    biuro = User.objects.get(username="biuro")
    sign_in(page, site, "admin")
    page.goto(f"{site}/admin/accounts/user/{biuro.pk}/change/")
    page.get_by_role("link", name="Zresetuj (zgubiony telefon)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reset logowania dwuetapowego: biuro")
    violations = _axe(page)
    page.get_by_role("button", name="Zresetuj logowanie dwuetapowe").click()
    expect(page.locator(".error-summary")).to_contain_text("Podaj powód resetu")
    expect(page.get_by_label("Powód resetu")).to_have_attribute(
        "aria-describedby", "id_reason_helptext id_reason_error"
    )
    violations += _axe(page)
    _shot(page, "7-reset-blad")
    page.get_by_label("Powód resetu").fill("zgubiony telefon, zgłoszenie telefoniczne (demo)")
    page.get_by_role("button", name="Zresetuj logowanie dwuetapowe").click()
    expect(page.locator("body")).to_contain_text("Zresetowano logowanie dwuetapowe konta biuro")
    assert not violations, "\n".join(violations)
