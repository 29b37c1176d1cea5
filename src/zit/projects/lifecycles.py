"""The lifecycles of the project pipeline, declared through `zit.core.lifecycle`. Services fire them; the
tests walk these tables; `manage.py lifecycles` prints them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import format_date
from zit.core.lifecycle import Context, Lifecycle, Role, Transition, register
from zit.core.roles import Perm
from zit.projects.models import ProjectCard

S = ProjectCard.State

# users of the card's applicant organisation (CARDS_EDIT in its scope)
BENEFICIARY = Role("beneficiary", _("wnioskodawca"), Perm.CARDS_EDIT, scope=lambda card: card.beneficiary_id)
# the association's office
OFFICE = Role("office", _("biuro Stowarzyszenia"), Perm.PROJECTS_MANAGE)


SEEN_BY_APPLICANT = _("Podaj uzasadnienie: zobaczy je wnioskodawca.")


def round_open_for_new_card(card: ProjectCard, context: Context) -> str | None:
    """Nabór musi trwać, gdy fiszkę składa się po raz pierwszy."""
    if card.state == S.DRAFT and not card.round.is_open_on(context.today):
        return _("Nabór %(n)s zakończył się %(d)s: nowych fiszek już nie przyjmuje.") % {
            "n": card.round.number,
            "d": format_date(card.round.closes_on),
        }
    return None


def card_complete(card: ProjectCard, context: Context) -> str | None:
    """Fiszka musi być kompletna (wszystkie części wypełnione)."""
    from zit.projects.services import card_problems

    problems = card_problems(card)
    if problems:
        return " ".join(str(m) for _section, m in problems)
    return None


def _card_url(card: ProjectCard, name: str) -> str:
    return reverse("projects:card_transition", args=[card.pk, name])


CARD = register(
    Lifecycle(
        key="projects.card",
        label=_("Fiszka projektowa"),
        model="projects.ProjectCard",
        states=ProjectCard.State,
        initial=S.DRAFT,
        final=frozenset({S.TERMINATED, S.WITHDRAWN, S.REJECTED}),
        url=_card_url,
        description=_(
            "Od szkicu wnioskodawcy przez ocenę biura i listę projektów strategicznych do wniosku w IZ, "
            "umowy i jej końca."
        ),
        transitions=(
            Transition(
                "submit",
                (S.DRAFT, S.RETURNED),
                S.SUBMITTED,
                _("Złóż fiszkę"),
                (BENEFICIARY,),
                guards=(round_open_for_new_card, card_complete),
                audit_action="projects.card_submit",
            ),
            Transition(
                "return",
                (S.SUBMITTED,),
                S.RETURNED,
                _("Zwróć do poprawy"),
                (OFFICE,),
                reason_required=True,
                reason_prompt=SEEN_BY_APPLICANT,
                audit_action="projects.card_return",
            ),
            Transition(
                "accept",
                (S.SUBMITTED,),
                S.ACCEPTED,
                _("Przyjmij formalnie"),
                (OFFICE,),
                confirm=_("Przyjąć fiszkę formalnie? Wnioskodawca nie będzie mógł jej już zmienić."),
                audit_action="projects.card_accept",
            ),
            Transition(
                "score",
                (S.ACCEPTED,),
                S.SCORED,
                _("Zapisz wynik oceny"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_score",
            ),
            Transition(
                "list_main",
                (S.ACCEPTED, S.SCORED, S.LISTED_RESERVE, S.NOT_SELECTED),
                S.LISTED_MAIN,
                _("Na listę podstawową"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_list_main",
            ),
            Transition(
                "list_reserve",
                (S.ACCEPTED, S.SCORED, S.LISTED_MAIN, S.NOT_SELECTED),
                S.LISTED_RESERVE,
                _("Na listę rezerwową"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_list_reserve",
            ),
            Transition(
                "not_select",
                (S.ACCEPTED, S.SCORED, S.LISTED_MAIN, S.LISTED_RESERVE),
                S.NOT_SELECTED,
                _("Poza listą"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_not_select",
            ),
            Transition(
                "file_application",
                (S.LISTED_MAIN, S.LISTED_RESERVE),  # from the reserve list only into a competitive call
                S.APPLICATION_FILED,
                _("Zapisz wniosek złożony w IZ"),
                (OFFICE, BENEFICIARY),
                automatic=True,
                audit_action="projects.card_file_application",
            ),
            Transition(
                "issue_opinion",
                (S.APPLICATION_FILED,),
                S.OPINION_ISSUED,
                _("Opinia o zgodności wydana"),
                (OFFICE,),
                automatic=True,
                audit_action="projects.card_issue_opinion",
            ),
            Transition(
                "select",
                (S.OPINION_ISSUED,),
                S.SELECTED,
                _("Wybrana przez IZ"),
                (OFFICE,),
                audit_action="projects.card_select",
            ),
            Transition(
                "reject",
                (S.APPLICATION_FILED, S.OPINION_ISSUED),
                S.REJECTED,
                _("Odrzucona przez IZ"),
                (OFFICE,),
                reason_required=True,
                reason_prompt=SEEN_BY_APPLICANT,
                danger=True,
                audit_action="projects.card_reject",
            ),
            Transition(
                "contract",
                (S.SELECTED,),
                S.CONTRACTED,
                _("Umowa podpisana"),
                (OFFICE,),
                automatic=True,  # fired by contracts.contract_sign, with the contract's data
                audit_action="projects.card_contract",
            ),
            Transition(
                "terminate",
                (S.CONTRACTED,),
                S.TERMINATED,
                _("Umowa rozwiązana"),
                (OFFICE,),
                reason_required=True,
                automatic=True,  # fired by contracts.contract_terminate, with the amount kept
                audit_action="projects.card_terminate",
            ),
            Transition(
                "withdraw",
                (
                    S.DRAFT,
                    S.SUBMITTED,
                    S.RETURNED,
                    S.ACCEPTED,
                    S.SCORED,
                    S.LISTED_MAIN,
                    S.LISTED_RESERVE,
                    S.APPLICATION_FILED,
                    S.OPINION_ISSUED,
                    S.SELECTED,
                ),
                S.WITHDRAWN,
                _("Wycofaj"),
                (BENEFICIARY, OFFICE),
                reason_required=True,
                reason_prompt=SEEN_BY_APPLICANT,
                danger=True,
                audit_action="projects.card_withdraw",
            ),
        ),
    )
)

FINAL = CARD.final


def transition_for(name: str) -> Any:
    return CARD.transition(name)


# --- the grant contract
# The contract (signed -> after the final payment -> closed, or terminated), the financial corrections on it,
# and the amendments and durability statements, which are recorded once and have no further state.

from zit.core.formatting import format_amount  # noqa: E402
from zit.core.lifecycle import SYSTEM  # noqa: E402
from zit.projects.models import Amendment, Contract, Correction, DurabilityStatement  # noqa: E402

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
    from zit.projects.durability import statements_missing

    missing = statements_missing(contract, context.today)
    if missing:
        return _("Brak oświadczeń o trwałości za lata: %(y)s.") % {"y": ", ".join(str(y) for y in missing)}
    return None


CONTRACT_FORMS = {
    "amend": "projects:card_amendment",
    "terminate": "projects:card_termination",
    "settle": "projects:card_settlement",
    "correct": "projects:card_correction",
    "correct_after_payment": "projects:card_correction",
    "correct_closed": "projects:card_correction",
    "durability_statement": "projects:card_statement",
    "durability_check": "projects:card_durability_check",
}


def _contract_url(contract: Contract, name: str) -> str:
    return reverse(CONTRACT_FORMS[name], args=[contract.card_id]) if name in CONTRACT_FORMS else ""


CORRECTION_REASON = _(
    "Po płatności końcowej podaj uzasadnienie korekty: zostanie zapisane przy korekcie i w historii."
)
CORRECTION_LABEL = _("Korekta finansowa")

CONTRACT = register(
    Lifecycle(
        key="projects.contract",
        label=_("Umowa o dofinansowanie"),
        model="projects.Contract",
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
                (C.SIGNED, C.FINAL_PAID),
                C.SIGNED,
                _("Dodaj aneks"),
                (OFFICE,),
                guards=(not_after_final_payment,),
                form=True,
                audit_action="projects.amendment_add",
            ),
            Transition(
                "settle",
                (C.SIGNED, C.FINAL_PAID),
                C.FINAL_PAID,
                _("Zapisz płatność końcową"),
                (OFFICE,),
                guards=(not_after_final_payment,),
                warnings=(paid_after_the_end, expenditure_reported),
                form=True,
                help=_(
                    "Płatność końcową przekazuje beneficjentowi instytucja zarządzająca; zapisz datę i numer "
                    "jej pisma albo zlecenia płatności. Od tej daty liczy się okres trwałości."
                ),
                audit_action="projects.contract_settle",
            ),
            Transition(
                "terminate",
                (C.SIGNED, C.FINAL_PAID),
                C.TERMINATED,
                _("Rozwiąż umowę"),
                (OFFICE,),
                guards=(not_after_final_payment,),
                reason_required=True,
                reason_prompt=_("Podaj powód rozwiązania umowy."),
                danger=True,
                form=True,
                audit_action="projects.contract_terminate",
            ),
            Transition(
                "correct",
                (C.SIGNED,),
                C.SIGNED,
                CORRECTION_LABEL,
                (OFFICE,),
                form=True,
                audit_action="projects.correction_add",
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
                audit_action="projects.correction_add",
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
                audit_action="projects.correction_add",
            ),
            Transition(
                "durability_statement",
                (C.FINAL_PAID,),
                C.FINAL_PAID,
                _("Złóż oświadczenie o trwałości"),
                (CONTRACT_BENEFICIARY,),
                form=True,
                audit_action="projects.durability_statement",
            ),
            Transition(
                "durability_check",
                (C.FINAL_PAID,),
                C.FINAL_PAID,
                _("Zapisz kontrolę trwałości"),
                (OFFICE,),
                form=True,
                audit_action="projects.durability_check",
            ),
            Transition(
                "close",
                (C.FINAL_PAID,),
                C.CLOSED,
                _("Zamknij po okresie trwałości"),
                (SYSTEM,),
                guards=(durability_over, statements_in),
                automatic=True,  # the daily job projects.contracts_close
                audit_action="projects.contract_close",
            ),
        ),
    )
)


def correction_state(correction: Correction) -> str:
    return correction.state


def _correction_url(correction: Correction, name: str) -> str:
    url = reverse("projects:card_recovery", args=[correction.contract.card_id, correction.pk])
    return f"{url}?calosc=1" if name == "recover_all" else url


CORRECTION = register(
    Lifecycle(
        key="projects.correction",
        label=_("Korekta finansowa"),
        model="projects.Correction",
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
                audit_action="projects.correction_recovered",
            ),
            Transition(
                "recover_all",
                (Correction.State.TO_RECOVER, Correction.State.PARTLY_RECOVERED),
                Correction.State.RECOVERED,
                _("Odzyskano całość"),
                (OFFICE,),
                form=True,
                audit_action="projects.correction_recovered",
            ),
        ),
    )
)


def amendment_state(amendment: Amendment) -> str:
    return amendment.state


AMENDMENT = register(
    Lifecycle(
        key="projects.amendment",
        label=_("Aneks do umowy"),
        model="projects.Amendment",
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
        key="projects.durability_statement",
        label=_("Oświadczenie o trwałości"),
        model="projects.DurabilityStatement",
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


def may_do(lifecycle: Lifecycle, actor: Any, obj: Any, name: str) -> bool:
    """Whether `actor` is one who does `name` on `obj` (its role in the object's scope), whatever the state."""
    if actor is None:
        return True
    return any(role.allows(actor, obj) for role in lifecycle.transition(name).who if role is not SYSTEM)
