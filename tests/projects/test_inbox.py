import datetime as dt

import pytest
from factories.accounts import UserFactory
from factories.projects import ProjectCardFactory

from zit.projects.inbox import cards_returned, formal_check, opinions_due
from zit.projects.models import ProjectCard

S = ProjectCard.State
TODAY = dt.date(2031, 3, 10)


@pytest.mark.django_db
def test_cards_wait_for_the_office_or_for_their_applicant(funding_data):
    submitted = ProjectCardFactory(state=S.SUBMITTED)
    ProjectCardFactory(state=S.SUBMITTED, round=submitted.round)
    filed = ProjectCardFactory(state=S.APPLICATION_FILED)
    returned = ProjectCardFactory(state=S.RETURNED)
    ProjectCardFactory(state=S.DRAFT, beneficiary=returned.beneficiary)
    office = UserFactory(roles=[("office_staff", None)])
    applicant = UserFactory(roles=[("beneficiary", returned.beneficiary)])
    other_applicant = UserFactory(roles=[("beneficiary", submitted.beneficiary)])
    board = UserFactory(roles=[("board_member", None)])

    [check] = formal_check(office, TODAY)
    assert check.count == 2
    assert check.url.endswith(f"/projekty/nabory/{submitted.round_id}/?stan=submitted")
    [opinion] = opinions_due(office, TODAY)
    assert opinion.key == f"projects.opinion:{filed.pk}"
    assert opinion.url.endswith("#opinion")
    [fix] = cards_returned(applicant, TODAY)
    assert fix.key == f"projects.returned:{returned.pk}"

    for user in (applicant, other_applicant, board):
        assert formal_check(user, TODAY) == [] and opinions_due(user, TODAY) == []
    assert cards_returned(office, TODAY) == []  # the office fixes no card of its own
    assert cards_returned(other_applicant, TODAY) == []
    assert cards_returned(board, TODAY) == []
