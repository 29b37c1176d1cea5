import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from zit.core.models import AuditEvent
from zit.organisations.models import Organisation
from zit.projects.models import SocialClause
from zit.projects.services import card_partners_set, card_transition
from zit.projects.social import ClauseRow, card_social, card_social_clauses_set, social_clause_outcome
from zit.social_economy.models import Entity

from .conftest import TODAY, complete
from .test_calls import listed  # noqa: F401 - the fixture
from .test_contracts import _sign, selected  # noqa: F401 - the fixture


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


def test_outcomes_after_the_contract(selected, office, golina_user, kleczew_user, pes):  # noqa: F811
    reserved = SocialClause.objects.create(
        card=selected,
        kind="reserved",
        subject="Zieleń",
        estimated_pln=Decimal("100000"),
        planned_year=2026,
        planned_quarter=2,
    )
    other = SocialClause.objects.create(
        card=selected,
        kind="criterion",
        subject="Wiaty",
        estimated_pln=Decimal("50000"),
        planned_year=2026,
        planned_quarter=3,
    )
    with pytest.raises(ValidationError, match="po podpisaniu umowy"):
        social_clause_outcome(actor=golina_user, clause=reserved, state="announced", announced_on=TODAY)
    _sign(office, selected)
    with pytest.raises(PermissionDenied):
        social_clause_outcome(actor=kleczew_user, clause=reserved, state="announced", announced_on=TODAY)
    with pytest.raises(ValidationError) as exc:
        social_clause_outcome(actor=golina_user, clause=reserved, state="announced")
    assert exc.value.message_dict == {"announced_on": ["Podaj datę ogłoszenia postępowania."]}
    social_clause_outcome(
        actor=golina_user, clause=reserved, state="announced", announced_on=dt.date(2026, 4, 1)
    )

    with pytest.raises(ValidationError) as exc:
        social_clause_outcome(
            actor=golina_user,
            clause=reserved,
            state="awarded",
            awarded_on=dt.date(2026, 3, 1),
            awarded_pln=Decimal("0"),
            contractor_organisation=golina_user.role_assignments.first().organisation,
        )
    assert exc.value.message_dict == {
        "awarded_on": ["Zamówienia nie udziela się przed ogłoszeniem postępowania."],
        "awarded_pln": ["Wartość udzielonego zamówienia musi być większa od zera."],
        "contractor_organisation": [
            "Ta organizacja nie jest w rejestrze podmiotów ekonomii społecznej; wpisz wykonawcę w polu "
            "„wykonawca”."
        ],
    }
    clause = social_clause_outcome(
        actor=golina_user,
        clause=reserved,
        state="awarded",
        awarded_on=dt.date(2026, 5, 4),
        awarded_pln=Decimal("93500.00"),
        contractor_organisation=pes,
    )
    assert (clause.state, clause.contractor, clause.awarded_pln) == ("awarded", pes.name, Decimal("93500.00"))
    with pytest.raises(ValidationError, match="już rozstrzygnięta"):
        social_clause_outcome(actor=office, clause=reserved, state="cancelled", cancel_reason="x")

    with pytest.raises(ValidationError) as exc:
        social_clause_outcome(actor=office, clause=other, state="cancelled")
    assert exc.value.message_dict == {
        "cancel_reason": ["Napisz, dlaczego zrezygnowano z klauzuli lub zamówienia."]
    }
    social_clause_outcome(actor=office, clause=other, state="cancelled", cancel_reason="Brak wykonawców.")
    events = AuditEvent.objects.filter(action="projects.social_clause_outcome")
    assert events.count() == 3
    assert events.filter(reason="Brak wykonawców.").exists()

    shown = card_social(selected)
    assert shown["planned_pln"] == Decimal("100000")  # the clause given up does not count
    assert shown["awarded_pln"] == Decimal("93500.00")


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


def test_outcome_page(selected, office, golina_user, pes):  # noqa: F811
    clause = SocialClause.objects.create(
        card=selected,
        kind="reserved",
        subject="Zieleń",
        estimated_pln=Decimal("100000"),
        planned_year=2026,
        planned_quarter=2,
    )
    url = reverse("projects:clause_outcome", args=[selected.pk, clause.pk])
    assert _client(golina_user).get(url).status_code == 403  # no contract yet
    _sign(office, selected)
    client = _client(golina_user)
    assert "zapisz przebieg" in client.get(reverse("projects:card", args=[selected.pk])).content.decode()
    page = client.post(url, {"state": "awarded", "awarded_pln": "80 000"})
    assert page.status_code == 200
    assert "Podaj datę udzielenia zamówienia" in page.content.decode()
    response = client.post(
        url,
        {
            "state": "awarded",
            "awarded_pln": "80 000",
            "awarded_on": "2026-05-04",
            "contractor_organisation": pes.pk,
        },
    )
    assert response.status_code == 302
    clause.refresh_from_db()
    assert (clause.state, clause.awarded_pln, clause.contractor_organisation) == (
        "awarded",
        Decimal("80000"),
        pes,
    )
