"""Writes to the organisation registry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, require, scoped_organisation_ids
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
# what identifies an organisation in the registry: only the office changes it
LOCKED_FOR_SCOPED = ("name", "kind", "nip", "regon", "krs", "gmina")
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


def organisation_apply(org: Organisation, fields: dict[str, Any]) -> None:
    """Check registry fields (NIP, REGON and KRS with their checksums, the postal code, a NIP not used by
    another organisation) and set them on `org` without saving; raises a ValidationError keyed by field.
    For services of the apps above that write an organisation under their own permission check (the social
    economy directory keeps its PES this way)."""
    _clean(org, fields)


def locked_fields_for(actor: Any) -> tuple[str, ...]:
    """Fields the actor may see but not change: those identifying the organisation, for scoped roles."""
    return () if scoped_organisation_ids(actor, Perm.ORGANISATION_EDIT) is None else LOCKED_FOR_SCOPED


def _current(org: Organisation, name: str) -> Any:
    return org.gmina_id if name == "gmina" else getattr(org, name)


def _normalised(name: str, value: Any) -> Any:
    if name == "gmina":
        return value.pk if value is not None else None
    if name in NORMALISERS and value:
        try:
            return NORMALISERS[name](value)
        except ValidationError:
            return value
    return value or ""


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
    if locked_fields_for(actor):
        for name in LOCKED_FOR_SCOPED:
            if name in fields and _normalised(name, fields[name]) != _current(org, name):
                raise ValidationError(
                    {name: _("To pole zmienia biuro Stowarzyszenia; napisz do biura, jeśli jest błędne.")}
                )
    _clean(org, fields)
    org.save()
    after = audit.snapshot(org)
    if audit.changed(before, after):
        audit.record(actor=actor, action="organisations.update", obj=org, before=before, after=after)
    return org
