"""Fixtures of governance: an office user and a board member."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture
def board(user_for_role):
    return user_for_role("board_member")
