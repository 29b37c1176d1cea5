"""Where the apps above projects plug into its card page and its demo without projects importing them: an
app registers a panel of the card's page (a template and what it needs) and a demo loader that runs once the
demo cards have reached their states. The grant contract (`zit.contracts`) registers both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zit.projects.models import ProjectCard


@dataclass(frozen=True)
class CardPanel:
    template: str
    context: Callable[[Any, ProjectCard], dict[str, Any]]  # (user, card) -> the template's variables


_CARD_PANELS: dict[str, CardPanel] = {}
_DEMO_LOADERS: dict[str, Callable[[], object]] = {}


def add_card_panel(key: str, panel: CardPanel) -> None:
    _CARD_PANELS[key] = panel  # by key, so that registering twice changes nothing


def card_panels(user: Any, card: ProjectCard) -> tuple[list[str], dict[str, Any]]:
    """The templates the card's page includes, in the order registered, and their variables."""
    context: dict[str, Any] = {}
    for panel in _CARD_PANELS.values():
        context |= panel.context(user, card)
    return [p.template for p in _CARD_PANELS.values()], context


def add_demo_loader(key: str, loader: Callable[[], object]) -> None:
    _DEMO_LOADERS[key] = loader


def run_demo_loaders() -> None:
    for loader in _DEMO_LOADERS.values():
        loader()


# --- the register of resolutions (governance, above projects) that approves the list


@dataclass(frozen=True)
class ListRegister:
    """How projects asks the register about the resolution that approves a list version.
    `problem(version, decision)`: why the decision may not approve the version (not in the register, not adopted,
    carrying another list), or None. `approvals(version)`: the register's resolutions that carry the version,
    each a dict with "title", "state", "url" and "adopted" for the list's page. `demo_approve(version, day)`:
    the demo Rada adopts a resolution carrying the version on that day (its effect approves the list)."""

    problem: Callable[[Any, Any], str | None]
    approvals: Callable[[Any], list[dict[str, Any]]]
    demo_approve: Callable[[Any, Any], object]


_LIST_REGISTER: list[ListRegister] = []


def set_list_register(register: ListRegister) -> None:
    _LIST_REGISTER[:] = [register]


def list_register() -> ListRegister | None:
    return _LIST_REGISTER[0] if _LIST_REGISTER else None
