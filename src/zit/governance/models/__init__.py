"""The governance app's data: one module per area (meetings and resolutions, their votes, fees)."""

from zit.governance.models.fees import *  # noqa: F403
from zit.governance.models.meetings import *  # noqa: F403
from zit.governance.models.votes import *  # noqa: F403
