"""Who applies an adopted resolution's effect: a setting of the office (`GovernanceSettings`), the office only
or the body's secretary too. The office applies an effect with its own rights over the register concerned; a
secretary allowed by the setting applies it on the resolution's authority (the body decided it), so the
registers' services act as the platform itself and the audit names the secretary on the resolution's event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import OFFICE, Perm, Role, has_perm, require, roles_of
from zit.governance.models import GovernanceSettings

Appliers = GovernanceSettings.EffectAppliers


def settings_get() -> GovernanceSettings:
    """The one row; its defaults until the office saves it."""
    return GovernanceSettings.objects.filter(pk=1).first() or GovernanceSettings(pk=1)


def secretary_may_apply() -> bool:
    return settings_get().effect_appliers == Appliers.OFFICE_AND_SECRETARY


def is_office(user: Any) -> bool:
    return bool(roles_of(user) & OFFICE)


def may_change_settings(user: Any) -> bool:
    return is_office(user) and has_perm(user, Perm.GOVERNANCE_MANAGE)


def may_apply_effect(user: Any, *, secretary_allowed: bool | None = None) -> bool:
    """May press "Wprowadź skutek": the office, or a body's secretary when the setting allows it."""
    if not has_perm(user, Perm.GOVERNANCE_MANAGE):
        return False
    if is_office(user):
        return True
    allowed = secretary_may_apply() if secretary_allowed is None else secretary_allowed
    return allowed and Role.BODY_SECRETARY in roles_of(user)


def effect_actor(actor: Any) -> Any:
    """Whom the registers' services see applying the effect: the actor, or the platform itself (None) for a
    secretary the setting allows, whose right comes from the resolution and not from the register."""
    if actor is None or is_office(actor):
        return actor
    return None if may_apply_effect(actor) else actor


def who_applies() -> str:
    """The sentence on a waiting effect, as the setting says."""
    if secretary_may_apply():
        return _("Skutek wprowadzi pracownik biura albo sekretarz organu przyciskiem „Wprowadź skutek”.")
    return _("Skutek wprowadzi pracownik biura przyciskiem „Wprowadź skutek”.")


@transaction.atomic
def effect_appliers_set(*, actor: Any, appliers: str) -> GovernanceSettings:
    """The office decides who applies the effects (the association's rules of work); audited."""
    require(actor, Perm.GOVERNANCE_MANAGE)
    if not is_office(actor):
        raise PermissionDenied(_("Nie masz uprawnień do tej czynności."))
    if appliers not in Appliers.values:
        from django.core.exceptions import ValidationError

        raise ValidationError({"effect_appliers": _("Wybierz jedną z możliwości.")})
    row, _created = GovernanceSettings.objects.select_for_update().get_or_create(pk=1)
    before = audit.snapshot(row, ["effect_appliers"])
    row.effect_appliers = appliers
    row.save(update_fields=["effect_appliers"])
    audit.record(
        actor=actor,
        action="governance.effect_appliers",
        obj=row,
        before=before,
        after=audit.snapshot(row, ["effect_appliers"]),
    )
    return row
