"""The account's own entry in the office's menu (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import MenuEntry, menu

menu(MenuEntry(0, "accounts:dashboard", _("Mój pulpit"), lambda user: True))
