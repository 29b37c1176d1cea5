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
