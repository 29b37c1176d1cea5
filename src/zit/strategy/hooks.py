"""Where the apps above the strategy plug into the office's page of a strategy version without the strategy
importing them: an app registers a panel (a template and what it needs). The list of strategic projects
(`zit.projects`), the strategy's annex, registers its versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zit.strategy.models import StrategyVersion


@dataclass(frozen=True)
class VersionPanel:
    template: str
    context: Callable[[Any, StrategyVersion], dict[str, Any]]  # (user, version) -> the template's variables


_VERSION_PANELS: dict[str, VersionPanel] = {}


def add_version_panel(key: str, panel: VersionPanel) -> None:
    _VERSION_PANELS[key] = panel  # by key, so that registering twice changes nothing


def version_panels(user: Any, version: StrategyVersion) -> tuple[list[str], dict[str, Any]]:
    """The templates the version's page includes, in the order registered, and their variables."""
    context: dict[str, Any] = {}
    for panel in _VERSION_PANELS.values():
        context |= panel.context(user, version)
    return [p.template for p in _VERSION_PANELS.values()], context
