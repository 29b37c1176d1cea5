import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from zit.association.models import AssociationProfile, Body, Mandate, Member, MembershipPeriod, Person
from zit.association.selectors import members_current
from zit.association.services import (
    body_create,
    body_update,
    mandate_create,
    mandate_end,
    membership_end,
    membership_start,
    person_create,
    person_erase,
    person_update,
    representation_create,
)
from zit.core.models import AuditEvent
from zit.organisations.models import Organisation

FOUNDED = dt.date(2021, 9, 27)
REASON = "Wniosek osoby z 3 marca 2026 r. (art. 17 RODO)."


def _counts():
    return {
        m.__name__: m.objects.count()
        for m in (AssociationProfile, Member, MembershipPeriod, Body, Organisation, AuditEvent)
    }


def _member(slug="kramsk") -> Member:
    return Member.objects.get(slug=slug)


def _body(slug="zarzad") -> Body:
    return Body.objects.get(slug=slug)


def _person(first="Jan", last="Kowalski", **fields) -> Person:
    return person_create(actor=None, first_name=first, last_name=last, **fields)


def test_load_association(association_data):
    assert association_data.founded_on == FOUNDED
    assert association_data.organisation.kind == "association"
    assert Member.objects.count() == 16
    assert set(MembershipPeriod.objects.values_list("start", "end")) == {(FOUNDED, None)}
    assert list(Body.objects.values_list("slug", flat=True)) == [
        "rada",
        "zarzad",
        "komisja-rewizyjna",
        "grupa-robocza",
    ]
    assert _member("konin").territory.terc == "3062011"
    assert _member("powiat-koninski").kind == "powiat"
    assert members_current(day=FOUNDED).count() == 16
    assert members_current(day=FOUNDED - dt.timedelta(days=1)).count() == 0


def test_load_association_is_idempotent(association_data):
    counts = _counts()
    out = io.StringIO()
    call_command("load_association", stdout=out)
    assert _counts() == counts
    assert "Członkowie dodani: 0, razem: 16." in out.getvalue()


@pytest.mark.django_db
def test_load_association_needs_the_area():
    with pytest.raises(CommandError):
        call_command("load_association", stdout=io.StringIO())
    assert not Member.objects.exists()


def test_membership_end_closes_the_period(association_data):
    left = dt.date(2025, 6, 30)
    period = membership_end(actor=None, member=_member(), end=left, note="Uchwała Rady Gminy")
    assert period.start == FOUNDED and period.end == left
    assert _member() not in members_current(day=left + dt.timedelta(days=1))
    assert _member() in members_current(day=left)
    assert _member() in members_current(day=dt.date(2024, 1, 1))
    assert not _member().is_member_on(dt.date(2026, 1, 1))
    assert AuditEvent.objects.filter(action="association.membership_end", object_id=str(period.pk)).exists()


def test_membership_end_before_start_is_refused(association_data):
    with pytest.raises(ValidationError) as exc:
        membership_end(actor=None, member=_member(), end=FOUNDED - dt.timedelta(days=1))
    assert "end" in exc.value.message_dict
    assert MembershipPeriod.objects.get(member=_member()).end is None


def test_membership_end_of_a_former_member_is_refused(association_data):
    membership_end(actor=None, member=_member(), end=dt.date(2025, 6, 30))
    with pytest.raises(ValidationError):
        membership_end(actor=None, member=_member(), end=dt.date(2025, 12, 31))


def test_membership_start_after_leaving(association_data):
    membership_end(actor=None, member=_member(), end=dt.date(2024, 12, 31))
    membership_start(actor=None, member=_member(), start=dt.date(2025, 3, 1))
    assert _member() in members_current(day=dt.date(2025, 3, 1))
    assert _member() not in members_current(day=dt.date(2025, 1, 15))
    assert MembershipPeriod.objects.filter(member=_member()).count() == 2


@pytest.mark.parametrize("start", [dt.date(2024, 12, 31), dt.date(2023, 1, 1)])
def test_membership_start_overlapping_is_refused(association_data, start):
    membership_end(actor=None, member=_member(), end=dt.date(2024, 12, 31))
    with pytest.raises(ValidationError) as exc:
        membership_start(actor=None, member=_member(), start=start)
    assert "start" in exc.value.message_dict


def test_membership_start_of_a_current_member_is_refused(association_data):
    with pytest.raises(ValidationError):
        membership_start(actor=None, member=_member(), start=dt.date(2030, 1, 1))


def test_second_concurrent_president_is_refused(association_data):
    mandate_create(actor=None, person=_person(), body=_body(), role="president", start=dt.date(2022, 1, 1))
    with pytest.raises(ValidationError) as exc:
        mandate_create(
            actor=None,
            person=_person("Anna", "Nowak"),
            body=_body(),
            role="president",
            start=dt.date(2024, 1, 1),
        )
    assert "role" in exc.value.message_dict
    assert "Prezes" in exc.value.message_dict["role"][0]
    assert Mandate.objects.filter(role="president").count() == 1


def test_president_after_the_previous_one_ended(association_data):
    first = mandate_create(
        actor=None, person=_person(), body=_body(), role="president", start=dt.date(2022, 1, 1)
    )
    mandate_end(actor=None, mandate=first, end=dt.date(2023, 12, 31))
    mandate_create(
        actor=None, person=_person("Anna", "Nowak"), body=_body(), role="president", start=dt.date(2024, 1, 1)
    )
    assert Mandate.objects.filter(role="president").count() == 2


def test_future_president_clashing_with_an_open_mandate_is_refused(association_data):
    mandate_create(actor=None, person=_person(), body=_body(), role="president", start=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        mandate_create(
            actor=None,
            person=_person("Anna", "Nowak"),
            body=_body(),
            role="president",
            start=dt.date(2022, 1, 1),
            end=dt.date(2026, 1, 1),
        )


def test_many_members_of_a_body_at_once(association_data):
    for last in ("Nowak", "Wójcik", "Kamińska"):
        mandate_create(
            actor=None, person=_person("Ala", last), body=_body(), role="member", start=dt.date(2022, 1, 1)
        )
    assert Mandate.objects.filter(body=_body(), role="member").count() == 3


def test_end_before_start_is_refused(association_data):
    person = _person()
    with pytest.raises(ValidationError):
        mandate_create(
            actor=None,
            person=person,
            body=_body(),
            role="member",
            start=dt.date(2024, 1, 2),
            end=dt.date(2024, 1, 1),
        )
    with pytest.raises(ValidationError):
        representation_create(
            actor=None,
            person=person,
            member=_member(),
            function="head",
            title="Wójt",
            start=dt.date(2024, 1, 2),
            end=dt.date(2024, 1, 1),
        )
    mandate = mandate_create(
        actor=None, person=person, body=_body(), role="member", start=dt.date(2024, 1, 2)
    )
    with pytest.raises(ValidationError):
        mandate_end(actor=None, mandate=mandate, end=dt.date(2024, 1, 1))
    mandate.refresh_from_db()
    assert mandate.end is None


def _person_events_text(person) -> str:
    events = AuditEvent.objects.filter(object_type="association.person", object_id=str(person.pk))
    return json.dumps([[e.before, e.after, e.object_repr] for e in events], ensure_ascii=False)


def test_person_erase_pseudonymises_the_person_and_its_events(association_data, user_for_role):
    staff = user_for_role("office_staff")
    person = person_create(
        actor=staff,
        first_name="Zenobia",
        last_name="Kwiatkowska",
        email="zenobia.kwiatkowska@example.invalid",
        phone="600 100 200",
    )
    person_update(actor=staff, person=person, organisation=_member().organisation)
    mandate_create(actor=staff, person=person, body=_body("rada"), role="member", start=dt.date(2022, 1, 1))

    erased = person_erase(actor=staff, person=person, reason=REASON)

    erased.refresh_from_db()
    assert erased.first_name == f"Osoba {person.pk}"
    assert (erased.last_name, erased.email, erased.phone) == ("", "", "")
    assert erased.erased_at is not None
    assert erased.mandates.count() == 1  # the bodies' history still adds up
    text = _person_events_text(person)
    for secret in ("Zenobia", "Kwiatkowska", "zenobia.kwiatkowska@example.invalid", "600 100 200"):
        assert secret not in text
    assert f'"organisation_id": {_member().organisation_id}' in text  # what is not personal stays
    erase_event = AuditEvent.objects.get(action="association.person_erase", object_id=str(person.pk))
    assert erase_event.reason == REASON
    assert erase_event.actor_id == staff.pk


def test_person_erase_also_removes_earlier_values(association_data, user_for_role):
    """Data the person had before an edit (an old phone, a former surname) is personal data too."""
    staff = user_for_role("office_staff")
    person = person_create(actor=staff, first_name="Zenobia", last_name="Kwiatkowska", phone="600 100 200")
    person_update(actor=staff, person=person, last_name="Nowak-Kwiatkowska", phone="600 100 300")
    person_erase(actor=staff, person=person, reason=REASON)
    text = _person_events_text(person)
    for secret in ("Kwiatkowska", "600 100 200", "600 100 300"):
        assert secret not in text


def test_person_erase_leaves_no_name_anywhere_in_the_audit_log(association_data, user_for_role):
    staff = user_for_role("office_staff")
    person = person_create(actor=staff, first_name="Zenobia", last_name="Kwiatkowska")
    representation_create(
        actor=staff,
        person=person,
        member=_member(),
        function="head",
        title="Wójt Gminy",
        start=dt.date(2022, 1, 1),
    )
    mandate_create(actor=staff, person=person, body=_body("rada"), role="member", start=dt.date(2022, 1, 1))
    person_erase(actor=staff, person=person, reason=REASON)
    leaking = [
        e.action
        for e in AuditEvent.objects.all()
        if "Kwiatkowska" in json.dumps([e.object_repr, e.before, e.after], ensure_ascii=False)
    ]
    assert leaking == []


def test_person_erase_needs_a_reason(association_data, user_for_role):
    person = _person()
    with pytest.raises(ValidationError) as exc:
        person_erase(actor=user_for_role("office_staff"), person=person, reason="bo tak")
    assert "reason" in exc.value.message_dict
    person.refresh_from_db()
    assert person.last_name == "Kowalski" and person.erased_at is None


def test_erased_person_cannot_be_edited(association_data, user_for_role):
    staff = user_for_role("office_staff")
    person = person_erase(actor=staff, person=_person(), reason=REASON)
    with pytest.raises(ValidationError):
        person_update(actor=staff, person=person, first_name="Jan")


def test_assessor_cannot_create_a_person(user_for_role):
    with pytest.raises(PermissionDenied):
        person_create(actor=user_for_role("assessor"), first_name="Jan", last_name="Kowalski")
    assert not Person.objects.exists()


def test_member_officer_cannot_create_a_person(user_for_role):
    officer = user_for_role("member_officer", organisation=_member().organisation)
    with pytest.raises(PermissionDenied):
        person_create(actor=officer, first_name="Jan", last_name="Kowalski")


def test_body_secretary_creates_a_mandate_but_cannot_end_a_membership(user_for_role):
    secretary = user_for_role("body_secretary")
    mandate = mandate_create(
        actor=secretary,
        person=_person(),
        body=_body("komisja-rewizyjna"),
        role="member",
        start=dt.date(2022, 1, 1),
        member=_member(),
    )
    assert AuditEvent.objects.get(
        action="association.mandate_create", object_id=str(mandate.pk)
    ).actor_id == (secretary.pk)
    with pytest.raises(PermissionDenied):
        membership_end(actor=secretary, member=_member(), end=dt.date(2025, 1, 1))
    assert MembershipPeriod.objects.get(member=_member()).end is None


def test_office_staff_ends_a_membership(user_for_role):
    staff = user_for_role("office_staff")
    period = membership_end(actor=staff, member=_member(), end=dt.date(2025, 1, 1))
    assert (
        AuditEvent.objects.get(action="association.membership_end", object_id=str(period.pk)).actor_id
        == staff.pk
    )


def test_body_secretary_cannot_erase_a_person(user_for_role):
    person = _person()
    with pytest.raises(PermissionDenied):
        person_erase(actor=user_for_role("body_secretary"), person=person, reason=REASON)
    person.refresh_from_db()
    assert person.erased_at is None and person.last_name == "Kowalski"


def test_body_secretary_cannot_change_voting_rules(user_for_role):
    with pytest.raises(PermissionDenied):
        body_update(actor=user_for_role("body_secretary"), body=_body(), quorum=Decimal("0.10"))
    assert _body().quorum == Decimal("0.50")


@pytest.mark.parametrize(
    "rules, field",
    [
        ({"quorum": Decimal("0")}, "quorum"),
        ({"quorum": Decimal("1.5")}, "quorum"),
        ({"majority": "qualified", "qualified_fraction": None}, "qualified_fraction"),
        ({"majority": "qualified", "qualified_fraction": Decimal("0.40")}, "qualified_fraction"),
        ({"majority": "qualified", "qualified_fraction": Decimal("2")}, "qualified_fraction"),
        ({"majority": "simple", "qualified_fraction": Decimal("0.67")}, "qualified_fraction"),
    ],
)
def test_impossible_voting_rules_are_refused(user_for_role, rules, field):
    staff = user_for_role("office_staff")
    fields = {"name": "Walne Zebranie", "slug": "walne", "kind": "assembly", "quorum": Decimal("0.5")}
    with pytest.raises(ValidationError) as exc:
        body_create(actor=staff, **(fields | rules))
    assert field in exc.value.message_dict
    assert not Body.objects.filter(slug="walne").exists()
    with pytest.raises(ValidationError):
        body_update(actor=staff, body=_body(), **rules)


def test_new_body_goes_to_the_end_of_the_list(user_for_role):
    body = body_create(
        actor=user_for_role("office_staff"),
        name="Walne Zebranie",
        slug="walne",
        kind="assembly",
        quorum=Decimal("0.5"),
        majority="qualified",
        qualified_fraction=Decimal("0.67"),
    )
    assert list(Body.objects.all())[-1] == body


def test_mandate_end_by_secretary_is_audited_and_checks_dates(user_for_role):
    secretary = user_for_role("body_secretary")
    mandate = mandate_create(
        actor=secretary, person=_person(), body=_body(), role="member", start=dt.date(2022, 1, 1)
    )
    with pytest.raises(ValidationError):
        mandate_end(actor=secretary, mandate=mandate, end=dt.date(2021, 12, 31))
    mandate_end(actor=secretary, mandate=mandate, end=dt.date(2024, 6, 30))
    mandate.refresh_from_db()
    assert mandate.end == dt.date(2024, 6, 30)
    assert AuditEvent.objects.filter(action="association.mandate_end", actor_id=secretary.pk).exists()
    with pytest.raises(PermissionDenied):
        mandate_end(actor=user_for_role("board_member"), mandate=mandate, end=dt.date(2024, 7, 1))
