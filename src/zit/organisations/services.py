"""Writes to the organisation registry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, require
from zit.organisations.models import Organisation
from zit.organisations.validators import normalise_krs, normalise_nip, normalise_postal_code, normalise_regon

EDITABLE_FIELDS = (
    "name",
    "short_name",
    "kind",
    "nip",
    "regon",
    "krs",
    "street",
    "postal_code",
    "city",
    "gmina",
    "email",
    "phone",
    "website",
)
NORMALISERS = {
    "nip": normalise_nip,
    "regon": normalise_regon,
    "krs": normalise_krs,
    "postal_code": normalise_postal_code,
}


def _clean(org: Organisation, fields: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"Unknown field: {name}")
        if name in NORMALISERS and value:
            try:
                value = NORMALISERS[name](value)
            except ValidationError as exc:
                errors[name] = exc.messages
                continue
        setattr(org, name, value if value is not None else "" if name != "gmina" else None)
    if org.nip and Organisation.objects.filter(nip=org.nip).exclude(pk=org.pk).exists():
        errors.setdefault("nip", []).append(_("Organizacja z tym numerem NIP jest już w rejestrze."))
    try:
        org.full_clean(exclude=list(errors))
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_create(*, actor: Any, is_demo: bool = False, **fields: Any) -> Organisation:
    if actor is not None:
        require(actor, Perm.ORGANISATION_EDIT)
    org = Organisation(is_demo=is_demo)
    _clean(org, fields)
    org.save()
    audit.record(actor=actor, action="organisations.create", obj=org, after=audit.snapshot(org))
    return org


@transaction.atomic
def organisation_update(*, actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    """Staff edit any organisation; a member officer or beneficiary user only their own."""
    require(actor, Perm.ORGANISATION_EDIT, organisation_id=organisation.pk)
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = audit.snapshot(org)
    _clean(org, fields)
    org.save()
    after = audit.snapshot(org)
    if audit.changed(before, after):
        audit.record(actor=actor, action="organisations.update", obj=org, before=before, after=after)
    return org
