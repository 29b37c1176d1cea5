import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from factories.accounts import UserFactory
from factories.organisations import OrganisationFactory
from factories.public_information import InformationRequestFactory

from zit.accounts import deputies
from zit.accounts.selectors import inbox
from zit.core.models import AuditEvent


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def anna(db):
    return UserFactory(first_name="Anna", last_name="Urlopowa", roles=[("office_staff", None)])


@pytest.fixture
def piotr(db):
    return UserFactory(first_name="Piotr", last_name="Zastępca", roles=[("office_staff", None)])


def _set(actor, principal, deputy, starts, ends, note=""):
    return deputies.deputy_set(
        actor=actor, principal=principal, deputy=deputy, starts=starts, ends=ends, note=note
    )


def test_the_principal_sets_a_deputy_and_it_is_audited(anna, piotr, today):
    d = _set(anna, anna, piotr, today, today + dt.timedelta(days=13), " urlop ")
    assert (d.principal, d.deputy, d.note) == (anna, piotr, "urlop")
    event = AuditEvent.objects.get(action="accounts.deputy_set")
    assert event.after["deputy_id"] == piotr.pk and event.after["ends"] == d.ends.isoformat()
    assert list(deputies.deputy_candidates(anna)) == [piotr]


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("deputy", {"deputy": "self"}),
        ("deputy", {"deputy": None}),
        ("deputy", {"deputy": "inactive"}),
        ("deputy", {"deputy": "no_shared_role"}),
        ("starts", {"starts": -1}),
        ("ends", {"ends": -1, "starts": 3}),
        ("ends", {"ends": 400}),
        ("starts", {"starts": None}),
    ],
)
def test_validation_in_polish_by_field(anna, piotr, today, field, change):
    deputy = (
        {
            "self": anna,
            None: None,
            "inactive": UserFactory(is_active=False, roles=[("office_staff", None)]),
            "no_shared_role": UserFactory(roles=[("assessor", None)]),
        }.get(change.get("deputy"), piotr)
        if "deputy" in change
        else piotr
    )
    starts = change.get("starts", 0)
    starts = None if starts is None else today + dt.timedelta(days=starts)
    ends = today + dt.timedelta(days=change.get("ends", 5))
    with pytest.raises(ValidationError) as exc:
        _set(anna, anna, deputy, starts, ends)
    assert field in exc.value.error_dict
    assert not AuditEvent.objects.filter(action="accounts.deputy_set").exists()


def test_a_scoped_role_is_shared_only_within_the_same_organisation(db, today):
    a, b = OrganisationFactory(), OrganisationFactory()
    principal = UserFactory(roles=[("beneficiary", a)])
    same = UserFactory(roles=[("beneficiary", a)])
    other = UserFactory(roles=[("beneficiary", b)])
    assert list(deputies.deputy_candidates(principal)) == [same]
    with pytest.raises(ValidationError):
        _set(principal, principal, other, today, today)
    assert _set(principal, principal, same, today, today).deputy == same


def test_handovers_of_one_person_may_not_overlap(anna, piotr, today):
    _set(anna, anna, piotr, today, today + dt.timedelta(days=10))
    third = UserFactory(roles=[("office_staff", None)])
    with pytest.raises(ValidationError) as exc:
        _set(anna, anna, third, today + dt.timedelta(days=10), today + dt.timedelta(days=20))
    assert "Piotr Zastępca" in str(exc.value)
    assert _set(anna, anna, third, today + dt.timedelta(days=11), today + dt.timedelta(days=20))


def test_who_may_set_and_end(anna, piotr, today):
    stranger = UserFactory(roles=[("office_staff", None)])
    with pytest.raises(PermissionDenied):
        _set(stranger, anna, piotr, today, today)
    admin = UserFactory(roles=[("office_admin", None)])
    d = _set(admin, anna, piotr, today, today + dt.timedelta(days=3))  # for a colleague who fell ill
    with pytest.raises(PermissionDenied):
        deputies.deputy_end(actor=stranger, deputyship=d)
    deputies.deputy_end(actor=piotr, deputyship=d)  # the deputy may step down
    d.refresh_from_db()
    assert d.ended_at is not None and not d.active_on(today)
    assert AuditEvent.objects.filter(action="accounts.deputy_end").count() == 1
    with pytest.raises(ValidationError):
        deputies.deputy_end(actor=anna, deputyship=d)


def test_the_deputy_sees_the_principals_items_within_the_dates_only(anna, piotr, today):
    waiting = InformationRequestFactory(
        assignee=anna, received_on=today, deadline=today + dt.timedelta(days=14)
    )
    key = f"public_information.request:{waiting.pk}"

    def keys(user, day):
        return {(row.item.key, row.item.on_behalf) for g in inbox(user=user, today=day) for row in g.rows}

    assert (key, "") in keys(anna, today)
    assert key not in {k for k, _ in keys(piotr, today)}  # led by Anna: not Piotr's
    _set(anna, anna, piotr, today + dt.timedelta(days=1), today + dt.timedelta(days=2))
    assert key not in {k for k, _ in keys(piotr, today)}  # not yet
    assert (key, "Anna Urlopowa") in keys(piotr, today + dt.timedelta(days=1))
    assert key not in {k for k, _ in keys(piotr, today + dt.timedelta(days=3))}  # over
