"""Reads of the grant contract for the card's page: its buttons, corrections, reports and the durability
statements still missing."""

from __future__ import annotations

from typing import Any

from zit.contracts.durability import statements_missing
from zit.contracts.lifecycles import CONTRACT, CORRECTION
from zit.contracts.models import Contract
from zit.contracts.reports import may_write
from zit.core.lifecycle import Actions
from zit.core.roles import Perm, has_perm
from zit.projects.models import ProjectCard


def contract_actions(*, user: Any, contract: Contract) -> Actions:
    """The contract's buttons for this user now (amendment, final payment, correction, termination, the
    durability acts), and what a guard refuses with its reason."""
    return CONTRACT.actions(user, contract)


def contract_panel(*, user: Any, card: ProjectCard) -> dict[str, Any]:
    """What the card's page shows of its contract: the contract, its buttons, each correction with its own
    buttons, the progress reports and the durability statements still missing."""
    contract = getattr(card, "contract", None)
    if contract is None:
        return {
            "contract": None,
            "can_contract": has_perm(user, Perm.PROJECTS_MANAGE) and card.state == ProjectCard.State.SELECTED,
        }
    corrections = list(contract.corrections.select_related("decision"))
    can_report = may_write(user, contract)
    return {
        "contract": contract,
        "can_contract": False,
        "contract_actions": contract_actions(user=user, contract=contract),
        "corrections": [(c, CORRECTION.actions(user, c)) for c in corrections],
        "reports": contract.reports.all(),
        "can_report": can_report,
        "can_report_new": can_report and not contract.is_terminated,
        "statements_missing": statements_missing(contract),
    }
