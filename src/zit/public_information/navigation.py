"""Requests for public information in the office's menu and on the dashboard (zit.core.navigation)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm, has_perm


def _requests_attention(user: Any) -> str:
    """Overdue requests and those due within 3 working days, beside the menu entry."""
    if not has_perm(user, Perm.INFORMATION_REQUESTS):
        return ""
    from zit.public_information import selectors

    counts = selectors.attention_counts(user=user, today=timezone.localdate())
    total = counts["overdue"] + counts["soon"]
    return gettext("pilne: %(n)s") % {"n": total} if total else ""


menu(
    MenuEntry(
        160,
        "public_information:list",
        _("Wnioski o informację publiczną"),
        any_scope(Perm.INFORMATION_REQUESTS),
        lambda ns, n: ns == "public_information",
        count=_requests_attention,
        shortcut=True,
    ),
)

panel(
    "public_information.requests",
    PanelEntry(
        50,
        _("Wnioski o informację publiczną"),
        _("Rejestr wniosków, terminy odpowiedzi i ich przedłużenia."),
        any_scope(Perm.INFORMATION_REQUESTS),
        [Link("public_information:list", _("Wnioski"))],
    ),
)
