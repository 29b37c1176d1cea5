"""Generating the strategy document in the background, with progress for the page's progress bar; recording
every day the outcome the law gives to a procedure's silence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext_noop

from zit.core.jobs import JobFailed, ProgressFn, job_handler
from zit.core.models import Job
from zit.strategy.models import StrategyDocument, StrategyVersion


@job_handler("strategy.document", title="Dokument strategii")
def run_strategy_document(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.strategy.documents import strategy_docx, strategy_pdf
    from zit.strategy.public_documents import fingerprint

    version = StrategyVersion.objects.filter(pk=job.params.get("version")).first()
    if version is None:
        raise JobFailed("Nie ma już tej wersji strategii.")
    progress(0, 3, "Zbieranie danych i rysowanie mapy")
    try:
        pdf = strategy_pdf(version)
    except OSError as exc:  # WeasyPrint without the Pango library
        raise JobFailed(
            "Serwer nie ma bibliotek do tworzenia PDF (Pango): zainstaluj je, patrz README."
        ) from exc
    progress(1, 3, "Zapisywanie PDF")
    name = f"strategia-wersja-{version.number}"
    said = fingerprint(version)  # the public page serves these files while the version's state stays
    saved = []
    for fmt, content in (("pdf", pdf),):
        document = StrategyDocument(
            version=version, format=fmt, created_by_label=job.created_by_label, fingerprint=said
        )
        document.file.save(f"{name}.{fmt}", ContentFile(content), save=True)
        saved.append(document.pk)
    progress(2, 3, "Tworzenie DOCX")
    document = StrategyDocument(
        version=version, format="docx", created_by_label=job.created_by_label, fingerprint=said
    )
    document.file.save(f"{name}.docx", ContentFile(strategy_docx(version)), save=True)
    saved.append(document.pk)
    pdf_pk, docx_pk = saved
    return {
        "documents": saved,
        "version": version.pk,
        "links": [
            {"label": gettext_noop("Pobierz PDF"), "url": reverse("strategy:generated_file", args=[pdf_pk])},
            {
                "label": gettext_noop("Pobierz DOCX"),
                "url": reverse("strategy:generated_file", args=[docx_pk]),
            },
            {
                "label": gettext_noop("Wróć do wersji strategii"),
                "url": reverse("strategy:version", args=[version.pk]),
            },
        ],
    }


@job_handler(
    "strategy.silences",
    title="Opinie uznane z mocy prawa (brak opinii w terminie)",
    every=dt.timedelta(hours=6),
)
def record_silences(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.strategy.procedure_letters import silences_record

    recorded = silences_record()
    progress(1, 1, "")
    return {"message": f"Opinie uznane za pozytywne z mocy prawa: {recorded}.", "recorded": recorded}
