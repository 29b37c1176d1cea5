# The project fixtures (rounds, cards, users of Golina and Kleczew) serve the monitoring tests too.
from projects.conftest import *  # noqa: F403
