"""The governance lifecycles, found by `core.lifecycle.all_lifecycles` (autodiscovery of `<app>.lifecycles`)."""

from zit.governance.lifecycles_fees import *  # noqa: F403
from zit.governance.lifecycles_requests import *  # noqa: F403
