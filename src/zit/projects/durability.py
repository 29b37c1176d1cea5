"""Completion and the durability period: the final payment starts it (5 years, 3 for SMEs, configurable per
contract); the beneficiary states each year that the project keeps its purpose; the office records checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.roles import Perm, has_perm, require_unless_system
from zit.projects.models import Contract, DurabilityCheck, DurabilityStatement

DURABILITY_MAX_YEARS = 10


def default_years() -> int:
    return getattr(settings, "ZIT_DURABILITY_YEARS", 5)


@transaction.atomic
def contract_settle(
    *, actor: Any, contract: Contract, final_payment_on: dt.date, durability_years: int
) -> Contract:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    errors: dict[str, str] = {}
    if contract.terminated_on:
        raise ValidationError(_("Umowa jest rozwiązana: projekt nie przechodzi w okres trwałości."))
    if final_payment_on < contract.signed_on or final_payment_on > timezone.localdate():
        errors["final_payment_on"] = _(
            "Płatność końcowa musi być między zawarciem umowy a dniem dzisiejszym."
        )
    if not 1 <= durability_years <= DURABILITY_MAX_YEARS:
        errors["durability_years"] = _("Okres trwałości to od 1 do %(n)d lat.") % {"n": DURABILITY_MAX_YEARS}
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(contract)
    contract.final_payment_on, contract.durability_years = final_payment_on, durability_years
    contract.save(update_fields=["final_payment_on", "durability_years"])
    audit.record(
        actor=actor,
        action="projects.contract_settle",
        obj=contract,
        before=before,
        after=audit.snapshot(contract),
    )
    return contract


def may_state(user: Any, contract: Contract) -> bool:
    return has_perm(user, Perm.CARDS_EDIT, organisation_id=contract.card.beneficiary_id)


@transaction.atomic
def statement_submit(
    *, actor: Any, contract: Contract, year: int, conditions_met: bool, statement: str
) -> DurabilityStatement:
    if actor is not None and not may_state(actor, contract):
        raise PermissionDenied(_("Oświadczenie składają użytkownicy beneficjenta."))
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if not contract.durability_ends_on:
        raise ValidationError(_("Okres trwałości zacznie się po płatności końcowej."))
    first, last = contract.final_payment_on.year, contract.durability_ends_on.year
    errors: dict[str, str] = {}
    if not first <= year <= last:
        errors["year"] = _("Okres trwałości obejmuje lata %(a)d–%(b)d.") % {"a": first, "b": last}
    elif year > timezone.localdate().year:
        errors["year"] = _("Oświadczenie składa się za rok, który już trwa albo minął.")
    if contract.durability_statements.filter(year=year).exists():
        errors["year"] = _("Oświadczenie za ten rok już złożono.")
    if not statement.strip():
        errors["statement"] = _("Napisz, jak projekt jest wykorzystywany.")
    if errors:
        raise ValidationError(errors)
    made = DurabilityStatement.objects.create(
        contract=contract,
        year=year,
        conditions_met=conditions_met,
        statement=statement.strip(),
        submitted_by_label=audit.actor_label(actor),
    )
    audit.record(
        actor=actor, action="projects.durability_statement", obj=contract, after=audit.snapshot(made)
    )
    return made


@transaction.atomic
def check_record(
    *, actor: Any, contract: Contract, checked_on: dt.date, result: str, notes: str
) -> DurabilityCheck:
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    if not contract.final_payment_on:
        raise ValidationError(_("Kontrola trwałości dotyczy projektu po płatności końcowej."))
    if checked_on < contract.final_payment_on or checked_on > timezone.localdate():
        raise ValidationError(
            {"checked_on": _("Data kontroli musi być między płatnością końcową a dniem dzisiejszym.")}
        )
    if result == DurabilityCheck.Result.BROKEN and not notes.strip():
        raise ValidationError({"notes": _("Opisz, na czym polega naruszenie trwałości.")})
    check = DurabilityCheck.objects.create(
        contract=contract,
        checked_on=checked_on,
        result=result,
        notes=notes.strip(),
        checked_by_label=audit.actor_label(actor),
    )
    audit.record(actor=actor, action="projects.durability_check", obj=contract, after=audit.snapshot(check))
    return check


def statements_missing(contract: Contract, today: dt.date | None = None) -> list[int]:
    """Years of the period already over for which no statement came in."""
    given = set(contract.durability_statements.values_list("year", flat=True))
    return [y for y in contract.durability_years_due(today or timezone.localdate()) if y not in given]
