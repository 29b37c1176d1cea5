"""The weekly digest of early warnings, e-mailed to the office's staff as a recurring background job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse

from zit.core.jobs import ProgressFn, job_handler
from zit.core.models import Job
from zit.core.roles import OFFICE
from zit.monitoring.warnings import SEVERITY_LABELS, Warning, counts, grouped, warnings

LISTED_PER_RULE = 10


def digest_text(found: list[Warning]) -> tuple[str, str]:
    """The subject and the plain-text body: counts, then each rule that fired with its first items."""
    tally = counts(found)
    subject = f"Ostrzeżenia ZIT: pilne {tally['high']}, ważne {tally['medium']}, do wiadomości {tally['low']}"
    link = settings.ZIT_SITE_URL.rstrip("/") + reverse("monitoring:warnings")
    lines = [subject + ".", ""]
    for _rule, statement, items in grouped(found):
        lines.append(f"{SEVERITY_LABELS[items[0].severity].upper()}: {statement} ({len(items)})")
        for w in items[:LISTED_PER_RULE]:
            lines.append(f"  – {w.title}: {w.detail}")
        if len(items) > LISTED_PER_RULE:
            lines.append(f"  … i dalsze pozycje ({len(items) - LISTED_PER_RULE}) na stronie ostrzeżeń.")
        lines.append("")
    lines += [
        f"Wszystkie ostrzeżenia i zasady, według których je liczymy: {link}",
        "",
        "Wiadomość wysyłana co tydzień automatycznie przez platformę ZIT Stowarzyszenia Aglomeracji Konińskiej.",
    ]
    return subject, "\n".join(str(line) for line in lines)


def _office_addresses() -> list[str]:
    from zit.accounts.models import User

    users = (
        User.objects.filter(is_active=True, role_assignments__role__in=OFFICE).exclude(email="").distinct()
    )
    return sorted({u.email for u in users})


@job_handler(
    "monitoring.weekly_digest", title="Cotygodniowe zestawienie ostrzeżeń", every=dt.timedelta(days=7)
)
def weekly_digest(job: Job, progress: ProgressFn) -> dict[str, Any]:
    progress(0, 2, "Sprawdzanie ostrzeżeń")
    found = warnings()
    recipients = _office_addresses()
    if not found:
        return {"message": "Brak ostrzeżeń: nie wysłano wiadomości.", "sent": 0}
    if not recipients:
        return {"message": "Nikt w biurze nie ma adresu e-mail: nie wysłano wiadomości.", "sent": 0}
    subject, body = digest_text(found)
    progress(1, 2, "Wysyłanie")
    sent = send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients])
    return {"message": f"Wysłano zestawienie ostrzeżeń ({len(found)}). Adresaci: {sent}.", "sent": sent}


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
