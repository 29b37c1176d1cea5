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

    page.on("dialog", lambda dialog: dialog.accept())  # irreversible steps ask for confirmation
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
    expect(page.locator(".messages")).to_contain_text("Zapisano część „Położenie”")
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


def test_office_builds_the_list_approves_it_and_issues_a_signed_opinion(
    page, site, login, tmp_path, settings, signed_pdf_file
):
    import io

    from openpyxl import load_workbook

    from zit.funding.models import AllocationLine
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ProjectCard

    settings.MEDIA_ROOT = tmp_path
    page.on("dialog", lambda dialog: dialog.accept())  # irreversible steps ask for confirmation
    load_project_demo()
    # Kazimierz Biskupi, EUR ≈ 327,000 at the list's rate
    accepted = ProjectCard.objects.get(state="accepted", round__number="1/2025")
    login("biuro")
    page.goto(f"{site}/biuro/projekty/lista/")
    page.get_by_label("Data kursu euro").fill("2025-03-31")
    page.get_by_role("button", name="Utwórz wersję roboczą").click()
    expect(page.locator("h1")).to_contain_text("wersja 2")
    # the envelope is nearly full: the card cannot go onto the main list
    from zit.projects.models import ListEntry

    taken = sum(e.eu_eur for e in ListEntry.objects.filter(version__number=2, position="main"))
    AllocationLine.objects.filter(measure=accepted.measure, fund=accepted.fund).update(
        amount_eur=taken + 100_000
    )
    page.reload()
    page.get_by_label("Fiszka").select_option(value=str(accepted.pk))
    page.get_by_role("radio", name="podstawowa").check()
    page.get_by_role("button", name="Dodaj do listy").click()
    expect(page.locator(".error-summary")).to_contain_text("Dodaj go na listę rezerwową")
    page.get_by_label("Fiszka").select_option(value=str(accepted.pk))
    page.get_by_role("radio", name="rezerwowa").check()
    page.get_by_role("button", name="Dodaj do listy").click()
    expect(page.locator(".messages")).to_contain_text("Dodano")

    # version 2 updates the strategy's annex: the office marks the change as not significant
    page.get_by_role("radio", name="nie – bez konsultacji").check()
    page.locator("#annex-procedure").get_by_role("button", name="Zapisz").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano procedurę aktualizacji załącznika")
    expect(page.locator("#approve")).to_contain_text("W rejestrze nie ma jeszcze uchwały")
    # the Rada's resolution carrying this version, adopted and in the register, approves it through its effect
    from support.list_approval import register_resolution

    from zit.accounts.models import User
    from zit.governance.resolutions import resolution_effect_apply
    from zit.projects.models import ListVersion

    resolution = register_resolution(ListVersion.objects.get(number=2), on=dt.date(2026, 6, 5))
    resolution_effect_apply(actor=User.objects.get(username="biuro"), resolution=resolution)
    page.reload()
    expect(page.locator(".lead")).to_contain_text("Zatwierdzona uchwałą")
    expect(page.locator("#approve")).to_contain_text("podjęta")
    accepted.refresh_from_db()
    assert accepted.state == "listed_reserve"
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz XLSX dla IZ").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert any(
        row[2] == accepted.number and row[1] == "rezerwowa" for row in book.active.iter_rows(values_only=True)
    )

    filed = ProjectCard.objects.get(state="application_filed")
    page.goto(f"{site}/biuro/projekty/fiszki/{filed.pk}/")
    # the demo's call has ended: a new opinion is refused with the reason, the one the IZ asked for in time waits
    expect(page.get_by_role("link", name="Przygotuj kolejną opinię")).to_have_count(0)
    page.get_by_role("link", name="Popraw opinię i wygeneruj ponownie").click()
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator(".error-summary")).to_contain_text("rozstrzygnięto")
    page.goto(f"{site}/biuro/projekty/fiszki/{filed.pk}/")
    expect(page.locator("#opinion")).to_contain_text("Prośba IZ")
    with page.expect_download() as download:
        page.get_by_role("link", name="Pismo przewodnie do IZ (DOCX)").click()
    assert download.value.suggested_filename.startswith("pismo-przewodnie")
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz projekt do podpisu").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.get_by_role("link", name="Wgraj podpisany dokument").click()
    page.locator("input[type=file]").set_input_files(str(signed_pdf_file))
    page.locator("input[type=checkbox]").check()
    page.locator("form.stacked button[type=submit]").click()
    expect(page.locator("#opinion")).to_contain_text("zablokowany")
    expect(page.locator("#opinion")).to_contain_text("Anna Nowak")
    page.get_by_role("button", name="Wydaj opinię").click()
    expect(page.locator(".lead")).to_contain_text("opinia o zgodności wydana")


def test_beneficiary_passes_on_progress_information_the_office_asks_then_takes_note(
    page, site, login, tmp_path, settings
):
    from zit.accounts.models import RoleAssignment, User
    from zit.contracts.models import ProgressReport
    from zit.projects.demo import load_project_demo
    from zit.projects.models import ProjectCard

    settings.MEDIA_ROOT = tmp_path
    page.on("dialog", lambda dialog: dialog.accept())
    load_project_demo()
    card = ProjectCard.objects.get(state="contracted", contract__final_payment_on__isnull=True)
    RoleAssignment.objects.create(  # the demo officer also acts for the contracted gmina
        user=User.objects.get(username="gmina"), role="member_officer", organisation=card.beneficiary
    )
    contract = card.contract
    login("gmina")
    page.goto(f"{site}/biuro/projekty/fiszki/{card.pk}/")
    page.get_by_role("link", name="Nowa informacja o postępie").click()
    last = contract.reports.order_by("period_to").last()  # the demo has reported up to here
    period_from = last.period_to + dt.timedelta(days=1)
    period_to = period_from + dt.timedelta(days=30)
    page.get_by_label("Okres od").fill(period_from.isoformat())
    page.get_by_label("Okres do").fill(period_to.isoformat())
    page.get_by_role("button", name="Zapisz").click()
    page.get_by_label("Opis postępu").fill("Wybrano wykonawcę robót; podpisano umowę z wykonawcą.")
    page.locator("#id_wydatki-0-year").fill(str(period_from.year))
    page.locator("#id_wydatki-0-category").select_option(label="roboty budowlane")
    page.locator("#id_wydatki-0-amount_pln").fill("120 000,00")
    milestone = contract.milestones.filter(reached_on__isnull=True).order_by("due_on").first()
    page.locator(f"#id_ms{milestone.pk}").fill((period_from + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Zapisz informację").click()
    expect(page.locator(".messages")).to_contain_text("Zapisano informację o postępie")
    page.get_by_role("button", name="Przekaż informację biuru").click()
    expect(page.locator(".lead")).to_contain_text("przekazana")

    page.context.clear_cookies()
    login("biuro")
    report = ProgressReport.objects.get(contract=contract, period_from=period_from)
    url = f"{site}/biuro/projekty/fiszki/{card.pk}/informacje-o-postepie/{report.pk}/"
    page.goto(url)
    expect(page.locator("main")).to_contain_text("120 000,00 zł")
    for word in ("Przyjmij", "Zwróć"):  # nothing is accepted or returned
        expect(page.get_by_role("button", name=word)).to_have_count(0)
    page.locator("summary[data-action='ask']").click()
    page.get_by_label("Pytanie do beneficjenta").fill("Czy umowa z wykonawcą obejmuje oznakowanie?")
    page.get_by_role("button", name="Zadaj pytanie").click()
    expect(page.locator(".lead")).to_contain_text("pytanie biura")

    page.context.clear_cookies()
    login("gmina")
    page.goto(url)
    expect(page.locator("#question-title")).to_have_text("Pytanie biura")
    expect(page.locator("main")).to_contain_text("obejmuje oznakowanie?")
    page.get_by_label("Opis postępu").fill("Wybrano wykonawcę robót; umowa z wykonawcą obejmuje oznakowanie.")
    page.get_by_role("button", name="Zapisz informację").click()
    page.get_by_role("button", name="Przekaż informację biuru").click()
    expect(page.locator(".lead")).to_contain_text("przekazana")

    page.context.clear_cookies()
    login("biuro")
    page.goto(url)
    page.get_by_role("button", name="Odnotuj").click()
    expect(page.locator(".lead")).to_contain_text("odnotowana")
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.NOTED
    milestone.refresh_from_db()
    assert milestone.reached_on == period_from + dt.timedelta(days=14)
