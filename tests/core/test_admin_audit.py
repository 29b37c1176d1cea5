"""What an administrator does in the Django admin leaves an audit event with the administrator as actor: an
account deleted there, or its groups and roles changed, cannot disappear from the history."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from zit.accounts.models import RoleAssignment, User
from zit.core.admin_audit import AuditedAdmin
from zit.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_admin(client, user_for_role):
    user = user_for_role("office_admin")
    user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def test_every_model_in_the_admin_is_audited():
    import zit.config.urls  # noqa: F401  the admin as the site serves it

    unaudited = [m._meta.label for m, a in admin.site._registry.items() if not isinstance(a, AuditedAdmin)]
    assert unaudited == []
    assert Group in admin.site._registry


def test_deleting_a_user_in_the_admin_is_audited(client, office_admin, user_for_role):
    victim = user_for_role("office_staff")
    response = client.post(reverse("admin:accounts_user_delete", args=[victim.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=victim.pk).exists()
    event = AuditEvent.objects.get(action="accounts.user_delete", object_id=str(victim.pk))
    assert event.actor_id == office_admin.pk
    assert event.before["username"] == victim.username
    assert event.before["relations"]["roles"] == ["pracownik biura"]
    assert "password" not in event.before
    assert event.after["deleted"]["accounts.User"] == 1


def test_bulk_deleting_users_in_the_admin_is_audited_one_by_one(client, office_admin, user_for_role):
    victims = [user_for_role("assessor"), user_for_role("assessor")]
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [v.pk for v in victims], "post": "yes"},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[v.pk for v in victims]).exists()
    events = AuditEvent.objects.filter(action="accounts.user_delete")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(str(v.pk) for v in victims)
    assert {e.actor_id for e in events} == {office_admin.pk}


def _change_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    assignments = list(user.role_assignments.all())
    data["role_assignments-TOTAL_FORMS"] = str(len(assignments))
    data["role_assignments-INITIAL_FORMS"] = str(len(assignments))
    for i, assignment in enumerate(assignments):
        data[f"role_assignments-{i}-id"] = str(assignment.pk)
        data[f"role_assignments-{i}-user"] = str(user.pk)
        data[f"role_assignments-{i}-role"] = assignment.role
    return data | changes


def test_changing_groups_and_staff_flags_in_the_admin_is_audited(client, office_admin, user_for_role):
    target = user_for_role("assessor")
    group = Group.objects.create(name="Kadry")
    url = reverse("admin:accounts_user_change", args=[target.pk])
    response = client.post(url, _change_form(target, groups=[group.pk], is_staff="on", is_superuser="on"))
    assert response.status_code == 302, response.content.decode()[:2000]

    target.refresh_from_db()
    assert target.is_superuser and list(target.groups.all()) == [group]
    access = AuditEvent.objects.get(action="accounts.user_access_change", object_id=str(target.pk))
    assert access.actor_id == office_admin.pk
    assert access.before == {"groups": []} and access.after == {"groups": ["Kadry"]}
    flags = AuditEvent.objects.get(action="accounts.user_update", object_id=str(target.pk))
    assert flags.actor_id == office_admin.pk
    assert flags.before["is_superuser"] is False and flags.after["is_superuser"] is True


def test_changing_roles_in_the_admin_is_audited(client, office_admin, user_for_role):
    target = user_for_role("assessor")
    data = _change_form(target)
    data |= {
        "role_assignments-TOTAL_FORMS": "2",
        "role_assignments-1-user": str(target.pk),
        "role_assignments-1-role": "office_admin",
    }
    response = client.post(reverse("admin:accounts_user_change", args=[target.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.filter(user=target, role="office_admin").exists()
    access = AuditEvent.objects.get(action="accounts.user_access_change", object_id=str(target.pk))
    assert access.before == {"roles": ["oceniający"]}
    assert access.after == {"roles": ["administrator biura", "oceniający"]}


def test_saving_an_account_unchanged_records_nothing(client, office_admin, user_for_role):
    target = user_for_role("assessor")
    before = AuditEvent.objects.count()
    response = client.post(reverse("admin:accounts_user_change", args=[target.pk]), _change_form(target))
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before


def test_deleting_a_group_and_its_permissions_in_the_admin_is_audited(client, office_admin):
    from django.contrib.auth.models import Permission

    office_admin.is_superuser = True  # Django's own admins go by Django's permissions
    office_admin.save()
    group = Group.objects.create(name="Kadry")
    permission = Permission.objects.get(codename="view_user")
    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": "Kadry", "permissions": [permission.pk]}
    )
    assert response.status_code == 302
    change = AuditEvent.objects.get(action="admin.relations_change", object_type="auth.group")
    assert change.actor_id == office_admin.pk and change.after["permissions"] == [str(permission)]

    client.post(reverse("admin:auth_group_delete", args=[group.pk]), {"post": "yes"})
    assert not Group.objects.filter(pk=group.pk).exists()
    deleted = AuditEvent.objects.get(action="admin.delete", object_type="auth.group")
    assert deleted.actor_id == office_admin.pk and deleted.before["name"] == "Kadry"
