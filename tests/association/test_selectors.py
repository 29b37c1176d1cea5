import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zit.association.models import Body, Member
from zit.association.selectors import (
    bodies_with_current_mandates,
    member_for_territory,
    member_people,
    member_public,
    members_current,
    people_visible,
)
from zit.association.services import mandate_create, person_create, representation_create

LONG_AGO = dt.date(2021, 9, 27)


def _today():
    return timezone.localdate()


def _person(first, last, organisation=None):
    return person_create(actor=None, first_name=first, last_name=last, organisation=organisation)


def _represent(person, member, function, start=LONG_AGO, end=None):
    return representation_create(
        actor=None, person=person, member=member, function=function, title="", start=start, end=end
    )


def _mandate(person, slug, role="member", start=LONG_AGO, end=None, member=None):
    return mandate_create(
        actor=None,
        person=person,
        body=Body.objects.get(slug=slug),
        role=role,
        start=start,
        end=end,
        member=member,
    )


@pytest.fixture
def slesin(association_data):
    return Member.objects.get(slug="slesin")


def test_member_public_shows_active_heads_and_delegates_only(slesin):
    yesterday = _today() - dt.timedelta(days=1)
    head = _represent(_person("Piotr", "Obecny"), slesin, "head")
    delegate = _represent(_person("Ewa", "Delegatka"), slesin, "delegate")
    _represent(_person("Adam", "Dawny"), slesin, "head", end=yesterday)
    _represent(_person("Olga", "Urzędniczka"), slesin, "officer")
    _represent(_person("Jerzy", "Przyszły"), slesin, "delegate", start=_today() + dt.timedelta(days=1))
    member = member_public(slug="slesin")
    assert {r.pk for r in member.public_representations} == {head.pk, delegate.pk}


def test_member_public_shows_active_mandates_only(slesin):
    person = _person("Piotr", "Obecny")
    current = _mandate(person, "rada", role="chair", member=slesin)
    ends_today = _mandate(person, "zarzad", start=dt.date(2022, 1, 1), end=_today(), member=slesin)
    _mandate(person, "komisja-rewizyjna", end=_today() - dt.timedelta(days=1), member=slesin)
    _mandate(_person("Anna", "Inna"), "rada", member=Member.objects.get(slug="golina"))
    member = member_public(slug="slesin")
    assert {m.pk for m in member.current_mandates} == {current.pk, ends_today.pk}


def test_member_public_unknown_slug(association_data):
    with pytest.raises(Member.DoesNotExist):
        member_public(slug="nie-ma")


def test_member_for_territory(association_data):
    assert member_for_territory(terc="3010123").slug == "slesin"
    assert member_for_territory(terc="3010").slug == "powiat-koninski"
    assert member_for_territory(terc="3064011") is None


def test_members_current_is_ordered_by_number(association_data):
    assert [m.number for m in members_current()] == list(range(1, 17))


def test_bodies_with_current_mandates(slesin):
    person = _person("Piotr", "Obecny")
    current = _mandate(person, "zarzad", role="president")
    _mandate(person, "rada", end=dt.date(2023, 1, 1))
    bodies = {b.slug: b for b in bodies_with_current_mandates()}
    assert [m.pk for m in bodies["zarzad"].current_mandates] == [current.pk]
    assert bodies["rada"].current_mandates == []
    assert len(bodies_with_current_mandates(day=dt.date(2022, 6, 1)).get(slug="rada").current_mandates) == 1


@pytest.fixture
def people(slesin):
    """One person employed by Ślesin, one representing it from elsewhere, one unrelated to it."""
    golina = Member.objects.get(slug="golina")
    employee = _person("Olga", "Urzędniczka", organisation=slesin.organisation)
    head = _person("Piotr", "Burmistrz")
    _represent(head, slesin, "head")
    stranger = _person("Anna", "Obca", organisation=golina.organisation)
    _represent(stranger, golina, "head")
    return employee, head, stranger


def test_staff_sees_all_people(user_for_role, people):
    assert set(people_visible(user=user_for_role("office_staff"))) == set(people)
    assert set(people_visible(user=user_for_role("body_secretary"))) == set(people)


def test_member_officer_sees_people_of_own_member(user_for_role, slesin, people):
    employee, head, _stranger = people
    officer = user_for_role("member_officer", organisation=slesin.organisation)
    assert set(people_visible(user=officer)) == {employee, head}
    assert list(people_visible(user=officer, query="obca")) == []
    assert list(people_visible(user=officer, query="burmistrz")) == [head]


def test_people_visible_has_no_duplicates(user_for_role, slesin, people):
    _employee, head, _stranger = people
    _represent(head, slesin, "delegate")
    officer = user_for_role("member_officer", organisation=slesin.organisation)
    assert list(people_visible(user=officer, query="Burmistrz")) == [head]


@pytest.mark.parametrize("role", ["assessor", "beneficiary"])
def test_people_refused_without_permission(user_for_role, slesin, role):
    organisation = slesin.organisation if role == "beneficiary" else None
    with pytest.raises(PermissionDenied):
        people_visible(user=user_for_role(role, organisation=organisation))


def test_member_people_respects_scope(user_for_role, slesin, people):
    officer = user_for_role("member_officer", organisation=slesin.organisation)
    assert [r.person.last_name for r in member_people(user=officer, member=slesin)] == ["Burmistrz"]
    with pytest.raises(PermissionDenied):
        member_people(user=officer, member=Member.objects.get(slug="golina"))
