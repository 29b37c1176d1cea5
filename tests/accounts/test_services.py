import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.accounts.models import RoleAssignment, User
from zit.accounts.services import role_assign, user_create
from zit.association.models import Member
from zit.core.models import AuditEvent
from zit.core.roles import Role, roles_of
from zit.organisations.services import organisation_create

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def organisation(db):
    return organisation_create(actor=None, name="Przedsiębiorstwo Testowe", kind="company")


@pytest.mark.django_db
def test_user_create_with_roles(organisation):
    user = user_create(
        actor=None,
        username="jan",
        password=PASSWORD,
        first_name="Jan",
        last_name="Kowalski",
        email="jan@example.invalid",
        roles=[("board_member", None), ("beneficiary", organisation)],
    )
    user = User.objects.get(pk=user.pk)
    assert user.check_password(PASSWORD)
    assert user.get_full_name() == "Jan Kowalski"
    assert roles_of(user) == {"board_member", "beneficiary"}
    assert RoleAssignment.objects.get(user=user, role="beneficiary").organisation == organisation
    assert not user.is_staff
    assert AuditEvent.objects.filter(action="accounts.user_create", object_id=str(user.pk)).count() == 1
    assert AuditEvent.objects.filter(action="accounts.role_assign", object_id=str(user.pk)).count() == 2


@pytest.mark.django_db
def test_password_is_not_stored_in_clear_or_in_the_audit_log():
    user = user_create(actor=None, username="jan", password=PASSWORD)
    assert PASSWORD not in User.objects.get(pk=user.pk).password
    assert PASSWORD not in str(AuditEvent.objects.get(action="accounts.user_create").after)


@pytest.mark.parametrize("role", ["member_officer", "beneficiary"])
@pytest.mark.django_db
def test_scoped_role_without_organisation_is_rejected(role):
    with pytest.raises(ValidationError) as exc:
        user_create(actor=None, username="jan", password=PASSWORD, roles=[(role, None)])
    assert "organisation" in exc.value.message_dict
    assert not User.objects.filter(username="jan").exists()  # nothing half-made


@pytest.mark.django_db
def test_unscoped_role_with_organisation_is_rejected(organisation):
    with pytest.raises(ValidationError) as exc:
        user_create(actor=None, username="jan", password=PASSWORD, roles=[("office_staff", organisation)])
    assert "organisation" in exc.value.message_dict
    assert not User.objects.filter(username="jan").exists()


@pytest.mark.django_db
def test_unknown_role_is_rejected():
    with pytest.raises(ValidationError):
        user_create(actor=None, username="jan", password=PASSWORD, roles=[("superhero", None)])


@pytest.mark.django_db
def test_duplicate_username_is_rejected():
    user_create(actor=None, username="jan", password=PASSWORD)
    with pytest.raises(ValidationError) as exc:
        user_create(actor=None, username="jan", password=PASSWORD)
    assert "username" in exc.value.message_dict


@pytest.mark.django_db
def test_office_admin_role_sets_is_staff():
    admin = user_create(actor=None, username="admin1", password=PASSWORD, roles=[("office_admin", None)])
    staff = user_create(actor=None, username="biuro1", password=PASSWORD, roles=[("office_staff", None)])
    assert User.objects.get(pk=admin.pk).is_staff
    assert not User.objects.get(pk=staff.pk).is_staff


@pytest.mark.django_db
def test_same_role_twice_is_rejected():
    user = user_create(actor=None, username="jan", password=PASSWORD, roles=[("office_staff", None)])
    with pytest.raises(ValidationError):
        role_assign(actor=None, user=user, role="office_staff")
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_only_office_admin_manages_accounts(user_for_role):
    admin = user_for_role("office_admin")
    created = user_create(actor=admin, username="nowy", password=PASSWORD, roles=[("assessor", None)])
    event = AuditEvent.objects.get(action="accounts.user_create", object_id=str(created.pk))
    assert event.actor_id == admin.pk
    for role in ("office_staff", "body_secretary", "assessor"):
        with pytest.raises(PermissionDenied):
            user_create(actor=user_for_role(role), username=f"od-{role}", password=PASSWORD)
        with pytest.raises(PermissionDenied):
            role_assign(actor=user_for_role(role), user=created, role="office_admin")
    assert not User.objects.filter(username__startswith="od-").exists()
    assert roles_of(User.objects.get(pk=created.pk)) == {"assessor"}


def test_demo_creates_an_account_for_every_role(demo):
    demo_users = User.objects.filter(is_demo=True)
    assert demo_users.count() == len(Role.values) + 1  # two assessors, as every card needs two
    for role in Role.values:
        expected = 2 if role == Role.ASSESSOR else 1
        assert RoleAssignment.objects.filter(user__is_demo=True, role=role).count() == expected, role
    officer = User.objects.get(username="gmina")
    assert officer.role_assignments.get().organisation == Member.objects.get(slug="slesin").organisation
    beneficiary = User.objects.get(username="beneficjent")
    assert beneficiary.role_assignments.get().organisation.is_demo
    assert User.objects.get(username="admin").is_staff


def test_demo_loader_is_idempotent(demo):
    from zit.association.models import Mandate, Person
    from zit.portal.demo import load_demo

    counts = (User.objects.count(), Person.objects.count(), Mandate.objects.count())
    accounts = load_demo()
    assert (User.objects.count(), Person.objects.count(), Mandate.objects.count()) == counts
    assert {role for _username, role in accounts} == set(Role.values)
