"""The BIP subject page: the association's identity, the categories of art. 6 of the act on access to public
information, the office-written sections with their metryczka and history, the instructions and the
information on access to what is not published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zit.governance import bip
from zit.governance.models import BipSection


@pytest.fixture
def secretary(user_for_role):
    return user_for_role("body_secretary")


def test_the_bip_page_lays_out_the_categories_with_the_defaults(db, client):
    page = client.get(reverse("portal:bip")).content.decode()
    for heading in (
        "Biuletyn Informacji Publicznej – strona podmiotowa",
        "Status prawny i forma prawna",
        "Organizacja, przedmiot działalności i kompetencje",
        "Organy i osoby sprawujące w nich funkcje",
        "Majątek",
        "Sposób przyjmowania i załatwiania spraw",
        "Prowadzone rejestry i ewidencje",
        "Informacje nieudostępnione w BIP",
        "Instrukcja korzystania z BIP",
    ):
        assert heading in page, heading
    assert "art. 6 ust. 1 pkt 2 lit. a ustawy" in page and "do weryfikacji" in page
    assert "art. 10 ust. 1 ustawy o dostępie do informacji publicznej" in page  # the default text
    assert reverse("portal:bip_register") in page and reverse("register:resolutions") in page
    assert "Biuro jeszcze nie wpisało tego działu." in page  # the status section, not written yet
    assert "Zmień dział" not in page  # visitors do not edit


def test_a_section_written_by_the_office_shows_its_metryczka_and_history(db, client, secretary):
    bip.bip_section_save(
        actor=secretary,
        key=BipSection.Key.LEGAL_STATUS,
        text="Stowarzyszenie jednostek samorządu terytorialnego wpisane do KRS.",
        prepared_by="Anna Testowa, Dyrektor Biura",
        prepared_on=dt.date(2026, 1, 5),
    )
    bip.bip_section_save(
        actor=secretary,
        key=BipSection.Key.LEGAL_STATUS,
        text="Stowarzyszenie jednostek samorządu terytorialnego (zmiana).",
        prepared_by="Anna Testowa, Dyrektor Biura",
    )
    client.force_login(secretary)
    page = client.get(reverse("portal:bip")).content.decode()
    assert "Stowarzyszenie jednostek samorządu terytorialnego (zmiana)." in page
    assert "Anna Testowa, Dyrektor Biura" in page and 'id="metryczka-hstatus"' in page
    assert page.count("wprowadzenie lub zmiana treści działu BIP") == 2
    assert reverse("governance:bip_section", args=["status"]) in page


def test_sections_are_written_only_with_the_permission_and_with_their_author(db, user_for_role, secretary):
    with pytest.raises(PermissionDenied):
        bip.bip_section_save(
            actor=user_for_role("assessor"),
            key="status",
            text="x",
            prepared_by="y",
        )
    with pytest.raises(ValidationError) as error:
        bip.bip_section_save(actor=secretary, key="status", text="Treść", prepared_by=" ")
    assert "prepared_by" in error.value.message_dict


def test_the_office_edits_a_section_through_its_page(db, client, secretary):
    client.force_login(secretary)
    url = reverse("governance:bip_section", args=["instrukcja"])
    assert "Strona podmiotowa BIP" in client.get(url).content.decode()  # the default text to start from
    response = client.post(url, {"text": "Nowa instrukcja.", "prepared_by": "Redakcja BIP"})
    assert response.status_code == 303 and response.url.endswith("#instrukcja")
    assert BipSection.objects.get(key="instrukcja").text == "Nowa instrukcja."
