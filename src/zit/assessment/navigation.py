"""The assessors' pages in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm

menu(
    MenuEntry(
        200,
        "assessment:mine",
        _("Oceny"),
        any_scope(Perm.ASSESS),
        lambda ns, n: ns == "assessment",
        shortcut=True,
    )
)

panel(
    "assessment.mine",
    PanelEntry(
        120,
        _("Ocena projektów"),
        _(
            "Fiszki przydzielone Ci do oceny i oświadczenia o bezstronności. Fiszki naboru zobaczysz "
            "po podpisaniu oświadczenia dla tego naboru."
        ),
        any_scope(Perm.ASSESS),
        [Link("assessment:mine", _("Moje oceny"))],
    ),
)
