"""The office sees on its dashboard what the daily integrity check found, in an accessible panel."""

import os
from pathlib import Path

import axe_playwright_python
import pytest
from django.db import transaction
from django.utils import timezone

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.browser


def _tamper_and_check():
    import datetime as dt

    from zit.core import audit_guard
    from zit.core.integrity import KIND, audit_log_verify, integrity_check_job
    from zit.core.models import AuditEvent, Job

    with transaction.atomic():
        audit_log_verify(seal_before=timezone.now() + dt.timedelta(seconds=5))
        with audit_guard.wipe_gate():  # someone past the platform deletes an event
            AuditEvent.objects.filter(pk=AuditEvent.objects.order_by("id").first().pk).delete()
    job = Job.objects.create(kind=KIND, title="Sprawdzenie spójności")
    result = integrity_check_job(job, lambda *args: None)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED, finished_at=timezone.now(), result=result
    )


def test_the_dashboard_shows_a_broken_chain_accessibly(page, site, login):
    _tamper_and_check()
    login("admin")
    panel = page.locator("section[aria-labelledby=integrity-heading]")
    assert "Łańcuch dziennika audytu jest przerwany" in panel.inner_text()
    if os.environ.get("ZIT_SCREENSHOTS"):
        panel.screenshot(path=os.path.join(os.environ["ZIT_SCREENSHOTS"], "integrity-panel.png"))
    page.evaluate(AXE_JS)  # a script tag would be an inline script the CSP refuses
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
