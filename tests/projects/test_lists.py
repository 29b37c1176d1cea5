import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from support.list_approval import approve_through_register

from zit.funding.models import AllocationLine
from zit.funding.selectors import agreement_current
from zit.projects import lists
from zit.projects.models import ListEntry, ProjectCard
from zit.projects.services import card_create, card_transition

from .conftest import TODAY, complete

RATE_DAY = dt.date(2025, 3, 31)  # an NBP rate exists on that day in the bundled data: 4.1839


def accepted_card(round_, user, org, measure, strategy, office, title):
    card = card_create(
        actor=user,
        round=round_,
        beneficiary=org,
        today=TODAY,
        title=title,
        summary="x",
        measure=measure,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 10, 31),
    )
    card = complete(card, user, strategy)
    card = card_transition(actor=user, card=card, name="submit", today=TODAY)
    return card_transition(actor=office, card=card, name="accept")


@pytest.fixture
def envelope(measure):
    """3.2 ERDF limited to EUR 300,000: two cards of PLN 560,000 (EUR 133,846.41 each) fit, a third does not."""
    agreement = agreement_current()
    AllocationLine.objects.update_or_create(
        agreement=agreement, measure=measure, fund=measure.fund, defaults={"amount_eur": Decimal("300000")}
    )
    return agreement


@pytest.fixture
def three_cards(round_, golina_user, golina, measure, strategy, office, funding_demo):
    return [
        accepted_card(round_, golina_user, golina, measure, strategy, office, f"Projekt {i}")
        for i in range(3)
    ]


def test_the_main_list_never_exceeds_the_envelope(envelope, three_cards, office):
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    assert version.conversion["rate"] == "4.183900" and version.conversion["series"] == "nbp_a"
    first = lists.list_entry_add(actor=office, version=version, card=three_cards[0], position="main")
    assert first.eu_eur == Decimal("133846.41")  # 560,000 / 4.1839, rounded once
    lists.list_entry_add(actor=office, version=version, card=three_cards[1], position="main")
    with pytest.raises(ValidationError) as exc:
        lists.list_entry_add(actor=office, version=version, card=three_cards[2], position="main")
    assert "zostało 32 307,18 EUR" in exc.value.message_dict["position"][0].replace("\xa0", " ")
    reserve = lists.list_entry_add(actor=office, version=version, card=three_cards[2], position="reserve")
    with pytest.raises(ValidationError):
        lists.list_entry_move(actor=office, entry=reserve, position="main")
    lists.list_entry_remove(actor=office, entry=first)
    lists.list_entry_move(actor=office, entry=reserve, position="main")  # now it fits
    main = [e for e in lists.envelopes(version) if e.measure == three_cards[0].measure][0]
    assert main.main_eur == Decimal("267692.82") and main.headroom_eur == Decimal("32307.18")


def test_approval_moves_cards_and_a_new_version_drops_one(envelope, three_cards, office):
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=three_cards[0], position="main")
    lists.list_entry_add(actor=office, version=version, card=three_cards[1], position="reserve")
    approve_through_register(version, actor=office, on=dt.date(2026, 4, 10))
    states = {c.pk: c.state for c in ProjectCard.objects.filter(pk__in=[c.pk for c in three_cards])}
    assert states[three_cards[0].pk] == "listed_main" and states[three_cards[1].pk] == "listed_reserve"
    assert states[three_cards[2].pk] == "accepted"
    with pytest.raises(ValidationError):  # an approved version is frozen
        lists.list_entry_add(actor=office, version=version, card=three_cards[2], position="reserve")
    with pytest.raises(ValidationError):
        lists.list_version_iz_accept(
            actor=office, version=version, accepted_on=dt.date(2026, 4, 1), reference="x"
        )
    lists.list_version_iz_accept(
        actor=office, version=version, accepted_on=dt.date(2026, 5, 5), reference="DPR-II.433.5.2026"
    )

    second = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    assert second.entries.count() == 2  # a copy of the last one
    lists.list_entry_remove(actor=office, entry=second.entries.get(card=three_cards[1]))
    lists.list_entry_add(actor=office, version=second, card=three_cards[2], position="main")
    lists.list_annex_update_set(actor=office, version=second, significant=False)
    approve_through_register(second, actor=office, on=dt.date(2026, 6, 9))
    version.refresh_from_db()
    assert version.status == "superseded"
    assert ProjectCard.objects.get(pk=three_cards[1].pk).state == "not_selected"
    assert ProjectCard.objects.get(pk=three_cards[2].pk).state == "listed_main"


def test_only_accepted_cards_and_only_the_office(envelope, card, office, golina_user, strategy):
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    with pytest.raises(ValidationError, match="przyjęte formalnie"):
        lists.list_entry_add(actor=office, version=version, card=card, position="reserve")
    with pytest.raises(PermissionDenied):
        lists.list_version_create(actor=golina_user, agreement=envelope)
    with pytest.raises(ValidationError, match="Aktualizacja załącznika jest już w toku"):
        lists.list_version_create(actor=office, agreement=envelope)
    assert ListEntry.objects.count() == 0


def _office_client(office):
    from django.test import Client

    client = Client()
    client.force_login(office)
    return client


def test_list_pages_export_and_import(envelope, three_cards, office, golina_user):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    client = _office_client(office)
    assert client.post(reverse("projects:lists"), {"rate_date": "2025-03-31"}).status_code == 302
    version = lists.ListVersion.objects.get()
    # one good row and three bad ones: nothing is written and every problem is listed
    csv = (
        "numer_fiszki;lista\n"
        f"{three_cards[0].number};podstawowa\n"
        f"{three_cards[1].number};boczna\n"
        "9/9999/001;rezerwowa\n"
        f"{three_cards[0].number};rezerwowa\n"
    )
    page = client.post(
        reverse("projects:list_import", args=[version.pk]),
        {"file": SimpleUploadedFile("lista.csv", csv.encode("utf-8"))},
    ).content.decode()
    assert "podstawowa” albo „rezerwowa" in page and "Nie ma fiszki o numerze 9/9999/001" in page
    assert "powtarza się" in page and version.entries.count() == 0
    csv = "numer_fiszki;lista\n" + "".join(f"{c.number};podstawowa\n" for c in three_cards)
    page = client.post(
        reverse("projects:list_import", args=[version.pk]),
        {"file": SimpleUploadedFile("lista.csv", csv.encode("utf-8"))},
    ).content.decode()
    assert (
        "Na liście podstawowej działania 3.2" in page and version.entries.count() == 0
    )  # the third overshoots
    csv = csv.rsplit("podstawowa", 1)[0] + "rezerwowa\n"
    response = client.post(
        reverse("projects:list_import", args=[version.pk]),
        {"file": SimpleUploadedFile("lista.csv", csv.encode("utf-8"))},
    )
    assert response.status_code == 302 and version.entries.filter(position="main").count() == 2
    book = load_workbook(io.BytesIO(client.get(reverse("projects:list_export", args=[version.pk])).content))
    rows = [
        r
        for r in book["Lista projektów"].iter_rows(values_only=True)
        if r and r[2] in {c.number for c in three_cards}
    ]
    assert [(r[1], r[12]) for r in rows][0] == ("podstawowa", 133846.41)
    assert "Kurs" in [r[0] for r in book["Informacje"].iter_rows(values_only=True)]
    # the exported file comes back through the import unchanged
    exported = client.get(reverse("projects:list_export", args=[version.pk])).content
    page = client.post(
        reverse("projects:list_import", args=[version.pk]),
        {"file": SimpleUploadedFile("lista.xlsx", exported)},
    )
    assert page.status_code == 302
    # members' officers do not see the office's draft list
    member = _office_client(golina_user)
    assert member.get(reverse("projects:list", args=[version.pk])).status_code == 403
    assert (
        member.post(
            reverse("projects:list_entry_action", args=[version.pk, version.entries.first().pk, "usun"])
        ).status_code
        == 403
    )


def test_the_approved_list_is_the_strategys_public_annex(envelope, three_cards, office, client):
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=three_cards[0], position="main")
    assert (
        "Lista projektów strategicznych" not in client.get(reverse("portal:strategy")).content.decode()
    )  # a draft is not public
    approve_through_register(version, actor=office, on=dt.date(2026, 4, 10))
    page = client.get(reverse("portal:strategy")).content.decode()
    assert (
        "Lista projektów strategicznych" in page
        and three_cards[0].title in page
        and "560 000,00" in page.replace("\xa0", " ")
    )


def test_a_zip_bomb_sent_as_the_list_is_refused_and_nothing_is_written(envelope, three_cards, office):
    from core.hostile import zip_bomb
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _office_client(office)
    version = lists.list_version_create(actor=office, agreement=envelope, rate_date=RATE_DAY)
    response = client.post(
        reverse("projects:list_import", args=[version.pk]),
        {"file": SimpleUploadedFile("lista.xlsx", zip_bomb(megabytes=200))},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Nic nie zapisano" in page and "razy większa niż spakowana" in page
    assert version.entries.count() == 0
