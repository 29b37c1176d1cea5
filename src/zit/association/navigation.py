"""The association's pages in the office's menu and on the dashboard (zit.core.navigation)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zit.core.formatting import polish_data
from zit.core.navigation import Link, MenuEntry, PanelEntry, all_of, any_scope, holds_role, menu, panel
from zit.core.roles import Perm, Role, role_assignments

menu(
    MenuEntry(
        10,
        "association:profile",
        _("Dane Stowarzyszenia"),
        any_scope(Perm.MEMBERS_EDIT),
        lambda ns, n: n == "profile",
    ),
    MenuEntry(
        20,
        "association:members",
        _("Członkowie"),
        any_scope(Perm.STAFF_AREA),
        lambda ns, n: ns == "association" and "member" in n,
        shortcut=True,
    ),
    MenuEntry(
        30,
        "association:organisations",
        _("Organizacje"),
        any_scope(Perm.ORGANISATION_VIEW),
        lambda ns, n: "organisation" in n,
    ),
    MenuEntry(
        40,
        "association:people",
        _("Osoby"),
        any_scope(Perm.PEOPLE_VIEW),
        lambda ns, n: "person" in n or n == "people",
    ),
    MenuEntry(
        50,
        "association:bodies",
        _("Organy i mandaty"),
        any_scope(Perm.STAFF_AREA),
        lambda ns, n: "bod" in n or "mandate" in n,
    ),
)


def _not_members_editor(user: Any) -> bool:
    return not any_scope(Perm.MEMBERS_EDIT)(user)


def _own_organisations(user: Any) -> list[tuple[str, str]]:
    orgs = [a.organisation for a in role_assignments(user) if a.organisation_id]
    # a name typed in Polish, marked so on pages in other languages
    return [(reverse("association:organisation", args=[o.pk]), polish_data(str(o))) for o in orgs]


panel(
    "association.members",
    PanelEntry(
        10,
        _("Członkowie i organy"),
        _("Lista członków, okresy członkostwa, osoby i mandaty."),
        any_scope(Perm.MEMBERS_EDIT),
        [
            Link("association:members", _("Członkowie")),
            Link("association:people", _("Osoby")),
            Link("association:bodies", _("Organy")),
        ],
    ),
)
# the bodies' members and secretaries, who do not keep the list of members
panel(
    "association.bodies",
    PanelEntry(
        11,
        _("Organy Stowarzyszenia"),
        _("Skład organów i mandaty."),
        all_of(_not_members_editor, holds_role(Role.BODY_SECRETARY, Role.BOARD_MEMBER, Role.AUDIT_COMMITTEE)),
        [Link("association:bodies", _("Organy")), Link("association:people", _("Osoby"))],
    ),
)
panel(
    "association.organisations",
    PanelEntry(
        90,
        _("Organizacje"),
        _("Dane organizacji: adres, NIP, REGON, KRS."),
        any_scope(Perm.ORGANISATION_VIEW),
        [Link("association:organisations", _("Rejestr organizacji"))],
        more_links=_own_organisations,
    ),
)
