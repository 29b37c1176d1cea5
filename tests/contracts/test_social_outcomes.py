"""How a card's social clauses went, recorded once the grant contract is signed (the clauses themselves are
the card's: tests/projects/test_social.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from projects.conftest import TODAY
from projects.test_calls import listed  # noqa: F401 - the fixture
from projects.test_social import _client, pes  # noqa: F401 - the fixture

from zit.core.models import AuditEvent
from zit.projects.models import SocialClause
from zit.projects.social import card_social, social_clause_outcome

from .test_contracts import _sign, selected  # noqa: F401 - the fixture


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
