"""Recurring work of accounts: roles end the day after the mandate or membership they came from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zit.accounts.services import roles_end_expired
from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job


@job_handler(
    "accounts.roles_follow_mandates",
    title="Wygaszanie ról po zakończonych mandatach i członkostwie",
    every=dt.timedelta(days=1),
)
def roles_follow_mandates(job: Job, progress: ProgressFn) -> dict[str, Any]:
    endings = roles_end_expired()
    progress(1, 1, "")
    return {"message": f"Wygaszone role: {len(endings)}.", "ended": len(endings)}
