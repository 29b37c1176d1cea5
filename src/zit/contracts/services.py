"""The grant contract and its amendments. The contract's amounts are the final ones (they come from the
contract the managing authority signed, so the EU amount is typed, within the measure's cap); every state of
them is kept as an `AmountRecord`: one at signing, one after each amendment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.contracts.models import (
    Amendment,
    AmountRecord,
    Contract,
    ContractIndicator,
    ContractLine,
    ContractMilestone,
    Correction,
)
from zit.contracts.published import published_refresh
from zit.core import audit
from zit.core.formatting import format_amount, format_number
from zit.core.money import round_cents
from zit.core.roles import Perm, require_unless_system
from zit.core.signed import file_sha256
from zit.funding.models import Indicator
from zit.projects.budget import BudgetRow, table_mismatches
from zit.projects.models import ProjectCard
from zit.projects.services import card_transition

SIGNED_TYPES = (".pdf", ".xml", ".xades", ".jpg", ".jpeg", ".png")


@dataclass
class Amounts:
    total_pln: Decimal
    eligible_pln: Decimal
    eu_pln: Decimal
    rows: list[BudgetRow]


def _amount_errors(card: ProjectCard, amounts: Amounts, *, organisations: set[int]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if amounts.eligible_pln > amounts.total_pln:
        add("eligible_pln", _("Wydatki kwalifikowalne nie mogą być wyższe niż wartość projektu."))
    cap = (
        card.measure.effective_rate()[0] if card.measure_id else None
    )  # a card off FEW in ZIT has no cap here
    if cap is not None and amounts.eu_pln > round_cents(amounts.eligible_pln * cap):
        add(
            "eu_pln",
            _("Dofinansowanie przekracza %(p)s wydatków kwalifikowalnych, na ile pozwala działanie %(m)s.")
            % {"p": format_number(cap * 100, 0) + "%", "m": card.measure.number},
        )
    if not amounts.rows:
        add("lines", _("Rozpisz kwoty umowy na organizacje i lata: co najmniej jeden wiersz."))
        return errors
    seen: set[tuple[int, int]] = set()
    for row in amounts.rows:
        if row.organisation.pk not in organisations:
            add("lines", _("%(o)s nie jest stroną projektu.") % {"o": row.organisation})
        if (row.organisation.pk, row.year) in seen:
            add("lines", _("%(o)s ma dwa wiersze na rok %(y)d.") % {"o": row.organisation, "y": row.year})
        seen.add((row.organisation.pk, row.year))
        if row.eligible_pln > row.total_pln or row.eu_pln > row.eligible_pln:
            add(
                "lines",
                _("%(o)s, %(y)d: kwoty w wierszu się nie zgadzają.") % {"o": row.organisation, "y": row.year},
            )
    for message in table_mismatches(
        amounts.rows, amounts.total_pln, amounts.eligible_pln, amounts.eu_pln, _("kwoty umowy")
    ):
        add("lines", message)
    return errors


def _parties(card: ProjectCard) -> set[int]:
    return {card.beneficiary_id, *card.partners.values_list("organisation_id", flat=True)}


def _write_amounts(contract: Contract, amounts: Amounts, *, valid_from: dt.date, amendment=None) -> None:
    contract.total_pln, contract.eligible_pln, contract.eu_pln = (
        amounts.total_pln,
        amounts.eligible_pln,
        amounts.eu_pln,
    )
    contract.save()
    contract.lines.all().delete()
    ContractLine.objects.bulk_create(
        ContractLine(
            contract=contract,
            organisation=r.organisation,
            year=r.year,
            total_pln=r.total_pln,
            eligible_pln=r.eligible_pln,
            eu_pln=r.eu_pln,
        )
        for r in amounts.rows
    )
    AmountRecord.objects.create(
        contract=contract,
        amendment=amendment,
        valid_from=valid_from,
        total_pln=amounts.total_pln,
        eligible_pln=amounts.eligible_pln,
        eu_pln=amounts.eu_pln,
        ends_on=contract.ends_on,
        lines=[
            [
                r.organisation.pk,
                str(r.organisation),
                r.year,
                str(r.total_pln),
                str(r.eligible_pln),
                str(r.eu_pln),
            ]
            for r in amounts.rows
        ],
    )


@transaction.atomic
def contract_sign(
    *,
    actor: Any,
    card: ProjectCard,
    number: str,
    signed_on: dt.date,
    parties: str,
    starts_on: dt.date,
    ends_on: dt.date,
    amounts: Amounts,
    milestones: list[tuple[str, dt.date]],
    indicators: list[tuple[Indicator, Decimal, int]],
    is_demo: bool = False,
) -> Contract:
    """Record the contract of a project the managing authority selected; the card becomes contracted."""
    require_unless_system(actor, Perm.PROJECTS_MANAGE)
    card = ProjectCard.objects.select_for_update(of=("self",)).select_related("measure").get(pk=card.pk)
    if card.state != ProjectCard.State.SELECTED:
        raise ValidationError(_("Umowę zapisuje się dla projektu wybranego do dofinansowania przez IZ."))
    errors = _amount_errors(card, amounts, organisations=_parties(card))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(
            _("Koniec realizacji nie może być wcześniejszy niż jej początek.")
        )
    if signed_on > timezone.localdate():
        errors.setdefault("signed_on", []).append(_("Data zawarcia nie może być z przyszłości."))
    if not indicators:
        errors.setdefault("indicators", []).append(
            _("Umowa określa wartości docelowe wskaźników: dodaj co najmniej jeden.")
        )
    for name, due in milestones:
        if not starts_on <= due <= ends_on:
            errors.setdefault("milestones", []).append(
                _("Kamień milowy „%(n)s” wypada poza okresem realizacji.") % {"n": name}
            )
    if errors:
        raise ValidationError(errors)
    contract = Contract(
        card=card,
        number=number.strip(),
        signed_on=signed_on,
        parties=parties.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        total_pln=amounts.total_pln,
        eligible_pln=amounts.eligible_pln,
        eu_pln=amounts.eu_pln,
        is_demo=is_demo,
    )
    contract.full_clean()
    _write_amounts(contract, amounts, valid_from=signed_on)
    ContractMilestone.objects.bulk_create(
        ContractMilestone(contract=contract, name=name.strip(), due_on=due) for name, due in milestones
    )
    ContractIndicator.objects.bulk_create(
        ContractIndicator(contract=contract, indicator=i, target_value=v, target_year=y)
        for i, v, y in indicators
    )
    audit.record(
        actor=actor,
        action="contracts.contract_sign",
        obj=contract,
        after=audit.snapshot(contract) | {"lines": len(amounts.rows)},
    )
    card_transition(actor=actor, card=card, name="contract")
    published_refresh(contract)
    return contract


@transaction.atomic
def amendment_add(
    *,
    actor: Any,
    contract: Contract,
    number: str,
    signed_on: dt.date,
    reason: str,
    document: Any,
    amounts: Amounts,
    ends_on: dt.date | None = None,
) -> Amendment:
    """An amendment with its signed file changes the amounts (and, if given, the end date); what stood
    before stays in the history. Only while the contract is in force (`lifecycles.CONTRACT`, "amend")."""
    from zit.contracts.lifecycles import CONTRACT, checked

    contract = (
        Contract.objects.select_for_update(of=("self",)).select_related("card__measure").get(pk=contract.pk)
    )
    errors = _amount_errors(contract.card, amounts, organisations=_parties(contract.card))
    if signed_on < contract.signed_on:
        errors.setdefault("signed_on", []).append(_("Aneks nie może być wcześniejszy niż umowa."))
    if signed_on > timezone.localdate():
        errors.setdefault("signed_on", []).append(_("Data zawarcia nie może być z przyszłości."))
    if not reason.strip():
        errors.setdefault("reason", []).append(_("Podaj powód zmiany."))
    if contract.amendments.filter(number=number.strip()).exists():
        errors.setdefault("number", []).append(_("Ta umowa ma już aneks o tym numerze."))
    if ends_on and ends_on < contract.starts_on:
        errors.setdefault("ends_on", []).append(
            _("Koniec realizacji nie może być wcześniejszy niż jej początek.")
        )
    if document is None or not getattr(document, "name", "").lower().endswith(SIGNED_TYPES):
        errors.setdefault("document", []).append(
            _("Dołącz podpisany aneks: PDF, plik podpisu XAdES albo skan.")
        )
    checked(actor=actor, obj=contract, name="amend", errors=errors, reason=reason)
    before = audit.snapshot(contract)
    made: dict[str, Any] = {}
    after: dict[str, Any] = {}  # filled in once the amendment is written, before the event is

    def apply(obj: Contract) -> None:
        amendment = Amendment(
            contract=obj,
            number=number.strip(),
            signed_on=signed_on,
            reason=reason.strip(),
            document_sha256=file_sha256(document),
            created_by_label=audit.actor_label(actor),
        )
        amendment.document.save(document.name, document, save=False)
        amendment.save()
        if ends_on:
            obj.ends_on = ends_on
        _write_amounts(obj, amounts, valid_from=signed_on, amendment=amendment)
        made["amendment"] = amendment
        after.update(
            audit.snapshot(obj) | {"amendment": amendment.number, "sha256": amendment.document_sha256}
        )

    CONTRACT.fire(
        actor=actor, obj=contract, name="amend", reason=reason, apply=apply, before=before, after=after
    )
    published_refresh(contract)
    return made["amendment"]


@transaction.atomic
def contract_terminate(
    *, actor: Any, contract: Contract, terminated_on: dt.date, reason: str, eu_retained_pln: Decimal
) -> Contract:
    """The contract ends early. What was paid and kept stays taken from the envelope; the rest returns to it
    and can go to another project through a new list version. Not after the final payment."""
    from zit.contracts.lifecycles import CONTRACT, checked

    contract = Contract.objects.select_for_update().select_related("card").get(pk=contract.pk)
    errors: dict[str, list[str]] = {}
    if terminated_on < contract.signed_on or terminated_on > timezone.localdate():
        errors["terminated_on"] = [_("Data rozwiązania musi być między zawarciem umowy a dniem dzisiejszym.")]
    if not 0 <= eu_retained_pln <= contract.eu_pln:
        errors["eu_retained_pln"] = [
            _("Zatrzymane dofinansowanie to od 0 do %(max)s.") % {"max": format_amount(contract.eu_pln)}
        ]
    checked(actor=actor, obj=contract, name="terminate", errors=errors, reason=reason)
    before = audit.snapshot(contract)
    after: dict[str, Any] = {}

    def apply(obj: Contract) -> None:
        obj.terminated_on, obj.termination_reason = terminated_on, reason.strip()
        obj.eu_retained_pln = eu_retained_pln
        after.update(audit.snapshot(obj))

    CONTRACT.fire(
        actor=actor, obj=contract, name="terminate", reason=reason, apply=apply, before=before, after=after
    )
    card_transition(actor=actor, card=contract.card, name="terminate", reason=contract.termination_reason)
    published_refresh(contract)
    return contract


@transaction.atomic
def correction_add(
    *,
    actor: Any,
    contract: Contract,
    found_on: dt.date,
    description: str,
    eligible_pln: Decimal,
    eu_pln: Decimal,
    decision: Any,
    reason: str = "",
) -> Correction:
    """A financial correction for an irregularity: it lowers the eligible costs and the EU amount in every
    total (and frees that money in the envelope on the next list version). After the final payment it is
    the only change the contract takes, and it needs a reason."""
    from zit.contracts.lifecycles import CONTRACT, checked

    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    errors: dict[str, list[str]] = {}
    if eu_pln <= 0 or eligible_pln < 0:
        errors["eu_pln"] = [_("Korekta to kwota większa od zera.")]
    if eu_pln > contract.corrected_eu_pln:
        errors["eu_pln"] = [
            _("Korekta nie może przekroczyć dofinansowania po wcześniejszych korektach (%(a)s).")
            % {"a": format_amount(contract.corrected_eu_pln)}
        ]
    if eligible_pln > contract.corrected_eligible_pln:
        errors["eligible_pln"] = [_("Korekta przekracza wydatki kwalifikowalne po wcześniejszych korektach.")]
    if eu_pln > eligible_pln:
        errors.setdefault("eu_pln", []).append(
            _("Korekta dofinansowania nie może być wyższa niż korekta wydatków.")
        )
    if found_on < contract.signed_on or found_on > timezone.localdate():
        errors["found_on"] = [_("Data musi być między zawarciem umowy a dniem dzisiejszym.")]
    if not description.strip():
        errors["description"] = [_("Opisz nieprawidłowość.")]
    name = correction_transition(contract)
    checked(actor=actor, obj=contract, name=name, errors=errors, reason=reason)
    made: dict[str, Correction] = {}
    after: dict[str, Any] = {}

    def apply(obj: Contract) -> None:
        made["correction"] = Correction.objects.create(
            contract=obj,
            found_on=found_on,
            description=description.strip(),
            eligible_pln=eligible_pln,
            eu_pln=eu_pln,
            decision=decision,
            reason=reason.strip() if CONTRACT.transition(name).reason_required else "",
            created_by_label=audit.actor_label(actor),
        )
        after.update(audit.snapshot(made["correction"]))

    CONTRACT.fire(actor=actor, obj=contract, name=name, reason=reason, apply=apply, after=after)
    published_refresh(contract)
    return made["correction"]


def correction_transition(contract: Contract) -> str:
    """Which of the contract's correction acts applies now: after the final payment one with a reason."""
    from zit.contracts.lifecycles import CONTRACT

    state = CONTRACT.state_of(contract)
    for name in ("correct", "correct_after_payment", "correct_closed"):
        if state in CONTRACT.transition(name).sources:
            return name
    return "correct"  # a terminated contract: the lifecycle refuses it with the reason


@transaction.atomic
def correction_recovered(*, actor: Any, correction: Correction, recovered_pln: Decimal) -> Correction:
    """What the beneficiary has paid back on a correction so far: part of it, or all."""
    from zit.contracts.lifecycles import CORRECTION, checked

    correction = Correction.objects.select_for_update().select_related("contract").get(pk=correction.pk)
    name = "recover_all" if recovered_pln >= correction.eu_pln else "recover_part"
    errors: dict[str, list[str]] = {}
    if not 0 < recovered_pln <= correction.eu_pln:
        errors["recovered_pln"] = [
            _("Odzyskana kwota to więcej niż 0, najwyżej %(max)s.")
            % {"max": format_amount(correction.eu_pln)}
        ]
    checked(actor=actor, obj=correction, name=name, errors=errors, lifecycle=CORRECTION)
    before = audit.snapshot(correction)
    after: dict[str, Any] = {}

    def apply(obj: Correction) -> None:
        obj.recovered_pln = recovered_pln
        after.update(audit.snapshot(obj))

    return CORRECTION.fire(actor=actor, obj=correction, name=name, apply=apply, before=before, after=after)
