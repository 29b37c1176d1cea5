"""Fixtures of the register of processing activities and the erasure of personal data."""

from __future__ import annotations

import pytest


@pytest.fixture
def office_admin(user_for_role):
    return user_for_role("office_admin")


@pytest.fixture
def office_staff(user_for_role):
    return user_for_role("office_staff")
