import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zit.association.models import Member
from zit.core.models import DecisionReference
from zit.funding.models import AllocationKey

PASSWORD = "demo-haslo-2026"


@pytest.fixture
def client_for(funding_demo, settings):
    settings.AXES_ENABLED = False

    def make(username):
        client = Client()
        if username:
            assert client.login(username=username, password=PASSWORD)
        return client

    return make


def plain(html: str) -> str:
    return html.replace("\xa0", " ").replace("\u202f", " ")


def test_the_demo_key_is_shown_beside_the_envelopes_with_its_resolution(client_for):
    html = plain(client_for("biuro").get(reverse("funding:shares")).content.decode())
    assert "1/2024 (demo)" in html and "równe części" in html
    assert "1 237 500,00 EUR" in html  # 19.8 m / 16
    assert "dane demonstracyjne" in html and "rate-note" in html  # the rate with its series and date
    assert "Alokacja ZIT według działań FEW 2021+" in html  # the measure envelopes on the same page
    assert "statut Stowarzyszenia (do weryfikacji)" in html


def key_post(**extra):
    data = {
        "method": "negotiated",
        "valid_from": "2026-05-01",
        "resolution_issuer": "Rada Stowarzyszenia",
        "resolution_number": "7/2026",
        "resolution_date": "2026-04-28",
        "population_year": "2023",
    }
    for member in Member.objects.all():
        data[f"pct_{member.pk}"] = "6,25"
    return data | extra


def test_a_table_that_does_not_add_up_is_refused_and_keeps_what_was_typed(client_for):
    first = Member.objects.order_by("number").first()
    data = key_post(**{f"pct_{first.pk}": "6,5"})
    page = client_for("biuro").post(reverse("funding:share_key_new"), data)
    html = plain(page.content.decode())
    assert page.status_code == 200
    assert "Klucz się nie sumuje: udziały w tabeli dają 100,2500%" in html
    assert "przekroczono o 0,2500 punktu procentowego" in html
    assert 'value="6,5"' in html and 'value="7/2026"' in html
    assert AllocationKey.objects.count() == 1  # only the demo key
    assert not DecisionReference.objects.filter(number="7/2026").exists()  # the resolution is not left behind


def test_the_office_adopts_a_new_version(client_for):
    page = client_for("biuro").post(reverse("funding:share_key_new"), key_post())
    assert page.status_code == 303
    key = AllocationKey.objects.get(version=2)
    assert key.decision.number == "7/2026" and key.method == "negotiated"
    html = plain(client_for("biuro").get(reverse("funding:shares")).content.decode())
    assert "7/2026" in html and "wersja 2, obowiązuje od 1 maja 2026" in html


@pytest.mark.parametrize("user", ["gmina", "zarzad", "beneficjent"])
def test_only_the_office_adopts_a_key(client_for, user):
    assert client_for(user).get(reverse("funding:share_key_new")).status_code == 403


def test_the_public_page_cites_the_key_and_exports(client_for):
    client = client_for(None)
    html = plain(client.get(reverse("portal:member_shares")).content.decode())
    assert "Podział alokacji ZIT między członków" in html
    assert "Rada Stowarzyszenia (demo): uchwała nr 1/2024 (demo)" in html
    assert "Gmina Ślesin" in html and "1 237 500,00 EUR" in html
    response = client.get(reverse("portal:member_shares_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Członek", "Udział", "Kwota udziału (EUR)"]
    assert len(rows) == 17 and rows[1][2] == "1237500,00" and rows[1][1] == "0,0625"
    book = load_workbook(
        io.BytesIO(client.get(reverse("portal:member_shares_export", args=["xlsx"])).content)
    )
    sheet = book.active
    assert sheet.cell(2, 3).value == 1237500 and "1/2024 (demo)" in sheet.cell(19, 1).value
    assert client.get("/podzial-alokacji.pdf").status_code == 404
