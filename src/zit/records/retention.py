"""How long a record is kept and whether it may go: the file-plan entry of its kind gives the category and the
years, its dates give the start.

- Office records (JRWA practice): the years count from 1 January of the year after the matter closed, so a matter
  closed in 2020 with B5 is kept to 31 December 2025 (the practice of the JRWA of public bodies; do weryfikacji:
  the primary text was not confirmed, and the association's own file plan must be agreed with the state archive).
- Operations' documents: art. 82 ust. 1 rozporządzenia (UE) 2021/1060: five years from 31 December of the year
  of the last payment by the programme authority to the beneficiary (do weryfikacji), so a last payment in 2024
  keeps them to 31 December 2029; interrupted by legal proceedings or at the Commission's request (art. 82
  ust. 2; a hold, `RetentionHold`).
- Category A: archival, kept for ever and handed to the state archive (art. 5 ust. 1 pkt 1 ustawy z 14 lipca
  1983 r. o narodowym zasobie archiwalnym i archiwach); never destroyed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist

from zit.records.kinds import RecordKind
from zit.records.models import Category, Counting, FilePlanEntry, RetentionHold


def retention_end(*, start: dt.date, years: int) -> dt.date:
    """The last day of keeping: both countings end on 31 December, `years` after the start's year (JRWA: from
    1 January of the next year; art. 82: from 31 December of the payment's year)."""
    return dt.date(start.year + years, 12, 31)


def last_payment_on(card: Any) -> dt.date | None:
    """The operation's last payment to the beneficiary: the contract's final payment (None before it)."""
    if card is None:
        return None
    try:
        return card.contract.final_payment_on
    except ObjectDoesNotExist:
        return None


@dataclass(frozen=True)
class Retention:
    kind: RecordKind
    entry: FilePlanEntry | None
    start: dt.date | None
    ends_on: dt.date | None
    hold: RetentionHold | None

    @property
    def archival(self) -> bool:
        return self.entry is not None and self.entry.category == Category.A

    @property
    def symbol(self) -> str:
        return self.entry.symbol if self.entry else self.kind.symbol

    @property
    def qualifier(self) -> str:
        return self.entry.qualifier if self.entry else "?"

    def ended(self, today: dt.date) -> bool:
        """Retention is over and nothing stops disposal (the archive's consent is still needed)."""
        return (
            self.entry is not None
            and not self.archival
            and self.hold is None
            and self.ends_on is not None
            and self.ends_on < today
        )


def _entries() -> dict[str, FilePlanEntry]:
    return {e.symbol: e for e in FilePlanEntry.objects.all()}


def active_hold(obj: Any) -> RetentionHold | None:
    if obj is None or obj.pk is None:
        return None
    ct = ContentType.objects.get_for_model(type(obj))
    return RetentionHold.objects.filter(content_type=ct, object_id=obj.pk, lifted_on__isnull=True).first()


def retention_of(
    obj: Any,
    kind: RecordKind,
    *,
    entries: dict[str, FilePlanEntry] | None = None,
    holds: dict[tuple[int, int], RetentionHold] | None = None,
) -> Retention:
    entry = (entries if entries is not None else _entries()).get(kind.symbol)
    operation = kind.operation(obj)
    parent = kind.parent(obj) if kind.parent else None
    if entry is not None and entry.counting == Counting.LAST_PAYMENT:
        start = last_payment_on(operation)
    else:
        start = kind.closed_on(obj)
    years = entry.retention_years if entry is not None else None
    ends_on = retention_end(start=start, years=years) if start and years is not None else None
    hold = None
    for held in (obj, operation, parent):
        if held is None:
            continue
        if holds is not None:
            ct = ContentType.objects.get_for_model(type(held))
            hold = holds.get((ct.pk, held.pk))
        else:
            hold = active_hold(held)
        if hold is not None:
            break
    return Retention(kind=kind, entry=entry, start=start, ends_on=ends_on, hold=hold)


def all_active_holds() -> dict[tuple[int, int], RetentionHold]:
    return {(h.content_type_id, h.object_id): h for h in RetentionHold.objects.filter(lifted_on__isnull=True)}
