"""What the meeting, resolution and vote pages offer: the lifecycle buttons the user may press now, and for
those a guard refuses, the reason (`lifecycles`)."""

from __future__ import annotations

from typing import Any

from zit.core.lifecycle import Actions
from zit.governance.lifecycles import MEETING, RESOLUTION, VOTE
from zit.governance.models import Meeting, Resolution, Vote


def meeting_actions(*, user: Any, meeting: Meeting) -> Actions:
    """Invitations, opening, closing, cancelling: what this user may do with the meeting now."""
    return MEETING.actions(user, meeting)


def resolution_actions(*, user: Any, resolution: Resolution) -> Actions:
    """Starting the vote and withdrawing the draft (adoption follows from the vote, so it has no button)."""
    return RESOLUTION.actions(user, resolution)


def vote_actions(*, user: Any, vote: Vote | None) -> Actions:
    """Closing the roll call; nothing before the vote starts."""
    return Actions() if vote is None else VOTE.actions(user, vote)
