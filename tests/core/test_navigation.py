"""The office's menu and the dashboard are declared by the apps that own the pages (zit.core.navigation)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from zit.core import navigation
from zit.core.navigation import Link, MenuEntry, PanelEntry, menu_entries, panel_entries
from zit.core.roles import Role

from .test_layers import namespace_apps

ZIT = Path(__file__).resolve().parents[2] / "src" / "zit"


def test_every_entry_names_a_page_and_has_its_own_place():
    entries = menu_entries()
    for entry in entries:
        reverse(entry.url_name)
    assert len({e.order for e in entries}) == len(entries)
    panels = [p for _key, p in panel_entries()]
    assert len({p.order for p in panels}) == len(panels)
    for p in panels:
        for link in p.links:
            reverse(link.url_name)


def test_each_app_declares_only_its_own_pages():
    owners = namespace_apps()
    found = []
    for path in sorted(ZIT.glob("*/navigation.py")):
        app = path.parent.name
        for ns in re.findall(r"[\"']([a-z_-]+):[a-z_]+[\"']", path.read_text(encoding="utf-8")):
            if owners.get(ns) != app:
                found.append(f"{app}/navigation.py names {ns}: ({owners.get(ns)})")
    assert found == []


def test_an_entry_is_declared_once(monkeypatch):
    monkeypatch.setattr(navigation, "_MENU", {})
    monkeypatch.setattr(navigation, "_PANELS", {})
    entry = MenuEntry(1, "core:jobs", "Zadania", lambda user: True)
    navigation.menu(entry)
    navigation.menu(entry)  # a module imported twice registers the same entry again
    with pytest.raises(ValueError):
        navigation.menu(MenuEntry(2, "core:jobs", "Inne", lambda user: True))
    panel = PanelEntry(1, "Tytuł", "Tekst", lambda user: True, [Link("core:jobs", "Zadania")])
    navigation.panel("core.test", panel)
    with pytest.raises(ValueError):
        navigation.panel("core.test", PanelEntry(2, "Inny", "Tekst", lambda user: True))


@pytest.mark.django_db
def test_the_menu_and_the_panels_follow_the_roles(user_for_role, rf):
    woes = user_for_role(Role.SOCIAL_ECONOMY_CONTACT)
    items = navigation.menu_items(user=woes, namespace="social_economy", url_name="entities")
    assert [(i.url, i.current) for i in items] == [
        (reverse("accounts:dashboard"), False),
        (reverse("social_economy:entities"), True),
    ]
    panels = navigation.dashboard_panels(user=woes)
    assert [p.title for p in panels] == ["Ekonomia społeczna"]
    assert [url for url, _label in panels[0].links] == [
        reverse("social_economy:entities"),
        reverse("social_economy:requests"),
        reverse("social_economy:offer"),
    ]
    office = user_for_role(Role.OFFICE_ADMIN)
    titles = [p.title for p in navigation.dashboard_panels(user=office)]
    assert titles.index("Członkowie i organy") < titles.index("Projekty") < titles.index("Dziennik zmian")
    assert "Organy Stowarzyszenia" not in titles  # the office keeps the members: the fuller panel
