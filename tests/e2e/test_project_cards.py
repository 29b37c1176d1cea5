import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def open_round(site):
    from django.utils import timezone

    from zit.funding.models import Measure
    from zit.projects.services import round_save

    today = timezone.localdate()
    return round_save(
        actor=None,
        measures=[Measure.objects.get(number="3.2")],
        number="2/2026",
        title="Nabór fiszek: mobilność",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
    )


def test_member_officer_submits_a_card_with_a_partner_and_a_point(page, site, login, open_round):
    from zit.projects.models import ProjectCard

    login("gmina")  # the officer of Ślesin
    page.goto(f"{site}/biuro/projekty/fiszki/nowa/")
    page.get_by_label("Tytuł projektu").fill("Ścieżka rowerowa Ślesin – Kleczew")
    page.get_by_label("Krótki opis").fill("Droga dla rowerów łącząca dwa miasta nad jeziorami.")
    page.get_by_label("Działanie").select_option(
        label="3.2 Rozwój zrównoważonej mobilności miejskiej w ramach ZIT"
    )
    page.get_by_label("Początek realizacji").fill("2027-03-01")
    page.get_by_label("Koniec realizacji").fill("2028-10-31")
    page.get_by_role("button", name="Zapisz szkic").click()
    expect(page.locator("h1")).to_have_text("Ścieżka rowerowa Ślesin – Kleczew")
    card = ProjectCard.objects.get(title="Ścieżka rowerowa Ślesin – Kleczew")
    expect(page.locator("#todo-title")).to_be_visible()

    page.get_by_role("link", name="zmień położenie").click()
    page.get_by_label("Ślesin").check()
    page.locator('#location-map path[data-terc="3010123"]').click()
    expect(page.get_by_label("Punkt albo przebieg linii (nieobowiązkowe)")).not_to_have_value("")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano: Położenie")
    card.refresh_from_db()
    assert card.location["type"] == "Point"

    page.get_by_role("link", name="zmień partnerów").click()
    page.get_by_label("Szukaj na liście").fill("klecz")
    page.get_by_label("Gmina Kleczew").check()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("#partners")).to_contain_text("Gmina Kleczew")

    page.get_by_role("link", name="zmień budżet").click()
    page.get_by_label("Wartość projektu (PLN)").fill("1 000 000,00")
    page.get_by_label("Wydatki kwalifikowalne (PLN)").fill("800 000,00")
    page.get_by_label("Poziom dofinansowania UE").fill("70%")
    for row, (org, year, total, eligible, eu) in enumerate(
        [
            ("Gmina Ślesin", "2027", "600 000", "500 000", "350 000"),
            ("Gmina Kleczew", "2028", "400 000", "300 000", "210 000"),
        ]
    ):
        page.locator(f"#id_wiersze-{row}-organisation").select_option(label=org)
        page.locator(f"#id_wiersze-{row}-year").fill(year)
        page.locator(f"#id_wiersze-{row}-total_pln").fill(total)
        page.locator(f"#id_wiersze-{row}-eligible_pln").fill(eligible)
        page.locator(f"#id_wiersze-{row}-eu_pln").fill(eu)
    page.get_by_role("button", name="Zapisz budżet").click()
    expect(page.locator("#budget")).to_contain_text("560 000,00 zł")
    expect(page.locator("#budget")).to_contain_text("Gmina Kleczew 40,0%")

    page.get_by_role("link", name="zmień wskaźniki").click()
    page.locator("#id_wskazniki-0-indicator").select_option(
        label="RCO58 Dedicated cycling infrastructure supported"
    )
    page.locator("#id_wskazniki-0-target_value").fill("12,5")
    page.locator("#id_wskazniki-0-target_year").fill("2028")
    page.get_by_role("button", name="Zapisz wskaźniki").click()

    page.get_by_role("link", name="zmień przedsięwzięcia").click()
    page.get_by_label("P2", exact=False).first.check()
    page.get_by_role("button", name="Zapisz").click()

    expect(page.locator("#todo-title")).to_have_count(0)
    page.get_by_role("button", name="Złóż fiszkę").click()
    expect(page.locator(".lead")).to_contain_text("złożona")
    card.refresh_from_db()
    assert card.state == "submitted" and card.eu_pln == 560000

    # the partner's officer sees it; the office now sees it too
    page.context.clear_cookies()
    login("biuro")
    page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
    page.get_by_role("button", name="Przyjmij formalnie").click()
    expect(page.locator(".lead")).to_contain_text("przyjęta formalnie")
