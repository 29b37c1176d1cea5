"""Members' fees in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm

menu(
    MenuEntry(
        180,
        "fees:rules",
        _("Składki: zasady"),
        any_scope(Perm.FEES_VIEW),
        lambda ns, n: ns == "fees" and "rule" in n,
    ),
    MenuEntry(
        190,
        "fees:assessments",
        _("Składki: salda i wpłaty"),
        any_scope(Perm.FEES_VIEW),
        lambda ns, n: ns == "fees" and "rule" not in n,
        shortcut=True,
    ),
)

panel(
    "fees.fees",
    PanelEntry(
        40,
        _("Składki członkowskie"),
        _("Zasady składek na rok, naliczenia, wpłaty, zaległości i przypomnienia."),
        any_scope(Perm.FEES_VIEW),
        [Link("fees:rules", _("Zasady składek")), Link("fees:assessments", _("Salda i wpłaty"))],
    ),
)
