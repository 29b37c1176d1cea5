"""The social economy's pages in the office's menu and on the dashboard (zit.core.navigation)."""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm, has_perm


def _new_requests(user: Any) -> str:
    """New requests from the public form, beside the menu entry."""
    if not has_perm(user, Perm.SOCIAL_ECONOMY_EDIT):
        return ""
    from zit.social_economy import selectors

    n = selectors.new_requests_count(user=user)
    return gettext("nowe zgłoszenia: %(n)s") % {"n": n} if n else ""


menu(
    MenuEntry(
        170,
        "social_economy:entities",
        _("Ekonomia społeczna"),
        any_scope(Perm.SOCIAL_ECONOMY_EDIT),
        lambda ns, n: ns == "social_economy",
        count=_new_requests,
        shortcut=True,
    )
)

panel(
    "social_economy.entities",
    PanelEntry(
        80,
        _("Ekonomia społeczna"),
        _("Katalog podmiotów ekonomii społecznej: wpisy, zgłoszenia z formularza, import i oferta wsparcia."),
        any_scope(Perm.SOCIAL_ECONOMY_EDIT),
        [
            Link("social_economy:entities", _("Podmioty")),
            Link("social_economy:requests", _("Zgłoszenia")),
            Link("social_economy:offer", _("Oferta wsparcia")),
        ],
    ),
)
