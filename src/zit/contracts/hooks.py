"""The grant contract registers itself where projects shows or loads it: the contract's section on the
card's page and the demo after the contract."""

from __future__ import annotations

from zit.projects import hooks


def register() -> None:
    from zit.contracts.demo import load_contract_demo
    from zit.contracts.selectors import contract_panel

    hooks.add_card_panel(
        "contracts",
        hooks.CardPanel(
            "contracts/contract_section.html", lambda user, card: contract_panel(user=user, card=card)
        ),
    )
    hooks.add_demo_loader("contracts", load_contract_demo)
