"""A strategy update through its whole procedure in the office's pages: the Rada's drafting resolution, the
letter to the regional board and its silence (deemed positive the day after the 30 days from receipt), the
adopting resolution with its "in force from" day, then the two art. 34 opinions, after which the version is
"the ZIT strategy from" the later one. The procedure page has no axe violations."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from .test_strategy_lifecycle import _axe

pytestmark = pytest.mark.browser


def _label(text: str) -> re.Pattern:
    """A field's label from its start: optional fields add "(nieobowiązkowe)" after it."""
    return re.compile("^" + re.escape(text))


def _version_in_closed_consultation():
    from zit.strategy.consultations import consultation_period_set
    from zit.strategy.services import strategy_create, version_create, version_status_set

    strategy = strategy_create(actor=None, title="Strategia testowa (demo)")
    version = version_create(actor=None, strategy=strategy, label="aktualizacja (demo)", is_demo=True)
    consultation_period_set(
        actor=None, version=version, opens=dt.date(2026, 1, 5), closes=dt.date(2026, 2, 10)
    )
    version_status_set(actor=None, version=version, status="consultation")
    return version


def _save_step(page, site, version, title: str, fields: dict[str, str], outcome: str = "") -> None:
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/procedura/")
    page.locator("tr[id^=krok-]").filter(has_text=title).get_by_role("link", name="uzupełnij").click()
    for label, value in fields.items():
        page.get_by_label(_label(label)).fill(value)
    if outcome:
        page.get_by_label(_label("Wynik opinii")).select_option(label=outcome)
    with page.expect_navigation():
        page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano krok procedury")


def test_an_update_from_the_drafting_resolution_to_the_zit_strategy(page, site, login):
    from zit.strategy.procedure_letters import silences_record

    version = _version_in_closed_consultation()
    login("biuro")
    procedure = f"{site}/biuro/strategia/wersje/{version.pk}/procedura/"
    page.goto(procedure)
    page.get_by_role("button", name="Utwórz listę kroków").click()
    expect(page.locator("tr[id^=krok-]").filter(has_text="Opinia ministra")).to_contain_text("art. 34")
    expect(page.locator("main")).to_contain_text("do weryfikacji")

    _save_step(
        page,
        site,
        version,
        "Uchwała Rady o szczegółowym trybie",
        {
            "Zakończono": "2025-12-01",
            "Numer uchwały lub decyzji": "III/12/2025 (demo)",
            "Data uchwały lub decyzji": "2025-12-01",
            "Kto ją wydał": "Rada Stowarzyszenia",
        },
    )

    # the regional board: the letter reached it on 2 March, so its 30 days end on 1 April
    page.goto(procedure)
    page.locator("tr[id^=krok-]").filter(has_text="Opinia Zarządu Województwa").get_by_role(
        "link", name="dodaj pismo"
    ).click()
    page.get_by_label(_label("Adresat")).fill("Zarząd Województwa Wielkopolskiego")
    page.get_by_label(_label("Wysłano")).fill("2026-03-01")
    page.get_by_label(_label("Doręczono adresatowi")).fill("2026-03-02")
    with page.expect_navigation():
        page.get_by_role("button", name="Zapisz").click()
    regional = page.locator("tr[id^=krok-]").filter(has_text="Opinia Zarządu Województwa")
    expect(regional).to_contain_text("1 kwietnia 2026")
    expect(regional).to_contain_text("uznana za pozytywną od 2 kwietnia 2026")
    assert silences_record() == 1  # the daily job: no opinion came
    page.reload()
    expect(page.locator("tr[id^=krok-]").filter(has_text="Opinia Zarządu Województwa")).to_contain_text(
        "uznana za pozytywną: brak opinii w terminie"
    )

    # the Rada adopts the version; it is in force from the day its resolution names
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/stan/")
    page.get_by_label(_label("Numer uchwały przyjmującej")).fill("V/30/2026 (demo)")
    page.get_by_label(_label("Data uchwały")).fill("2026-05-14")
    page.get_by_label(_label("Strategia obowiązuje od")).fill("2026-06-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Przyjmij wersję").click()
    expect(page.locator(".messages")).to_contain_text("Wersja przyjęta")
    expect(page.locator("main")).to_contain_text("Obowiązuje od 1 czerwca 2026")
    expect(page.locator("main")).to_contain_text("Nie jest jeszcze strategią ZIT")

    # the two opinions of art. 34: the version is the ZIT strategy from the later one
    _save_step(
        page, site, version, "Opinia Instytucji Zarządzającej", {"Zakończono": "2026-07-01"}, "pozytywna"
    )
    _save_step(page, site, version, "Opinia ministra", {"Zakończono": "2026-08-20"}, "pozytywna")
    page.goto(procedure)
    expect(page.locator("dl.facts").first).to_contain_text("20 sierpnia 2026")
    assert _axe(page) == []
    page.goto(f"{site}/biuro/strategia/wersje/{version.pk}/")
    expect(page.locator("main")).to_contain_text("Strategia ZIT od 20 sierpnia 2026")
