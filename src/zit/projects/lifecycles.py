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
