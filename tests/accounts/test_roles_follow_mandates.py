"""A role given because of a mandate or a membership ends with it: at once when the office ends the mandate,
or by the daily job the day after its end date; the user loses the role's writes and pages, is signed out
when no role is left, and the office's dashboard says who lost what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from zit.accounts.models import RoleAssignment, RoleEnding, User
from zit.accounts.services import role_assign, roles_end_expired, user_create
from zit.association.models import Body, Member, MembershipPeriod
from zit.association.services import mandate_create, mandate_end, membership_end, person_create
from zit.core.jobs import handler_for, recurring_kinds
from zit.core.models import AuditEvent
from zit.core.roles import Role
from zit.organisations.services import organisation_update

PASSWORD = "haslo-testowe-123"


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # the roles are cached per request on the user object


def _mandate(role: str = "secretary", body: str = "zarzad", **dates):
    person = person_create(actor=None, first_name="Ewa", last_name="Sekretarska")
    return mandate_create(
        actor=None,
        person=person,
        body=Body.objects.get(slug=body),
        role=role,
        start=dates.get("start", dt.date(2024, 1, 1)),
        end=dates.get("end"),
    )


def _user(username: str, roles: list[tuple[str, object, dict]]) -> User:
    user = user_create(actor=None, username=username, password=PASSWORD, first_name="Ewa", last_name="Nowa")
    for role, organisation, sources in roles:
        role_assign(actor=None, user=user, role=role, organisation=organisation, **sources)
    return user


def test_secretary_whose_mandate_ended_can_no_longer_write_or_open_the_pages(
    association_data, office, client
):
    mandate = _mandate()
    secretary = _user(
        "sekretarz", [(Role.BODY_SECRETARY, None, {"mandate": mandate}), (Role.ASSESSOR, None, {})]
    )
    person_create(actor=_fresh(secretary), first_name="Jan", last_name="Przed")
    client.force_login(User.objects.get(username="sekretarz"))
    assert client.get(reverse("association:person_new")).status_code == 200

    mandate_end(actor=office, mandate=mandate, end=timezone.localdate())

    with pytest.raises(PermissionDenied):
        person_create(actor=_fresh(secretary), first_name="Jan", last_name="Po")
    signed_out = client.get(reverse("association:person_new"))  # a role taken away ends the sessions
    assert signed_out.status_code == 302 and reverse("accounts:login") in signed_out["Location"]
    client.force_login(User.objects.get(username="sekretarz"))  # signed in again: only the assessor's pages
    assert client.get(reverse("association:person_new")).status_code == 403
    assert client.get(reverse("governance:meetings")).status_code == 403
    assert list(_fresh(secretary).role_assignments.values_list("role", flat=True)) == [Role.ASSESSOR]
    ending = RoleEnding.objects.get(user=secretary)
    assert (ending.role, ending.mandate, ending.source_end) == (
        Role.BODY_SECRETARY,
        mandate,
        timezone.localdate(),
    )
    assert ending.sessions_ended == 1
    event = AuditEvent.objects.get(action="accounts.role_end")
    assert event.actor_id == office.pk and event.before["mandate_id"] == mandate.pk
    assert "mandat zakończony" in event.reason


def test_a_user_left_without_roles_is_signed_out_everywhere(association_data, office, client):
    mandate = _mandate(role="member")
    _user("zarzad", [(Role.BOARD_MEMBER, None, {"mandate": mandate})])
    client.force_login(User.objects.get(username="zarzad"))
    assert client.get(reverse("fees:rules")).status_code == 200

    mandate_end(actor=office, mandate=mandate, end=timezone.localdate() - dt.timedelta(days=3))

    response = client.get(reverse("fees:rules"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert RoleEnding.objects.get().sessions_ended == 1
    assert not Session.objects.exists()


def test_sessions_in_the_cache_are_ended_too(association_data, office, client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    mandate = _mandate(role="member")
    _user("zarzad", [(Role.BOARD_MEMBER, None, {"mandate": mandate})])
    client.force_login(User.objects.get(username="zarzad"))
    assert client.get(reverse("fees:rules")).status_code == 200

    mandate_end(actor=office, mandate=mandate, end=timezone.localdate())

    assert client.get(reverse("fees:rules")).status_code == 302


def test_a_later_end_date_keeps_the_role_until_the_day_after(association_data, office):
    today = timezone.localdate()
    mandate = _mandate(role="member")
    board = _user("zarzad", [(Role.BOARD_MEMBER, None, {"mandate": mandate})])

    mandate_end(actor=office, mandate=mandate, end=today + dt.timedelta(days=5))
    assert RoleAssignment.objects.filter(user=board).exists()
    assert roles_end_expired(today=today + dt.timedelta(days=5)) == []
    assert RoleAssignment.objects.filter(user=board).exists()

    assert len(roles_end_expired(today=today + dt.timedelta(days=6))) == 1
    assert not RoleAssignment.objects.filter(user=board).exists()
    assert roles_end_expired(today=today + dt.timedelta(days=7)) == []  # idempotent
    assert RoleEnding.objects.count() == 1
    assert AuditEvent.objects.filter(action="accounts.role_end").count() == 1


def test_the_daily_job_ends_roles_of_mandates_whose_term_ran_out(association_data):
    expired = _mandate(role="member", end=timezone.localdate() - dt.timedelta(days=1))
    current = _mandate(role="member", body="komisja-rewizyjna")
    # a role tied to the mandate while it ran; the term ran out with nobody ending it by hand
    RoleAssignment.objects.create(user=_user("dawny", []), role=Role.BOARD_MEMBER, mandate=expired)
    keeps = _user("obecny", [(Role.AUDIT_COMMITTEE, None, {"mandate": current})])
    assert recurring_kinds()["accounts.roles_follow_mandates"] == dt.timedelta(days=1)
    job = type("J", (), {"pk": 0})()

    result = handler_for("accounts.roles_follow_mandates")(job, lambda *a: None)
    again = handler_for("accounts.roles_follow_mandates")(job, lambda *a: None)

    assert result["ended"] == 1 and again["ended"] == 0
    assert not RoleAssignment.objects.filter(user__username="dawny").exists()
    assert RoleAssignment.objects.filter(user=keeps).exists()
    event = AuditEvent.objects.get(action="accounts.role_end")
    assert event.actor_id is None and "termin minął" in event.reason


def test_officer_of_a_member_that_left_can_no_longer_edit_its_organisation(association_data, office):
    member = Member.objects.get(slug="kramsk")
    period = MembershipPeriod.objects.get(member=member, end=None)
    officer = _user(
        "urzednik",
        [(Role.MEMBER_OFFICER, member.organisation, {"membership": period}), (Role.ASSESSOR, None, {})],
    )
    organisation_update(actor=_fresh(officer), organisation=member.organisation, website="https://kramsk.pl")

    membership_end(actor=office, member=member, end=timezone.localdate())

    with pytest.raises(PermissionDenied):
        organisation_update(actor=_fresh(officer), organisation=member.organisation, website="https://x.pl")
    assert RoleEnding.objects.get(user=officer).membership == period


def test_an_ended_mandate_or_a_foreign_membership_cannot_give_a_role(association_data):
    user = _user("nowy", [])
    ended = _mandate(role="member", end=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError) as exc:
        role_assign(actor=None, user=user, role=Role.BOARD_MEMBER, mandate=ended)
    assert "już się zakończył" in str(exc.value)
    kramsk = MembershipPeriod.objects.get(member__slug="kramsk", end=None)
    other = Member.objects.exclude(slug="kramsk").first().organisation
    with pytest.raises(ValidationError):
        role_assign(actor=None, user=user, role=Role.MEMBER_OFFICER, organisation=other, membership=kramsk)
    with pytest.raises(ValidationError):
        role_assign(actor=None, user=user, role=Role.BOARD_MEMBER, membership=kramsk)
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_the_office_dashboard_lists_roles_ended_recently(association_data, office, client, user_for_role):
    mandate = _mandate(role="member")
    _user("zarzad", [(Role.BOARD_MEMBER, None, {"mandate": mandate}), (Role.ASSESSOR, None, {})])
    mandate_end(actor=office, mandate=mandate, end=timezone.localdate())
    RoleEnding.objects.create(
        user=_user("dawno", []),
        role=Role.AUDIT_COMMITTEE,
        mandate=mandate,
        source_end=dt.date(2025, 1, 1),
        ended_at=timezone.now() - dt.timedelta(days=40),
    )

    client.force_login(office)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Role wygaszone z końcem mandatu lub członkostwa" in page
    assert "(zarzad)" in page and "członek Zarządu" in page and "Ewa Sekretarska" in page
    assert "(dawno)" not in page  # older than 30 days

    client.force_login(user_for_role("board_member"))
    assert "Role wygaszone" not in client.get(reverse("accounts:dashboard")).content.decode()
