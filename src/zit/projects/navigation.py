"""The projects' pages in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import (
    Link,
    MenuEntry,
    PanelEntry,
    all_of,
    any_scope,
    everywhere,
    holds_role,
    menu,
    panel,
)
from zit.core.roles import Perm, Role

_view = any_scope(Perm.PROJECTS_VIEW)
# the list, the calls and the imports are the office's: a scoped role sees only its organisation's cards
_view_all = all_of(_view, everywhere(Perm.PROJECTS_VIEW))
_manage = all_of(_view_all, any_scope(Perm.PROJECTS_MANAGE))

menu(
    MenuEntry(
        70,
        "projects:cards",
        _("Fiszki projektowe"),
        _view,
        # a contract's pages hang under its card
        lambda ns, n: (
            ns == "projects" and "card" in n and "round" not in n or ns == "contracts" and "card" in n
        ),
        shortcut=True,
    ),
    MenuEntry(
        80, "projects:rounds", _("Nabory fiszek"), _view, lambda ns, n: ns == "projects" and "round" in n
    ),
    MenuEntry(
        90,
        "projects:lists",
        _("Lista projektów strategicznych"),
        _view_all,
        lambda ns, n: ns == "projects" and "list" in n,
        shortcut=True,
    ),
    MenuEntry(
        100,
        "projects:calls",
        _("Nabory IZ"),
        _view_all,
        lambda ns, n: ns == "projects" and "call" in n,
        shortcut=True,
    ),
    MenuEntry(
        135,
        "projects:member_shares",
        _("Udziały członków w alokacji"),
        lambda user: _view_all(user) or holds_role(Role.MEMBER_OFFICER)(user),
        lambda ns, n: ns == "projects" and n in ("member_shares", "member_share"),
    ),
    MenuEntry(
        130,
        "projects:notifications",
        _("Powiadomienia o fiszkach"),
        _manage,
        lambda ns, n: ns == "projects" and n == "notifications",
    ),
)

panel(
    "projects.cards",
    PanelEntry(
        20,
        _("Projekty"),
        _("Pomysły na projekty (fiszki), ich stan i historia, nabory fiszek."),
        _view,
        [
            Link("projects:cards", _("Fiszki projektowe")),
            Link("projects:rounds", _("Nabory")),
            Link("projects:card_new", _("Nowa fiszka"), any_scope(Perm.CARDS_EDIT)),
        ],
    ),
)
panel(
    "projects.own",
    PanelEntry(
        130,
        _("Projekty"),
        _("Nie masz jeszcze zgłoszonych projektów."),
        holds_role(Role.BENEFICIARY, Role.MEMBER_OFFICER),
    ),
)
