import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from zit.association.models import Member
from zit.core.roles import PERMISSIONS, Perm, Role, has_any_scope, has_perm, require, roles_of

# (role, permission, expected) for unscoped roles; a few rows per role.
MATRIX = [
    ("office_admin", Perm.AUDIT_CORRECT, True),
    ("office_admin", Perm.ACCOUNTS_MANAGE, True),
    ("office_admin", Perm.ADMIN_SITE, True),
    ("office_admin", Perm.TERRITORY_EDIT, True),
    ("office_staff", Perm.TERRITORY_EDIT, True),
    ("office_staff", Perm.JOBS_RUN, True),
    ("office_staff", Perm.MEMBERS_EDIT, True),
    ("office_staff", Perm.AUDIT_CORRECT, False),
    ("office_staff", Perm.ACCOUNTS_MANAGE, False),
    ("office_staff", Perm.ADMIN_SITE, False),
    ("body_secretary", Perm.BODIES_EDIT, False),
    ("body_secretary", Perm.MANDATES_EDIT, True),
    ("body_secretary", Perm.PEOPLE_ERASE, False),
    ("body_secretary", Perm.PEOPLE_CONTACT, True),
    ("office_staff", Perm.PEOPLE_ERASE, True),
    ("board_member", Perm.PEOPLE_CONTACT, False),
    ("audit_committee", Perm.PEOPLE_CONTACT, False),
    ("body_secretary", Perm.PEOPLE_EDIT, True),
    ("body_secretary", Perm.MEMBERS_EDIT, False),
    ("body_secretary", Perm.TERRITORY_EDIT, False),
    ("body_secretary", Perm.AUDIT_VIEW, False),
    ("board_member", Perm.JOBS_VIEW, True),
    ("board_member", Perm.PEOPLE_VIEW, True),
    ("board_member", Perm.JOBS_RUN, False),
    ("board_member", Perm.PEOPLE_EDIT, False),
    ("audit_committee", Perm.AUDIT_VIEW, True),
    ("audit_committee", Perm.AUDIT_CORRECT, False),
    ("audit_committee", Perm.ORGANISATION_EDIT, False),
    ("assessor", Perm.STAFF_AREA, False),
    ("assessor", Perm.ORGANISATION_VIEW, False),
    ("assessor", Perm.PEOPLE_VIEW, False),
]


@pytest.mark.parametrize(("role", "perm", "expected"), MATRIX)
def test_unscoped_role_matrix(user_for_role, role, perm, expected):
    user = user_for_role(role)
    assert has_perm(user, perm) is expected
    assert (
        has_perm(user, perm, organisation_id=123456) is expected
    )  # an unscoped role ignores the organisation


def test_assessor_holds_only_the_right_to_assess(user_for_role):
    user = user_for_role("assessor")
    perms = {v for k, v in vars(Perm).items() if k.isupper()}
    assert {p for p in perms if has_perm(user, p)} == {Perm.ASSESS}


def test_every_role_has_an_entry_in_the_matrix():
    assert set(PERMISSIONS) == set(Role.values)


@pytest.fixture
def two_members(association_data):
    return Member.objects.get(slug="slesin").organisation, Member.objects.get(slug="golina").organisation


@pytest.mark.parametrize("role", ["member_officer", "beneficiary"])
def test_scoped_role_edits_only_own_organisation(user_for_role, two_members, role):
    own, other = two_members
    user = user_for_role(role, organisation=own)
    assert has_perm(user, Perm.ORGANISATION_EDIT, organisation_id=own.pk)
    assert not has_perm(user, Perm.ORGANISATION_EDIT, organisation_id=other.pk)
    assert not has_perm(user, Perm.ORGANISATION_EDIT)  # no organisation named: not granted
    assert has_any_scope(user, Perm.ORGANISATION_EDIT)


def test_member_officer_sees_own_people_but_cannot_edit(user_for_role, two_members):
    own, other = two_members
    user = user_for_role("member_officer", organisation=own)
    assert has_perm(user, Perm.PEOPLE_VIEW, organisation_id=own.pk)
    assert not has_perm(user, Perm.PEOPLE_VIEW, organisation_id=other.pk)
    assert not has_perm(user, Perm.PEOPLE_EDIT, organisation_id=own.pk)
    assert not has_perm(user, Perm.STAFF_AREA)


def test_beneficiary_has_no_people_access(user_for_role, two_members):
    own, _other = two_members
    user = user_for_role("beneficiary", organisation=own)
    assert not has_perm(user, Perm.PEOPLE_VIEW, organisation_id=own.pk)
    assert not has_any_scope(user, Perm.PEOPLE_VIEW)


def test_require_raises_permission_denied(user_for_role, two_members):
    own, other = two_members
    officer = user_for_role("member_officer", organisation=own)
    require(officer, Perm.ORGANISATION_EDIT, organisation_id=own.pk)  # no exception
    with pytest.raises(PermissionDenied):
        require(officer, Perm.ORGANISATION_EDIT, organisation_id=other.pk)
    with pytest.raises(PermissionDenied):
        require(user_for_role("office_staff"), Perm.ACCOUNTS_MANAGE)


@pytest.mark.parametrize("user", [AnonymousUser(), None])
def test_anonymous_user_has_nothing(user):
    assert roles_of(user) == set()
    assert not has_perm(user, Perm.ORGANISATION_VIEW)
    assert not has_perm(user, Perm.ORGANISATION_VIEW, organisation_id=1)
    assert not has_any_scope(user, Perm.ORGANISATION_VIEW)
    with pytest.raises(PermissionDenied):
        require(user, Perm.STAFF_AREA)


def test_inactive_user_has_nothing(user_for_role):
    user = user_for_role("office_admin")
    user.is_active = False
    assert roles_of(user) == set()
    assert not has_perm(user, Perm.STAFF_AREA)


def test_roles_of_lists_assigned_roles(user_for_role):
    assert roles_of(user_for_role("body_secretary")) == {"body_secretary"}


def test_decision_reference_create_checks_the_matrix(user_for_role):
    """Every service checks the permission matrix (module docstring of zit.core.roles); an assessor holds no
    permission, so it may not record decisions."""
    from zit.core.services import decision_reference_create

    with pytest.raises(PermissionDenied):
        decision_reference_create(actor=user_for_role("assessor"), issuer_kind="other", issuer_name="Ktoś")
