"""In a browser: the office's dashboard lists a role that ended with its mandate, the payment form warns
about a payment already recorded and keeps what was typed, the statement page lists the held lines; each
page passes axe-core."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.utils import timezone

from .test_accessibility import AXE_JS, WCAG_TAGS, _check

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("ZIT_SCREENSHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_dashboard_card_of_roles_ended_with_a_mandate(page, site, login):
    from zit.accounts.services import role_assign, user_create
    from zit.association.models import Body
    from zit.association.services import mandate_create, mandate_end, person_create

    person = person_create(actor=None, first_name="Ewa", last_name="Sekretarska")
    mandate = mandate_create(
        actor=None,
        person=person,
        body=Body.objects.get(slug="zarzad"),
        role="member",
        start=dt.date(2024, 1, 1),
    )
    user = user_create(
        actor=None,
        username="e.sekretarska",
        password="x-haslo-2026",
        first_name="Ewa",
        last_name="Sekretarska",
    )
    role_assign(actor=None, user=user, role="board_member", mandate=mandate)
    mandate_end(actor=None, mandate=mandate, end=timezone.localdate())

    login("biuro")
    assert _check(page, f"{site}/konto/") == []
    card = page.locator("section[aria-labelledby=role-endings-heading]")
    assert "e.sekretarska" in card.inner_text() and "członek Zarządu" in card.inner_text()
    card.scroll_into_view_if_needed()
    if SHOTS:
        card.screenshot(path=os.path.join(SHOTS, "dashboard-role-endings.png"))


def test_payment_form_warns_about_a_recorded_payment(page, site, login):
    from zit.association.models import Member
    from zit.fees.payments import payment_add
    from zit.fees.statements import statement_import

    golina = Member.objects.get(slug="golina")
    payment_add(
        actor=None,
        booked_on=dt.date(2026, 3, 3),
        amount=Decimal("1000.00"),
        title="Składka z kasy",
        member=golina,
    )
    login("biuro")
    page.goto(f"{site}/biuro/skladki/wplaty/nowa/")
    page.get_by_label("Data wpływu").fill("2026-03-03")
    page.get_by_label("Kwota (zł)").fill("1 000,00")
    page.get_by_label("Tytuł przelewu").fill("Składka z kasy")
    page.get_by_label("Członek").select_option(label=str(golina))
    page.get_by_role("button", name="Zapisz wpłatę").click()
    page.wait_for_selector("#duplicate-heading")
    assert page.get_by_label("Tytuł przelewu").input_value() == "Składka z kasy"
    _shot(page, "payment-duplicate-warning.png")
    page.evaluate(AXE_JS)  # a script tag would be an inline script the CSP refuses
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert [v["id"] for v in result["violations"]] == []
    page.get_by_label("To nie jest duplikat — zapisz mimo to").check()
    page.get_by_role("button", name="Zapisz wpłatę").click()
    page.wait_for_url(f"{site}/biuro/skladki/wplaty/")

    content = (
        "Data operacji;Nadawca / Odbiorca;Tytuł;Kwota;Id transakcji\r\n"
        '03.03.2026;Urząd Gminy Golina;Składka z kasy;"1 000,00";TX-9\r\n'
        '04.03.2026;Urząd Gminy Golina;Składka 2026;"500,00";TX-10\r\n'
        '04.03.2026;Urząd Gminy Golina;Składka 2026;"500,00";TX-11\r\n'
    ).encode()
    statement = statement_import(actor=None, file_name="marzec.csv", content=content)
    assert statement.held == 2
    assert _check(page, f"{site}/biuro/skladki/wyciagi/{statement.pk}/") == []
    _shot(page, "statement-held-lines.png")
