"""Background work of the contracts app: the import of an official list of projects; closing the contracts
whose durability period is over."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zit.contracts.models import PublishedImport
from zit.contracts.published import full_xlsx, problems_text, published_import
from zit.core.files import local_path
from zit.core.importing import ImportRejected
from zit.core.jobs import JobFailed, ProgressFn, job_handler
from zit.core.models import Job


@job_handler("contracts.published_import", title="Import wykazu projektów")
def run_published_import(job: Job, progress: ProgressFn) -> dict[str, Any]:
    batch = PublishedImport.objects.get(pk=job.params["batch"])
    actor = get_user_model().objects.get(pk=job.created_by_id)
    link = {"label": gettext_noop("Wróć do importów wykazu"), "url": reverse("contracts:published_imports")}
    try:
        with local_path(batch.file) as path:
            summary = published_import(actor=actor, batch=batch, path=path, progress=progress)
    except ImportRejected as exc:
        problems = problems_text(exc)
        batch.file.delete(save=False)  # a refused file is not kept; the report is
        PublishedImport.objects.filter(pk=batch.pk).update(
            status=PublishedImport.Status.REJECTED, problems=problems, rows_read=exc.rows_read, file=""
        )
        raise JobFailed(
            _("Odrzucony: nic nie zapisano, bo plik zawiera błędy."), {"problems": problems, "links": [link]}
        ) from exc
    progress(99, 100, _("Przygotowanie pliku XLSX całego wykazu"))
    full_xlsx()  # built here, in the background, so that visitors download it at once
    message = _(
        "Dodano: %(c)d, zaktualizowano: %(u)d, bez zmian: %(n)d, pominięto (umowy prowadzone w platformie): %(s)d."
    ) % {"c": summary.created, "u": summary.updated, "n": summary.unchanged, "s": summary.skipped}
    return summary.as_dict() | {"message": message, "links": [link]}


@job_handler(
    "contracts.close",
    title="Zamykanie umów po okresie trwałości",
    every=dt.timedelta(days=1),
)
def run_contracts_close(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.contracts.durability import contracts_close_due

    closed = contracts_close_due()
    progress(1, 1, "")
    return {
        "message": _("Zamknięte umowy: %(n)d.") % {"n": len(closed)},
        "closed": [c.number for c in closed],
    }


@job_handler("contracts.iz_feed_import", title="Import danych okresowych IZ")
def run_iz_feed_import(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.contracts.iz_import import feed_import_run
    from zit.contracts.models import IzFeedImport

    batch = IzFeedImport.objects.select_related("feed").get(pk=job.params["batch"])
    actor = get_user_model().objects.filter(pk=job.created_by_id).first()
    link = {
        "label": gettext_noop("Zobacz import i zmiany"),
        "url": reverse("contracts:iz_import", args=[batch.pk]),
    }
    try:
        summary = feed_import_run(actor=actor, batch=batch, progress=progress)
    except ImportRejected as exc:
        raise JobFailed(
            _("Odrzucony: nic nie zapisano, bo plik zawiera błędy."),
            {"problems": [str(p) for p in exc.report.problems[:200]], "links": [link]},
        ) from exc
    message = _("Wiersze: %(w)d; nowe: %(a)d, zmienione: %(c)d, zniknęły: %(r)d, bez zmian: %(u)d.") % {
        "w": summary.rows,
        "a": summary.added,
        "c": summary.changed,
        "r": summary.removed,
        "u": summary.unchanged,
    }
    return summary.__dict__ | {"message": message, "links": [link]}


@job_handler(
    "contracts.iz_feeds_fetch", title="Pobranie danych okresowych IZ z adresów", every=dt.timedelta(days=1)
)
def run_iz_feeds_fetch(job: Job, progress: ProgressFn) -> dict[str, Any]:
    from zit.contracts.iz_import import feeds_fetch

    notes = feeds_fetch(progress)
    progress(1, 1, "")
    return {
        "message": " ".join(f"{name}: {note}" for name, note in notes.items()) or _("Brak źródeł z adresem.")
    }


@job_handler("contracts.iz_feed_fetch", title="Pobranie danych okresowych IZ z adresu na żądanie biura")
def run_iz_feed_fetch(job: Job, progress: ProgressFn) -> dict[str, Any]:
    """The office's "pobierz teraz" of one source, as the person who asked for it."""
    from zit.contracts.iz_import import feed_fetch
    from zit.contracts.models import IzFeed

    feed = IzFeed.objects.get(pk=job.params["feed"])
    actor = get_user_model().objects.get(pk=job.created_by_id)
    link = {
        "label": gettext_noop("Wróć do źródła danych IZ"),
        "url": reverse("contracts:iz_feed", args=[feed.pk]),
    }
    note = feed_fetch(actor=actor, feed=feed, progress=progress)
    progress(1, 1, "")
    return {"message": note or _("To źródło nie ma adresu pliku."), "links": [link]}
