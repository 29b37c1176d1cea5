"""No record under retention is deleted, by anyone: every delete of a record model passes `pre_delete`, from a
service, the admin site or the ORM (a queryset's delete too, and the cascade from a parent). The only way out is
the destruction protocol of a disposal list (`records.services.disposal_destroy`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core.formatting import format_date
from zit.records.kinds import kind_for, record_models
from zit.records.models import DisposalItem, DisposalList
from zit.records.retention import retention_of

ACT = "ustawy z dnia 14 lipca 1983 r. o narodowym zasobie archiwalnym i archiwach"


class RecordUnderRetention(PermissionDenied):
    """Raised for a delete the retention rules refuse; a PermissionDenied, so a page answers 403 with it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def destroyed_by_protocol(obj: Any) -> bool:
    """The object (or the record it belongs to) is on a disposal list whose destruction is recorded."""
    from zit.records.kinds import kind_for as _kind

    kind = _kind(obj)
    targets = [obj]
    if kind is not None and kind.parent is not None:
        targets.append(kind.parent(obj))
    for target in targets:
        if target is None or target.pk is None:
            continue
        ct = ContentType.objects.get_for_model(type(target))
        if DisposalItem.objects.filter(
            content_type=ct, object_id=target.pk, disposal__state=DisposalList.State.DESTROYED
        ).exists():
            return True
    return False


def deletion_refusal(obj: Any, *, today: dt.date | None = None) -> str | None:
    """Why `obj` may not be deleted (in Polish, with its symbol and the day retention ends), or None."""
    kind = kind_for(obj)
    if kind is None or destroyed_by_protocol(obj):
        return None
    today = today or timezone.localdate()
    retention = retention_of(obj, kind)
    name = kind.title(obj)
    base = {"t": name, "s": retention.symbol, "q": retention.qualifier}
    if retention.entry is None:
        return (
            _(
                "„%(t)s” to dokumentacja z symbolem %(s)s, którego nie ma w wykazie akt: nie można jej usunąć, "
                "dopóki wykaz nie określi okresu przechowywania."
            )
            % base
        )
    if retention.archival:
        return _(
            "„%(t)s” (symbol %(s)s, kategoria A) to materiał archiwalny: przechowuje się go wieczyście i "
            "przekazuje do archiwum państwowego (art. 5 ust. 1 pkt 1 %(act)s). Nie można go usunąć."
        ) % {**base, "act": ACT}
    if retention.hold is not None:
        return _(
            "„%(t)s” (symbol %(s)s, kategoria %(q)s): brakowanie wstrzymane od %(d)s – %(r)s. Nie można go "
            "usunąć, dopóki wstrzymanie trwa."
        ) % {**base, "d": format_date(retention.hold.placed_on), "r": retention.hold.reason}
    if retention.ends_on is None:
        return (
            _(
                "„%(t)s” (symbol %(s)s, kategoria %(q)s): okres przechowywania jeszcze się nie zaczął (sprawa nie jest "
                "zakończona albo nie było ostatniej płatności na rzecz beneficjenta). Nie można go usunąć."
            )
            % base
        )
    if retention.ends_on >= today:
        return _(
            "„%(t)s” (symbol %(s)s, kategoria %(q)s) jest przechowywany do %(d)s. Do tego dnia nikt nie może go "
            "usunąć."
        ) % {**base, "d": format_date(retention.ends_on)}
    return _(
        "„%(t)s” (symbol %(s)s, kategoria %(q)s): okres przechowywania upłynął %(d)s, ale dokumentację "
        "niearchiwalną niszczy się tylko za zgodą archiwum państwowego (art. 5 ust. 1 pkt 2 %(act)s), przez spis "
        "do brakowania i protokół. Dodaj ją do spisu."
    ) % {**base, "d": format_date(retention.ends_on), "act": ACT}


def refuse_deletion(sender: Any, instance: Any, **kwargs: Any) -> None:
    message = deletion_refusal(instance)
    if message:
        raise RecordUnderRetention(message)


def connect() -> None:
    for model in record_models():
        pre_delete.connect(refuse_deletion, sender=model, dispatch_uid=f"records.guard.{model._meta.label}")
