"""Reads of the records app: the file plan, the kinds with their retention, the records whose retention ended
(the candidates for a year's disposal list), the lists and the holds. The office only (Perm.RECORDS_MANAGE)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from zit.core.roles import Perm, require
from zit.records.kinds import KINDS, RecordKind
from zit.records.models import DisposalItem, DisposalList, FilePlanEntry, RetentionHold
from zit.records.retention import Retention, all_active_holds, retention_of


def file_plan(*, user: Any) -> QuerySet[FilePlanEntry]:
    require(user, Perm.RECORDS_MANAGE)
    return FilePlanEntry.objects.order_by("symbol")


@dataclass(frozen=True)
class KindRow:
    kind: RecordKind
    entry: FilePlanEntry | None


def kinds_overview(*, user: Any) -> list[KindRow]:
    require(user, Perm.RECORDS_MANAGE)
    entries = {e.symbol: e for e in FilePlanEntry.objects.all()}
    return [KindRow(kind=k, entry=entries.get(k.symbol)) for k in KINDS]


@dataclass(frozen=True)
class Candidate:
    obj: Any
    retention: Retention


def disposal_cutoff(year: int) -> dt.date:
    """A year's list takes the records whose retention ended by 31 December of the year before."""
    return dt.date(year - 1, 12, 31)


def disposal_candidates(*, cutoff: dt.date, today: dt.date) -> list[Candidate]:
    """Every listable record whose retention ended by `cutoff` (not category A, no hold), and that no list
    holds yet."""
    entries = {e.symbol: e for e in FilePlanEntry.objects.all()}
    holds = all_active_holds()
    listed = set(DisposalItem.objects.values_list("content_type_id", "object_id"))
    found: list[Candidate] = []
    for kind in KINDS:
        entry = entries.get(kind.symbol)
        if not kind.listable or entry is None or entry.is_archival:
            continue
        ct = ContentType.objects.get_for_model(kind.model_class())
        for obj in kind.queryset():
            if (ct.pk, obj.pk) in listed or not (kind.matches(obj) and kind.is_record(obj)):
                continue
            retention = retention_of(obj, kind, entries=entries, holds=holds)
            if retention.ended(today) and retention.ends_on <= cutoff:
                found.append(Candidate(obj=obj, retention=retention))
    return found


def disposal_lists(*, user: Any) -> QuerySet[DisposalList]:
    require(user, Perm.RECORDS_MANAGE)
    return DisposalList.objects.annotate(item_count=Count("items")).order_by("-year", "-id")


def disposal_items(disposal: DisposalList) -> QuerySet[DisposalItem]:
    return disposal.items.order_by("symbol", "dated_to", "id")


def holds(*, user: Any) -> QuerySet[RetentionHold]:
    require(user, Perm.RECORDS_MANAGE)
    return RetentionHold.objects.select_related("content_type").order_by("lifted_on", "-placed_on", "-id")
