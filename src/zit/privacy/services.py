"""Writes to the register of processing activities: each one checks the permission, saves a numbered version of
the entry and records one audit event with the content before and after."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.personal_data import rules
from zit.core.roles import Perm, require_unless_system
from zit.privacy.models import CONTENT_FIELDS, ProcessingActivity, ProcessingActivityVersion

# the addresses of the register's own pages (zit.privacy.urls)
RESERVED_KEYS = {"nowa", "usuwanie-danych"}
REQUIRED = ("name", "purposes", "legal_basis", "data_subjects", "data_categories", "recipients", "retention")


def content_of(activity: ProcessingActivity) -> dict[str, Any]:
    return {name: getattr(activity, name) for name in CONTENT_FIELDS}


def _check(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of the register: {sorted(unknown)}")
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    errors = {}
    for name in REQUIRED:
        if name in cleaned and not cleaned[name]:
            errors[name] = _("Uzupełnij to pole: art. 30 ust. 1 RODO wymaga go w każdym wpisie.")
    known = rules()
    wrong = [key for key in cleaned.get("erasure_rules") or [] if key not in known]
    if wrong:
        errors["erasure_rules"] = _("Nie ma takich reguł usuwania: %(keys)s.") % {"keys": ", ".join(wrong)}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _version(activity: ProcessingActivity, *, actor: Any, note: str) -> ProcessingActivityVersion:
    return ProcessingActivityVersion.objects.create(
        activity=activity,
        number=activity.version,
        content=content_of(activity),
        note=note[:300],
        created_by_label=audit.actor_label(actor),
    )


@transaction.atomic
def activity_create(*, actor: Any, fields: dict[str, Any], note: str = "") -> ProcessingActivity:
    require_unless_system(actor, Perm.PRIVACY_EDIT)
    for name in REQUIRED:
        fields.setdefault(name, "")
    cleaned = _check(fields)
    key = base = slugify(cleaned["name"])[:50] or "czynnosc"
    n = 2
    while key in RESERVED_KEYS or ProcessingActivity.objects.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    activity = ProcessingActivity.objects.create(
        key=key, updated_by_label=audit.actor_label(actor), version=1, **cleaned
    )
    _version(activity, actor=actor, note=note or _("Nowy wpis."))
    audit.record(
        actor=actor, action="privacy.activity_create", obj=activity, after=content_of(activity), reason=note
    )
    return activity


@transaction.atomic
def activity_update(
    *, actor: Any, activity: ProcessingActivity, fields: dict[str, Any], note: str = ""
) -> ProcessingActivity:
    """A change of the entry is a new version; saving the same content changes nothing."""
    require_unless_system(actor, Perm.PRIVACY_EDIT)
    activity = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
    cleaned = _check(fields)
    before = content_of(activity)
    for name, value in cleaned.items():
        setattr(activity, name, value)
    after = content_of(activity)
    if after == before:
        return activity
    activity.version += 1
    activity.updated_by_label = audit.actor_label(actor)
    activity.save()
    _version(activity, actor=actor, note=note)
    changed = audit.changed(before, after)
    audit.record(
        actor=actor,
        action="privacy.activity_update",
        obj=activity,
        before={k: v[0] for k, v in changed.items()},
        after={k: v[1] for k, v in changed.items()} | {"version": activity.version},
        reason=note,
    )
    return activity


@transaction.atomic
def activity_delete(*, actor: Any, activity: ProcessingActivity, reason: str) -> None:
    """An activity the association no longer carries out; its last content stays in the audit log."""
    require_unless_system(actor, Perm.PRIVACY_EDIT)
    if len((reason or "").strip()) < 10:
        raise ValidationError({"reason": _("Podaj powód usunięcia wpisu (co najmniej 10 znaków).")})
    activity = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
    audit.record(
        actor=actor,
        action="privacy.activity_delete",
        obj=activity,
        before=content_of(activity) | {"version": activity.version},
        reason=reason.strip(),
    )
    activity.delete()
