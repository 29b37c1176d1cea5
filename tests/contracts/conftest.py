"""The card's fixtures (tests/projects/conftest.py): a contract is signed for a card those tests build."""

import pytest
from projects.conftest import (  # noqa: F401 - fixtures
    card,
    golina,
    golina_user,
    kleczew,
    kleczew_user,
    measure,
    office,
    round_,
    strategy,
)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files kept in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
