"""Public pages show published entries only; the public form records a request (never an entry), keeps the
input on error and ignores robots."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse, translate_url

from zit.core.public_forms import form_token
from zit.social_economy import services
from zit.social_economy.models import Entity, ListingRequest

from .conftest import nip

pytestmark = pytest.mark.django_db


def test_only_published_entries_are_public(client, woes, make_entity):
    shown = make_entity(name="Widoczna Spółdzielnia", publish=True, lat=52.22, lon=18.25)
    draft = make_entity(name="Robocza Fundacja")
    withdrawn = make_entity(name="Wycofane Stowarzyszenie", publish=True)
    services.entity_withdraw(actor=woes, entity=withdrawn, reason="Test.")
    for url in (reverse("pes:directory"), reverse("pes:entities_map"), "/sitemap-ekonomia-spoleczna.xml"):
        page = client.get(url).content.decode()
        assert ("Widoczna Spółdzielnia" in page) or (reverse("pes:entity", args=[shown.pk]) in page), url
        assert "Robocza Fundacja" not in page and "Wycofane Stowarzyszenie" not in page, url
    assert client.get(reverse("pes:entity", args=[shown.pk])).status_code == 200
    assert client.get(reverse("pes:entity", args=[draft.pk])).status_code == 404
    assert client.get(reverse("pes:entity", args=[withdrawn.pk])).status_code == 404


def test_directory_filters_and_empty_state(client, make_entity, slesin):
    make_entity(
        name="Spółdzielnia Z Ślesina",
        gmina=slesin,
        publish=True,
        social_enterprise=True,
        social_enterprise_since=dt.date(2024, 1, 1),
    )
    make_entity(name="WTZ Koniński", kind="wtz", publish=True)
    page = client.get(reverse("pes:directory"), {"rodzaj": "wtz"}).content.decode()
    assert "WTZ Koniński" in page and "Spółdzielnia Z Ślesina" not in page
    page = client.get(reverse("pes:directory"), {"ps": "1"}).content.decode()
    assert "Spółdzielnia Z Ślesina" in page and "WTZ Koniński" not in page
    page = client.get(reverse("pes:directory"), {"q": "catering", "gmina": slesin.terc}).content.decode()
    assert "Spółdzielnia Z Ślesina" in page
    page = client.get(reverse("pes:directory"), {"q": "zzz"}).content.decode()
    assert "Żaden podmiot nie spełnia tych warunków" in page


def test_the_entity_page_shows_kind_status_offer_contact_and_demo_label(client, woes, make_entity):
    entity = make_entity(
        publish=True,
        social_enterprise=True,
        social_enterprise_since=dt.date(2024, 3, 15),
        contact_email="kontakt@example.org",
        lat=52.22,
        lon=18.25,
    )
    entity.organisation.is_demo = True
    entity.organisation.save()
    page = client.get(reverse("pes:entity", args=[entity.pk])).content.decode()
    for text in (
        "spółdzielnia socjalna",
        "15 marca 2024",
        "Catering.",
        "kontakt@example.org",
        "dane demonstracyjne",
        "pes-points",
    ):
        assert text in page, text


FORM = {
    "name": "Spółdzielnia Z Formularza",
    "kind": "social_cooperative",
    "nip": "",
    "services": "Sprzątanie biur.",
    "contact_name": "Jan Kowalski",
    "contact_email": "jan@example.org",
    "public_email": "biuro@example.org",
    "consent": "on",
    "homepage": "",
    # the form was shown a minute ago: a person's pace (the public forms refuse a post sent within seconds)
    "started": form_token("social_economy.listing_request", issued_at=time.time() - 60),
}


def test_the_public_form_records_a_request_and_says_what_next(client, association_data):
    response = client.post(reverse("pes:listing_form"), FORM | {"nip": nip(60)})
    assert response.url == reverse("pes:thanks")
    item = ListingRequest.objects.get()
    assert item.status == "new" and item.nip == nip(60)
    assert not Entity.objects.exists()
    assert "Co dalej" in client.get(response.url).content.decode()
    assert "Spółdzielnia Z Formularza" not in client.get(reverse("pes:directory")).content.decode()


def test_the_public_form_keeps_everything_on_error(client, association_data):
    response = client.post(
        reverse("pes:listing_form"), FORM | {"nip": "123-456-78-90", "krs": "123", "consent": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "cyfrę kontrolną" in body and "Numer KRS ma 10 cyfr" in body
    assert "Potwierdź zapoznanie się z informacją o przetwarzaniu danych osobowych" in body
    assert "Sprzątanie biur." in body and "jan@example.org" in body
    assert not ListingRequest.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, association_data):
    response = client.post(reverse("pes:listing_form"), FORM | {"homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not ListingRequest.objects.exists()


def test_the_support_page_shows_published_sections_in_english_when_chosen(client, woes):
    services.support_offer_save(
        actor=woes,
        title="Doradztwo",
        title_en="Advice",
        body="Tekst.",
        body_en="Text.",
        is_published=True,
        position=1,
    )
    services.support_offer_save(actor=woes, title="Szkic", body="Nie.", is_published=False, position=2)
    page = client.get(reverse("pes:support")).content.decode()
    assert "Doradztwo" in page and "Szkic" not in page
    page = client.get(translate_url(reverse("pes:support"), "en")).content.decode()
    assert "Advice" in page
