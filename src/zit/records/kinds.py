"""What the platform keeps as records: every kind of document mapped to its file-plan symbol. The retention
itself (category, years, how they are counted) comes from the file-plan entry, which the office edits
(`records.FilePlanEntry`); a kind says only where its dates come from: the day its matter closed, and the
operation (project card) whose last payment starts the art. 82 period.

A kind covers the objects of one model for which `matches` holds (a signed document by its `kind`, a public
document by its category) and which are records (`is_record`: a signed document once locked, a card once
submitted). `parent` names the record a sub-record is listed and destroyed with (a request's documents)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _always(obj: Any) -> bool:
    return True


def _none(obj: Any) -> Any:
    return None


@dataclass(frozen=True)
class RecordKind:
    key: str
    label: Any
    model: str
    symbol: str
    title: Callable[[Any], str]
    # the day the matter closed (JRWA: counted from 1 January of the next year); None while it is open
    closed_on: Callable[[Any], dt.date | None]
    # the files of the record (FieldFiles, empty ones skipped), deleted from storage on destruction
    files: Callable[[Any], list[Any]]
    matches: Callable[[Any], bool] = _always
    is_record: Callable[[Any], bool] = _always
    # the project card whose operation the document belongs to (art. 82 counts from its last payment)
    operation: Callable[[Any], Any] = _none
    parent: Callable[[Any], Any] | None = None
    # the record is a document row (deleted on destruction); otherwise only its files go
    delete_row: bool = True
    # on the yearly disposal lists; a kind that is not stays protected until its entry says otherwise
    listable: bool = True
    # narrows `model`'s rows to candidate records (the same test as `matches` and `is_record`, in SQL)
    filters: dict[str, Any] | None = None
    note: Any = ""

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def queryset(self) -> models.QuerySet:
        qs = self.model_class()._default_manager.all()
        return qs.filter(**self.filters) if self.filters else qs

    def dated(self, obj: Any) -> tuple[dt.date | None, dt.date | None]:
        created = getattr(obj, "created_at", None) or getattr(obj, "submitted_at", None)
        start = timezone.localtime(created).date() if created else None
        return start, self.closed_on(obj)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    return value


def _files(*fields: Any) -> list[Any]:
    return [f for f in fields if f]


def _signed_closed(doc: Any) -> dt.date | None:
    return _date(doc.signed_at)


def _subject(doc: Any) -> Any:
    try:
        return doc.subject
    except ObjectDoesNotExist:
        return None


def _signed_card(doc: Any) -> Any:
    opinion = _subject(doc)
    return getattr(opinion, "card", None)


def _signed(kind: str, key: str, label: Any, symbol: str, **extra: Any) -> RecordKind:
    return RecordKind(
        key=key,
        label=label,
        model="core.SignedDocument",
        symbol=symbol,
        title=lambda d: d.title,
        closed_on=_signed_closed,
        files=lambda d: _files(d.signed, d.draft),
        matches=lambda d, kind=kind: d.kind == kind,
        is_record=lambda d: d.locked,
        filters={"kind": kind, "locked": True},
        **extra,
    )


def _comment_closed(comment: Any) -> dt.date | None:
    version = comment.version
    return version.consultation_closed_early_on or version.consultation_closes


def _request_files(request: Any) -> list[Any]:
    return _files(request.attachment, *(a.document for a in request.actions.all()))


def _public_document(name: str, label: Any, symbol: str, categories: list[str]) -> RecordKind:
    """A published BIP document of these categories; its matter closes when it is withdrawn (or published:
    a document never withdrawn counts from its publication). The categories give both the object test and the
    query, so the two cannot disagree."""
    return RecordKind(
        key=f"governance.document_{name}",
        label=label,
        model="governance.PublicDocument",
        symbol=symbol,
        title=lambda d: d.title,
        closed_on=lambda d: _date(d.withdrawn_at or d.published_at),
        files=lambda d: _files(d.file),
        matches=lambda d: d.category in categories,
        is_record=lambda d: d.published_at is not None,
        filters={"category__in": categories, "published_at__isnull": False},
    )


KINDS: tuple[RecordKind, ...] = (
    _signed("governance.resolution", "signed.resolution", _("uchwała organu (podpisana)"), "0012"),
    _signed("governance.minutes", "signed.minutes", _("protokół posiedzenia organu (podpisany)"), "0011"),
    _signed(
        "projects.compliance_opinion",
        "signed.compliance_opinion",
        _("opinia o zgodności projektu ze strategią ZIT (podpisana)"),
        "0400",
        operation=_signed_card,
    ),
    _signed(
        "monitoring.annual_report",
        "signed.annual_report",
        _("sprawozdanie roczne z realizacji ZIT (podpisane)"),
        "0310",
    ),
    RecordKind(
        key="governance.resolution_attachment",
        label=_("załącznik do uchwały"),
        model="governance.ResolutionAttachment",
        symbol="0012",
        title=lambda a: f"{a.resolution}: {a.title}",
        closed_on=lambda a: a.resolution.adopted_on,
        files=lambda a: _files(a.file),
        # a draft's attachments are working papers until the resolution is adopted
        is_record=lambda a: a.resolution.adopted_on is not None,
        filters={"resolution__adopted_on__isnull": False},
    ),
    _public_document("statute", _("statut i regulaminy (dokument w BIP)"), "0020", ["statute"]),
    _public_document("minutes", _("protokoły (dokument w BIP)"), "0011", ["minutes"]),
    _public_document(
        "other",
        _("budżet, sprawozdanie, ogłoszenie i inne dokumenty w BIP"),
        "0140",
        ["budget", "report", "announcement", "other"],
    ),
    RecordKind(
        key="public_information.request",
        label=_("wniosek o informację publiczną z odpowiedzią lub decyzją"),
        model="public_information.InformationRequest",
        symbol="0150",
        title=lambda r: f"{r.number}: {r.subject}",
        closed_on=lambda r: r.closed_on,
        files=_request_files,
    ),
    RecordKind(
        key="public_information.request_document",
        label=_("dokument w sprawie wniosku (odpowiedź, decyzja, pismo)"),
        model="public_information.RequestAction",
        symbol="0150",
        title=lambda a: f"{a.request.number}: {a.get_kind_display()}",
        closed_on=lambda a: a.request.closed_on,
        files=lambda a: _files(a.document),
        parent=lambda a: a.request,
        listable=False,
        note=_("Brakowany razem z wnioskiem."),
    ),
    RecordKind(
        key="strategy.comment",
        label=_("uwaga z konsultacji strategii z rozstrzygnięciem"),
        model="strategy.Comment",
        symbol="0302",
        title=lambda c: f"{c.version}: {c.target_label}",
        closed_on=_comment_closed,
        files=lambda c: [],
        # a comment of a consultation that took place (not one the office typed into a draft)
        is_record=lambda c: (
            c.status in ("published", "rejected") and c.version.consultation_opens is not None
        ),
        filters={"status__in": ["published", "rejected"], "version__consultation_opens__isnull": False},
    ),
    RecordKind(
        key="projects.card",
        label=_("fiszka projektowa (złożona)"),
        model="projects.ProjectCard",
        symbol="0400",
        title=lambda c: str(c),
        closed_on=lambda c: None,
        files=lambda c: [],
        is_record=lambda c: c.state != "draft",
        filters={
            "state__in": [
                "submitted",
                "returned",
                "accepted",
                "scored",
                "listed_main",
                "listed_reserve",
                "not_selected",
            ]
        },
        operation=lambda c: c,
        delete_row=False,
        listable=False,
        note=_("Dane karty zostają w rejestrze projektów; nie trafiają do spisu."),
    ),
    RecordKind(
        key="contracts.amendment",
        label=_("aneks do umowy o dofinansowanie"),
        model="contracts.Amendment",
        symbol="0410",
        title=lambda a: f"{a.contract.number}: aneks {a.number}",
        closed_on=lambda a: a.contract.final_payment_on,
        files=lambda a: _files(a.document),
        operation=lambda a: a.contract.card,
    ),
    RecordKind(
        key="contracts.report_attachment",
        label=_("załącznik do sprawozdania z postępu projektu"),
        model="contracts.ReportAttachment",
        symbol="0420",
        title=lambda a: f"{a.report}: {a}",
        closed_on=lambda a: a.report.contract.final_payment_on,
        files=lambda a: _files(a.file),
        operation=lambda a: a.report.contract.card,
    ),
)


def kinds_of_model(model: type[models.Model]) -> list[RecordKind]:
    label = model._meta.label
    return [k for k in KINDS if k.model == label]


def kind_for(obj: Any) -> RecordKind | None:
    """The kind `obj` is a record of, or None (not a record: a draft, an unsigned document, another model)."""
    for kind in kinds_of_model(type(obj)):
        if kind.matches(obj) and kind.is_record(obj):
            return kind
    return None


def record_models() -> set[type[models.Model]]:
    return {k.model_class() for k in KINDS}


def kind_by_key(key: str) -> RecordKind:
    for kind in KINDS:
        if kind.key == key:
            return kind
    raise LookupError(key)
