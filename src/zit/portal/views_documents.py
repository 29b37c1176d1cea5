"""Downloads of the public strategy page: the strategy's text (PDF, DOCX), the consultation's report and the
annual report. Each answers only while the public may have it (`zit.strategy.public_documents`,
`zit.portal.public_documents`), and 404 otherwise."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from zit.strategy import public_documents as strategy_documents
from zit.strategy import selectors as strategy_selectors
from zit.strategy.models import StrategyVersion

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _version(number: int, fmt: str) -> StrategyVersion:
    if fmt not in CONTENT_TYPES:
        raise Http404
    strategy = strategy_selectors.strategy_current()
    version = (
        StrategyVersion.objects.filter(strategy=strategy, number=number).select_related("strategy").first()
        if strategy
        else None
    )
    if version is None:
        raise Http404
    return version


@require_safe
def strategy_text(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    version = _version(number, fmt)
    if not strategy_documents.text_public(version, timezone.localdate()):
        raise Http404
    document = strategy_documents.text_document(version, fmt)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"strategia-wersja-{version.number}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


@require_safe
def strategy_attached(request: HttpRequest, number: int) -> HttpResponse:
    """The text the office attached to the version (the authoritative one), under the same rule as the
    generated text."""
    version = _version(number, "pdf")
    if not version.document or not strategy_documents.text_public(version, timezone.localdate()):
        raise Http404
    return FileResponse(
        version.document.open("rb"), as_attachment=True, filename=version.document.name.rsplit("/", 1)[-1]
    )


@require_safe
def consultation_report(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    version = _version(number, fmt)
    if not strategy_documents.report_public(version, timezone.localdate()):
        raise Http404
    response = HttpResponse(strategy_documents.report_document(version, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="raport-z-konsultacji-wersja-{version.number}.{fmt}"'
    )
    return response


@require_safe
def annual_report(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    from zit.portal.public_documents import annual_report_adopted

    if fmt not in CONTENT_TYPES:
        raise Http404
    report = annual_report_adopted(year)
    file = getattr(report, fmt, None) if report else None
    if not file:
        raise Http404
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=f"sprawozdanie-zit-{year}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
