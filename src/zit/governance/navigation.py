"""Governance's pages in the office's menu and on the dashboard (zit.core.navigation): meetings and
resolutions."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm

menu(
    MenuEntry(
        150,
        "governance:meetings",
        _("Posiedzenia i uchwały"),
        any_scope(Perm.GOVERNANCE_VIEW),
        lambda ns, n: ns == "governance",
        shortcut=True,
    ),
)

panel(
    "governance.meetings",
    PanelEntry(
        30,
        _("Posiedzenia i uchwały"),
        _("Posiedzenia organów, porządek obrad, obecność, głosowania, uchwały i rejestr publiczny."),
        any_scope(Perm.GOVERNANCE_VIEW),
        [
            Link("governance:meetings", _("Posiedzenia")),
            Link("governance:resolutions", _("Uchwały")),
            Link("governance:opinions", _("Opinie grupy roboczej")),
            Link("governance:years", _("Rok sprawozdawczy")),
            Link("register:resolutions", _("Rejestr publiczny")),
        ],
    ),
)
