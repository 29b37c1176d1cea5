"""Fixtures of the records app."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path
