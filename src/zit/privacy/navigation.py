"""The register of processing activities in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm

menu(
    MenuEntry(
        287,
        "privacy:activities",
        _("Ochrona danych (RODO)"),
        any_scope(Perm.PRIVACY_VIEW),
        lambda ns, n: ns == "privacy",
    ),
)

panel(
    "privacy.register",
    PanelEntry(
        105,
        _("Ochrona danych osobowych"),
        _("Rejestr czynności przetwarzania (art. 30 RODO) i usuwanie danych po okresie przechowywania."),
        any_scope(Perm.PRIVACY_VIEW),
        [Link("privacy:activities", _("Rejestr")), Link("privacy:rules", _("Usuwanie danych"))],
    ),
)
