"""The office's pages: who may open them, the moderation queue, the import preview, exports; the staff menu
counts new requests."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zit.organisations.models import Organisation
from zit.social_economy import services
from zit.social_economy.models import Entity, ListingRequest

from .conftest import nip

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(association_data):
    return services.listing_request_submit(
        consent=True,
        name="Fundacja Czeka",
        kind="foundation",
        nip=nip(300),
        services="Szkolenia.",
        contact_name="Anna Zgłaszająca",
        contact_email="anna@example.org",
    )


@pytest.mark.parametrize("role", ["member_officer", "beneficiary", "board_member"])
def test_other_roles_get_403_on_every_staff_page(client, user_for_role, make_entity, role):
    org = Organisation.objects.filter(kind="local_government").first()
    user = user_for_role(role, organisation=org if role in ("member_officer", "beneficiary") else None)
    entity = make_entity()
    client.force_login(user)
    for url in [
        reverse("social_economy:entities"),
        reverse("social_economy:entity", args=[entity.pk]),
        reverse("social_economy:entity_edit", args=[entity.pk]),
        reverse("social_economy:requests"),
        reverse("social_economy:import"),
        reverse("social_economy:export", args=["csv"]),
        reverse("social_economy:offer"),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("social_economy:entity_publish", args=[entity.pk])).status_code == 403
    entity.refresh_from_db()
    assert entity.state == Entity.State.DRAFT


def test_the_staff_menu_counts_new_requests(client, woes, pending):
    client.force_login(woes)
    page = client.get(reverse("social_economy:entities")).content.decode()
    assert "nowe zgłoszenia: 1" in page


def test_list_filters_and_search(client, woes, make_entity, slesin):
    make_entity(name="Spółdzielnia Ślesińska", gmina=slesin, publish=True)
    make_entity(name="Fundacja Konińska", kind="foundation")
    client.force_login(woes)
    page = client.get(reverse("social_economy:entities"), {"gmina": slesin.terc}).content.decode()
    assert "Spółdzielnia Ślesińska" in page and "Fundacja Konińska" not in page
    page = client.get(
        reverse("social_economy:entities"), {"rodzaj": "foundation", "stan": "draft"}
    ).content.decode()
    assert "Fundacja Konińska" in page and "Spółdzielnia Ślesińska" not in page
    page = client.get(reverse("social_economy:entities"), {"q": "ślesińska"}).content.decode()
    assert "Spółdzielnia Ślesińska" in page


def test_create_through_the_form_keeps_input_on_error(client, woes, konin):
    client.force_login(woes)
    data = {
        "name": "Fundacja Formularz",
        "kind": "foundation",
        "nip": "1234567890",
        "gmina": konin.terc,
        "point": "",
    }
    response = client.post(reverse("social_economy:entity_new"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "cyfrę kontrolną" in body and "Fundacja Formularz" in body
    data["nip"] = nip(40)
    data["point"] = "52,2231, 18,2512"
    response = client.post(reverse("social_economy:entity_new"), data)
    entity = Entity.objects.get(organisation__nip=nip(40))
    assert response.url == reverse("social_economy:entity", args=[entity.pk])
    assert entity.lat == pytest.approx(52.2231) and entity.lon == pytest.approx(18.2512)


def test_publish_and_withdraw_from_the_pages(client, woes, make_entity):
    entity = make_entity()
    client.force_login(woes)
    client.post(reverse("social_economy:entity_publish", args=[entity.pk]))
    entity.refresh_from_db()
    assert entity.state == Entity.State.PUBLISHED
    client.post(reverse("social_economy:entity_withdraw", args=[entity.pk]), {"reason": "Likwidacja."})
    entity.refresh_from_db()
    assert entity.state == Entity.State.WITHDRAWN
    page = client.get(reverse("social_economy:entity", args=[entity.pk])).content.decode()
    assert "Likwidacja." in page and "Opublikuj ponownie" in page


def test_moderation_accept_and_reject(client, woes, pending):
    client.force_login(woes)
    page = client.get(reverse("social_economy:request", args=[pending.pk])).content.decode()
    assert "anna@example.org" in page
    response = client.post(reverse("social_economy:request", args=[pending.pk]), {"decision": "accept"})
    entity = Entity.objects.get()
    assert response.url == reverse("social_economy:entity", args=[entity.pk])
    assert entity.state == Entity.State.DRAFT
    other = services.listing_request_submit(
        consent=True,
        name="Nie PES",
        kind="other_ngo",
        services="x",
        contact_name="X",
        contact_email="x@example.org",
    )
    response = client.post(
        reverse("social_economy:request", args=[other.pk]), {"decision": "reject", "reason": ""}, follow=True
    )
    assert "Podaj powód odrzucenia: zgłaszający dostanie go w odpowiedzi." in response.content.decode()
    other.refresh_from_db()
    assert other.status == ListingRequest.Status.NEW
    client.post(
        reverse("social_economy:request", args=[other.pk]),
        {"decision": "reject", "reason": "Spółka handlowa."},
    )
    other.refresh_from_db()
    assert other.status == ListingRequest.Status.REJECTED


def test_import_preview_then_confirm(client, woes, association_data):
    client.force_login(woes)
    content = f"nazwa;nip;rodzaj;gmina;uslugi\nFundacja Import;{nip(50)};fundacja;Konin;Szkolenia\n".encode()
    page = client.post(
        reverse("social_economy:import"), {"file": SimpleUploadedFile("pes.csv", content)}
    ).content.decode()
    assert "Zatwierdź i zapisz" in page and not Entity.objects.exists()
    import hashlib

    client.post(reverse("social_economy:import"), {"confirm": hashlib.sha256(content).hexdigest()})
    assert Entity.objects.get().organisation.name == "Fundacja Import"


def test_import_with_errors_shows_the_report(client, woes, association_data):
    client.force_login(woes)
    content = b"nazwa;nip;rodzaj;gmina\nZly;1234567890;fundacja;Konin\n"
    page = client.post(
        reverse("social_economy:import"), {"file": SimpleUploadedFile("pes.csv", content)}
    ).content.decode()
    assert "Raport walidacji" in page and "Zatwierdź i zapisz" not in page


def test_exports_and_template(client, woes, make_entity):
    make_entity()
    client.force_login(woes)
    csv = client.get(reverse("social_economy:export", args=["csv"])).content.decode("utf-8-sig")
    assert "Spółdzielnia Socjalna Testowa" in csv
    xlsx = client.get(reverse("social_economy:export", args=["xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("social_economy:import_template", args=["xlsx"])).status_code == 200


def test_the_office_export_keeps_texts_starting_like_formulas_as_text(client, woes, make_entity):
    import csv
    import io

    from openpyxl import load_workbook

    link = '=HYPERLINK("http://evil.example";"x")'
    make_entity(name=link, services="+ catering", products="-5", contact_name="@Anna")
    client.force_login(woes)
    text = client.get(reverse("social_economy:export", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    row = dict(zip(rows[0], rows[1], strict=True))
    typed = {"Nazwa": link, "Usługi": "+ catering", "Produkty": "-5", "Osoba do kontaktu": "@Anna"}
    assert {h: row[h] for h in typed} == {h: "'" + v for h, v in typed.items()}
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("social_economy:export", args=["xlsx"])).content)
    ).active
    cells = {c.value: sheet.cell(2, c.column) for c in sheet[1]}
    assert {h: (cells[h].data_type, cells[h].value) for h in typed} == {
        h: ("s", "'" + v) for h, v in typed.items()
    }


def test_support_offer_editing(client, woes):
    client.force_login(woes)
    client.post(
        reverse("social_economy:offer_new"),
        {"title": "Doradztwo", "body": "Pomagamy.", "position": 1, "is_published": "on"},
    )
    assert "Doradztwo" in client.get(reverse("pes:support")).content.decode()


def test_the_dashboard_links_the_directory_for_the_support_centre(client, woes):
    client.force_login(woes)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("social_economy:entities") in page


def test_a_hostile_file_gets_the_reason_and_nothing_waits_for_confirmation(client, woes, association_data):
    from core.hostile import declaring

    client.force_login(woes)
    hostile = declaring("A1:C2000000")
    response = client.post(
        reverse("social_economy:import"), {"file": SimpleUploadedFile("pes.xlsx", hostile)}
    )
    page = response.content.decode().replace("\u00a0", " ")
    assert response.status_code == 200 and "Nic nie zapisano" in page
    assert "A1:C2000000" in page and "limit wierszy: 200 000" in page
    assert "Zatwierdź i zapisz" not in page and "social_economy_import" not in client.session
    assert not Entity.objects.exists()


def test_a_file_over_the_import_limit_is_refused_unread(client, woes, association_data, settings):
    settings.ZIT_IMPORT_MAX_BYTES = 1_000
    client.force_login(woes)
    content = b"nazwa;nip;rodzaj;gmina\n" + b"Fundacja;1;fundacja;Konin\n" * 100
    response = client.post(reverse("social_economy:import"), {"file": SimpleUploadedFile("pes.csv", content)})
    page = response.content.decode().replace("\u00a0", " ")
    assert response.status_code == 200 and "najwyżej 1000 bajtów" in page and not Entity.objects.exists()
