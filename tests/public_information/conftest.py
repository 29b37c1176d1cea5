"""Fixtures of the requests for public information."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")
