"""The area's pages in the office's menu and on the dashboard (zit.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import Link, MenuEntry, PanelEntry, any_scope, menu, panel
from zit.core.roles import Perm

_edit = any_scope(Perm.TERRITORY_EDIT)

menu(
    MenuEntry(
        260,
        "territory:area",
        _("Obszar i statystyki"),
        _edit,
        lambda ns, n: (
            (ns == "territory" and n == "area")
            or n == "legal_basis"
            or "observation" in n
            or n == "statistics"
        ),
    ),
    MenuEntry(
        270,
        "territory:diagnosis",
        _("Diagnoza: dane o gminach"),
        _edit,
        lambda ns, n: (ns == "territory" and "variable" in n) or n == "diagnosis" or n == "statistics_import",
    ),
    MenuEntry(
        280,
        "territory:import",
        _("Import obszaru"),
        _edit,
        lambda ns, n: ns == "territory" and n == "import",
    ),
)

panel(
    "territory.area",
    PanelEntry(
        70,
        _("Obszar i dane o gminach"),
        _("Wersje obszaru, podstawa prawna, poprawki statystyk, import."),
        _edit,
        [Link("territory:area", _("Obszar")), Link("territory:import", _("Import obszaru"))],
    ),
)
