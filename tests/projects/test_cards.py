import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.core.models import AuditEvent
from zit.projects import selectors
from zit.projects.geometry import CoordinatesError, parse_coordinates
from zit.projects.models import ProjectCard
from zit.projects.services import (
    BudgetRow,
    card_budget_set,
    card_create,
    card_location_set,
    card_problems,
    card_transition,
    card_update,
)
from zit.territory.models import AdministrativeUnit

from .conftest import TODAY, complete


def test_numbering_follows_the_round(card, round_, golina_user, golina, measure):
    second = card_create(
        actor=golina_user,
        round=round_,
        beneficiary=golina,
        today=TODAY,
        title="Drugi",
        summary="x",
        measure=measure,
    )
    assert (card.number, second.number) == ("1/2026/001", "1/2026/002")
    assert card.fund == measure.fund  # the measure's fund is filled in


def test_only_the_applicants_users_create_and_only_while_the_round_is_open(
    round_, kleczew_user, golina, golina_user, measure
):
    with pytest.raises(PermissionDenied):
        card_create(actor=kleczew_user, round=round_, beneficiary=golina, today=TODAY, title="X", summary="x")
    with pytest.raises(ValidationError) as exc:
        card_create(
            actor=golina_user,
            round=round_,
            beneficiary=golina,
            today=dt.date(2026, 4, 1),
            title="Po terminie",
            summary="x",
            measure=measure,
        )
    assert "od 1 marca 2026 do 31 marca 2026" in exc.value.message_dict["round"][0]


def test_dates_in_order(card, golina_user):
    with pytest.raises(ValidationError) as exc:
        card_update(actor=golina_user, card=card, starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2026, 1, 1))
    assert "nie może być wcześniejszy" in exc.value.message_dict["ends_on"][0]


def _rows(card, *amounts):
    return [BudgetRow(card.beneficiary, year, *map(Decimal, a)) for year, a in amounts]


def test_budget_rules(card, golina_user, kleczew):
    def budget(total, eligible, rate, rows):
        return card_budget_set(
            actor=golina_user,
            card=card,
            total_pln=Decimal(total),
            eligible_pln=Decimal(eligible),
            cofinancing_rate=Decimal(rate),
            rows=rows,
        )

    # eligible above total, rate above the measure's 70% cap
    with pytest.raises(ValidationError) as exc:
        budget("100", "120", "0.85", _rows(card, (2026, ("100", "120", "102"))))
    errors = exc.value.message_dict
    assert "nie mogą być wyższe" in errors["eligible_pln"][0]
    assert "najwyżej 70%" in errors["cofinancing_rate"][0]
    # the table must add up to the totals; the EU amount is eligible × rate, rounded once
    with pytest.raises(ValidationError) as exc:
        budget(
            "1000", "800", "0.7", _rows(card, (2026, ("500", "400", "280")), (2027, ("400", "400", "280")))
        )
    assert any("Suma wartości w tabeli" in m and "100,00" in m for m in exc.value.message_dict["lines"])
    # a line for an organisation that is not a partner, and a year outside the schedule
    with pytest.raises(ValidationError) as exc:
        budget(
            "1000",
            "800",
            "0.7",
            [BudgetRow(kleczew, 2026, Decimal(1000), Decimal(800), Decimal(560))],
        )
    assert any("ani partner" in m for m in exc.value.message_dict["lines"])
    with pytest.raises(ValidationError) as exc:
        budget("1000", "800", "0.7", _rows(card, (2030, ("1000", "800", "560"))))
    assert any("poza okresem realizacji (2026–2027)" in m for m in exc.value.message_dict["lines"])
    card = budget(
        "1000.01",
        "333.33",
        "0.7",
        _rows(card, (2026, ("600", "200", "140")), (2027, ("400.01", "133.33", "93.33"))),
    )
    assert card.eu_pln == Decimal("233.33") and card.own_pln == Decimal("766.68")


def test_location_must_lie_in_the_chosen_gminas(card, golina_user):
    golina_gmina = AdministrativeUnit.objects.get(name="Golina", level="gmina")
    # a point in the middle of Golina's polygon
    from shapely.geometry import shape

    inside = shape(golina_gmina.geometry).representative_point()
    point = {"type": "Point", "coordinates": [inside.x, inside.y]}
    card = card_location_set(actor=golina_user, card=card, gminas=[golina_gmina], location=point)
    assert card.min_lon == pytest.approx(inside.x)
    with pytest.raises(ValidationError) as exc:
        card_location_set(
            actor=golina_user,
            card=card,
            gminas=[golina_gmina],
            location={"type": "Point", "coordinates": [21.0, 52.2]},
        )
    assert "poza obszar ZIT" in exc.value.message_dict["location"][0]
    kleczew_gmina = AdministrativeUnit.objects.get(name="Kleczew", level="gmina")
    elsewhere = shape(kleczew_gmina.geometry).representative_point()
    with pytest.raises(ValidationError) as exc:
        card_location_set(
            actor=golina_user,
            card=card,
            gminas=[golina_gmina],
            location={
                "type": "LineString",
                "coordinates": [[inside.x, inside.y], [elsewhere.x, elsewhere.y]],
            },
        )
    assert "Kleczew" in exc.value.message_dict["location"][0]


def test_coordinates_as_people_type_them():
    assert parse_coordinates("52,2231 18,2512") == {"type": "Point", "coordinates": [18.2512, 52.2231]}
    assert parse_coordinates("52.2231, 18.2512\n52.25,18.3")["type"] == "LineString"
    assert parse_coordinates("  ") is None
    with pytest.raises(CoordinatesError, match="Wiersz 2"):
        parse_coordinates("52.2, 18.2\nKonin")


def test_submission_needs_a_complete_card(card, golina_user, strategy):
    sections = {section for section, _m in card_problems(card)}
    assert {"location", "budget", "indicators", "undertakings"} <= sections
    with pytest.raises(ValidationError):
        card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    card = complete(card, golina_user, strategy)
    assert card_problems(card) == []
    card = card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    assert card.state == "submitted" and card.transitions.get().from_state == "draft"
    assert AuditEvent.objects.filter(action="projects.card_submit", object_id=str(card.pk)).exists()


def test_office_returns_with_a_reason_and_the_applicant_corrects(card, golina_user, office, strategy):
    card = complete(card, golina_user, strategy)
    card = card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    with pytest.raises(ValidationError) as exc:
        card_transition(actor=office, card=card, name="return")
    assert "uzasadnienie" in exc.value.message_dict["reason"][0]
    with pytest.raises(PermissionDenied):
        card_transition(actor=golina_user, card=card, name="accept")
    with pytest.raises(ValidationError):  # a submitted card is frozen for its applicant
        card_update(actor=golina_user, card=card, title="Zmiana")
    card = card_transition(actor=office, card=card, name="return", reason="Brak mapy przebiegu trasy.")
    card = card_update(actor=golina_user, card=card, title="Ścieżka rowerowa Golina – Konin, etap I")
    # after the round has closed, a returned card may still come back
    card = card_transition(actor=golina_user, card=card, name="submit", today=dt.date(2026, 5, 1))
    card = card_transition(actor=office, card=card, name="accept")
    assert card.state == "accepted"
    assert [t.name for t in card.transitions.all()] == ["accept", "submit", "return", "submit"]


def test_a_new_draft_cannot_be_submitted_after_the_round(card, golina_user, strategy):
    card = complete(card, golina_user, strategy)
    with pytest.raises(ValidationError, match="zakończył się 31 marca 2026"):
        card_transition(actor=golina_user, card=card, name="submit", today=dt.date(2026, 4, 1))


def test_drafts_are_seen_only_by_the_applicant_and_partners(
    card, golina_user, kleczew_user, kleczew, office, user_for_role, strategy
):
    board = user_for_role("board_member")
    assert card in selectors.cards_visible(user=golina_user)
    for outsider in (kleczew_user, office, board):
        assert card not in selectors.cards_visible(user=outsider)
    complete(card, golina_user, strategy, partner=kleczew)
    assert card in selectors.cards_visible(user=kleczew_user)  # a partner sees the draft
    with pytest.raises(PermissionDenied):  # but does not write it
        card_update(actor=kleczew_user, card=card, title="Przejęta")
    card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    assert card in selectors.cards_visible(user=office) and card in selectors.cards_visible(user=board)
    assert card not in selectors.cards_visible(user=user_for_role("assessor"))


def test_withdrawal_needs_a_reason_and_is_final(card, golina_user, office):
    with pytest.raises(ValidationError):
        card_transition(actor=golina_user, card=card, name="withdraw")
    card = card_transition(
        actor=golina_user, card=card, name="withdraw", reason="Zmiana planów inwestycyjnych."
    )
    assert card.state == ProjectCard.State.WITHDRAWN
    with pytest.raises(ValidationError):
        card_transition(actor=office, card=card, name="withdraw", reason="Jeszcze raz")


def test_round_questions_are_answered_in_the_card_and_fixed_after_the_first_submission(
    card, round_, golina_user, office, strategy
):
    from zit.projects.services import QuestionData, card_answers_set, round_questions_set

    round_questions_set(
        actor=office,
        round=round_,
        questions=[
            QuestionData("Czy jest dokumentacja techniczna?"),
            QuestionData("Uzgodnienia", required=False),
        ],
    )
    card = complete(card, golina_user, strategy)
    # counted, not quoted: only the required one is missing
    assert ("answers", "Odpowiedz na wymagane pytanie naboru (bez odpowiedzi: 1).") in card_problems(card)
    required = round_.questions.get(required=True)
    card_answers_set(actor=golina_user, card=card, answers={required.pk: "Tak, projekt budowlany z 2025 r."})
    assert card_problems(card) == []
    # rewording a question keeps the drafts' answers
    round_questions_set(
        actor=office,
        round=round_,
        questions=[QuestionData("Czy jest dokumentacja techniczna i pozwolenia?", pk=required.pk)],
    )
    assert card.answers.get().text == "Tak, projekt budowlany z 2025 r."
    card_transition(actor=golina_user, card=card, name="submit", today=TODAY)
    with pytest.raises(ValidationError, match="pytań nie można zmienić"):
        round_questions_set(actor=office, round=round_, questions=[])
    with pytest.raises(PermissionDenied):
        round_questions_set(actor=golina_user, round=round_, questions=[])


def test_schedule_within_the_programme_and_rows_within_the_rate(card, golina_user):
    with pytest.raises(ValidationError) as exc:
        card_update(actor=golina_user, card=card, starts_on=dt.date(2019, 1, 1))
    assert "31 grudnia 2029" in exc.value.message_dict["starts_on"][0]
    with pytest.raises(ValidationError) as exc:
        card_budget_set(
            actor=golina_user,
            card=card,
            total_pln=Decimal("1000"),
            eligible_pln=Decimal("1000"),
            cofinancing_rate=Decimal("0.5"),
            rows=_rows(card, (2026, ("500", "500", "500")), (2027, ("500", "500", "0"))),
        )
    assert any("przekracza 50%" in m for m in exc.value.message_dict["lines"])
