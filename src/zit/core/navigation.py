"""The office's menu and each user's dashboard, declared by the app that owns the pages.

Each app lists its entries in `<app>/navigation.py` with `menu(...)` and `panel(...)`; `menu_items` and
`dashboard_panels` find them (`autodiscover_modules`, as lifecycles are found). So the page that shows the
dashboard (accounts) and the menu's template name no page of an app: a new page is one entry in its own app.

A menu entry is one link with its permission test, its place (`order`), when it is the current page and an
optional count shown beside it. A dashboard panel is a title, a text and its links, each with a test."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.module_loading import autodiscover_modules

from zit.core.roles import has_any_scope, has_perm, role_assignments

Test = Callable[[Any], bool]
Current = Callable[[str, str], bool]  # (URL namespace, URL name) of the page shown


def any_scope(perm: str) -> Test:
    """The user holds the permission, at least for one organisation (the menu's `has_zit_perm`)."""
    return lambda user: has_any_scope(user, perm)


def everywhere(perm: str) -> Test:
    """The user holds the permission without an organisation's limit (the templates' `can`)."""
    return lambda user: has_perm(user, perm)


def holds_role(*roles: str) -> Test:
    return lambda user: any(a.role in roles for a in role_assignments(user))


def all_of(*tests: Test) -> Test:
    return lambda user: all(t(user) for t in tests)


def never(namespace: str, name: str) -> bool:
    return False


@dataclass(frozen=True)
class MenuEntry:
    order: int
    url_name: str
    label: Any  # a lazy translation
    test: Test
    current: Current = never
    count: Callable[[Any], str] | None = None  # the badge's text, "" for none
    shortcut: bool = False  # one of the daily areas offered on the dashboard ("Na skróty")


@dataclass(frozen=True)
class Link:
    url_name: str
    label: Any
    test: Test | None = None


@dataclass(frozen=True)
class PanelEntry:
    order: int
    title: Any
    text: Any
    test: Test
    links: Sequence[Link] = ()
    more_links: Callable[[Any], list[tuple[str, str]]] | None = None  # links that depend on the user


@dataclass
class MenuItem:
    url: str
    label: str
    current: bool
    badge: str = ""


@dataclass
class Panel:
    title: str
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)


_MENU: dict[str, MenuEntry] = {}
_PANELS: dict[str, PanelEntry] = {}


def _add(registry: dict, key: str, entry: Any) -> None:
    existing = registry.get(key)
    if existing is not None and existing != entry:
        raise ValueError(f"Navigation entry {key} is declared twice")
    registry[key] = entry


def menu(*entries: MenuEntry) -> None:
    """Register menu entries (in the app's navigation.py); the key is the URL name, declared once."""
    for entry in entries:
        _add(_MENU, entry.url_name, entry)


def panel(key: str, entry: PanelEntry) -> None:
    """Register a dashboard panel under a key of the app (e.g. "governance.meetings")."""
    _add(_PANELS, key, entry)


def menu_entries() -> list[MenuEntry]:
    autodiscover_modules("navigation")
    return sorted(_MENU.values(), key=lambda e: (e.order, e.url_name))


def panel_entries() -> list[tuple[str, PanelEntry]]:
    autodiscover_modules("navigation")
    return sorted(_PANELS.items(), key=lambda kv: (kv[1].order, kv[0]))


def menu_items(*, user: Any, namespace: str, url_name: str) -> list[MenuItem]:
    """The office's menu for this user on the page named (namespace, url_name)."""
    items = []
    for entry in menu_entries():
        if not entry.test(user):
            continue
        badge = entry.count(user) if entry.count else ""
        items.append(
            MenuItem(reverse(entry.url_name), str(entry.label), entry.current(namespace, url_name), badge)
        )
    return items


def shortcuts(*, user: Any) -> list[tuple[str, str]]:
    """The daily areas the user may open, for the dashboard's "Na skróty": the menu entries marked as
    shortcuts, in the menu's order, each with its permission test."""
    return [
        (reverse(entry.url_name), str(entry.label))
        for entry in menu_entries()
        if entry.shortcut and entry.test(user)
    ]


def dashboard_panels(*, user: Any) -> list[Panel]:
    """The panels of the user's dashboard, each with the links the user may follow."""
    panels = []
    for _key, entry in panel_entries():
        if not entry.test(user):
            continue
        links = [
            (reverse(link.url_name), str(link.label))
            for link in entry.links
            if not link.test or link.test(user)
        ]
        if entry.more_links:
            links += entry.more_links(user)
        panels.append(Panel(str(entry.title), str(entry.text), links))
    return panels


# --- core's own pages (this module is also core's `<app>/navigation.py`)


def _core_entries() -> None:
    from django.utils.translation import gettext_lazy as _

    from zit.core.roles import Perm

    menu(
        MenuEntry(290, "core:jobs", _("Zadania w tle"), any_scope(Perm.JOBS_VIEW), lambda ns, n: "job" in n),
        MenuEntry(
            300,
            "core:audit",
            _("Dziennik zmian"),
            any_scope(Perm.AUDIT_VIEW),
            lambda ns, n: "audit" in n or n == "history",
        ),
    )
    panel(
        "core.audit",
        PanelEntry(
            100,
            _("Dziennik zmian"),
            _("Kto, co i kiedy zmienił."),
            any_scope(Perm.AUDIT_VIEW),
            [Link("core:audit", _("Dziennik"))],
        ),
    )
    panel(
        "core.jobs",
        PanelEntry(
            110,
            _("Zadania w tle"),
            _("Importy i prace cykliczne z paskiem postępu."),
            any_scope(Perm.JOBS_VIEW),
            [Link("core:jobs", _("Zadania"))],
        ),
    )
    panel(
        "core.trust_list",
        PanelEntry(
            115,
            _("Zaufane certyfikaty"),
            _("Lista zaufanych usług, według której platforma sprawdza podpisy wgranych dokumentów."),
            any_scope(Perm.AUDIT_CORRECT),
            [Link("core:trust_list", _("Certyfikaty"))],
        ),
    )


_core_entries()
