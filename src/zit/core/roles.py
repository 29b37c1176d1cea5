"""Roles and what each may do: the one permission matrix every service and selector checks against.

Scoped roles (member officer, beneficiary user) hold a permission only for their own organisation.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE_ADMIN = "office_admin", _("administrator biura")
    OFFICE_STAFF = "office_staff", _("pracownik biura")
    BODY_SECRETARY = "body_secretary", _("sekretarz organu")
    MEMBER_OFFICER = "member_officer", _("urzędnik członka")
    BENEFICIARY = "beneficiary", _("użytkownik beneficjenta")
    ASSESSOR = "assessor", _("oceniający")
    BOARD_MEMBER = "board_member", _("członek Zarządu")
    AUDIT_COMMITTEE = "audit_committee", _("członek Komisji Rewizyjnej")
    SOCIAL_ECONOMY_CONTACT = "social_economy_contact", _("osoba kontaktowa WOES")


SCOPED_ROLES = frozenset({Role.MEMBER_OFFICER, Role.BENEFICIARY})
OFFICE = frozenset({Role.OFFICE_ADMIN, Role.OFFICE_STAFF})
# Roles that reach personal data, money and the admin site: they sign in with a second factor (zit.accounts)
# and their sessions end after ZIT_SESSION_IDLE_HOURS_OFFICE without activity; everyone else may add one.
SECOND_FACTOR_REQUIRED = frozenset({Role.OFFICE_ADMIN, Role.OFFICE_STAFF, Role.BODY_SECRETARY})


class Perm:
    """Permission codes. Reading is a permission too: selectors check it as services do."""

    STAFF_AREA = "core.staff_area"  # the office's working pages
    AUDIT_VIEW = "core.audit_view"
    AUDIT_CORRECT = "core.audit_correct"
    JOBS_RUN = "core.jobs_run"
    JOBS_VIEW = "core.jobs_view"
    TERRITORY_EDIT = "territory.edit"
    ORGANISATION_VIEW = "organisations.view"
    ORGANISATION_EDIT = "organisations.edit"
    PEOPLE_VIEW = "association.people_view"
    PEOPLE_EDIT = "association.people_edit"
    PEOPLE_CONTACT = "association.people_contact"  # e-mails and phones of people
    PEOPLE_ERASE = "association.people_erase"  # GDPR erasure: irreversible, so the office only
    MANDATES_EDIT = "association.mandates_edit"
    MEMBERS_EDIT = "association.members_edit"
    BODIES_EDIT = "association.bodies_edit"
    ACCOUNTS_MANAGE = "accounts.manage"
    ADMIN_SITE = "accounts.admin_site"
    DECISIONS_RECORD = "core.decisions_record"
    FUNDING_VIEW = "funding.view"  # the agreement's obligations, rates and rules (the public sees the money)
    FUNDING_EDIT = "funding.edit"
    STRATEGY_VIEW = "strategy.view"  # drafts; the public sees versions in consultation and adopted ones
    STRATEGY_EDIT = "strategy.edit"
    PROJECTS_VIEW = (
        "projects.view"  # cards past the draft; scoped roles: their organisation's, drafts included
    )
    CARDS_EDIT = "projects.cards_edit"  # write and submit the cards of one's own organisation
    PROJECTS_MANAGE = "projects.manage"  # rounds, the formal check, the list, calls and opinions
    ASSESS = "assessment.assess"
    MONITORING_VIEW = "monitoring.view"  # dashboards, early warnings, the annual report
    GOVERNANCE_VIEW = "governance.view"  # meetings, draft resolutions and votes before publication
    GOVERNANCE_MANAGE = "governance.manage"  # run meetings, record votes, prepare and publish resolutions
    FEES_VIEW = "fees.view"  # fee assessments, payments and arrears
    FEES_MANAGE = "fees.manage"  # fee rules, payments, bank statements, reminders
    INFORMATION_REQUESTS = "public_information.requests"  # requests for public information
    RECORDS_MANAGE = "records.manage"  # the file plan, retention holds, disposal lists and their destruction
    SOCIAL_ECONOMY_EDIT = "social_economy.edit"  # the PES directory, listing requests, the support offer
    STATEMENT_EDIT = (
        "portal.statement_edit"  # the accessibility statement, easy-to-read text and PJM recording
    )
    PRIVACY_VIEW = (
        "privacy.view"  # the register of processing activities (art. 30 GDPR) and the erasure rules
    )
    PRIVACY_EDIT = "privacy.edit"  # change the register: the office's administrators only


_ALL_STAFF = {
    Perm.STAFF_AREA,
    Perm.AUDIT_VIEW,
    Perm.JOBS_RUN,
    Perm.JOBS_VIEW,
    Perm.TERRITORY_EDIT,
    Perm.ORGANISATION_VIEW,
    Perm.ORGANISATION_EDIT,
    Perm.PEOPLE_VIEW,
    Perm.PEOPLE_EDIT,
    Perm.PEOPLE_CONTACT,
    Perm.PEOPLE_ERASE,
    Perm.MANDATES_EDIT,
    Perm.MEMBERS_EDIT,
    Perm.BODIES_EDIT,
    Perm.DECISIONS_RECORD,
    Perm.FUNDING_VIEW,
    Perm.FUNDING_EDIT,
    Perm.STRATEGY_VIEW,
    Perm.STRATEGY_EDIT,
    Perm.PROJECTS_VIEW,
    Perm.PROJECTS_MANAGE,
    Perm.MONITORING_VIEW,
    Perm.GOVERNANCE_VIEW,
    Perm.GOVERNANCE_MANAGE,
    Perm.FEES_VIEW,
    Perm.FEES_MANAGE,
    Perm.INFORMATION_REQUESTS,
    Perm.RECORDS_MANAGE,
    Perm.SOCIAL_ECONOMY_EDIT,
    Perm.STATEMENT_EDIT,
    Perm.PRIVACY_VIEW,
}

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OFFICE_ADMIN: frozenset(
        _ALL_STAFF | {Perm.AUDIT_CORRECT, Perm.ACCOUNTS_MANAGE, Perm.ADMIN_SITE, Perm.PRIVACY_EDIT}
    ),
    Role.OFFICE_STAFF: frozenset(_ALL_STAFF),
    Role.BODY_SECRETARY: frozenset(
        {
            Perm.MONITORING_VIEW,
            Perm.GOVERNANCE_VIEW,
            Perm.GOVERNANCE_MANAGE,
            Perm.STAFF_AREA,
            Perm.PEOPLE_VIEW,
            Perm.PEOPLE_EDIT,
            Perm.PEOPLE_CONTACT,
            Perm.MANDATES_EDIT,
            Perm.ORGANISATION_VIEW,
            Perm.DECISIONS_RECORD,
            Perm.FUNDING_VIEW,
            Perm.STRATEGY_VIEW,
            Perm.PROJECTS_VIEW,
        }
    ),
    Role.MEMBER_OFFICER: frozenset(
        {
            Perm.ORGANISATION_VIEW,
            Perm.ORGANISATION_EDIT,
            Perm.PEOPLE_VIEW,
            Perm.PROJECTS_VIEW,
            Perm.CARDS_EDIT,
        }
    ),
    Role.BENEFICIARY: frozenset(
        {Perm.ORGANISATION_VIEW, Perm.ORGANISATION_EDIT, Perm.PROJECTS_VIEW, Perm.CARDS_EDIT}
    ),
    Role.ASSESSOR: frozenset({Perm.ASSESS}),
    # the support centre's (WOES) contact person keeps the PES directory and nothing else; the registry data
    # of a PES (name, NIP, address) change through the directory's services, which touch PES only
    Role.SOCIAL_ECONOMY_CONTACT: frozenset({Perm.SOCIAL_ECONOMY_EDIT}),
    Role.BOARD_MEMBER: frozenset(
        {
            Perm.MONITORING_VIEW,
            Perm.GOVERNANCE_VIEW,
            Perm.FEES_VIEW,
            Perm.STAFF_AREA,
            Perm.PEOPLE_VIEW,
            Perm.ORGANISATION_VIEW,
            Perm.JOBS_VIEW,
            Perm.FUNDING_VIEW,
            Perm.STRATEGY_VIEW,
            Perm.PROJECTS_VIEW,
        }
    ),
    Role.AUDIT_COMMITTEE: frozenset(
        {
            Perm.MONITORING_VIEW,
            Perm.GOVERNANCE_VIEW,
            Perm.FEES_VIEW,
            Perm.STAFF_AREA,
            Perm.AUDIT_VIEW,
            Perm.PRIVACY_VIEW,
            Perm.PEOPLE_VIEW,
            Perm.ORGANISATION_VIEW,
            Perm.JOBS_VIEW,
            Perm.FUNDING_VIEW,
            Perm.STRATEGY_VIEW,
            Perm.PROJECTS_VIEW,
        }
    ),
}


class RoleAssignmentLike(Protocol):
    role: str
    organisation_id: int | None


def role_assignments(user: Any) -> list[RoleAssignmentLike]:
    """The user's active role assignments, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_zit_roles", None)
    if cached is None:
        cached = list(user.role_assignments.all())
        user._zit_roles = cached
    return cached


def roles_of(user: Any) -> set[str]:
    return {a.role for a in role_assignments(user)}


def scoped_organisation_ids(user: Any, perm: str) -> set[int] | None:
    """Organisations in which the user holds `perm`; None means everywhere (an unscoped role grants it)."""
    ids: set[int] = set()
    for assignment in role_assignments(user):
        if perm not in PERMISSIONS.get(assignment.role, ()):
            continue
        if assignment.role not in SCOPED_ROLES:
            return None
        if assignment.organisation_id:
            ids.add(assignment.organisation_id)
    return ids


def has_perm(user: Any, perm: str, *, organisation_id: int | None = None) -> bool:
    scope = scoped_organisation_ids(user, perm)
    if scope is None:
        return True
    return organisation_id is not None and organisation_id in scope


def has_any_scope(user: Any, perm: str) -> bool:
    scope = scoped_organisation_ids(user, perm)
    return scope is None or bool(scope)


def require(user: Any, perm: str, *, organisation_id: int | None = None) -> None:
    if not has_perm(user, perm, organisation_id=organisation_id):
        raise PermissionDenied(_("Nie masz uprawnień do tej czynności."))


def require_unless_system(user: Any, perm: str, *, organisation_id: int | None = None) -> None:
    """`require`, except for `None`: the platform's own loaders (reference and demo data) act as the system.
    Every page and API call passes its logged-in user, so `None` never comes from outside."""
    if user is not None:
        require(user, perm, organisation_id=organisation_id)
