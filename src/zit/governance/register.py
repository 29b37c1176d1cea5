"""The public register: published resolutions, meetings and documents, each with its *metryczka* (who prepared
the information, who published it and when, and the history of its changes), as public information bulletin
rules expect. Readers see only what was published; the change history comes from the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext_lazy as _

from zit.core.models import AuditEvent, SignedDocument
from zit.core.signed import signed_document_for
from zit.governance.meetings import MINUTES_KIND
from zit.governance.models import Meeting, PublicDocument, Resolution, ResolutionKind
from zit.governance.resolutions import RESOLUTION_KIND, association_genitive

# what the public history says of each recorded change
HISTORY_LABELS = {
    "governance.resolution_create": _("przygotowanie projektu uchwały"),
    "governance.resolution_update": _("zmiana projektu uchwały"),
    "governance.attachment_add": _("dodanie załącznika"),
    "governance.vote_start": _("rozpoczęcie głosowania"),
    "governance.ballot": _("zapis głosu"),
    "governance.vote_close": _("zamknięcie głosowania i ustalenie wyniku"),
    "governance.effect_apply": _("wprowadzenie skutków uchwały"),
    "governance.effect_pending": _("skutek uchwały czeka na wprowadzenie"),
    "governance.resolution_publish": _("publikacja w rejestrze"),
    "governance.meeting_create": _("zaplanowanie posiedzenia"),
    "governance.meeting_update": _("zmiana szczegółów posiedzenia"),
    "governance.agenda_add": _("dodanie punktu porządku obrad"),
    "governance.agenda_update": _("zmiana punktu porządku obrad"),
    "governance.agenda_remove": _("usunięcie punktu porządku obrad"),
    "governance.agenda_move": _("zmiana kolejności porządku obrad"),
    "governance.invitations_send": _("wysłanie zaproszeń"),
    "governance.attendance": _("lista obecności"),
    "governance.meeting_open": _("otwarcie posiedzenia"),
    "governance.meeting_close": _("zamknięcie posiedzenia"),
    "governance.meeting_cancel": _("odwołanie posiedzenia"),
    "governance.minutes_notes": _("zmiana przebiegu obrad w protokole"),
    "governance.meeting_publish": _("publikacja w rejestrze"),
    "governance.document_publish": _("publikacja dokumentu"),
    "governance.document_withdraw": _("wycofanie z publikacji"),
    "governance.bip_section_save": _("wprowadzenie lub zmiana treści działu BIP"),
    "signed_document.draft": _("przygotowanie dokumentu do podpisu"),
    "signed_document.upload": _("wgranie podpisanego dokumentu"),
}
# the ballots are many and say nothing new once the vote is closed: the public history leaves them out
_QUIET = {"governance.ballot", "governance.attendance"}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    who: str
    what: str


@dataclass(frozen=True)
class Metryczka:
    prepared_by: str
    prepared_on: dt.date | None
    published_by: str
    published_at: dt.datetime | None
    history: list[HistoryEntry]


def public_name(label: str) -> str:
    """ "Sylwia Sekretarz (sekretarz)" → "Sylwia Sekretarz": the account name is not public."""
    return label.rsplit(" (", 1)[0] if label.endswith(")") else label


def metryczka(obj: Any) -> Metryczka:
    """The entry's own events and those of its signed document (the draft generated, the signed file
    uploaded), oldest first."""
    own = Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    signed = SignedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).values_list("pk", flat=True)
    documents = Q(object_type=SignedDocument._meta.label_lower, object_id__in=[str(pk) for pk in signed])
    events = AuditEvent.objects.filter(own | documents).exclude(action__in=_QUIET)
    history = [
        HistoryEntry(e.created_at, public_name(e.actor_label), str(HISTORY_LABELS.get(e.action, e.action)))
        for e in events.order_by("created_at", "id")
    ]
    return Metryczka(
        prepared_by=obj.prepared_by,
        prepared_on=obj.prepared_on,
        published_by=public_name(obj.published_by_label),
        published_at=obj.published_at,
        history=history,
    )


def published_resolutions(*, filters: dict[str, Any] | None = None) -> QuerySet[Resolution]:
    filters = filters or {}
    resolutions = (
        Resolution.objects.filter(published_at__isnull=False, status=Resolution.Status.ADOPTED)
        .annotate(association_genitive=Value(association_genitive()))
        .select_related("body", "meeting")
        .prefetch_related(
            Prefetch("repealed_by", queryset=Resolution.objects.filter(published_at__isnull=False))
        )
        .order_by("-adopted_on", "-sequence")
    )
    if filters.get("body"):
        resolutions = resolutions.filter(body__slug=filters["body"])
    if filters.get("year"):
        resolutions = resolutions.filter(year=filters["year"])
    if filters.get("kind") in ResolutionKind.values:
        resolutions = resolutions.filter(kind=filters["kind"])
    if query := (filters.get("q") or "").strip():
        condition = Q(subject__icontains=query) | Q(text__icontains=query)
        if "/" in query:
            sequence, _sep, year = query.partition("/")
            sequence, year = sequence.strip(), year.strip()
            if sequence.isascii() and sequence.isdigit() and year.isascii() and year.isdigit():
                condition |= Q(sequence=int(sequence), year=int(year))
        resolutions = resolutions.filter(condition)
    return resolutions


def resolution_years() -> list[int]:
    return sorted(
        set(Resolution.objects.filter(published_at__isnull=False).values_list("year", flat=True)),
        reverse=True,
    )


def published_meetings(*, body: str = "") -> QuerySet[Meeting]:
    meetings = (
        Meeting.objects.filter(published_at__isnull=False).select_related("body").order_by("-starts_at")
    )
    return meetings.filter(body__slug=body) if body else meetings


def published_documents(*, category: str = "") -> QuerySet[PublicDocument]:
    documents = PublicDocument.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True)
    return documents.filter(category=category) if category else documents


def signed_record(obj: Model, kind: str):
    """The locked signed file of a resolution or the minutes of a meeting, if uploaded."""
    document = signed_document_for(subject=obj, kind=kind)
    return document if document is not None and document.locked else None


def resolution_record(resolution: Resolution):
    return signed_record(resolution, RESOLUTION_KIND)


def minutes_record(meeting: Meeting):
    return signed_record(meeting, MINUTES_KIND)
