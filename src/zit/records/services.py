"""Every write of the records app: the file plan, holds, and the yearly disposal list from its draft to the
destruction protocol. Each checks Perm.RECORDS_MANAGE and writes one audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, require, require_unless_system
from zit.records.guard import deletion_refusal
from zit.records.kinds import kind_for
from zit.records.lifecycles import DISPOSAL
from zit.records.models import Category, DisposalItem, DisposalList, FilePlanEntry, RetentionHold
from zit.records.retention import retention_of
from zit.records.selectors import disposal_candidates, disposal_cutoff

PLAN_FIELDS = ["symbol", "title", "category", "retention_years", "counting", "legal_basis", "draft", "note"]


def _check_entry(entry: FilePlanEntry) -> None:
    if entry.category == Category.A and entry.retention_years is not None:
        raise ValidationError(
            {"retention_years": _("Kategoria A jest przechowywana wieczyście: zostaw puste.")}
        )
    if entry.category != Category.A and not entry.retention_years:
        raise ValidationError({"retention_years": _("Podaj okres przechowywania w latach.")})


@transaction.atomic
def file_plan_entry_save(*, actor: Any, entry: FilePlanEntry | None = None, **data: Any) -> FilePlanEntry:
    require_unless_system(actor, Perm.RECORDS_MANAGE)
    before = audit.snapshot(entry, PLAN_FIELDS) if entry is not None and entry.pk else None
    entry = entry or FilePlanEntry()
    for name, value in data.items():
        setattr(entry, name, value)
    _check_entry(entry)
    entry.full_clean()
    entry.save()
    audit.record(
        actor=actor,
        action="records.file_plan_entry_saved",
        obj=entry,
        before=before,
        after=audit.snapshot(entry, PLAN_FIELDS),
    )
    return entry


@transaction.atomic
def record_delete(*, actor: Any, obj: Any, today: dt.date | None = None) -> None:
    """Delete a record where the rules allow it: never while under retention, for anyone."""
    require(actor, Perm.RECORDS_MANAGE)
    refused = deletion_refusal(obj, today=today)
    if refused:
        raise ValidationError(refused)
    audit.record(actor=actor, action="records.record_deleted", obj=obj, before={"str": str(obj)})
    obj.delete()


@transaction.atomic
def hold_place(*, actor: Any, obj: Any, reason: str, placed_on: dt.date | None = None) -> RetentionHold:
    """Stop the disposal of a record, or of every document of an operation (a project card)."""
    require(actor, Perm.RECORDS_MANAGE)
    if not reason.strip():
        raise ValidationError({"reason": _("Podaj powód: np. sygnaturę postępowania albo pismo Komisji.")})
    hold = RetentionHold.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        label=str(obj)[:300],
        reason=reason.strip(),
        placed_on=placed_on or timezone.localdate(),
        placed_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor, action="records.hold_placed", obj=hold, after={"label": hold.label}, reason=reason
    )
    return hold


@transaction.atomic
def hold_lift(*, actor: Any, hold: RetentionHold, reason: str = "", lifted_on: dt.date | None = None) -> None:
    require(actor, Perm.RECORDS_MANAGE)
    if not hold.is_active:
        raise ValidationError(_("To wstrzymanie już zniesiono."))
    hold.lifted_on = lifted_on or timezone.localdate()
    hold.lifted_by_label = audit.actor_label(actor)
    hold.save(update_fields=["lifted_on", "lifted_by_label"])
    audit.record(actor=actor, action="records.hold_lifted", obj=hold, reason=reason)


def _next_number(year: int) -> str:
    count = DisposalList.objects.filter(year=year).count()
    return f"BR.{year}.{count + 1}"


@transaction.atomic
def disposal_list_create(*, actor: Any, year: int, today: dt.date | None = None) -> DisposalList:
    """The list for `year`: every record whose retention ended by 31 December of the year before, not category
    A, without a hold and on no other list."""
    require_unless_system(actor, Perm.RECORDS_MANAGE)
    today = today or timezone.localdate()
    if year > today.year:
        raise ValidationError({"year": _("Spis sporządza się za rok bieżący albo miniony.")})
    cutoff = disposal_cutoff(year)
    disposal = DisposalList.objects.create(
        year=year, number=_next_number(year), cutoff=cutoff, created_by_label=audit.actor_label(actor)
    )
    for candidate in disposal_candidates(cutoff=cutoff, today=today):
        obj, retention = candidate.obj, candidate.retention
        dated_from, dated_to = retention.kind.dated(obj)
        DisposalItem.objects.create(
            disposal=disposal,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            kind=retention.kind.key,
            kind_label=str(retention.kind.label),
            title=retention.kind.title(obj)[:500],
            symbol=retention.symbol,
            qualifier=retention.qualifier,
            dated_from=dated_from,
            dated_to=dated_to or retention.start,
            retention_ended_on=retention.ends_on,
            files=[f.name for f in retention.kind.files(obj)],
        )
    audit.record(
        actor=actor,
        action="records.disposal_list_created",
        obj=disposal,
        after={"state": disposal.state, "year": year, "items": disposal.items.count()},
    )
    return disposal


def _locked(disposal: DisposalList) -> DisposalList:
    return DisposalList.objects.select_for_update().get(pk=disposal.pk)


@transaction.atomic
def disposal_item_remove(*, actor: Any, item: DisposalItem, reason: str) -> None:
    """Take a record off a draft list (the archive's expert review keeps it, or the office found it needed)."""
    require(actor, Perm.RECORDS_MANAGE)
    disposal = _locked(item.disposal)
    if disposal.state != DisposalList.State.DRAFT:
        raise ValidationError(_("Pozycje można zdejmować tylko ze spisu w projekcie."))
    if not reason.strip():
        raise ValidationError({"reason": _("Podaj powód: zostanie zapisany w historii.")})
    audit.record(
        actor=actor,
        action="records.disposal_item_removed",
        obj=disposal,
        before={"item": item.title},
        reason=reason,
    )
    item.delete()


@transaction.atomic
def disposal_fire(
    *, actor: Any, disposal: DisposalList, name: str, reason: str = "", today: dt.date | None = None
) -> DisposalList:
    """send or return_to_draft."""
    if name not in ("send", "return_to_draft"):
        raise ValueError(name)
    disposal = _locked(disposal)

    def apply(d: DisposalList) -> None:
        d.sent_on = (today or timezone.localdate()) if name == "send" else None

    return DISPOSAL.fire(actor=actor, obj=disposal, name=name, reason=reason, apply=apply)


@transaction.atomic
def disposal_consent(
    *, actor: Any, disposal: DisposalList, consent_on: dt.date, reference: str, letter: File
) -> DisposalList:
    disposal = _locked(disposal)
    if disposal.sent_on and consent_on < disposal.sent_on:
        raise ValidationError({"consent_on": _("Zgoda nie może być wcześniejsza niż wysłanie spisu.")})

    def apply(d: DisposalList) -> None:
        d.consent_on, d.consent_reference = consent_on, reference.strip()
        d.consent_letter.save(getattr(letter, "name", "zgoda.pdf").rsplit("/", 1)[-1], letter, save=False)

    return DISPOSAL.fire(
        actor=actor,
        obj=disposal,
        name="record_consent",
        apply=apply,
        after=lambda d: {"consent_on": d.consent_on, "consent_reference": d.consent_reference},
    )


@transaction.atomic
def disposal_destroy(*, actor: Any, disposal: DisposalList, today: dt.date | None = None) -> DisposalList:
    """Destroy every record on the list: its files go from storage, its row too where the record is a document
    row; the item stays as the stub (what, symbol, dates, protocol number). A record that gained a hold since
    the list was made stops the destruction."""
    disposal = _locked(disposal)
    today = today or timezone.localdate()
    items = list(disposal.items.select_related("content_type"))
    blocked = []
    for item in items:
        obj = item.content_type.get_object_for_this_type(pk=item.object_id) if _exists(item) else None
        if obj is None:
            continue
        kind = kind_for(obj)
        if kind is not None and retention_of(obj, kind).hold is not None:
            blocked.append(item.title)
    if blocked:
        raise ValidationError(
            _("Brakowanie wstrzymano dla: %(t)s. Zdejmij te pozycje ze spisu (przywróć go do poprawy).")
            % {"t": "; ".join(blocked)}
        )

    def apply(d: DisposalList) -> None:
        d.protocol_number = f"PB.{d.number}"
        d.destroyed_on = today
        d.destroyed_by_label = audit.actor_label(actor)

    DISPOSAL.fire(
        actor=actor,
        obj=disposal,
        name="destroy",
        apply=apply,
        after=lambda d: {"protocol_number": d.protocol_number, "items": len(items)},
    )
    now = timezone.now()
    for item in items:
        _destroy_item(item)
        item.destroyed_at = now
        item.save(update_fields=["destroyed_at"])
        audit.record(
            actor=actor,
            action="records.record_destroyed",
            obj=disposal,
            before={"item": item.title, "symbol": item.symbol, "files": item.files},
            after={"protocol_number": disposal.protocol_number},
        )
    return disposal


def _exists(item: DisposalItem) -> bool:
    return item.content_type.model_class()._default_manager.filter(pk=item.object_id).exists()


def _destroy_item(item: DisposalItem) -> None:
    model = item.content_type.model_class()
    obj = model._default_manager.filter(pk=item.object_id).first()
    if obj is None:
        return
    kind = kind_for(obj)
    files = kind.files(obj) if kind is not None else []
    for field_file in files:
        field_file.storage.delete(field_file.name)
    if kind is None or kind.delete_row:
        model._default_manager.filter(pk=obj.pk).delete()  # the guard lets it through: the list is destroyed
