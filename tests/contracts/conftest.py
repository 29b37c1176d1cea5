"""The card's fixtures (tests/projects/conftest.py): a contract is signed for a card those tests build."""

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
