"""Writing audit events: every service calls `record` once per decision it makes.

Each event carries the SHA-256 of its content (`digest`), computed here when it is written; the daily integrity
check (zit.core.integrity) recomputes it and chains the digests into seals. The database refuses to change or
delete events (zit.core.audit_guard), except through `audit_pseudonymise`, the GDPR erasure's one path.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from zit.core.audit_guard import erasure_gate
from zit.core.client import current_client_address
from zit.core.models import AuditEvent
from zit.core.roles import require_unless_system

SYSTEM_LABEL = "system"


def actor_label(actor: Any) -> str:
    if actor is None:
        return SYSTEM_LABEL
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full} ({actor.get_username()})" if full else actor.get_username()


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-ready picture of the object's concrete fields (foreign keys by id), for before/after."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue  # set by the database layer on every save; not a decision
        if field.name == "geometry":
            continue  # large; its change is recorded by the bounding box
        data[field.attname] = _json_value(getattr(obj, field.attname))
    return data


def changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, tuple[Any, Any]]:
    before, after = before or {}, after or {}
    keys = sorted(set(before) | set(after))
    return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    corrects: AuditEvent | None = None,
    collection: type[models.Model] | None = None,
) -> AuditEvent:
    """One event. `collection` names the model of a bulk change (an import) that has no single object."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the service's transaction.")
    event = AuditEvent(
        created_at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_label=actor_label(actor),
        action=action,
        object_type=(obj or collection)._meta.label_lower,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else str(collection._meta.verbose_name_plural),
        before=_json_value(before) if before is not None else None,
        after=_json_value(after) if after is not None else None,
        reason=reason,
        client_address=current_client_address() or None,
        corrects=corrects,
    )
    event.digest = event_digest(event)
    event.save()
    return event


# the content an event's digest covers: everything but its id and the digests themselves
DIGEST_FIELDS = (
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "reason",
    "client_address",
    "corrects_id",
)
# what the GDPR pseudonymisation may change; the rest stays as written (the database enforces it)
PSEUDONYMISABLE_FIELDS = ("actor_label", "object_repr", "before", "after", "reason")


def event_digest(event: AuditEvent) -> str:
    """SHA-256 of the event's content in a canonical form, the same whichever database it was read from."""
    created = event.created_at
    content = {name: getattr(event, name) for name in DIGEST_FIELDS}
    content["created_at"] = created.astimezone(dt.UTC).isoformat(timespec="microseconds") if created else None
    content["client_address"] = str(event.client_address) if event.client_address else None
    for side in ("before", "after"):  # as the JSON column gives it back: keys are strings
        content[side] = json.loads(json.dumps(content[side])) if content[side] is not None else None
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


PSEUDONYMISE_ACTION = "core.audit_pseudonymise"


def audit_pseudonymise(
    *, actor: Any, perm: str, subject: models.Model, events: Iterable[AuditEvent], reason: str
) -> AuditEvent:
    """The one way to change recorded events: a GDPR erasure pseudonymising a person's data in them.

    `events` are events whose pseudonymisable fields the erasure service has already replaced in memory; only
    those fields are written, under the database's erasure gate, and each event's original digest stays (the
    chain of seals still verifies) while `redacted_digest` fingerprints the new content. The change is itself an
    event, listing every event it touched, so the daily check can tell a pseudonymised event from a tampered one.
    `perm` is the permission of the erasure that calls it, checked here again; the system (actor None) is the
    daily erasure of data whose retention has ended (zit.core.personal_data).
    """
    require_unless_system(actor, perm)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are pseudonymised inside the erasure's transaction.")
    touched: list[int] = []
    with erasure_gate():
        for event in events:
            stored = AuditEvent.objects.get(pk=event.pk)
            values = {name: getattr(event, name) for name in PSEUDONYMISABLE_FIELDS}
            if all(getattr(stored, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(stored, name, value)
            values["redacted_digest"] = event_digest(stored)
            AuditEvent.objects.filter(pk=event.pk).update(**values)
            touched.append(event.pk)
    return record(
        actor=actor,
        action=PSEUDONYMISE_ACTION,
        obj=subject,
        after={"events": touched},
        reason=reason,
    )
