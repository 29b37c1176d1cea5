"""Funding's pages in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm

_view = any_scope(Perm.FUNDING_VIEW)

menu(
    MenuEntry(
        210,
        "funding:agreement",
        _("Porozumienie ZIT"),
        _view,
        lambda ns, n: (ns == "funding" and "agreement" in n) or "split" in n or "obligation" in n,
        shortcut=True,
    ),
    MenuEntry(
        215,
        "funding:shares",
        _("Klucz podziału alokacji"),
        _view,
        lambda ns, n: ns == "funding" and n in ("shares", "share_key_new"),
    ),
    MenuEntry(
        220,
        "funding:programme",
        _("Program FEW 2021+"),
        _view,
        lambda ns, n: (ns == "funding" and "programme" in n) or "priority" in n or "measure" in n,
    ),
    MenuEntry(
        230,
        "funding:rates",
        _("Kursy walut"),
        _view,
        lambda ns, n: ns == "funding" and ("rate" in n or "rule" in n),
    ),
    MenuEntry(
        240,
        "funding:indicators",
        _("Katalog wskaźników"),
        _view,
        lambda ns, n: ns == "funding" and "indicator" in n,
    ),
    MenuEntry(
        250,
        "funding:import",
        _("Import danych programu"),
        any_scope(Perm.FUNDING_EDIT),
        lambda ns, n: ns == "funding" and n == "import",
    ),
)

panel(
    "funding.agreement",
    PanelEntry(
        60,
        _("Porozumienie ZIT i pieniądze"),
        _("Alokacja i jej podział, terminy obowiązków z porozumienia, program, kursy, wskaźniki."),
        _view,
        [
            Link("funding:agreement", _("Porozumienie i obowiązki")),
            Link("funding:programme", _("Program FEW 2021+")),
            Link("funding:indicators", _("Katalog wskaźników")),
        ],
    ),
)
