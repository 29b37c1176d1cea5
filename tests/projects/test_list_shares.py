import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from support.list_approval import approve_through_register

from zit.association.models import Member
from zit.core.models import DecisionReference
from zit.funding.models import AllocationKey, AllocationLine
from zit.funding.selectors import agreement_current
from zit.funding.shares import TableRow, allocation_key_adopt, key_in_force
from zit.organisations.models import Organisation
from zit.projects import list_shares, lists
from zit.projects.models import ProjectCard, ShareExcess
from zit.territory.models import AdministrativeUnit

from .test_lists import RATE_DAY, accepted_card

GOLINA_SHARE = Decimal("200000.00")  # one card of PLN 560,000 (EUR 133,846.41) fits, a second does not


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
def agreement(measure, office):
    """An envelope big enough for every card, and a negotiated key giving Gmina Golina EUR 200,000."""
    agreement = agreement_current()
    AllocationLine.objects.update_or_create(
        agreement=agreement, measure=measure, fund=measure.fund, defaults={"amount_eur": Decimal("5000000")}
    )
    decision = DecisionReference.objects.create(
        issuer_kind=DecisionReference.IssuerKind.ASSOCIATION_BODY,
        issuer_name="Rada Stowarzyszenia",
        number="3/2026",
        date=dt.date(2026, 1, 15),
    )
    members = list(Member.objects.order_by("number"))
    rows = []
    for member in members:
        if member.name == "Gmina Golina":
            rows.append(TableRow(member, amount_eur=GOLINA_SHARE))
        elif member.kind == Member.Kind.CITY:
            rows.append(TableRow(member, amount_eur=agreement.total_eur - GOLINA_SHARE))
        else:
            rows.append(TableRow(member, amount_eur=Decimal(0)))
    allocation_key_adopt(
        actor=office,
        agreement=agreement,
        method=AllocationKey.Method.NEGOTIATED,
        valid_from=dt.date(2026, 2, 1),
        decision=decision,
        table=rows,
    )
    return agreement


@pytest.fixture
def cards(round_, golina_user, golina, measure, strategy, office, funding_demo):
    return [
        accepted_card(round_, golina_user, golina, measure, strategy, office, f"Projekt {i}")
        for i in range(2)
    ]


def golina_position(version):
    key = key_in_force(agreement=agreement_current())
    return list_shares.shares_table(key, version).of(Member.objects.get(name="Gmina Golina"))


def test_exceeding_a_members_share_needs_a_reason(agreement, cards, office):
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=cards[0], position="main")
    with pytest.raises(ValidationError) as exc:
        lists.list_entry_add(actor=office, version=version, card=cards[1], position="main")
    message = plain(exc.value.message_dict["share_reason"][0])
    assert "udział członka Gmina Golina" in message
    assert "udział 200 000,00 EUR" in message
    assert "z tym projektem 267 692,82 EUR" in message and "przekroczenie 67 692,82 EUR" in message
    assert version.entries.count() == 1
    entry = lists.list_entry_add(
        actor=office,
        version=version,
        card=cards[1],
        position="main",
        share_reason="Uchwała Zarządu nr 12/2026: projekt kluczowy dla obszaru.",
    )
    excess = ShareExcess.objects.get(entry=entry)
    assert excess.member.name == "Gmina Golina" and excess.excess_eur == Decimal("67692.82")
    assert excess.share_eur == GOLINA_SHARE and excess.recorded_by == office
    position = golina_position(version)
    assert position.listed_eur == Decimal("267692.82") and position.free_eur == Decimal("-67692.82")
    assert position.exceeded and position.excesses == [excess]


def test_the_reserve_list_takes_no_share_and_a_move_to_the_main_list_is_checked(agreement, cards, office):
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=cards[0], position="main")
    reserve = lists.list_entry_add(actor=office, version=version, card=cards[1], position="reserve")
    assert golina_position(version).listed_eur == Decimal("133846.41")
    with pytest.raises(ValidationError) as exc:
        lists.list_entry_move(actor=office, entry=reserve, position="main")
    assert "Gmina Golina" in exc.value.messages[0]
    # with a reason the move is made and the reason kept, as when a card is added
    lists.list_entry_move(
        actor=office, entry=reserve, position="main", share_reason="Projekt kluczowy dla gminy."
    )
    reserve.refresh_from_db()
    assert reserve.position == "main"
    assert ShareExcess.objects.get(entry=reserve).reason == "Projekt kluczowy dla gminy."


def test_without_a_key_in_force_nothing_is_checked(agreement, cards, office):
    AllocationKey.objects.update(valid_from=dt.date(2099, 1, 1))
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    for card in cards:
        lists.list_entry_add(actor=office, version=version, card=card, position="main")
    assert version.entries.count() == 2


def test_listed_contracted_and_free(agreement, cards, office):
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=cards[0], position="main")
    ProjectCard.objects.filter(pk=cards[0].pk).update(state=ProjectCard.State.CONTRACTED)
    position = golina_position(version)
    assert position.share_eur == GOLINA_SHARE
    assert position.listed_eur == position.contracted_eur == Decimal("133846.41")
    assert position.free_eur == Decimal("66153.59")


def test_a_partner_project_counts_for_each_member_by_its_budget(agreement, cards, kleczew, golina):
    card = cards[0]
    card.budget_lines.filter(year=2027).update(organisation=kleczew)  # Golina 210,000, Kleczew 350,000 PLN EU
    parts = list_shares.card_parts(card, Decimal("560.00"), list_shares.Members())
    golina_member, kleczew_member = (
        Member.objects.get(organisation=golina),
        Member.objects.get(organisation=kleczew),
    )
    assert parts == {golina_member.pk: Decimal("210.00"), kleczew_member.pk: Decimal("350.00")}


def test_an_organisation_that_is_not_a_member_counts_for_its_gmina(agreement, cards):
    company = Organisation.objects.create(
        name="Zakład Komunalny w Golinie",
        kind=Organisation.Kind.MUNICIPAL_COMPANY,
        gmina=AdministrativeUnit.objects.get(terc="3010013"),
    )
    outsider = Organisation.objects.create(name="Fundacja spoza obszaru", kind=Organisation.Kind.NGO)
    card = cards[0]
    card.budget_lines.filter(year=2026).update(organisation=company)
    card.budget_lines.filter(year=2027).update(organisation=outsider)
    parts = list_shares.card_parts(card, Decimal("560.00"), list_shares.Members())
    assert parts == {Member.objects.get(name="Gmina Golina").pk: Decimal("210.00"), None: Decimal("350.00")}


def test_the_office_sees_every_member_and_a_member_officer_only_their_own(
    agreement, cards, office, golina_user, client
):
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=cards[0], position="main")
    client.force_login(office)
    html = plain(client.get("/biuro/projekty/udzialy-czlonkow/").content.decode())
    assert "Gmina Golina" in html and "133 846,41 EUR" in html and "66 153,59 EUR" in html
    assert "3/2026" in html
    client.force_login(golina_user)
    response = client.get("/biuro/projekty/udzialy-czlonkow/")
    golina_member = Member.objects.get(name="Gmina Golina")
    assert response.status_code == 302 and response["Location"].endswith(f"/{golina_member.slug}/")
    html = plain(client.get(response["Location"]).content.decode())
    # the member's officer sees the approved list only: a draft is the office's working copy
    assert "Udział w alokacji: Gmina Golina" in html and cards[0].number not in html
    approve_through_register(version, actor=office, on=dt.date(2026, 3, 2))
    html = plain(client.get(response["Location"]).content.decode())
    assert cards[0].number in html
    other = Member.objects.get(name="Gmina Kleczew")
    assert client.get(f"/biuro/projekty/udzialy-czlonkow/{other.slug}/").status_code == 403


def test_the_list_form_keeps_the_reason_field_and_shows_the_refusal(agreement, cards, office, client):
    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    lists.list_entry_add(actor=office, version=version, card=cards[0], position="main")
    client.force_login(office)
    url = f"/biuro/projekty/lista/{version.pk}/"
    html = plain(client.post(url, {"card": cards[1].pk, "position": "main"}).content.decode())
    assert "przekracza udział członka Gmina Golina" in html
    response = client.post(
        url, {"card": cards[1].pk, "position": "main", "share_reason": "Projekt kluczowy."}
    )
    assert response.status_code in (302, 303)
    assert ShareExcess.objects.get().reason == "Projekt kluczowy."


def test_the_table_costs_the_same_queries_whatever_the_number_of_entries(agreement, cards, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    version = lists.list_version_create(actor=office, agreement=agreement, rate_date=RATE_DAY)
    key = key_in_force(agreement=agreement)
    lists.list_entry_add(actor=office, version=version, card=cards[0], position="main")
    with CaptureQueriesContext(connection) as one:
        list_shares.shares_table(key, version)
    lists.list_entry_add(actor=office, version=version, card=cards[1], position="main", share_reason="Powód.")
    with CaptureQueriesContext(connection) as two:
        list_shares.shares_table(key, version)
    assert len(one) == len(two)
