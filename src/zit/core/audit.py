"""Writing audit events: every service calls `record` once per decision it makes."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from zit.core.client import current_client_address
from zit.core.models import AuditEvent

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
    return AuditEvent.objects.create(
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
