"""The public catalogue follows the platform: rebuilt every hour as a recurring background job, so cards and
contracts changed in the office reach the catalogue, the map, the API and the downloads without anyone
running a command (`refresh_catalogue` does the same at once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job


@job_handler(
    "opendata.catalogue_refresh", title="Odświeżenie katalogu projektów", every=dt.timedelta(hours=1)
)
def catalogue_refresh_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.opendata.refresh import catalogue_refresh

    progress(0, 1, "Odbudowa katalogu")
    count = catalogue_refresh()
    return {"message": f"Projekty w katalogu: {count}.", "projects": count}
