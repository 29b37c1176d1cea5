"""The counting rules: quorum, simple/absolute/qualified majorities, unanimity, and who sits in a body."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from governance.meeting_fixtures import *  # noqa: F403
from zit.association.models import Body, Mandate, Member
from zit.association.services import mandate_create, membership_end, person_create
from zit.governance.models import Ballot, Majority, MajorityBase, ResolutionKind, VotingRule
from zit.governance.voting import Rule, as_fraction, rule_for, seats, tally

FOR, AGAINST, ABSTAIN, ABSENT, SILENT = (
    Ballot.Choice.FOR,
    Ballot.Choice.AGAINST,
    Ballot.Choice.ABSTAIN,
    Ballot.Choice.ABSENT,
    Ballot.Choice.NOT_VOTING,
)


def rule(majority=Majority.SIMPLE, base=MajorityBase.CAST, fraction=None, quorum="0.50"):
    return Rule(majority, base, fraction, Decimal(quorum), "test")


def test_simple_majority_counts_for_against_only():
    result = tally(rule(), 10, [FOR] * 3 + [AGAINST] * 2 + [ABSTAIN] * 4 + [ABSENT])
    assert result.adopted
    assert (result.present, result.votes_for, result.votes_against, result.abstentions) == (9, 3, 2, 4)


def test_a_tie_rejects():
    result = tally(rule(), 6, [FOR] * 3 + [AGAINST] * 3)
    assert not result.adopted
    assert "tyle samo głosów za i przeciw" in result.explanation


def test_quorum_is_rounded_up_and_blocks_the_vote():
    # 0,50 of 15 seats is 7.5: eight must be present
    seven = tally(rule(), 15, [FOR] * 7 + [ABSENT] * 8)
    eight = tally(rule(), 15, [FOR] * 8 + [ABSENT] * 7)
    assert (seven.quorum_required, seven.quorum_met, seven.adopted) == (8, False, False)
    assert "Bez kworum" in seven.explanation
    assert eight.quorum_met and eight.adopted


def test_present_without_voting_counts_for_quorum_not_for_votes_cast():
    result = tally(rule(Majority.ABSOLUTE), 8, [FOR] * 3 + [SILENT] * 2 + [ABSENT] * 3)
    assert result.present == 5 and result.quorum_met
    assert result.required_for == 2  # more than half of 3 votes cast
    assert result.adopted


@pytest.mark.parametrize(
    ("base", "required"),
    [(MajorityBase.CAST, 4), (MajorityBase.PRESENT, 5), (MajorityBase.COMPOSITION, 9)],
)
def test_absolute_majority_against_each_base(base, required):
    # 16 seats, 9 present, of whom 2 did not vote: 7 cast
    choices = [FOR] * 4 + [AGAINST] * 2 + [ABSTAIN] + [SILENT] * 2 + [ABSENT] * 7
    result = tally(rule(Majority.ABSOLUTE, base), 16, choices)
    assert result.required_for == required
    assert result.adopted is (required <= 4)


def test_abstentions_count_against_an_absolute_majority_of_votes_cast():
    assert not tally(rule(Majority.ABSOLUTE), 10, [FOR] * 4 + [AGAINST] * 2 + [ABSTAIN] * 2).adopted
    assert tally(rule(Majority.SIMPLE), 10, [FOR] * 4 + [AGAINST] * 2 + [ABSTAIN] * 2).adopted


def test_qualified_majority_reads_a_rounded_threshold_as_two_thirds():
    assert as_fraction(Decimal("0.67")) == Fraction(2, 3)
    assert as_fraction(Decimal("0.6667")) == Fraction(2, 3)
    assert as_fraction(Decimal("0.75")) == Fraction(3, 4)
    # 9 votes cast: 2/3 is exactly 6 (0,67 × 9 = 6,03 would wrongly ask for 7)
    result = tally(
        rule(Majority.QUALIFIED, fraction=as_fraction(Decimal("0.67"))), 9, [FOR] * 6 + [AGAINST] * 3
    )
    assert result.required_for == 6 and result.adopted
    assert not tally(rule(Majority.QUALIFIED, fraction=Fraction(2, 3)), 9, [FOR] * 5 + [AGAINST] * 4).adopted


def test_unanimity_is_broken_by_an_abstention_but_not_by_an_absence():
    assert tally(rule(Majority.UNANIMOUS), 5, [FOR] * 4 + [ABSENT]).adopted
    result = tally(rule(Majority.UNANIMOUS), 5, [FOR] * 4 + [ABSTAIN])
    assert not result.adopted and "Jednomyślność" in result.explanation


def test_an_empty_body_never_adopts():
    result = tally(rule(), 0, [])
    assert not result.quorum_met and not result.adopted


def test_rule_for_a_kind_overrides_the_bodys_rule(rada):
    assert rule_for(rada, ResolutionKind.FEE_RULE).majority == Majority.SIMPLE
    VotingRule.objects.create(
        body=rada,
        kind=ResolutionKind.FEE_RULE,
        majority=Majority.QUALIFIED,
        qualified_fraction=Decimal("0.6667"),
    )
    special = rule_for(rada, ResolutionKind.FEE_RULE)
    assert special.majority == Majority.QUALIFIED and special.fraction == Fraction(2, 3)
    assert "2/3" in special.description
    assert rule_for(rada, ResolutionKind.OTHER).majority == Majority.SIMPLE


def test_the_rada_has_a_seat_per_member_on_the_day(rada, member_without_representative):
    today = dt.date.today()
    composition = seats(rada, today)
    assert len(composition) == 16
    assert [s.label for s in composition][:2] == ["Miasto Konin", "Powiat Koniński"]
    lonely = next(s for s in composition if s.member == member_without_representative)
    assert lonely.representative is None  # the seat counts although nobody can sit in it


def test_a_member_who_left_has_no_seat_after_leaving(rada):
    golina = Member.objects.get(slug="golina")
    membership_end(actor=None, member=golina, end=dt.date(2026, 3, 31))
    assert any(s.member == golina for s in seats(rada, dt.date(2026, 3, 31)))
    assert not any(s.member == golina for s in seats(rada, dt.date(2026, 4, 1)))
    assert len(seats(rada, dt.date(2026, 4, 1))) == 15


def test_other_bodies_seat_the_people_with_mandates_on_the_day(association_data):
    board = Body.objects.get(slug="zarzad")
    a = person_create(actor=None, first_name="Adam", last_name="Abacki")
    b = person_create(actor=None, first_name="Beata", last_name="Babacka")
    mandate_create(actor=None, person=a, body=board, role=Mandate.Role.PRESIDENT, start=dt.date(2024, 1, 1))
    mandate_create(
        actor=None,
        person=b,
        body=board,
        role=Mandate.Role.MEMBER,
        start=dt.date(2024, 1, 1),
        end=dt.date(2025, 12, 31),
    )
    assert [s.label for s in seats(board, dt.date(2025, 6, 1))] == ["Adam Abacki", "Beata Babacka"]
    assert [s.key for s in seats(board, dt.date(2026, 6, 1))] == [f"p:{a.pk}"]
