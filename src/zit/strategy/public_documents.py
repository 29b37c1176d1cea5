"""The strategy's documents the public may download, and when: a draft's text while its consultation runs, every
adopted version's text (in force or superseded), a consultation's report once the consultation has closed.

The strategy's text is generated once per state of the version and kept with it (`StrategyDocument`, also what
the office's background job writes): a version outside drafting is frozen, so only what the document says of
its state (the state's words, the adopting resolution) can change, and that is its fingerprint. The report of a
consultation follows its comments and answers, which may still come in after the close; it is cheap to write,
so it is written on request and kept in the cache under a key that changes with what it shows."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation

from zit.strategy.models import Comment, StrategyDocument, StrategyVersion

FORMATS = ("pdf", "docx")
ADOPTED = (StrategyVersion.Status.ADOPTED, StrategyVersion.Status.SUPERSEDED)
REPORT_CACHE_SECONDS = 24 * 3600


def text_public(version: StrategyVersion, day: dt.date) -> bool:
    """The version's text is public on `day`: a draft only while its consultation runs, then once adopted."""
    return version.status in ADOPTED or version.consultation_open_on(day)


def report_public(version: StrategyVersion, day: dt.date) -> bool:
    """The consultation's report is public once the consultation has closed: its end passed, it was closed
    early, or the version was adopted after it. A version never consulted and a withdrawn consultation have
    none."""
    return (
        version.consultation_opens is not None
        and version.consultation_state_on(day) == StrategyVersion.ConsultationState.CLOSED
    )


def fingerprint(version: StrategyVersion) -> str:
    """What the generated text says of the version besides its (frozen) items."""
    with translation.override("pl"):
        said = "|".join([version.status, version.state_label, str(version.is_demo)])
    return hashlib.sha256(said.encode()).hexdigest()


def text_document(version: StrategyVersion, fmt: str) -> StrategyDocument:
    """The version's text in `fmt`, generated on first request and kept while the version's state stays."""
    from zit.strategy.documents import strategy_docx, strategy_pdf

    print_ = fingerprint(version)
    kept = StrategyDocument.objects.filter(version=version, format=fmt, fingerprint=print_).first()
    if kept is not None and kept.file and kept.file.storage.exists(kept.file.name):
        return kept
    content = strategy_pdf(version) if fmt == "pdf" else strategy_docx(version)
    document = StrategyDocument(
        version=version, format=fmt, fingerprint=print_, created_by_label="strona publiczna"
    )
    document.file.save(f"strategia-wersja-{version.number}.{fmt}", ContentFile(content), save=True)
    return document


def report_document(version: StrategyVersion, fmt: str) -> bytes:
    """The consultation's report in `fmt`, from the cache while its comments and answers stay as they were."""
    from zit.strategy.documents import consultation_report_docx, consultation_report_pdf

    rows = list(
        version.comments.filter(status=Comment.Status.PUBLISHED)
        .order_by("pk")
        .values_list(
            "pk", "text", "proposal", "response", "response_text", "author_name", "organisation", "source"
        )
    )
    with translation.override("pl"):
        said = [version.status, version.state_label, version.consultation_wording, rows]
    digest = hashlib.sha256(repr(said).encode()).hexdigest()
    key = f"strategy:report:{version.pk}:{fmt}:{digest}"
    content = cache.get(key)
    if content is None:
        content = consultation_report_pdf(version) if fmt == "pdf" else consultation_report_docx(version)
        cache.set(key, content, REPORT_CACHE_SECONDS)
    return content
