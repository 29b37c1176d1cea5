"""The portal's page in the office's menu (zit.core.navigation): the accessibility statement."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import MenuEntry, any_scope, menu
from zit.core.roles import Perm

menu(
    MenuEntry(
        15,
        "portal:statement_edit",
        _("Deklaracja dostępności"),
        any_scope(Perm.STATEMENT_EDIT),
        lambda ns, n: ns == "portal" and n == "statement_edit",
    ),
)
