"""The monitoring app's background jobs: the annual report. The early warnings reach people through the
inbox (monitoring.inbox) and the common notices digest (zit.core.notices)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job


@job_handler("monitoring.annual_report", title="Sprawozdanie roczne")
def annual_report(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.core.jobs import JobFailed
    from zit.monitoring.models import AnnualReport
    from zit.monitoring.services import annual_report_fail

    report = AnnualReport.objects.filter(pk=job.params.get("report")).first()
    if report is None:
        raise JobFailed("Nie ma już tego sprawozdania.")
    try:
        return _annual_report_write(report, progress)
    except Exception as exc:  # whatever stopped it, the report does not stay "in preparation"
        annual_report_fail(report=report, reason=str(exc)[:500] or type(exc).__name__)
        raise


def _annual_report_write(report: Any, progress: ProgressFn) -> dict[str, Any]:
    from zit.core.jobs import JobFailed
    from zit.monitoring.documents import annual_report_docx, annual_report_pdf
    from zit.monitoring.services import annual_report_finish
    from zit.monitoring.snapshot import snapshot_build, snapshot_digest

    if not report.snapshot:
        progress(0, 4, "Zamrażanie danych")
        report.snapshot = snapshot_build(year=report.year, today=report.as_of)
        report.snapshot_sha256 = snapshot_digest(report.snapshot)
        report.is_demo = report.snapshot["is_demo"]
        report.save(update_fields=["snapshot", "snapshot_sha256", "is_demo"])
    progress(1, 4, "Tworzenie PDF z wykresami i mapą")
    try:
        pdf = annual_report_pdf(report.snapshot)
    except OSError as exc:  # WeasyPrint without the Pango library
        raise JobFailed(
            "Serwer nie ma bibliotek do tworzenia PDF (Pango): zainstaluj je, patrz README."
        ) from exc
    progress(2, 4, "Tworzenie DOCX")
    docx = annual_report_docx(report.snapshot)
    progress(3, 4, "Zapisywanie plików")
    annual_report_finish(report=report, pdf=pdf, docx=docx)
    return {
        "message": f"Sprawozdanie za {report.year} r. jest gotowe.",
        "links": [
            {"label": "Pobierz PDF", "url": reverse("monitoring:report_file", args=[report.pk, "pdf"])},
            {"label": "Pobierz DOCX", "url": reverse("monitoring:report_file", args=[report.pk, "docx"])},
            {
                "label": "Wróć do sprawozdań",
                "url": f"{reverse('monitoring:reports')}?sprawozdanie={report.pk}",
            },
        ],
    }
