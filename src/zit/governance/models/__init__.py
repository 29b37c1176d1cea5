"""The governance app's data: one module per area (meetings and resolutions, public information)."""

from zit.governance.models.meetings import *  # noqa: F403
from zit.governance.models.requests import *  # noqa: F403
