# ruff: noqa: F811 - the fixtures imported from the other tests are parameters here
"""The contract's and the amendment's tables: all or nothing. One bad row among many saves nothing, shows
every error next to its row and in the summary, and keeps every value typed; "add rows" saves nothing,
keeps everything and says so."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from projects.test_calls import listed  # noqa: F401 - the fixture

from zit.contracts.models import Amendment, Contract

from .test_contracts import _sign, selected  # noqa: F401 - the fixture


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _contract_data(card, **extra):
    lines = list(card.budget_lines.all())
    data = {
        "number": "UDA-7",
        "signed_on": "2026-02-10",
        "parties": "Województwo i gmina",
        "starts_on": "2026-06-01",
        "ends_on": "2027-10-31",
        "total_pln": "1 000 000,00",
        "eligible_pln": "800 000,00",
        "eu_pln": "560 000,00",
        "wiersze-TOTAL_FORMS": str(len(lines)),
        "wiersze-INITIAL_FORMS": str(len(lines)),
        "kamienie-TOTAL_FORMS": "3",
        "kamienie-INITIAL_FORMS": "0",
        "kamienie-0-name": "Przetarg",
        "kamienie-0-due_on": "2026-07-01",
        "kamienie-1-name": "Odbiór robót",
        "kamienie-1-due_on": "2027-13-45",
        "kamienie-2-name": "Rozliczenie",
        "kamienie-2-due_on": "2027-09-30",
        "wskazniki-TOTAL_FORMS": "1",
        "wskazniki-INITIAL_FORMS": "1",
        "wskazniki-0-indicator": str(card.indicators.get().indicator_id),
        "wskazniki-0-target_value": "cztery",
        "wskazniki-0-target_year": "2027",
    }
    for n, line in enumerate(lines):
        data |= {
            f"wiersze-{n}-organisation": str(line.organisation_id),
            f"wiersze-{n}-year": str(line.year),
            f"wiersze-{n}-total_pln": str(line.total_pln),
            f"wiersze-{n}-eligible_pln": str(line.eligible_pln),
            f"wiersze-{n}-eu_pln": str(line.eu_pln) if n else "",  # the first row lacks its EU amount
        }
    return data | extra


def test_the_contract_form_saves_nothing_with_one_bad_row_and_keeps_every_value(selected, office):
    client = _client(office)
    response = client.post(reverse("contracts:card_contract", args=[selected.pk]), _contract_data(selected))
    assert response.status_code == 200
    assert not Contract.objects.exists()
    page = response.content.decode()
    # every error, next to its row and in the summary with a link
    assert page.count('class="row-error"') == 3
    assert 'href="#id_kamienie-1-due_on">Wiersz 2' in page
    assert 'href="#id_wskazniki-0-target_value">Wiersz 1' in page
    assert 'href="#id_wiersze-0-eu_pln">Wiersz 1' in page
    assert "Wpisz kwotę albo zostaw cały wiersz pusty." in page
    # every value typed, the good rows' and the bad rows' alike
    for value in ("UDA-7", "Przetarg", "Odbiór robót", "2027-13-45", "Rozliczenie", "cztery"):
        assert f'value="{value}"' in page, value


def test_the_contract_service_refusing_a_table_saves_nothing_and_says_where(selected, office):
    client = _client(office)
    data = _contract_data(
        selected,
        **{"kamienie-1-due_on": "2030-01-01", "wskazniki-0-target_value": "4,5"},
    )
    for key in [k for k in data if k.endswith("-eu_pln") and k.startswith("wiersze-0")]:
        data[key] = str(selected.budget_lines.all()[0].eu_pln)
    response = client.post(reverse("contracts:card_contract", args=[selected.pk]), data)
    assert response.status_code == 200 and not Contract.objects.exists()
    page = response.content.decode()
    assert "Kamień milowy „Odbiór robót” wypada poza okresem realizacji." in page
    assert 'value="Rozliczenie"' in page and 'value="2030-01-01"' in page


def test_adding_rows_to_the_contract_saves_nothing_and_keeps_everything(selected, office):
    client = _client(office)
    data = _contract_data(selected, dodaj_wiersze="kamienie")
    response = client.post(reverse("contracts:card_contract", args=[selected.pk]), data)
    assert response.status_code == 200 and not Contract.objects.exists()
    page = response.content.decode()
    assert 'name="kamienie-TOTAL_FORMS" value="5"' in page
    assert 'name="wskazniki-TOTAL_FORMS" value="1"' in page  # only the table asked for grows
    assert "Nic jeszcze nie zapisano" in page
    assert 'value="Odbiór robót"' in page and 'value="cztery"' in page
    assert page.count('class="row-error"') == 3  # the rows typed wrong, not the new empty ones


def test_the_amendment_form_saves_nothing_with_one_bad_row_and_keeps_every_value(selected, office):
    contract = _sign(office, selected)
    lines = list(contract.lines.all())
    data = {
        "number": "A-1",
        "signed_on": "2026-09-01",
        "reason": "Oszczędności po przetargu.",
        "total_pln": "900 000,00",
        "eligible_pln": "700 000,00",
        "eu_pln": "490 000,00",
        "wiersze-TOTAL_FORMS": str(len(lines) + 1),
        "wiersze-INITIAL_FORMS": str(len(lines)),
    }
    for n, line in enumerate(lines):
        data |= {
            f"wiersze-{n}-organisation": str(line.organisation_id),
            f"wiersze-{n}-year": str(line.year),
            f"wiersze-{n}-total_pln": "450 000,00",
            f"wiersze-{n}-eligible_pln": "350 000,00",
            f"wiersze-{n}-eu_pln": "245 000,00",
        }
    n = len(lines)
    data |= {
        f"wiersze-{n}-organisation": str(lines[0].organisation_id),
        f"wiersze-{n}-year": "1999",
        f"wiersze-{n}-total_pln": "1,00",
        f"wiersze-{n}-eligible_pln": "",
        f"wiersze-{n}-eu_pln": "",
    }
    data["document"] = SimpleUploadedFile("aneks.pdf", b"%PDF-1.7\n")
    response = _client(office).post(reverse("contracts:card_amendment", args=[selected.pk]), data)
    assert response.status_code == 200
    assert not Amendment.objects.exists()
    contract.refresh_from_db()
    assert str(contract.total_pln) == "1000000.00"  # the amounts stand as they were
    page = response.content.decode()
    assert f'href="#id_wiersze-{n}-year">Wiersz {n + 1}' in page
    assert f'href="#id_wiersze-{n}-eligible_pln">Wiersz {n + 1}' in page
    assert 'value="1999"' in page and 'value="450 000,00"' in page and "Oszczędności po przetargu." in page
