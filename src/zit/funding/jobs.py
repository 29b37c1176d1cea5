"""Fetching the published exchange rates: every few hours, and when the office asks for it at once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zit.core.jobs import JobFailed, ProgressFn, job_handler
from zit.core.models import Job
from zit.funding import rate_updates


def _fetch(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from django.urls import reverse

    links = [{"label": gettext_noop("Wróć do kursów walut"), "url": reverse("funding:rates") + "#pobieranie"}]
    if not rate_updates.fetch_enabled():
        progress(1, 1, "")
        return {
            "message": _(
                "Pobieranie kursów jest wyłączone w ustawieniach (ZIT_RATES_FETCH); kursy wpisuje biuro."
            ),
            "disabled": True,
            "links": links,
        }
    steps = {"done": 0}

    def step(message: str) -> None:
        steps["done"] += 1
        progress(steps["done"], steps["done"] + 2, message)

    # the office's run acts as the person who asked for it; the recurring one as the platform
    actor = get_user_model().objects.get(pk=job.created_by_id) if job.created_by_id else None
    result = rate_updates.rates_fetch(actor=actor, progress=step)
    result["links"] = links
    if not result["ok"]:
        raise JobFailed(result["message"], result)
    return result


job_handler(rate_updates.RECURRING_KIND, title="Pobieranie kursów walut (NBP, KE)", every=rate_updates.EVERY)(
    _fetch
)
job_handler(rate_updates.MANUAL_KIND, title="Pobieranie kursów walut na żądanie biura")(_fetch)
