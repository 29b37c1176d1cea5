from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from zit.core.models import AuditEvent
from zit.organisations.models import Organisation
from zit.projects.models import SocialClause
from zit.projects.services import card_partners_set, card_transition
from zit.projects.social import ClauseRow, card_social, card_social_clauses_set
from zit.social_economy.models import Entity

from .conftest import TODAY, complete


@pytest.fixture
def pes():
    org = Organisation.objects.create(name="Spółdzielnia Socjalna Przystań", kind="social_economy")
    Entity.objects.create(organisation=org, kind="social_cooperative")
    return org


def _row(**overrides):
    fields = {
        "kind": "reserved",
        "subject": "Utrzymanie zieleni",
        "estimated_pln": Decimal("120000.00"),
        "planned_year": 2026,
        "planned_quarter": 3,
    }
    return ClauseRow(**(fields | overrides))


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_applicant_plans_clauses_with_every_problem_named(card, golina_user):
    with pytest.raises(ValidationError) as exc:
        card_social_clauses_set(
            actor=golina_user,
            card=card,
            rows=[
                _row(estimated_pln=Decimal("0"), planned_year=2019, planned_quarter=5, subject=" "),
                _row(kind="charity"),
            ],
        )
    messages = exc.value.message_dict["clauses"]
    assert messages[0] == (
        "Wiersz 1: wpisz przedmiot zamówienia; szacunkowa wartość musi być większa od zera; rok musi mieścić "
        "się w okresie programu, 2021–2029; kwartał to liczba od 1 do 4."
    )
    assert messages[1] == "Wiersz 2: wybierz rodzaj klauzuli z listy."
    assert not SocialClause.objects.exists()

    card_social_clauses_set(
        actor=golina_user, card=card, rows=[_row(), _row(kind="employment", subject="Roboty budowlane")]
    )
    first, second = card.social_clauses.order_by("pk")
    assert (first.state, first.estimated_pln) == ("planned", Decimal("120000.00"))

    # an edited row keeps its clause; a row left out goes
    card_social_clauses_set(
        actor=golina_user, card=card, rows=[_row(pk=first.pk, estimated_pln=Decimal("99000.50"))]
    )
    assert list(card.social_clauses.values_list("pk", "estimated_pln")) == [(first.pk, Decimal("99000.50"))]
    assert AuditEvent.objects.filter(action="projects.card_social_clauses").count() == 2


def test_the_same_clause_twice_and_more_than_the_project_are_refused(card, golina_user, strategy):
    complete(card, golina_user, strategy)  # the project is worth 1 000 000,00 zł
    with pytest.raises(ValidationError) as exc:
        card_social_clauses_set(
            actor=golina_user,
            card=card,
            rows=[_row(estimated_pln=Decimal("1000000.01")), _row(subject="utrzymanie zieleni ")],
        )
    assert exc.value.message_dict["clauses"] == [
        "Wiersz 1: szacunkowa wartość nie może przekraczać wartości projektu (1\xa0000\xa0000,00\xa0zł).",
        "Ten sam rodzaj klauzuli dla tego samego przedmiotu zamówienia wpisz raz.",
    ]


def test_only_the_applicant_plans_and_only_while_the_card_is_editable(
    card, golina_user, kleczew_user, office, strategy
):
    for outsider in (kleczew_user, office):
        with pytest.raises(PermissionDenied):
            card_social_clauses_set(actor=outsider, card=card, rows=[_row()])
    complete(card, golina_user, strategy)
    card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    with pytest.raises(ValidationError, match="zmienić można tylko szkic"):
        card_social_clauses_set(actor=golina_user, card=card, rows=[_row()])


def test_pes_partner_is_recognised_from_the_registry(card, golina_user, pes, kleczew):
    card_partners_set(actor=golina_user, card=card, partners=[(pes, "zieleń"), (kleczew, "odcinek")])
    shown = card_social(card)
    assert [p.organisation for p in shown["pes_partners"]] == [pes]
    assert shown["pes_partners"][0].kind == "spółdzielnia socjalna"


def test_planning_page(card, golina_user, kleczew_user, pes):
    card_partners_set(actor=golina_user, card=card, partners=[(pes, "")])
    url = reverse("projects:card_social", args=[card.pk])
    assert _client(kleczew_user).get(url).status_code == 404  # another organisation's draft is not seen
    client = _client(golina_user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Spółdzielnia Socjalna Przystań (spółdzielnia socjalna)" in page.content.decode()
    form = {
        "klauzule-TOTAL_FORMS": "2",
        "klauzule-INITIAL_FORMS": "0",
        "klauzule-0-kind": "reserved",
        "klauzule-0-subject": "Pielęgnacja zieleni",
        "klauzule-0-estimated_pln": "240 000,00",
        "klauzule-0-planned_year": "2027",
        "klauzule-0-planned_quarter": "2",
    }
    response = client.post(url, form)
    assert response.status_code == 303  # See Other: the form flow redirects after a save
    clause = card.social_clauses.get()
    assert (clause.estimated_pln, clause.planned_quarter) == (Decimal("240000.00"), 2)
    detail = client.get(reverse("projects:card", args=[card.pk])).content.decode()
    assert "Pielęgnacja zieleni" in detail
    assert "240\xa0000,00\xa0zł" in detail
    assert "podmiot ekonomii społecznej" in detail

    bad = client.post(
        url,
        form
        | {"klauzule-0-pk": str(clause.pk), "klauzule-INITIAL_FORMS": "1", "klauzule-0-planned_year": "2030"},
    )
    assert "Wiersz 1: rok musi mieścić się w okresie programu, 2021–2029." in bad.content.decode()
