"""Daily: the personal data of people who sent listing requests go 2 years after the review, as the
information clause on the public form says."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job


@job_handler(
    "social_economy.erase_requesters",
    title="Usuwanie danych osób zgłaszających PES po 2 latach",
    every=dt.timedelta(days=1),
)
def erase_requesters_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.social_economy.services import listing_requests_erase_expired

    count = listing_requests_erase_expired()
    progress(1, 1, "")
    return {"message": f"Usunięto dane osób zgłaszających z {count} zgłoszeń.", "requests": count}
