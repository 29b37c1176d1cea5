"""Writes to the social economy directory: entities with their organisation's registry data, publication,
listing requests from the public form and their moderation, and the support centre's offer.

The support centre's contact person (`Perm.SOCIAL_ECONOMY_EDIT` without `ORGANISATION_EDIT`) changes the
registry data of PES only: of organisations that have an entity in the directory, or new ones created here.
An organisation found by its NIP is linked instead of duplicated; its registry data change only when the
actor may edit the registry (the office)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.public_forms import admit, check_lengths
from zit.core.roles import Perm, has_perm, require_unless_system
from zit.organisations.models import Organisation
from zit.organisations.services import organisation_apply
from zit.organisations.validators import normalise_krs, normalise_nip, normalise_postal_code, normalise_regon
from zit.social_economy.lifecycles import ENTITY, LISTING_REQUEST
from zit.social_economy.models import TEXT_MAX, Entity, ListingRequest, PesKind, SupportOffer
from zit.territory.models import AdministrativeUnit

ORGANISATION_FIELDS = ("name", "nip", "regon", "krs", "street", "postal_code", "city", "gmina", "website")
ENTITY_FIELDS = (
    "kind",
    "social_enterprise",
    "social_enterprise_since",
    "description",
    "services",
    "products",
    "contact_name",
    "contact_email",
    "contact_phone",
    "lon",
    "lat",
)
# organisations of the public sector are never a PES: the directory does not link them
NOT_PES_KINDS = frozenset(
    {
        Organisation.Kind.LOCAL_GOVERNMENT,
        Organisation.Kind.MUNICIPAL_UNIT,
        Organisation.Kind.INSTITUTION,
        Organisation.Kind.ASSOCIATION,
    }
)
# a generous frame around Poland: a point outside it is a typo (swapped coordinates, a missing digit)
LON_RANGE = (14.0, 24.2)
LAT_RANGE = (49.0, 55.0)


def _merge(errors: dict[str, list[str]], exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    else:
        errors.setdefault("__all__", []).extend(exc.messages)


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = set(fields) - set(ORGANISATION_FIELDS) - set(ENTITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    return (
        {k: v for k, v in fields.items() if k in ORGANISATION_FIELDS},
        {k: v for k, v in fields.items() if k in ENTITY_FIELDS},
    )


def _check_gmina(gmina: Any, errors: dict[str, list[str]]) -> None:
    if gmina is not None and getattr(gmina, "level", None) != AdministrativeUnit.Level.GMINA:
        errors.setdefault("gmina", []).append(_("Wybierz gminę (nie powiat ani województwo)."))


def _apply_entity(entity: Entity, fields: dict[str, Any], errors: dict[str, list[str]]) -> None:
    for name, value in fields.items():
        if name in ("lon", "lat", "social_enterprise_since"):
            setattr(entity, name, value if value not in ("", None) else None)
        elif name == "social_enterprise":
            setattr(entity, name, bool(value))
        else:
            setattr(entity, name, (value or "").strip() if isinstance(value, str) or value is None else value)
    if entity.kind not in PesKind.values:
        errors.setdefault("kind", []).append(_("Wybierz rodzaj podmiotu ekonomii społecznej z listy."))
    if entity.social_enterprise and entity.social_enterprise_since is None:
        errors.setdefault("social_enterprise_since", []).append(
            _("Podaj datę, od której podmiot ma status przedsiębiorstwa społecznego.")
        )
    if not entity.social_enterprise:
        entity.social_enterprise_since = None
    if entity.social_enterprise_since and entity.social_enterprise_since > timezone.localdate():
        errors.setdefault("social_enterprise_since", []).append(
            _("Data nadania statusu nie może być z przyszłości.")
        )
    if (entity.lon is None) != (entity.lat is None):
        errors.setdefault("lat" if entity.lat is None else "lon", []).append(
            _("Punkt na mapie to obie współrzędne: długość i szerokość geograficzna.")
        )
    if entity.lon is not None and not LON_RANGE[0] <= entity.lon <= LON_RANGE[1]:
        errors.setdefault("lon", []).append(
            _("Długość geograficzna w Polsce to od 14 do 24 stopni (np. 18,25). Czy nie zamieniono pól?")
        )
    if entity.lat is not None and not LAT_RANGE[0] <= entity.lat <= LAT_RANGE[1]:
        errors.setdefault("lat", []).append(
            _("Szerokość geograficzna w Polsce to od 49 do 55 stopni (np. 52,22). Czy nie zamieniono pól?")
        )
    try:
        entity.full_clean(exclude=["organisation", *errors])
    except ValidationError as exc:
        _merge(errors, exc)


def _normalised_nip(value: str) -> str:
    try:
        return normalise_nip(value) if value else ""
    except ValidationError:
        return ""


def may_edit_registry(actor: Any) -> bool:
    """The office edits any organisation's registry data; the support centre's contact person only a PES's."""
    return actor is None or has_perm(actor, Perm.ORGANISATION_EDIT)


def find_organisation(nip: str) -> Organisation | None:
    nip = _normalised_nip(nip)
    return (
        Organisation.objects.filter(nip=nip).select_related("social_economy_entity").first() if nip else None
    )


def _organisation_for_new_entity(
    actor: Any, org_fields: dict[str, Any], errors: dict[str, list[str]], *, is_demo: bool
) -> tuple[Organisation, bool]:
    """The organisation a new entity belongs to: the registry's one with the same NIP (linked), else a new
    one. Returns it unsaved if new, with whether it was linked."""
    existing = find_organisation(org_fields.get("nip") or "")
    if existing is not None:
        if hasattr(existing, "social_economy_entity"):
            errors.setdefault("nip", []).append(
                _("Organizacja z tym NIP-em („%(name)s”) jest już w katalogu PES; popraw jej wpis.")
                % {"name": existing.name}
            )
        elif existing.kind in NOT_PES_KINDS:
            errors.setdefault("nip", []).append(
                _(
                    "Ten NIP ma w rejestrze „%(name)s” (%(kind)s): to nie jest podmiot ekonomii społecznej. "
                    "Sprawdź numer."
                )
                % {"name": existing.name, "kind": existing.get_kind_display()}
            )
        elif may_edit_registry(actor):
            try:
                organisation_apply(existing, {k: v for k, v in org_fields.items() if v not in ("", None)})
            except ValidationError as exc:
                _merge(errors, exc)
        return existing, True
    org = Organisation(kind=Organisation.Kind.SOCIAL_ECONOMY, is_demo=is_demo)
    try:
        organisation_apply(org, org_fields)
    except ValidationError as exc:
        _merge(errors, exc)
    _check_gmina(org.gmina, errors)
    return org, False


def publish_problems(entity: Entity) -> list[str]:
    """What stops the entity from being shown in the public directory; empty when it may be published."""
    problems = []
    if not entity.kind:
        problems.append(_("Wybierz rodzaj podmiotu."))
    if entity.organisation.gmina_id is None:
        problems.append(_("Podaj gminę siedziby."))
    if not (entity.services.strip() or entity.products.strip() or entity.description.strip()):
        problems.append(_("Opisz ofertę (usługi lub produkty) albo podmiot."))
    return problems


def _entity_create(
    *, actor: Any, fields: dict[str, Any], is_demo: bool = False, action: str = "social_economy.entity_create"
) -> Entity:
    org_fields, entity_fields = _split(fields)
    errors: dict[str, list[str]] = {}
    org, linked = _organisation_for_new_entity(actor, org_fields, errors, is_demo=is_demo)
    entity = Entity(organisation=org)
    _apply_entity(entity, entity_fields, errors)
    if errors:
        raise ValidationError(errors)
    org_before = audit.snapshot(Organisation.objects.get(pk=org.pk)) if linked else None
    org.save()
    org_after = audit.snapshot(org)
    if not linked:
        audit.record(actor=actor, action="organisations.create", obj=org, after=org_after)
    elif audit.changed(org_before, org_after):
        audit.record(actor=actor, action="organisations.update", obj=org, before=org_before, after=org_after)
    entity.organisation = org
    entity.save()
    audit.record(
        actor=actor,
        action=action,
        obj=entity,
        after=audit.snapshot(entity),
        reason=_("powiązano z organizacją z rejestru (ten sam NIP)") if linked else "",
    )
    return entity


def _entity_update(
    *, actor: Any, entity: Entity, fields: dict[str, Any], action: str = "social_economy.entity_update"
) -> Entity:
    org_fields, entity_fields = _split(fields)
    entity = Entity.objects.select_for_update().select_related("organisation").get(pk=entity.pk)
    org = Organisation.objects.select_for_update().get(pk=entity.organisation_id)
    before, org_before = audit.snapshot(entity), audit.snapshot(org)
    errors: dict[str, list[str]] = {}
    try:
        organisation_apply(org, org_fields)
    except ValidationError as exc:
        _merge(errors, exc)
    _check_gmina(org.gmina, errors)
    _apply_entity(entity, entity_fields, errors)
    entity.organisation = org
    if not errors and entity.state == Entity.State.PUBLISHED:
        problems = publish_problems(entity)
        if problems:
            errors.setdefault("__all__", []).append(
                _("Opublikowany wpis musi mieć: %(p)s") % {"p": " ".join(problems)}
            )
    if errors:
        raise ValidationError(errors)
    org.save()
    entity.save()
    org_after, after = audit.snapshot(org), audit.snapshot(entity)
    if audit.changed(org_before, org_after):
        audit.record(actor=actor, action="organisations.update", obj=org, before=org_before, after=org_after)
    if audit.changed(before, after):
        audit.record(actor=actor, action=action, obj=entity, before=before, after=after)
    return entity


@transaction.atomic
def entity_create(*, actor: Any, is_demo: bool = False, **fields: Any) -> Entity:
    """A new draft entry with its organisation: linked to the registry's organisation with the same NIP, or
    a new organisation of kind "podmiot ekonomii społecznej"."""
    require_unless_system(actor, Perm.SOCIAL_ECONOMY_EDIT)
    return _entity_create(actor=actor, fields=fields, is_demo=is_demo)


@transaction.atomic
def entity_update(*, actor: Any, entity: Entity, **fields: Any) -> Entity:
    """The entry and its organisation's registry data (it is a PES, so the support centre may change them)."""
    require_unless_system(actor, Perm.SOCIAL_ECONOMY_EDIT)
    return _entity_update(actor=actor, entity=entity, fields=fields)


ENTITY_STATE_FIELDS = ["state", "published_at", "withdrawn_reason"]


@transaction.atomic
def entity_transition(*, actor: Any, entity: Entity, name: str, reason: str = "") -> Entity:
    """Move the entry along its lifecycle (`lifecycles.ENTITY`: who, from where, the guards); here only what
    the act itself records: when it was published, or why it was withdrawn (kept in the history, never shown
    publicly)."""
    reason = (reason or "").strip()
    if name == "withdraw" and len(reason) > 300:
        raise ValidationError({"reason": _("Powód może mieć najwyżej 300 znaków.")})
    entity = Entity.objects.select_for_update().select_related("organisation").get(pk=entity.pk)
    before = audit.snapshot(entity, ENTITY_STATE_FIELDS)
    after: dict[str, Any] = {}

    def apply(obj: Entity) -> None:
        if obj.state == Entity.State.PUBLISHED:
            obj.published_at = timezone.now()
            obj.withdrawn_reason = ""
        else:
            obj.withdrawn_reason = reason
        after.update(audit.snapshot(obj, ENTITY_STATE_FIELDS))  # read by `fire` when it writes the event

    ENTITY.fire(actor=actor, obj=entity, name=name, reason=reason, apply=apply, before=before, after=after)
    return entity


def entity_publish(*, actor: Any, entity: Entity) -> Entity:
    """Draft → published: it needs its kind, a gmina, and an offer or a description."""
    return entity_transition(actor=actor, entity=entity, name="publish")


def entity_withdraw(*, actor: Any, entity: Entity, reason: str) -> Entity:
    """Published → withdrawn from the directory, with a reason (kept in the history, not shown publicly)."""
    return entity_transition(actor=actor, entity=entity, name="withdraw", reason=reason)


def entity_republish(*, actor: Any, entity: Entity) -> Entity:
    """Withdrawn → published again, with the same checks as the first publication."""
    return entity_transition(actor=actor, entity=entity, name="republish")


def entity_publish_or_republish(entity: Entity) -> str:
    """The publishing act the entry's state allows: the first publication, or publishing it again."""
    return "republish" if entity.state in ENTITY.transition("republish").sources else "publish"


# --- listing requests ---------------------------------------------------------------------------------------------

TEXT_CAPS = {"description": TEXT_MAX, "services": TEXT_MAX, "products": TEXT_MAX}
REQUEST_FIELDS = (
    "name",
    "kind",
    "nip",
    "regon",
    "krs",
    "street",
    "postal_code",
    "city",
    "gmina",
    "website",
    "social_enterprise",
    "social_enterprise_since",
    "description",
    "services",
    "products",
    "contact_name",
    "contact_email",
    "contact_phone",
    "public_email",
    "public_phone",
    "lon",
    "lat",
)
_NORMALISERS = {
    "nip": normalise_nip,
    "regon": normalise_regon,
    "krs": normalise_krs,
    "postal_code": normalise_postal_code,
}


@transaction.atomic
def listing_request_submit(*, consent: bool, sender: Any = None, **fields: Any) -> ListingRequest:
    """What anyone sends through the public form. It only records the request: nothing is published until
    staff or the support centre accept it and then publish the entry. A sender over the public forms' limits
    (`sender`: a `core.public_forms.Sender`) still has the request kept, parked for the moderator."""
    unknown = set(fields) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    item = ListingRequest()
    for name, value in fields.items():
        if name in _NORMALISERS and value:
            try:
                value = _NORMALISERS[name](value)
            except ValidationError as exc:
                errors.setdefault(name, []).extend(exc.messages)
                continue
        if name in ("gmina", "lon", "lat", "social_enterprise_since"):
            setattr(item, name, value if value not in ("", None) else None)
        elif name == "social_enterprise":
            item.social_enterprise = bool(value)
        else:
            setattr(item, name, (value or "").strip())
    if not consent:
        errors.setdefault("consent", []).append(
            _("Potwierdź zapoznanie się z informacją o przetwarzaniu danych osobowych.")
        )
    if item.kind not in PesKind.values:
        errors.setdefault("kind", []).append(_("Wybierz rodzaj podmiotu z listy."))
    if item.social_enterprise and item.social_enterprise_since is None:
        errors.setdefault("social_enterprise_since", []).append(
            _("Podaj datę, od której podmiot ma status przedsiębiorstwa społecznego.")
        )
    if not item.social_enterprise:
        item.social_enterprise_since = None
    if not (item.services or item.products or item.description):
        errors.setdefault("services", []).append(_("Napisz, co podmiot oferuje (usługi lub produkty)."))
    _check_gmina(item.gmina, errors)
    for name, messages in check_lengths(fields, TEXT_CAPS).items():
        errors.setdefault(name, []).extend(messages)
    try:
        item.full_clean(exclude=list(errors))
    except ValidationError as exc:
        _merge(errors, exc)
    if errors:
        raise ValidationError(errors)
    item.consent_at = timezone.now()
    if not admit(form="social_economy.listing_request", sender=sender):
        item.status = ListingRequest.Status.PARKED
    item.save()
    # the log names the entity, not the person who wrote
    audit.record(
        actor=None,
        action="social_economy.request_receive",
        obj=item,
        after={"name": item.name, "kind": item.kind, "nip": item.nip, "status": item.status},
    )
    return item


def _request_fields(item: ListingRequest) -> dict[str, Any]:
    fields = {
        "name": item.name,
        "nip": item.nip,
        "regon": item.regon,
        "krs": item.krs,
        "street": item.street,
        "postal_code": item.postal_code,
        "city": item.city,
        "gmina": item.gmina,
        "website": item.website,
        "kind": item.kind,
        "social_enterprise": item.social_enterprise,
        "social_enterprise_since": item.social_enterprise_since,
        "description": item.description,
        "services": item.services,
        "products": item.products,
        # the public contact is what the entity asked to publish; the requester's own data stay in the request
        "contact_email": item.public_email,
        "contact_phone": item.public_phone,
        "lon": item.lon,
        "lat": item.lat,
    }
    return fields


@transaction.atomic
def listing_request_accept(*, actor: Any, request: ListingRequest) -> Entity:
    """Accept a request: a new draft entry (linked to the registry's organisation with the same NIP), or the
    existing entry of that NIP updated with what the request brings. Publishing stays a separate step."""
    item = ListingRequest.objects.select_for_update().get(pk=request.pk)
    made: dict[str, Any] = {}

    def apply(obj: ListingRequest) -> None:
        fields = _request_fields(obj)
        existing = find_organisation(obj.nip)
        if existing is not None and hasattr(existing, "social_economy_entity"):
            entity = _entity_update(
                actor=actor,
                entity=existing.social_economy_entity,
                fields={k: v for k, v in fields.items() if v not in ("", None)},
                action="social_economy.entity_update_from_request",
            )
        else:
            entity = _entity_create(
                actor=actor, fields=fields, action="social_economy.entity_create_from_request"
            )
        obj.reviewed_by = actor
        obj.reviewed_at = timezone.now()
        obj.entity = entity
        made["entity"] = entity.pk  # read by `fire` when it writes the event

    LISTING_REQUEST.fire(actor=actor, obj=item, name="accept", apply=apply, after=made)
    return item.entity


@transaction.atomic
def listing_request_reject(*, actor: Any, request: ListingRequest, reason: str) -> ListingRequest:
    reason = (reason or "").strip()
    item = ListingRequest.objects.select_for_update().get(pk=request.pk)

    def apply(obj: ListingRequest) -> None:
        obj.rejection_reason = reason
        obj.reviewed_by = actor
        obj.reviewed_at = timezone.now()

    LISTING_REQUEST.fire(actor=actor, obj=item, name="reject", reason=reason, apply=apply)
    return item


# --- import -------------------------------------------------------------------------------------------------------


@transaction.atomic
def entities_import(*, actor: Any, rows: list[dict[str, Any]], is_demo: bool = False) -> dict[str, int]:
    """Rows checked by `importers.parse` (each with its fields): an entry per NIP, created as a draft or, when
    the NIP is already in the directory, updated (re-importing the same file changes nothing). A problem a row
    still meets here is raised with its row number, and nothing is written."""
    require_unless_system(actor, Perm.SOCIAL_ECONOMY_EDIT)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    errors: dict[str, list[str]] = {}
    for row in rows:
        fields = row["fields"]
        existing = find_organisation(fields.get("nip", ""))
        try:
            with transaction.atomic():
                if existing is not None and hasattr(existing, "social_economy_entity"):
                    entity = existing.social_economy_entity
                    before = audit.snapshot(entity), audit.snapshot(existing)
                    updated = _entity_update(
                        actor=actor, entity=entity, fields=fields, action="social_economy.entity_import"
                    )
                    after = audit.snapshot(updated), audit.snapshot(updated.organisation)
                    counts[
                        "updated"
                        if audit.changed(before[0], after[0]) or before[1] != after[1]
                        else "unchanged"
                    ] += 1
                else:
                    _entity_create(
                        actor=actor, fields=fields, is_demo=is_demo, action="social_economy.entity_import"
                    )
                    counts["created"] += 1
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                label = "" if field_name == "__all__" else field_name
                errors.setdefault(str(row["row"]), []).extend(
                    f"{label}: {m}" if label else m for m in messages
                )
    if errors:
        raise ValidationError(errors)
    return counts


# --- the support centre's offer -----------------------------------------------------------------------------------

OFFER_FIELDS = ("title", "title_en", "body", "body_en", "link", "position", "is_published")


@transaction.atomic
def support_offer_save(*, actor: Any, section: SupportOffer | None = None, **fields: Any) -> SupportOffer:
    require_unless_system(actor, Perm.SOCIAL_ECONOMY_EDIT)
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    item = SupportOffer.objects.select_for_update().get(pk=section.pk) if section else SupportOffer()
    before = audit.snapshot(item) if section else None
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if item.position is None:
        item.position = 0
    try:
        item.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    item.updated_by = actor
    item.save()
    after = audit.snapshot(item, list(OFFER_FIELDS))
    if before is None or audit.changed({k: before.get(k) for k in after}, after):
        audit.record(
            actor=actor,
            action="social_economy.offer_update" if section else "social_economy.offer_create",
            obj=item,
            before={k: before.get(k) for k in after} if before else None,
            after=after,
        )
    return item


@transaction.atomic
def support_offer_delete(*, actor: Any, section: SupportOffer) -> None:
    require_unless_system(actor, Perm.SOCIAL_ECONOMY_EDIT)
    item = SupportOffer.objects.select_for_update().get(pk=section.pk)
    audit.record(
        actor=actor,
        action="social_economy.offer_delete",
        obj=item,
        before=audit.snapshot(item, list(OFFER_FIELDS)),
    )
    item.delete()
