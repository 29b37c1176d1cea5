"""Daily: every erasure rule of the platform (zit.core.personal_data) empties the personal data whose retention
has ended; the result counts the rows per rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job
from zit.core.personal_data import erase_expired


@job_handler(
    "privacy.erase_expired",
    title="Usuwanie danych osobowych po okresie przechowywania",
    every=dt.timedelta(days=1),
)
def erase_expired_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    counts = erase_expired(progress=progress)
    progress(1, 1, "")
    total = sum(counts.values())
    return {
        "message": f"Usunięto dane osobowe po okresie przechowywania z {total} zapisów.",
        "rows": total,
        "rules": counts,
    }
