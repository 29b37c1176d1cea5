"""The result rules: totals, the third assessor, the final score, pass or fail and the ranking's tie-breaks.

The criteria (conftest): two obligatory ones, then "Wpływ na mobilność" (weight 3, up to 10, minimum 4, first
tie-break) and "Partnerstwo" (weight 2, up to 10, second tie-break). Highest total 50; a third assessor when
the totals differ by more than 15; pass at 25. A total is 3 × the third value + 2 × the fourth."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zit.assessment import scoring, selectors, services
from zit.assessment.scoring import Sheet

from .conftest import assess


def _sheets(*totals):
    return [
        Sheet(assignment_id=i, assessor=f"A{i}", third=i == 3, values={}, total=Decimal(t))
        for i, t in enumerate(totals, 1)
    ]


def test_counting_sheets_two_closest_of_three_or_all_three_when_equally_close():
    assert [s.total for s in scoring.counting_sheets(_sheets(40, 30))] == [40, 30]
    assert [s.total for s in scoring.counting_sheets(_sheets(40, 18, 35))] == [40, 35]
    assert [s.total for s in scoring.counting_sheets(_sheets(40, 18, 29))] == [40, 18, 29]  # 11 and 11
    assert [s.total for s in scoring.counting_sheets(_sheets(20, 20, 20))] == [20, 20, 20]


def test_final_score_is_rounded_once_half_up():
    assert scoring.rounded(scoring.mean([Decimal(1), Decimal(2), Decimal(2)])) == Decimal("1.67")
    assert scoring.rounded(Decimal("10.005")) == Decimal("10.01")


@pytest.fixture
def pair(make_assessor, card, criteria, office):
    """Two declared assessors on the card."""
    a, b = make_assessor(), make_assessor()
    return (
        services.assignment_add(actor=office, card=card, assessor=a),
        services.assignment_add(actor=office, card=card, assessor=b),
    )


def _result(card, office, round_):
    return next(r for r in selectors.results(user=office, round=round_) if r.card.pk == card.pk)


def test_two_close_assessments_give_their_mean(pair, criteria, card, office, round_):
    assess(pair[0], criteria, 1, 1, 8, 8)  # 40
    assert _result(card, office, round_).status == scoring.PENDING
    assess(pair[1], criteria, 1, 1, 6, 6)  # 30
    result = _result(card, office, round_)
    assert result.status == scoring.COMPLETE and not result.needs_third
    assert result.final == Decimal("35.00") and result.passed


def test_a_gap_of_exactly_the_share_needs_no_third_assessor(pair, criteria, card, office, round_):
    assess(pair[0], criteria, 1, 1, 8, 8)  # 40
    assess(pair[1], criteria, 1, 1, 5, 5)  # 25: 15 apart, not more
    result = _result(card, office, round_)
    assert not result.needs_third and result.final == Decimal("32.50")


def test_a_wider_gap_calls_a_third_assessor_and_the_two_closest_count(
    pair, criteria, card, office, round_, make_assessor
):
    assess(pair[0], criteria, 1, 1, 8, 8)  # 40
    assess(pair[1], criteria, 1, 1, 4, 3)  # 18: 22 apart
    result = _result(card, office, round_)
    assert result.needs_third and result.third_missing and result.status == scoring.PENDING
    with pytest.raises(ValidationError, match="Oceny nie są jeszcze kompletne dla fiszek: 1/2026/001"):
        services.scoring_close(actor=office, round=round_)
    third = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    assert third.third
    with pytest.raises(ValidationError, match="ma już trzeciego"):
        services.assignment_add(actor=office, card=card, assessor=make_assessor())
    assess(third, criteria, 1, 1, 7, 7)  # 35: closest to 40
    result = _result(card, office, round_)
    assert result.status == scoring.COMPLETE
    assert result.counting_ids == {pair[0].pk, third.pk}
    assert result.final == Decimal("37.50")


def test_with_three_equally_close_totals_all_three_count(pair, criteria, card, office, round_, make_assessor):
    assess(pair[0], criteria, 1, 1, 8, 8)  # 40
    assess(pair[1], criteria, 1, 1, 4, 3)  # 18
    third = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    assess(third, criteria, 1, 1, 7, 4)  # 29: 11 from each
    result = _result(card, office, round_)
    assert len(result.counting) == 3
    assert result.final == Decimal("29.00")  # (40 + 18 + 29) / 3
    assert result.means[criteria[2].pk] == Decimal(19) / 3


def test_no_third_assessor_while_the_first_two_agree(pair, criteria, card, office, make_assessor):
    assess(pair[0], criteria, 1, 1, 8, 8)
    with pytest.raises(ValidationError, match="ma już dwóch oceniających"):
        services.assignment_add(actor=office, card=card, assessor=make_assessor())


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ((0, 1, 8, 8), (1, 1, 8, 8), "„Zgodność ze strategią”: ocena „nie”."),
        ((1, 1, 3, 10), (1, 1, 3, 10), "„Wpływ na mobilność”: średnia 3,00 poniżej minimum 4."),
        ((1, 1, 4, 4), (1, 1, 4, 5), "Wynik 21,00 poniżej progu 25,00."),
    ],
)
def test_a_card_fails_on_a_no_a_criterion_minimum_or_the_threshold(
    pair, criteria, card, office, round_, first, second, reason
):
    assess(pair[0], criteria, *first)
    assess(pair[1], criteria, *second)
    result = _result(card, office, round_)
    assert result.status == scoring.COMPLETE and result.passed is False
    assert result.reasons == [reason]


def test_a_no_from_an_assessment_that_does_not_count_does_not_fail_the_card(
    pair, criteria, card, office, round_, make_assessor
):
    assess(pair[0], criteria, 1, 1, 8, 8)  # 40
    assess(pair[1], criteria, 0, 1, 2, 2)  # 10, and a "no"
    third = services.assignment_add(actor=office, card=card, assessor=make_assessor())
    assess(third, criteria, 1, 1, 7, 8)  # 37
    result = _result(card, office, round_)
    assert result.counting_ids == {pair[0].pk, third.pk}
    assert result.passed and result.final == Decimal("38.50")


def test_ties_are_broken_by_the_tie_criteria_then_the_eu_amount_then_the_submission(
    make_card, golina, kleczew, criteria, office, round_, make_assessor
):
    a, b = make_assessor(), make_assessor()
    early = timezone.now() - dt.timedelta(days=60)
    cards = {
        # name: (card, the values both assessors give); every total is 40
        "W": (make_card(golina, eu_pln="700000", submitted_at=early + dt.timedelta(hours=2)), (1, 1, 8, 8)),
        "Z": (make_card(kleczew, eu_pln="700000", submitted_at=early), (1, 1, 8, 8)),
        "Y": (make_card(golina, eu_pln="500000", submitted_at=early + dt.timedelta(hours=5)), (1, 1, 8, 8)),
        "X": (make_card(kleczew, eu_pln="900000", submitted_at=early + dt.timedelta(hours=9)), (1, 1, 10, 5)),
        "low": (make_card(golina, eu_pln="100000"), (1, 1, 4, 4)),  # 20: fails the threshold
    }
    for card, given in cards.values():
        for assessor in (a, b):
            assess(services.assignment_add(actor=office, card=card, assessor=assessor), criteria, *given)
    ranking = selectors.results(user=office, round=round_)
    by_pk = {card.pk: name for name, (card, _given) in cards.items()}
    assert [by_pk[r.card.pk] for r in ranking] == ["X", "Y", "Z", "W", "low"]
    assert [r.position for r in ranking] == [1, 2, 3, 4, None]
    notes = [r.tie_note for r in ranking]
    assert "niższa średnia w kryterium „Wpływ na mobilność”" in notes[1]
    assert "wyższe wnioskowane dofinansowanie UE" in notes[2]
    assert "późniejsze złożenie fiszki" in notes[3]
    assert notes[4] == "" and ranking[4].passed is False


def test_closing_moves_passing_cards_to_scored_and_leaves_failing_ones_accepted(
    make_card, golina, kleczew, criteria, office, round_, make_assessor
):
    a, b = make_assessor(), make_assessor()
    good, weak = make_card(golina), make_card(kleczew)
    for card, given in ((good, (1, 1, 8, 8)), (weak, (1, 0, 8, 8))):
        for assessor in (a, b):
            assess(services.assignment_add(actor=office, card=card, assessor=assessor), criteria, *given)
    moved = services.scoring_close(actor=office, round=round_)
    assert [c.pk for c in moved] == [good.pk]
    good.refresh_from_db()
    weak.refresh_from_db()
    assert good.state == "scored" and good.transitions.first().name == "score"
    assert weak.state == "accepted"
    ranking = selectors.results(user=office, round=round_)
    assert [(r.card.pk, r.passed) for r in ranking] == [(good.pk, True), (weak.pk, False)]
    with pytest.raises(ValidationError, match="jest zamknięta"):
        services.scoring_close(actor=office, round=round_)
