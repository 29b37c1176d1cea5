"""The governance app's data: one module per area (meetings and resolutions, their votes, the reporting year)."""

from zit.governance.models.bip import *  # noqa: F403
from zit.governance.models.meetings import *  # noqa: F403
from zit.governance.models.opinions import *  # noqa: F403
from zit.governance.models.settings import *  # noqa: F403
from zit.governance.models.votes import *  # noqa: F403
from zit.governance.models.year import *  # noqa: F403
