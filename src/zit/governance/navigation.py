"""Governance's pages in the office's menu and on the dashboard (zit.core.navigation): meetings and
resolutions, and for now the fees and the requests for public information, which live in this app."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm, has_perm


def _requests_attention(user: Any) -> str:
    """Overdue requests and those due within 3 working days, beside the menu entry."""
    if not has_perm(user, Perm.INFORMATION_REQUESTS):
        return ""
    from zit.governance import requests_selectors

    counts = requests_selectors.attention_counts(user=user, today=timezone.localdate())
    total = counts["overdue"] + counts["soon"]
    return _now("pilne: %(n)s") % {"n": total} if total else ""


menu(
    MenuEntry(
        150,
        "governance:meetings",
        _("Posiedzenia i uchwały"),
        any_scope(Perm.GOVERNANCE_VIEW),
        lambda ns, n: ns == "governance",
    ),
    MenuEntry(
        160,
        "information_requests:list",
        _("Wnioski o informację publiczną"),
        any_scope(Perm.INFORMATION_REQUESTS),
        lambda ns, n: ns == "information_requests",
        count=_requests_attention,
    ),
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
            Link("register:resolutions", _("Rejestr publiczny")),
        ],
    ),
)
panel(
    "governance.fees",
    PanelEntry(
        40,
        _("Składki członkowskie"),
        _("Zasady składek na rok, naliczenia, wpłaty, zaległości i przypomnienia."),
        any_scope(Perm.FEES_VIEW),
        [Link("fees:rules", _("Zasady składek")), Link("fees:assessments", _("Salda i wpłaty"))],
    ),
)
panel(
    "governance.information_requests",
    PanelEntry(
        50,
        _("Wnioski o informację publiczną"),
        _("Rejestr wniosków, terminy odpowiedzi i ich przedłużenia."),
        any_scope(Perm.INFORMATION_REQUESTS),
        [Link("information_requests:list", _("Wnioski"))],
    ),
)
