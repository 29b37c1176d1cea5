"""The lifecycles of the grant contract and what follows it, declared through `zit.core.lifecycle`: the
contract, its financial corrections, amendments and durability statements, and the progress information.

The contract is concluded with the beneficiary by the programme's competent institution, the managing
authority (IZ) or an intermediate body, which may issue a funding decision instead (art. 61 ust. 1 of the act
of 28 April 2022 on the implementation of tasks financed from European funds 2021–2027, Dz.U. 2022 poz. 1079);
the IZ verifies payment claims, controls projects and decides on breaches of durability. The association, a
ZIT body, records what the IZ decided and monitors: it takes note of progress information or asks about it,
and records durability information with its source, passing any signal of a breach to the IZ.
Services fire them; the tests walk these tables; `manage.py lifecycles` prints them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.contracts.models import Amendment, Contract, Correction, DurabilityStatement, ProgressReport
from zit.core.formatting import format_date
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
    "durability_info": "contracts:card_durability_info",
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
            "Umowę zawiera z beneficjentem właściwa instytucja programu – instytucja zarządzająca (IZ) albo "
            "pośrednicząca – która zamiast umowy może wydać decyzję o dofinansowaniu (art. 61 ust. 1 ustawy "
            "z 28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich "
            "w perspektywie finansowej 2021–2027); biuro zapisuje to, co ustaliła ta instytucja, "
            "i monitoruje. W realizacji umowę "
            "zmieniają aneksy i korekty; płatność końcowa, którą przekazuje IZ, zaczyna okres trwałości "
            "(art. 65 rozporządzenia 2021/1060: 5 lat, 3 lata dla MŚP), w którym umowę zmienia już tylko "
            "korekta finansowa z uzasadnieniem."
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
                warnings=(paid_after_the_end,),
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
                "durability_info",
                (C.FINAL_PAID,),
                C.FINAL_PAID,
                _("Zapisz informację o trwałości"),
                (OFFICE,),
                form=True,
                help=_(
                    "Biuro monitoruje trwałość: zapisuje, czego się dowiedziało i z jakiego źródła, a sygnał "
                    "możliwego naruszenia przekazuje do IZ. Kontroluje i stwierdza naruszenie IZ "
                    "(obowiązek trwałości i jego okres: art. 65 rozporządzenia 2021/1060)."
                ),
                audit_action="contracts.durability_info",
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
            "umowy); biuro go nie przyjmuje ani nie zwraca. Biuro monitoruje trwałość i przekazuje sygnały do "
            "IZ; naruszenie stwierdza IZ (okres trwałości: art. 65 rozporządzenia 2021/1060)."
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


# --- progress information
# Optional and light: only the narrative is needed to pass it on. The office takes note of it or asks a
# question; nothing is accepted or returned (verifying expenditure is the IZ's work on payment claims).

R = ProgressReport.Status
REPORT_WRITER = Role(
    "beneficiary",
    _("beneficjent"),
    Perm.CARDS_EDIT,
    scope=lambda report: report.contract.card.beneficiary_id,
)


def report_narrative(report: ProgressReport, context: Context) -> str | None:
    """Informacja o postępie musi opisywać postęp (liczby są nieobowiązkowe)."""
    if not report.narrative:
        return _("Opisz krótko postęp projektu w tym okresie.")
    return None


def _report_url(report: ProgressReport, name: str) -> str:
    return reverse("contracts:report_transition", args=[report.contract.card_id, report.pk, name])


REPORT = register(
    Lifecycle(
        key="contracts.progress_report",
        label=_("Informacja o postępie"),
        model="contracts.ProgressReport",
        states=ProgressReport.Status,
        field="status",
        initial=R.DRAFT,
        final=frozenset({R.NOTED}),
        url=_report_url,
        description=_(
            "Nieobowiązkowa informacja beneficjenta o postępie projektu: wystarczy krótki opis, liczby "
            "(wydatki, wskaźniki, kamienie milowe) i pliki są dobrowolne. Biuro ją odnotowuje (podane "
            "kamienie milowe stają się osiągnięte) albo zadaje pytanie, na które beneficjent odpowiada, "
            "poprawiając informację i przekazując ją ponownie. Biuro niczego nie przyjmuje ani nie zwraca: "
            "wydatki weryfikuje IZ we wnioskach o płatność."
        ),
        transitions=(
            Transition(
                "pass_on",
                (R.DRAFT, R.QUESTION),
                R.SUBMITTED,
                _("Przekaż informację biuru"),
                (REPORT_WRITER,),
                guards=(report_narrative,),
                confirm=_(
                    "Przekazać informację o postępie biuru? Do odnotowania albo pytania biura nie będzie "
                    "można jej zmieniać."
                ),
                audit_action="contracts.report_pass",
            ),
            Transition(
                "note",
                (R.SUBMITTED,),
                R.NOTED,
                _("Odnotuj"),
                (OFFICE,),
                help=_("Biuro przyjmuje informację do wiadomości; to nie jest zatwierdzenie wydatków."),
                audit_action="contracts.report_note",
            ),
            Transition(
                "ask",
                (R.SUBMITTED,),
                R.QUESTION,
                _("Zadaj pytanie"),
                (OFFICE,),
                help=_(
                    "Pytanie nie jest zwrotem: informacja zostaje, a beneficjent odpowiada, uzupełniając ją."
                ),
                reason_required=True,
                reason_label=_("Pytanie do beneficjenta"),
                reason_prompt=_(
                    "Napisz pytanie: zobaczy je beneficjent i odpowie, uzupełniając informację o postępie."
                ),
                audit_action="contracts.report_ask",
            ),
        ),
    )
)
