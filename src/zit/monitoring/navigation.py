"""Monitoring's entry in the office's menu (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import MenuEntry, any_scope, menu
from zit.core.roles import Perm

menu(
    MenuEntry(
        140,
        "monitoring:dashboard",
        _("Monitoring"),
        any_scope(Perm.MONITORING_VIEW),
        lambda ns, n: ns == "monitoring",
        shortcut=True,
    )
)
