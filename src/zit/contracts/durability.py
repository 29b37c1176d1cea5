"""Completion and the durability period: the final payment, the managing authority's act, starts it (5 years,
3 for SMEs, configurable per contract: art. 65 of Regulation 2021/1060); the beneficiary states each year that
the project keeps its purpose; the office records durability monitoring information with its source (the
beneficiary's statement, the IZ's control or finding, its own observation) and passes signals of a possible
breach to the IZ, which alone controls and finds a breach; once the period is over and every statement is in,
the daily job closes the contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.contracts.models import Contract, DurabilityInfo, DurabilityStatement
from zit.core import audit
from zit.core.roles import Perm, has_perm, require_unless_system

DURABILITY_MAX_YEARS = 10


def default_years() -> int:
    return getattr(settings, "ZIT_DURABILITY_YEARS", 5)


@transaction.atomic
def contract_settle(
    *,
    actor: Any,
    contract: Contract,
    final_payment_on: dt.date,
    durability_years: int,
    reference: str = "",
    reason: str = "",
    confirmed: bool = False,
) -> Contract:
    """Record the final payment, the managing authority's act: its date and its reference (the IZ's letter
    or payment order). The durability period runs from that date (art. 65 of Regulation 2021/1060). Paid
    before the contract's end or with planned expenditure unreported, it goes through only confirmed, with
    a reason; once recorded, it is not changed (`lifecycles.CONTRACT`, "settle")."""
    from zit.contracts.lifecycles import CONTRACT, checked

    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    errors: dict[str, list[str]] = {}
    if final_payment_on < contract.signed_on or final_payment_on > timezone.localdate():
        errors["final_payment_on"] = [
            _("Płatność końcowa musi być między zawarciem umowy a dniem dzisiejszym.")
        ]
    if not 1 <= durability_years <= DURABILITY_MAX_YEARS:
        errors["durability_years"] = [
            _("Okres trwałości to od 1 do %(n)d lat.") % {"n": DURABILITY_MAX_YEARS}
        ]
    data = {"final_payment_on": final_payment_on}
    checked(
        actor=actor,
        obj=contract,
        name="settle",
        errors=errors,
        reason=reason,
        confirmed=confirmed,
        data=data,
    )
    before = audit.snapshot(contract)
    after: dict[str, Any] = {}

    def apply(obj: Contract) -> None:
        obj.final_payment_on, obj.durability_years = final_payment_on, durability_years
        obj.final_payment_reference = reference.strip()
        after.update(audit.snapshot(obj))

    return CONTRACT.fire(
        actor=actor,
        obj=contract,
        name="settle",
        reason=reason,
        confirmed=confirmed,
        data=data,
        apply=apply,
        before=before,
        after=after,
    )


def settle_warnings(contract: Contract, final_payment_on: dt.date | None = None) -> tuple[str, ...]:
    """What the final payment's form warns about before it is sent (paid before the end, expenditure not
    reported), for the given date or today."""
    from zit.contracts.lifecycles import CONTRACT
    from zit.core.lifecycle import Context

    context = Context(
        actor=None,
        today=timezone.localdate(),
        data={"final_payment_on": final_payment_on} if final_payment_on else {},
    )
    return tuple(str(m) for m in (w(contract, context) for w in CONTRACT.transition("settle").warnings) if m)


def may_state(user: Any, contract: Contract) -> bool:
    return has_perm(user, Perm.CARDS_EDIT, organisation_id=contract.card.beneficiary_id)


@transaction.atomic
def statement_submit(
    *, actor: Any, contract: Contract, year: int, conditions_met: bool, statement: str
) -> DurabilityStatement:
    """The beneficiary's statement for a year of the durability period, which runs from the final payment."""
    from zit.contracts.lifecycles import CONTRACT, checked

    if actor is not None and not may_state(actor, contract):
        raise PermissionDenied(_("Oświadczenie składają użytkownicy beneficjenta."))
    contract = Contract.objects.select_for_update().select_related("card").get(pk=contract.pk)
    if not contract.durability_ends_on:
        raise ValidationError(_("Okres trwałości zacznie się po płatności końcowej."))
    first, last = contract.final_payment_on.year, contract.durability_ends_on.year
    errors: dict[str, list[str]] = {}
    if not first <= year <= last:
        errors["year"] = [_("Okres trwałości obejmuje lata %(a)d–%(b)d.") % {"a": first, "b": last}]
    elif year > timezone.localdate().year:
        errors["year"] = [_("Oświadczenie składa się za rok, który już trwa albo minął.")]
    if contract.durability_statements.filter(year=year).exists():
        errors["year"] = [_("Oświadczenie za ten rok już złożono.")]
    if not statement.strip():
        errors["statement"] = [_("Napisz, jak projekt jest wykorzystywany.")]
    checked(actor=actor, obj=contract, name="durability_statement", errors=errors)
    made: dict[str, DurabilityStatement] = {}
    after: dict[str, Any] = {}

    def apply(obj: Contract) -> None:
        made["statement"] = DurabilityStatement.objects.create(
            contract=obj,
            year=year,
            conditions_met=conditions_met,
            statement=statement.strip(),
            submitted_by_label=audit.actor_label(actor),
        )
        after.update(audit.snapshot(made["statement"]))

    CONTRACT.fire(actor=actor, obj=contract, name="durability_statement", apply=apply, after=after)
    return made["statement"]


def durability_info_errors(
    *, contract: Contract, source: str, observed_on: dt.date, finding: str, iz_reference: str, notes: str
) -> dict[str, list[str]]:
    """What is wrong with a piece of durability information, field by field. Only the IZ finds a breach: that
    finding needs the IZ as the source and its document's reference; information from the IZ always names
    its document; a signal says what was seen."""
    errors: dict[str, list[str]] = {}
    if source not in DurabilityInfo.Source.values:
        errors["source"] = [_("Wybierz źródło informacji.")]
    if finding not in DurabilityInfo.Finding.values:
        errors["finding"] = [_("Wybierz ustalenie.")]
    if observed_on < contract.final_payment_on or observed_on > timezone.localdate():
        errors["observed_on"] = [_("Data informacji musi być między płatnością końcową a dniem dzisiejszym.")]
    if finding == DurabilityInfo.Finding.IZ_BREACH and source != DurabilityInfo.Source.IZ:
        errors["source"] = [
            _(
                "Naruszenie trwałości stwierdza instytucja zarządzająca: wybierz źródło „informacja IZ” "
                "albo zapisz sygnał możliwego naruszenia przekazany do IZ."
            )
        ]
    if source == DurabilityInfo.Source.IZ and not iz_reference.strip():
        errors["iz_reference"] = [_("Podaj znak pisma lub dokumentu IZ, z którego pochodzi informacja.")]
    if finding == DurabilityInfo.Finding.SIGNAL and not notes.strip():
        errors["notes"] = [_("Opisz sygnał przekazany do IZ: co zauważono i kiedy go przekazano.")]
    return errors


@transaction.atomic
def durability_info_record(
    *,
    actor: Any,
    contract: Contract,
    source: str,
    observed_on: dt.date,
    finding: str,
    iz_reference: str = "",
    notes: str = "",
) -> DurabilityInfo:
    """Durability monitoring information in the period that runs from the final payment: the office records
    what it learned and from where (`lifecycles.CONTRACT`, "durability_info"). A refusal saves nothing."""
    from zit.contracts.lifecycles import CONTRACT, checked

    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if not contract.final_payment_on:
        raise ValidationError(_("Informacje o trwałości dotyczą projektu po płatności końcowej."))
    errors = durability_info_errors(
        contract=contract,
        source=source,
        observed_on=observed_on,
        finding=finding,
        iz_reference=iz_reference,
        notes=notes,
    )
    checked(actor=actor, obj=contract, name="durability_info", errors=errors)
    made: dict[str, DurabilityInfo] = {}
    after: dict[str, Any] = {}

    def apply(obj: Contract) -> None:
        made["info"] = DurabilityInfo.objects.create(
            contract=obj,
            source=source,
            observed_on=observed_on,
            finding=finding,
            iz_reference=iz_reference.strip(),
            notes=notes.strip(),
            recorded_by_label=audit.actor_label(actor),
        )
        after.update(audit.snapshot(made["info"]))

    CONTRACT.fire(actor=actor, obj=contract, name="durability_info", apply=apply, after=after)
    return made["info"]


def contracts_close_due(today: dt.date | None = None) -> list[Contract]:
    """Close the contracts whose durability period is over and whose every yearly statement came in (the
    daily job); each closing is its own short transaction and audit event."""
    from zit.contracts.lifecycles import CONTRACT
    from zit.core.lifecycle import Context

    today = today or timezone.localdate()
    closed = []
    for contract in Contract.objects.filter(state=Contract.State.FINAL_PAID).select_related("card"):
        if CONTRACT.refusal(contract, "close", Context(actor=None, today=today)):
            continue
        with transaction.atomic():
            locked = Contract.objects.select_for_update().get(pk=contract.pk)
            closed.append(CONTRACT.fire(actor=None, obj=locked, name="close", today=today))
    return closed


def statements_missing(contract: Contract, today: dt.date | None = None) -> list[int]:
    """Years of the period already over for which no statement came in."""
    given = set(contract.durability_statements.values_list("year", flat=True))
    return [y for y in contract.durability_years_due(today or timezone.localdate()) if y not in given]
