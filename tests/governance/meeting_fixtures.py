"""Fixtures of the meetings and resolutions tests: the Rada with a representative for every member but one,
the people who run meetings, and a meeting in progress with everybody present who can be."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

# the project fixtures (rounds, cards, a list approved), for the resolutions acting on projects
from projects.conftest import *  # noqa: F403
from projects.test_calls import listed  # noqa: F401

from zit.association.models import Body, Member
from zit.governance import meetings
from zit.governance.demo import NO_REPRESENTATIVE, _representatives


@pytest.fixture
def rada(association_data):
    _representatives()
    return Body.objects.get(slug="rada")


@pytest.fixture
def secretary(user_for_role):
    return user_for_role("body_secretary")


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def member_without_representative(rada):
    return Member.objects.get(slug=NO_REPRESENTATIVE)


def open_meeting(
    body, *, hours_ago: int = 1, present: set[str] | None = None, absent: set[str] = frozenset()
):
    """A meeting started `hours_ago` and opened, with the seats present that have somebody to be present."""
    meeting = meetings.meeting_save(
        actor=None, body=body, starts_at=timezone.now() - dt.timedelta(hours=hours_ago), place="Konin, sala 1"
    )
    meetings.meeting_open(actor=None, meeting=meeting)
    for seat in meetings.meeting_seats(meeting):
        here = seat.representative is not None and seat.key not in absent
        if present is not None:
            here = seat.key in present
        meetings.attendance_record(actor=None, meeting=meeting, seat=seat.key, present=here)
    return meeting


@pytest.fixture
def meeting(rada):
    return open_meeting(rada)
