"""The lifecycle of a project card as data, in one place: the states, every allowed transition, who may fire
it and whether it needs a reason. Services fire transitions only through `transition_for`; the tests walk this
table. Guards that need other objects (a complete card, an open round, a locked opinion) live in services."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zit.projects.models import ProjectCard

S = ProjectCard.State

BENEFICIARY = "beneficiary"  # users of the card's applicant organisation (CARDS_EDIT in its scope)
OFFICE = "office"  # the association's office (PROJECTS_MANAGE)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: object
    who: frozenset[str]
    reason_required: bool = False
    # fired by another service (the list, the opinion), not by a button on the card
    automatic: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, _("Złóż fiszkę"), frozenset({BENEFICIARY})),
    Transition("return", (S.SUBMITTED,), S.RETURNED, _("Zwróć do poprawy"), frozenset({OFFICE}), True),
    Transition("accept", (S.SUBMITTED,), S.ACCEPTED, _("Przyjmij formalnie"), frozenset({OFFICE})),
    Transition(
        "score", (S.ACCEPTED,), S.SCORED, _("Zapisz wynik oceny"), frozenset({OFFICE}), automatic=True
    ),
    Transition(
        "list_main",
        (S.ACCEPTED, S.SCORED, S.LISTED_RESERVE, S.NOT_SELECTED),
        S.LISTED_MAIN,
        _("Na listę podstawową"),
        frozenset({OFFICE}),
        automatic=True,
    ),
    Transition(
        "list_reserve",
        (S.ACCEPTED, S.SCORED, S.LISTED_MAIN, S.NOT_SELECTED),
        S.LISTED_RESERVE,
        _("Na listę rezerwową"),
        frozenset({OFFICE}),
        automatic=True,
    ),
    Transition(
        "not_select",
        (S.ACCEPTED, S.SCORED, S.LISTED_MAIN, S.LISTED_RESERVE),
        S.NOT_SELECTED,
        _("Poza listą"),
        frozenset({OFFICE}),
        automatic=True,
    ),
    Transition(
        "file_application",
        (S.LISTED_MAIN, S.LISTED_RESERVE),  # from the reserve list only into a competitive call
        S.APPLICATION_FILED,
        _("Zapisz wniosek złożony w IZ"),
        frozenset({OFFICE, BENEFICIARY}),
        automatic=True,
    ),
    Transition(
        "issue_opinion",
        (S.APPLICATION_FILED,),
        S.OPINION_ISSUED,
        _("Opinia o zgodności wydana"),
        frozenset({OFFICE}),
        automatic=True,
    ),
    Transition("select", (S.OPINION_ISSUED,), S.SELECTED, _("Wybrana przez IZ"), frozenset({OFFICE})),
    Transition(
        "reject",
        (S.APPLICATION_FILED, S.OPINION_ISSUED),
        S.REJECTED,
        _("Odrzucona przez IZ"),
        frozenset({OFFICE}),
        True,
    ),
    Transition(
        "contract", (S.SELECTED,), S.CONTRACTED, _("Umowa podpisana"), frozenset({OFFICE}), automatic=True
    ),  # fired by contracts.contract_sign, with the contract's data
    Transition(
        "terminate",
        (S.CONTRACTED,),
        S.TERMINATED,
        _("Umowa rozwiązana"),
        frozenset({OFFICE}),
        True,
        automatic=True,
    ),  # fired by contracts.contract_terminate, with the amount kept
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
        frozenset({BENEFICIARY, OFFICE}),
        True,
    ),
)

BY_NAME = {t.name: t for t in TRANSITIONS}
FINAL = frozenset({S.TERMINATED, S.WITHDRAWN, S.REJECTED})


def transition_for(name: str) -> Transition:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"Unknown transition: {name}") from None


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if state in t.sources]
