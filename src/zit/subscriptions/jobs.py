"""The subscriptions' recurring jobs: the daily digest of what is new, and the deletion of addresses never
confirmed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job


@job_handler(
    "subscriptions.digests", title="Wysyłka nowości do subskrybentów e-mail", every=dt.timedelta(days=1)
)
def digests_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.subscriptions.digests import digests_send

    done = digests_send(actor=None)
    progress(1, 1, "")
    new = done["new"]
    return {
        "message": (
            f"Nowe: konsultacje {new['consultations']}, uchwały {new['resolutions']}, projekty "
            f"{new['projects']}. Wysłane wiadomości: {done['sent']} (niewysłane: {done['failed']})."
        ),
        **done,
    }


@job_handler(
    "subscriptions.unconfirmed_purge",
    title="Usuwanie niepotwierdzonych subskrypcji e-mail",
    every=dt.timedelta(hours=6),
)
def unconfirmed_purge_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.subscriptions.services import unconfirmed_purge

    deleted = unconfirmed_purge(actor=None)
    progress(1, 1, "")
    return {"message": f"Usunięto niepotwierdzone subskrypcje: {deleted}.", "deleted": deleted}
