"""The strategy's entry in the office's menu (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import MenuEntry, any_scope, menu
from zit.core.roles import Perm

menu(
    MenuEntry(
        60,
        "strategy:versions",
        _("Strategia ZIT"),
        any_scope(Perm.STRATEGY_VIEW),
        lambda ns, n: ns == "strategy",
        shortcut=True,
    )
)
