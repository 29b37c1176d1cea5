"""Records in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, everywhere, menu, panel
from zit.core.roles import Perm

menu(
    MenuEntry(
        173,
        "records:disposals",
        _("Dokumentacja i brakowanie"),
        everywhere(Perm.RECORDS_MANAGE),
        lambda ns, n: ns == "records",
    ),
)

panel(
    "records.retention",
    PanelEntry(
        87,
        _("Retencja i brakowanie dokumentacji"),
        _("Wykaz akt, okresy przechowywania dokumentów platformy i roczne spisy do brakowania."),
        everywhere(Perm.RECORDS_MANAGE),
        [
            Link("records:plan", _("Wykaz akt")),
            Link("records:kinds", _("Rodzaje dokumentów")),
            Link("records:disposals", _("Spisy do brakowania")),
            Link("records:holds", _("Wstrzymania")),
        ],
    ),
)
