"""The public register of resolutions, meetings and documents, its Atom feed and the meetings' calendar."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zit.association.models import Body
from zit.core.roles import Perm, has_perm
from zit.core.views_helpers import paginate
from zit.governance import register
from zit.governance.calendar import calendar
from zit.governance.models import Meeting, PublicDocument, Resolution, ResolutionAttachment, ResolutionKind
from zit.governance.resolutions import full_title, paragraphs
from zit.governance.votes import closed_tally


def resolution_list(request):
    filters = {
        "body": request.GET.get("organ", ""),
        "year": year if (year := request.GET.get("rok", "")).isascii() and year.isdigit() else "",
        "kind": request.GET.get("sprawa", ""),
        "q": request.GET.get("q", ""),
    }
    page = paginate(request, register.published_resolutions(filters=filters))
    for resolution in page:
        resolution.full_title = full_title(resolution)
    return render(
        request,
        "governance/public/resolutions.html",
        {
            "page": page,
            "filters": filters,
            "bodies": Body.objects.filter(resolutions__published_at__isnull=False).distinct(),
            "years": register.resolution_years(),
            "kinds": ResolutionKind.choices,
        },
    )


def _published_resolution(body: str, year: int, sequence: int) -> Resolution:
    return get_object_or_404(
        Resolution.objects.select_related("body", "meeting", "amends", "repeals", "vote"),
        body__slug=body,
        year=year,
        sequence=sequence,
        published_at__isnull=False,
    )


def resolution_detail(request, body: str, year: int, sequence: int):
    resolution = _published_resolution(body, year, sequence)
    vote = getattr(resolution, "vote", None)
    return render(
        request,
        "governance/public/resolution.html",
        {
            "resolution": resolution,
            "title": full_title(resolution),
            "record": register.resolution_record(resolution),
            "vote": vote,
            "vote_lines": closed_tally(vote).lines if vote and vote.is_closed else [],
            "ballots": vote.ballots.select_related("member", "person") if vote else [],
            "metryczka": register.metryczka(resolution),
            "paragraphs": paragraphs(resolution.text),
            "amended_by": resolution.amended_by.filter(published_at__isnull=False),
            "repealed_by": resolution.repealed_by.filter(published_at__isnull=False),
        },
    )


def _file(field, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("Plik jest niedostępny.")) from exc
    return FileResponse(handle, as_attachment=False, filename=name)


def resolution_file(request, body: str, year: int, sequence: int):
    """The signed resolution: the record."""
    resolution = _published_resolution(body, year, sequence)
    record = register.resolution_record(resolution)
    if record is None:
        raise Http404
    return _file(
        record.signed, f"uchwala-{resolution.sequence}-{resolution.year}.{record.signed_format.lower()}"
    )


def attachment_file(request, pk: int):
    """An attachment: public once its resolution is published, to the staff before."""
    attachment = get_object_or_404(ResolutionAttachment.objects.select_related("resolution"), pk=pk)
    if attachment.resolution.published_at is None and not has_perm(request.user, Perm.GOVERNANCE_VIEW):
        raise Http404
    return _file(attachment.file, attachment.file.name.rsplit("/", 1)[-1])


def meeting_list(request):
    body = request.GET.get("organ", "")
    return render(
        request,
        "governance/public/meetings.html",
        {
            "page": paginate(request, register.published_meetings(body=body)),
            "bodies": Body.objects.filter(meetings__published_at__isnull=False).distinct(),
            "body": body,
        },
    )


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(
        Meeting.objects.select_related("body", "chair"), pk=pk, published_at__isnull=False
    )
    return render(
        request,
        "governance/public/meeting.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("resolution"),
            "minutes": register.minutes_record(meeting),
            "metryczka": register.metryczka(meeting),
            "documents": meeting.documents.filter(published_at__isnull=False, withdrawn_at__isnull=True),
        },
    )


def meeting_minutes(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk, published_at__isnull=False)
    record = register.minutes_record(meeting)
    if record is None:
        raise Http404
    return _file(record.signed, f"protokol-{meeting.pk}.{record.signed_format.lower()}")


def meetings_ics(request):
    """Every published meeting as a subscribable calendar (without online links, which are for members)."""
    meetings = register.published_meetings().prefetch_related("agenda")[:500]
    urls = {m.pk: request.build_absolute_uri(reverse("register:meeting", args=[m.pk])) for m in meetings}
    content = calendar(meetings, name=_("Posiedzenia organów Stowarzyszenia"), urls=urls, with_link=False)
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


def document_list(request):
    category = request.GET.get("kategoria", "")
    return render(
        request,
        "governance/public/documents.html",
        {
            "page": paginate(request, register.published_documents(category=category)),
            "categories": PublicDocument.Category.choices,
            "category": category,
        },
    )


def document_detail(request, pk: int):
    document = get_object_or_404(PublicDocument, pk=pk, published_at__isnull=False)
    return render(
        request,
        "governance/public/document.html",
        {"document": document, "metryczka": register.metryczka(document)},
    )


def document_file(request, pk: int):
    document = get_object_or_404(PublicDocument, pk=pk, published_at__isnull=False, withdrawn_at__isnull=True)
    return _file(document.file, document.file.name.rsplit("/", 1)[-1])


class ResolutionsFeed(Feed):
    """Atom: the newest published resolutions."""

    feed_type = Atom1Feed
    title = gettext_lazy("Uchwały organów Stowarzyszenia Aglomeracji Konińskiej")
    subtitle = gettext_lazy("Nowe uchwały w rejestrze publicznym")

    def link(self):
        return reverse("register:resolutions")

    def items(self):
        return register.published_resolutions().order_by("-published_at")[:50]

    def item_title(self, item: Resolution) -> str:
        return full_title(item)

    def item_description(self, item: Resolution) -> str:
        # Atom carries it as HTML: paragraphs kept, text escaped
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs(item.text))

    def item_link(self, item: Resolution) -> str:
        return reverse("register:resolution", args=[item.body.slug, item.year, item.sequence])

    def item_pubdate(self, item: Resolution):
        return item.published_at

    def item_updateddate(self, item: Resolution):
        return item.published_at

    def item_author_name(self, item: Resolution) -> str:
        return item.prepared_by or item.body.name
