"""The contracts' pages in the office's menu (zit.core.navigation): the published list and the reconciliation
with the managing authority's exports; a contract itself is reached from its card."""

from django.utils.translation import gettext_lazy as _

from zit.core.navigation import MenuEntry, all_of, any_scope, everywhere, menu
from zit.core.roles import Perm

# the office's: a scoped role sees only its organisation's cards and contracts
_manage = all_of(
    any_scope(Perm.PROJECTS_VIEW), everywhere(Perm.PROJECTS_VIEW), any_scope(Perm.PROJECTS_MANAGE)
)

menu(
    MenuEntry(
        110,
        "contracts:published_imports",
        _("Wykaz projektów"),
        _manage,
        lambda ns, n: ns == "contracts" and "published" in n,
    ),
    MenuEntry(
        120,
        "contracts:reconciliations",
        _("Uzgodnienia z IZ"),
        _manage,
        lambda ns, n: ns == "contracts" and "recon" in n,
    ),
    MenuEntry(
        125,
        "contracts:iz_feeds",
        _("Dane okresowe IZ"),
        _manage,
        lambda ns, n: ns == "contracts" and n.startswith("iz_"),
    ),
)
