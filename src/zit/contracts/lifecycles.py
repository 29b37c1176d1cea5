"""The lifecycles of the grant contract and what follows it, declared through `zit.core.lifecycle`: the
contract, its financial corrections, amendments and durability statements, and the progress reports.
Services fire them; the tests walk these tables; `manage.py lifecycles` prints them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.contracts.models import Amendment, Contract, Correction, DurabilityStatement, ProgressReport
from zit.core.formatting import format_amount, format_date
from zit.core.lifecycle import SYSTEM, Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.projects.lifecycles import OFFICE

# --- the grant contract
# The contract (signed -> after the final payment -> closed, or terminated), the financial corrections on it,
# and the amendments and durability statements, which are recorded once and have no further state.


C = Contract.State

# users of the contract's beneficiary (the card's applicant organisation)
CONTRACT_BENEFICIARY = Role(
    "beneficiary", _("beneficjent"), Perm.CARDS_EDIT, scope=lambda contract: contract.card.beneficiary_id
)


def not_after_final_payment(contract: Contract, context: Context) -> str | None:
    """Po płatności końcowej umowę zmienia już tylko korekta finansowa."""
    if contract.is_after_final_payment:
        return _(
            "Płatność końcowa została zapisana (%(d)s): umowę zmienia już tylko korekta finansowa, "
            "z uzasadnieniem."
        ) % {"d": format_date(contract.final_payment_on)}
    return None


def paid_after_the_end(contract: Contract, context: Context) -> str | None:
    """Płatność końcowa przed końcem realizacji z umowy."""
    day = context.data.get("final_payment_on") or context.today
    if day < contract.ends_on:
        return _("Płatność końcowa (%(p)s) przypada przed końcem realizacji określonym w umowie (%(e)s).") % {
            "p": format_date(day),
            "e": format_date(contract.ends_on),
        }
    return None


def expenditure_reported(contract: Contract, context: Context) -> str | None:
    """Przyjęte sprawozdania nie wykazują wszystkich wydatków kwalifikowalnych z umowy."""
    reported = contract.expenditure_reported_pln()
    if reported < contract.eligible_pln:
        return _(
            "Przyjęte sprawozdania wykazują %(r)s wydatków kwalifikowalnych z %(e)s w umowie: "
            "%(m)s nie rozliczono."
        ) % {
            "r": format_amount(reported),
            "e": format_amount(contract.eligible_pln),
            "m": format_amount(contract.eligible_pln - reported),
        }
    return None


def durability_over(contract: Contract, context: Context) -> str | None:
    """Okres trwałości musi minąć."""
    end = contract.durability_ends_on
    if end is None or end >= context.today:
        return _("Okres trwałości trwa do %(d)s.") % {"d": format_date(end)}
    return None


def statements_in(contract: Contract, context: Context) -> str | None:
    """Beneficjent złożył oświadczenia o trwałości za wszystkie lata okresu."""
    from zit.contracts.durability import statements_missing

    missing = statements_missing(contract, context.today)
    if missing:
        return _("Brak oświadczeń o trwałości za lata: %(y)s.") % {"y": ", ".join(str(y) for y in missing)}
    return None


CONTRACT_FORMS = {
    "amend": "contracts:card_amendment",
    "terminate": "contracts:card_termination",
    "settle": "contracts:card_settlement",
    "correct": "contracts:card_correction",
    "correct_after_payment": "contracts:card_correction",
    "correct_closed": "contracts:card_correction",
    "durability_statement": "contracts:card_statement",
    "durability_check": "contracts:card_durability_check",
}


def _contract_url(contract: Contract, name: str) -> str:
    return reverse(CONTRACT_FORMS[name], args=[contract.card_id]) if name in CONTRACT_FORMS else ""


CORRECTION_REASON = _(
    "Po płatności końcowej podaj uzasadnienie korekty: zostanie zapisane przy korekcie i w historii."
)
CORRECTION_LABEL = _("Korekta finansowa")

CONTRACT = register(
    Lifecycle(
        key="contracts.contract",
        label=_("Umowa o dofinansowanie"),
        model="contracts.Contract",
        states=Contract.State,
        initial=C.SIGNED,
        final=frozenset({C.CLOSED, C.TERMINATED}),
        url=_contract_url,
        description=_(
            "Umowa z instytucją zarządzającą: w realizacji zmieniają ją aneksy i korekty; płatność końcowa, "
            "którą przekazuje IZ, zaczyna okres trwałości (art. 65 rozporządzenia 2021/1060: 5 lat, 3 lata "
            "dla MŚP), w którym umowę zmienia już tylko korekta finansowa z uzasadnieniem."
        ),
        transitions=(
            Transition(
                "amend",
                (C.SIGNED,),
                C.SIGNED,
                _("Dodaj aneks"),
                (OFFICE,),
                guards=(not_after_final_payment,),
                refused_in=(C.FINAL_PAID,),
                form=True,
                audit_action="contracts.amendment_add",
            ),
            Transition(
                "settle",
                (C.SIGNED,),
                C.FINAL_PAID,
                _("Zapisz płatność końcową"),
                (OFFICE,),
                guards=(not_after_final_payment,),
                refused_in=(C.FINAL_PAID,),
                warnings=(paid_after_the_end, expenditure_reported),
                form=True,
                help=_(
                    "Płatność końcową przekazuje beneficjentowi instytucja zarządzająca; zapisz datę i numer "
                    "jej pisma albo zlecenia płatności. Od tej daty liczy się okres trwałości."
                ),
                audit_action="contracts.contract_settle",
            ),
            Transition(
                "terminate",
                (C.SIGNED,),
                C.TERMINATED,
                _("Rozwiąż umowę"),
                (OFFICE,),
                guards=(not_after_final_payment,),
                refused_in=(C.FINAL_PAID,),
                reason_required=True,
                reason_prompt=_("Podaj powód rozwiązania umowy."),
                danger=True,
                form=True,
                audit_action="contracts.contract_terminate",
            ),
            Transition(
                "correct",
                (C.SIGNED,),
                C.SIGNED,
                CORRECTION_LABEL,
                (OFFICE,),
                form=True,
                audit_action="contracts.correction_add",
            ),
            Transition(
                "correct_after_payment",
                (C.FINAL_PAID,),
                C.FINAL_PAID,
                CORRECTION_LABEL,
                (OFFICE,),
                reason_required=True,
                reason_prompt=CORRECTION_REASON,
                form=True,
                audit_action="contracts.correction_add",
            ),
            Transition(
                "correct_closed",
                (C.CLOSED,),
                C.CLOSED,
                CORRECTION_LABEL,
                (OFFICE,),
                reason_required=True,
                reason_prompt=CORRECTION_REASON,
                form=True,
                audit_action="contracts.correction_add",
            ),
            Transition(
                "durability_statement",
                (C.FINAL_PAID,),
                C.FINAL_PAID,
                _("Złóż oświadczenie o trwałości"),
                (CONTRACT_BENEFICIARY,),
                form=True,
                audit_action="contracts.durability_statement",
            ),
            Transition(
                "durability_check",
                (C.FINAL_PAID,),
                C.FINAL_PAID,
                _("Zapisz kontrolę trwałości"),
                (OFFICE,),
                form=True,
                audit_action="contracts.durability_check",
            ),
            Transition(
                "close",
                (C.FINAL_PAID,),
                C.CLOSED,
                _("Zamknij po okresie trwałości"),
                (SYSTEM,),
                guards=(durability_over, statements_in),
                automatic=True,  # the daily job contracts.close
                audit_action="contracts.contract_close",
            ),
        ),
    )
)


def correction_state(correction: Correction) -> str:
    return correction.state


def _correction_url(correction: Correction, name: str) -> str:
    url = reverse("contracts:card_recovery", args=[correction.contract.card_id, correction.pk])
    return f"{url}?calosc=1" if name == "recover_all" else url


CORRECTION = register(
    Lifecycle(
        key="contracts.correction",
        label=_("Korekta finansowa"),
        model="contracts.Correction",
        states=Correction.State,
        initial=Correction.State.TO_RECOVER,
        derive=correction_state,
        url=_correction_url,
        description=_(
            "Korekta obniża wydatki kwalifikowalne i dofinansowanie umowy; jej stan wynika z kwoty, którą "
            "beneficjent już zwrócił."
        ),
        transitions=(
            Transition(
                "recover_part",
                (
                    Correction.State.TO_RECOVER,
                    Correction.State.PARTLY_RECOVERED,
                    Correction.State.RECOVERED,
                ),
                Correction.State.PARTLY_RECOVERED,
                _("Zapisz kwotę odzyskaną"),
                (OFFICE,),
                form=True,
                audit_action="contracts.correction_recovered",
            ),
            Transition(
                "recover_all",
                (Correction.State.TO_RECOVER, Correction.State.PARTLY_RECOVERED),
                Correction.State.RECOVERED,
                _("Odzyskano całość"),
                (OFFICE,),
                form=True,
                audit_action="contracts.correction_recovered",
            ),
        ),
    )
)


def amendment_state(amendment: Amendment) -> str:
    return amendment.state


AMENDMENT = register(
    Lifecycle(
        key="contracts.amendment",
        label=_("Aneks do umowy"),
        model="contracts.Amendment",
        states=Amendment.State,
        initial=Amendment.State.IN_FORCE,
        derive=amendment_state,
        description=_(
            "Aneks zapisuje się raz, z podpisanym plikiem (czynność „Dodaj aneks” umowy), i odtąd obowiązuje; "
            "poprzednie kwoty zostają w historii umowy. Innych stanów nie ma."
        ),
        transitions=(),
    )
)


def statement_state(statement: DurabilityStatement) -> str:
    return statement.state


DURABILITY_STATEMENT = register(
    Lifecycle(
        key="contracts.durability_statement",
        label=_("Oświadczenie o trwałości"),
        model="contracts.DurabilityStatement",
        states=DurabilityStatement.State,
        initial=DurabilityStatement.State.SUBMITTED,
        derive=statement_state,
        description=_(
            "Beneficjent składa je raz za każdy rok okresu trwałości (czynność „Złóż oświadczenie o trwałości” "
            "umowy); biuro go nie przyjmuje ani nie zwraca, a naruszenia ustala kontrolą trwałości."
        ),
        transitions=(),
    )
)


def checked(
    *,
    actor: Any,
    obj: Any,
    name: str,
    errors: dict[str, list[str]],
    reason: str = "",
    confirmed: bool = False,
    today: Any = None,
    data: dict[str, Any] | None = None,
    lifecycle: Lifecycle = CONTRACT,
) -> None:
    """Check an act on a contract (or a correction) before its service writes anything: PermissionDenied when the actor is
    not one who does it; otherwise the lifecycle's refusal (state, guard, missing reason, unconfirmed warning)
    joins the form's own field errors, and all of them are raised together so the page shows each at once."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    context = Context(
        actor=actor,
        today=today or timezone.localdate(),
        reason=reason.strip(),
        confirmed=confirmed,
        data=data or {},
    )
    try:
        lifecycle.check(actor, obj, name, context)
    except ValidationError as exc:
        found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        for field, messages in found.items():
            errors.setdefault(field, []).extend(str(m) for m in messages)
    if errors:
        raise ValidationError(errors)


# --- progress reports

R = ProgressReport.Status
REPORT_WRITER = Role(
    "beneficiary",
    _("beneficjent"),
    Perm.CARDS_EDIT,
    scope=lambda report: report.contract.card.beneficiary_id,
)


def report_narrative(report: ProgressReport, context: Context) -> str | None:
    """Sprawozdanie musi opisywać postęp."""
    if not report.narrative:
        return _("Opisz postęp projektu w tym okresie.")
    return None


def report_has_figures(report: ProgressReport, context: Context) -> str | None:
    """Sprawozdanie musi podawać wydatki albo wartości wskaźników."""
    if not report.expenditure.exists() and not report.indicator_values.exists():
        return _("Wpisz poniesione wydatki albo osiągnięte wartości wskaźników.")
    return None


def _report_url(report: ProgressReport, name: str) -> str:
    return reverse("contracts:report_transition", args=[report.contract.card_id, report.pk, name])


REPORT = register(
    Lifecycle(
        key="contracts.progress_report",
        label=_("Sprawozdanie z postępu"),
        model="contracts.ProgressReport",
        states=ProgressReport.Status,
        field="status",
        initial=R.DRAFT,
        final=frozenset({R.ACCEPTED}),
        url=_report_url,
        description=_(
            "Beneficjent pisze sprawozdanie i je składa; biuro je przyjmuje (kamienie milowe stają się "
            "osiągnięte) albo zwraca z powodem do poprawy."
        ),
        transitions=(
            Transition(
                "submit",
                (R.DRAFT, R.RETURNED),
                R.SUBMITTED,
                _("Złóż sprawozdanie"),
                (REPORT_WRITER,),
                guards=(report_narrative, report_has_figures),
                confirm=_("Złożyć sprawozdanie? Do decyzji biura nie będzie można go zmieniać."),
                audit_action="contracts.report_submit",
            ),
            Transition(
                "accept",
                (R.SUBMITTED,),
                R.ACCEPTED,
                _("Przyjmij sprawozdanie"),
                (OFFICE,),
                audit_action="contracts.report_accept",
            ),
            Transition(
                "return",
                (R.SUBMITTED,),
                R.RETURNED,
                _("Zwróć do poprawy"),
                (OFFICE,),
                reason_required=True,
                reason_prompt=_("Podaj powód zwrotu: zobaczy go beneficjent."),
                audit_action="contracts.report_return",
            ),
        ),
    )
)
