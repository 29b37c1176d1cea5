"""Kernel services: decision references and the office administrator's audited correction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.models import AuditEvent, DecisionReference
from zit.core.roles import Perm, require

DECISION_FIELDS = ("issuer_kind", "issuer_name", "kind", "number", "date", "title", "url", "note")


@transaction.atomic
def decision_reference_create(*, actor: Any, **fields: Any) -> DecisionReference:
    if actor is not None:
        require(actor, Perm.DECISIONS_RECORD)
    unknown = set(fields) - set(DECISION_FIELDS) - {"document"}
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    decision = DecisionReference(**fields)
    decision.full_clean()
    decision.save()
    audit.record(actor=actor, action="decision.create", obj=decision, after=audit.snapshot(decision))
    return decision


@transaction.atomic
def decision_reference_update(*, actor: Any, decision: DecisionReference, **fields: Any) -> DecisionReference:
    require(actor, Perm.TERRITORY_EDIT)
    before = audit.snapshot(decision)
    for name, value in fields.items():
        if name not in DECISION_FIELDS and name != "document":
            raise TypeError(f"Unknown field: {name}")
        setattr(decision, name, value)
    decision.full_clean()
    decision.save()
    audit.record(
        actor=actor, action="decision.update", obj=decision, before=before, after=audit.snapshot(decision)
    )
    return decision


def _coerce(field: Any, value: Any) -> Any:
    if value is None or value == "":
        return None if field.null else ""
    if field.get_internal_type() == "DateField" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return field.to_python(value)


@transaction.atomic
def audit_correct(*, actor: Any, event: AuditEvent, values: dict[str, Any], reason: str) -> AuditEvent:
    """Put right a mistaken change: set the given fields of the event's object, with a stated reason.

    Only office administrators may do it, only on fields that the event changed, and the correction is
    itself an audit event pointing at the one it corrects.
    """
    require(actor, Perm.AUDIT_CORRECT)
    if not reason or len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Podaj uzasadnienie korekty (co najmniej 10 znaków).")})
    touched = set(audit.changed(event.before, event.after))
    outside = set(values) - touched
    if outside:
        raise ValidationError(
            _("Korekta może dotyczyć tylko pól zmienionych w tym zdarzeniu: %(fields)s.")
            % {"fields": ", ".join(sorted(outside))}
        )
    model = apps.get_model(event.object_type)
    obj = model.objects.select_for_update().get(pk=event.object_id)
    before = audit.snapshot(obj)
    fields_by_attname = {f.attname: f for f in model._meta.concrete_fields}
    for attname, value in values.items():
        setattr(obj, attname, _coerce(fields_by_attname[attname], value))
    obj.full_clean()
    obj.save()
    return audit.record(
        actor=actor,
        action="audit.correct",
        obj=obj,
        before=before,
        after=audit.snapshot(obj),
        reason=reason.strip(),
        corrects=event,
    )
