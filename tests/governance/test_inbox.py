import datetime as dt

import pytest
from django.utils import timezone
from factories.accounts import RoleAssignmentFactory, UserFactory
from factories.association import MandateFactory
from factories.governance import MeetingFactory, ResolutionFactory

from zit.governance.inbox import invitations_to_send, my_meetings, votes_open
from zit.governance.models import Meeting, Vote

TODAY = dt.date(2031, 1, 5)
JAN_10 = timezone.make_aware(dt.datetime(2031, 1, 10, 10))


@pytest.mark.django_db
def test_open_votes_and_invitations_wait_for_the_secretariat(association_data):
    resolution = ResolutionFactory()
    vote = Vote.objects.create(resolution=resolution, held_on=dt.date(2031, 1, 3))
    closed = Vote.objects.create(resolution=ResolutionFactory(), held_on=TODAY, closed_at=timezone.now())
    meeting = MeetingFactory(starts_at=JAN_10)  # planned, no invitations yet
    MeetingFactory(starts_at=timezone.make_aware(dt.datetime(2031, 6, 1, 10)))  # beyond the horizon
    secretary = UserFactory(roles=[("body_secretary", None)])
    board = UserFactory(roles=[("board_member", None)])

    [item] = votes_open(secretary, TODAY)
    assert item.key == f"governance.vote:{vote.pk}" != f"governance.vote:{closed.pk}"
    [invite] = invitations_to_send(secretary, TODAY)
    assert invite.key == f"governance.invite:{meeting.pk}" and invite.due == dt.date(2031, 1, 10)
    assert votes_open(board, TODAY) == [] and invitations_to_send(board, TODAY) == []


@pytest.mark.django_db
def test_a_member_of_a_body_sees_the_meetings_they_are_invited_to(association_data):
    meeting = MeetingFactory(
        starts_at=JAN_10, status=Meeting.Status.INVITED, invitation_sent_at=timezone.now()
    )
    mandate = MandateFactory(body=meeting.body)
    member = UserFactory()
    RoleAssignmentFactory(user=member, role="board_member", mandate=mandate)
    elsewhere = UserFactory()
    RoleAssignmentFactory(user=elsewhere, role="board_member", mandate=MandateFactory())

    [item] = my_meetings(member, TODAY)
    assert item.key == f"governance.meeting:{meeting.pk}" and item.due == dt.date(2031, 1, 10)
    assert my_meetings(elsewhere, TODAY) == []
    assert my_meetings(UserFactory(roles=[("board_member", None)]), TODAY) == []
