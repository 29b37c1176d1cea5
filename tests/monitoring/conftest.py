# The project fixtures (rounds, cards, users of Golina and Kleczew, a selected card) serve these tests too.
from contracts.test_contracts import selected  # noqa: F401
from projects.conftest import *  # noqa: F403
from projects.test_calls import listed  # noqa: F401
