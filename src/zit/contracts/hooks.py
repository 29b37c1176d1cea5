"""The grant contract registers itself where projects shows or loads it: the contract's section on the
card's page and the demo after the contract. What they need is imported when they run, not at start-up."""

from __future__ import annotations

from typing import Any

from zit.projects import hooks


def _contract_panel(user: Any, card: Any) -> dict[str, Any]:
    from zit.contracts.selectors import contract_panel

    return contract_panel(user=user, card=card)


def _iz_panel(user: Any, card: Any) -> dict[str, Any]:
    from zit.contracts.iz_import import iz_card_figures

    return {"iz_figures": iz_card_figures(user=user, card=card)}


def _contract_demo() -> None:
    from zit.contracts.demo import load_contract_demo

    load_contract_demo()


def register() -> None:
    hooks.add_card_panel("contracts", hooks.CardPanel("contracts/contract_section.html", _contract_panel))
    hooks.add_demo_loader("contracts", _contract_demo)
    hooks.add_card_panel("contracts_iz", hooks.CardPanel("contracts/iz_card_section.html", _iz_panel))
