"""The replacement of many members' representatives at once (zit.association.replacement)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zit.association import replacement
from zit.association.inbox import vacant_offices
from zit.association.models import Body, Mandate, Member, Person, Representation
from zit.association.replacement import END, KEEP, REPLACE, Choice, NewPerson
from zit.association.services import mandate_create, person_create, representation_create
from zit.core.models import AuditEvent

START = dt.date(2021, 9, 27)
DAY = dt.date(2024, 5, 7)  # the first day of the new wójts after the elections of 7 April 2024


def _person(first, last, member):
    return person_create(
        actor=None,
        first_name=first,
        last_name=last,
        email=f"{last.lower()}@example.pl",
        organisation=member.organisation,
    )


def _represent(person, member, *, start=START, title="Wójt Gminy"):
    for function in ("head", "delegate"):
        representation_create(
            actor=None,
            person=person,
            member=member,
            function=function,
            title=title if function == "head" else "",
            start=start,
        )


@pytest.fixture
def cast(association_data):
    """Kramsk: Jan Kowalski, its wójt and delegate, in the Rada and the Zarząd's president; Golina: Anna Nowak,
    in the Rada and chair of the Komisja Rewizyjna; Ewa Wolna, a person acting for no member."""
    kramsk, golina = Member.objects.get(slug="kramsk"), Member.objects.get(slug="golina")
    rada, zarzad, audit = (Body.objects.get(slug=s) for s in ("rada", "zarzad", "komisja-rewizyjna"))
    jan, anna = _person("Jan", "Kowalski", kramsk), _person("Anna", "Nowak", golina)
    _represent(jan, kramsk, title="Wójt Gminy Kramsk")
    _represent(anna, golina, title="Burmistrz Gminy Golina")
    mandate_create(actor=None, person=jan, body=rada, role="member", start=START, member=kramsk)
    mandate_create(actor=None, person=jan, body=zarzad, role="president", start=START, member=kramsk)
    mandate_create(actor=None, person=anna, body=rada, role="member", start=START, member=golina)
    mandate_create(actor=None, person=anna, body=audit, role="chair", start=START, member=golina)
    ewa = person_create(actor=None, first_name="Ewa", last_name="Wolna", email="ewa.wolna@example.pl")
    return {"kramsk": kramsk, "golina": golina, "jan": jan, "anna": anna, "ewa": ewa, "zarzad": zarzad}


@pytest.fixture
def office(user_for_role):
    return user_for_role("office_staff")


def _rows(user):
    return replacement.representatives_for_change(user=user, day=DAY, bodies=None)


def _key(member, person):
    return f"{member.pk}-{person.pk}"


def _two_replacements(cast):
    return [
        Choice(
            key=_key(cast["kramsk"], cast["jan"]),
            action=REPLACE,
            new_person=NewPerson("Piotr", "Nowy", "p.nowy@kramsk.pl"),
        ),
        Choice(key=_key(cast["golina"], cast["anna"]), action=REPLACE, successor=cast["ewa"]),
    ]


def test_rows_list_each_members_representatives_with_what_they_hold(cast, office):
    rows = {r.key: r for r in _rows(office)}
    jan = rows[_key(cast["kramsk"], cast["jan"])]
    assert sorted(r.function for r in jan.representations) == ["delegate", "head"]
    assert sorted((m.body.slug, m.role) for m in jan.mandates) == [
        ("rada", "member"),
        ("zarzad", "president"),
    ]
    assert _key(cast["kramsk"], cast["ewa"]) not in rows


def test_the_change_ends_the_old_starts_the_new_and_leaves_offices_vacant(cast, office):
    plan = replacement.representatives_change(
        actor=office, day=DAY, rows=_rows(office), choices=_two_replacements(cast)
    )

    last_day = dt.date(2024, 5, 6)
    for person in (cast["jan"], cast["anna"]):
        assert set(person.representations.values_list("end", flat=True)) == {last_day}
        assert set(person.mandates.values_list("end", flat=True)) == {last_day}
    piotr = Person.objects.get(first_name="Piotr", last_name="Nowy")
    assert piotr.organisation == cast["kramsk"].organisation and piotr.email == "p.nowy@kramsk.pl"
    assert set(piotr.representations.values_list("function", "title", "start", "end")) == {
        ("head", "Wójt Gminy Kramsk", DAY, None),
        ("delegate", "", DAY, None),
    }
    # the seat follows, the office does not: the Zarząd's president becomes a plain member
    assert set(piotr.mandates.values_list("body__slug", "role", "start", "member")) == {
        ("rada", "member", DAY, cast["kramsk"].pk),
        ("zarzad", "member", DAY, cast["kramsk"].pk),
    }
    assert set(cast["ewa"].mandates.values_list("body__slug", "role")) == {
        ("rada", "member"),
        ("komisja-rewizyjna", "member"),
    }
    assert {(v.body.slug, v.role, v.previous) for v in plan.vacancies} == {
        ("zarzad", "president", cast["jan"]),
        ("komisja-rewizyjna", "chair", cast["anna"]),
    }
    # one reference groups every event of the change
    grouped = AuditEvent.objects.filter(reason__contains=plan.reference)
    actions = sorted(grouped.values_list("action", flat=True))
    assert actions.count("association.representation_end") == 4
    assert actions.count("association.mandate_end") == 4
    assert actions.count("association.representation_create") == 4
    assert actions.count("association.mandate_create") == 4
    assert actions.count("association.person_create") == 1
    summary = grouped.get(action=replacement.SUMMARY_ACTION)
    assert summary.actor_id == office.pk
    assert sorted(summary.after["vacant"]) == ["Komisja Rewizyjna: Przewodniczący", "Zarząd: Prezes"]


def test_the_preview_writes_nothing(cast, office):
    events, people = AuditEvent.objects.count(), Person.objects.count()
    plan = replacement.representatives_change_plan(
        actor=office, day=DAY, rows=_rows(office), choices=_two_replacements(cast)
    )
    assert len(plan.endings) == 8 and len(plan.starts) == 8
    assert AuditEvent.objects.count() == events and Person.objects.count() == people
    assert not Representation.objects.filter(end__isnull=False).exists()


def _refused(office, choices, day=DAY) -> dict:
    with pytest.raises(ValidationError) as caught:
        replacement.representatives_change(
            actor=office,
            day=day,
            rows=replacement.representatives_for_change(user=office, day=day),
            choices=choices,
        )
    return caught.value.message_dict


def test_a_change_dated_before_a_mandates_start_is_refused(cast, office):
    errors = _refused(
        office,
        [Choice(key=_key(cast["kramsk"], cast["jan"]), action=REPLACE, successor=cast["ewa"])],
        day=START,
    )
    assert "musi być późniejsza niż początek" in " ".join(errors[_key(cast["kramsk"], cast["jan"])])


def test_the_same_person_for_two_members_is_refused(cast, office):
    choices = [
        Choice(key=_key(cast["kramsk"], cast["jan"]), action=REPLACE, successor=cast["ewa"]),
        Choice(key=_key(cast["golina"], cast["anna"]), action=REPLACE, successor=cast["ewa"]),
    ]
    errors = _refused(office, choices)
    for key in (_key(cast["kramsk"], cast["jan"]), _key(cast["golina"], cast["anna"])):
        assert any("kilku członków" in e for e in errors[key])


def test_a_successor_acting_for_another_member_is_refused(cast, office):
    errors = _refused(
        office, [Choice(key=_key(cast["kramsk"], cast["jan"]), action=REPLACE, successor=cast["anna"])]
    )
    assert any(
        "działa już w imieniu członka Gmina Golina" in e for e in errors[_key(cast["kramsk"], cast["jan"])]
    )


def test_a_new_person_without_a_name_is_refused(cast, office):
    choices = [
        Choice(key=_key(cast["kramsk"], cast["jan"]), action=REPLACE, new_person=NewPerson("Piotr", " "))
    ]
    assert _refused(office, choices)[_key(cast["kramsk"], cast["jan"])] == [
        "Podaj imię i nazwisko nowej osoby."
    ]


def test_a_member_is_not_left_without_a_representative_in_the_rada(cast, office):
    errors = _refused(office, [Choice(key=_key(cast["kramsk"], cast["jan"]), action=END)])
    assert any("bez przedstawiciela w Radzie" in e for e in errors[_key(cast["kramsk"], cast["jan"])])


def test_replacing_someone_without_a_seat_does_not_let_the_seat_holder_go_unnoticed(cast, office):
    """Kramsk's Jan (its Rada seat) ends while Olga, who holds only a Zarząd seat, is replaced: Kramsk would
    have no one in the Rada, so the change is refused and nothing is saved."""
    olga = _person("Olga", "Druga", cast["kramsk"])
    mandate_create(
        actor=None, person=olga, body=cast["zarzad"], role="member", start=START, member=cast["kramsk"]
    )
    choices = [
        Choice(key=_key(cast["kramsk"], cast["jan"]), action=END),
        Choice(key=_key(cast["kramsk"], olga), action=REPLACE, successor=cast["ewa"]),
    ]
    errors = _refused(office, choices)
    assert any("bez przedstawiciela w Radzie" in e for e in errors[_key(cast["kramsk"], cast["jan"])])
    assert not cast["ewa"].mandates.exists()


def test_ending_one_of_two_representatives_keeps_the_member_represented(cast, office):
    second = _person("Olga", "Druga", cast["kramsk"])
    representation_create(
        actor=None, person=second, member=cast["kramsk"], function="delegate", title="", start=START
    )
    rows = _rows(office)
    choices = [
        Choice(key=_key(cast["kramsk"], cast["jan"]), action=END),
        Choice(key=_key(cast["kramsk"], second), action=KEEP),
    ]
    plan = replacement.representatives_change(actor=office, day=DAY, rows=rows, choices=choices)
    assert {(v.body.slug, v.role) for v in plan.vacancies} == {("zarzad", "president")}
    assert not plan.starts
    assert second.representations.get().end is None


def test_a_failing_row_rolls_the_whole_change_back(cast, office, monkeypatch):
    real_start, calls = replacement._start, []

    def start_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 6:  # the second member's rows: the first member's are written by now
            raise ValidationError("zapis nie powiódł się")
        return real_start(*args, **kwargs)

    monkeypatch.setattr(replacement, "_start", start_then_fail)
    events, people, mandates = AuditEvent.objects.count(), Person.objects.count(), Mandate.objects.count()
    with pytest.raises(ValidationError):
        replacement.representatives_change(
            actor=office, day=DAY, rows=_rows(office), choices=_two_replacements(cast)
        )
    assert len(calls) == 6
    assert (AuditEvent.objects.count(), Person.objects.count(), Mandate.objects.count()) == (
        events,
        people,
        mandates,
    )
    assert not Representation.objects.filter(end__isnull=False).exists()
    assert not Mandate.objects.filter(end__isnull=False).exists()


@pytest.mark.parametrize("role", ["body_secretary", "board_member", "audit_committee"])
def test_only_the_office_may_change_representatives(cast, user_for_role, role):
    user = user_for_role(role)
    with pytest.raises(PermissionDenied):
        replacement.representatives_for_change(user=user, day=DAY)
    with pytest.raises(PermissionDenied):
        replacement.representatives_change(actor=user, day=DAY, rows=[], choices=_two_replacements(cast))
    assert not Representation.objects.filter(end__isnull=False).exists()


def test_a_member_officer_may_not_change_representatives(cast, user_for_role):
    user = user_for_role("member_officer", cast["kramsk"].organisation)
    with pytest.raises(PermissionDenied):
        replacement.representatives_change_plan(actor=user, day=DAY, rows=[], choices=[])


def test_the_inbox_shows_the_vacant_offices_until_the_body_elects(cast, office, user_for_role):
    today = DAY + dt.timedelta(days=1)
    assert vacant_offices(office, today) == []
    replacement.representatives_change(
        actor=office, day=DAY, rows=_rows(office), choices=_two_replacements(cast)
    )
    items = vacant_offices(office, today)
    audit_body = Body.objects.get(slug="komisja-rewizyjna")
    assert sorted(i.key for i in items) == sorted(
        [f"association.vacant:{cast['zarzad'].pk}:president", f"association.vacant:{audit_body.pk}:chair"]
    )
    assert all(i.since == DAY for i in items)
    assert "Prezes" in str(items[0].title) + str(items[1].title)
    assert vacant_offices(user_for_role("board_member"), today) == []
    # the Zarząd elects its president: the item goes
    piotr = Person.objects.get(last_name="Nowy")
    mandate_create(
        actor=None,
        person=piotr,
        body=cast["zarzad"],
        role="president",
        start=DAY + dt.timedelta(days=14),
        member=cast["kramsk"],
    )
    assert [i.key for i in vacant_offices(office, today)] == [
        f"association.vacant:{Body.objects.get(slug='komisja-rewizyjna').pk}:chair"
    ]


def test_a_mandate_changed_after_the_rows_were_read_stops_the_change(cast, office):
    rows = _rows(office)
    zarzad_mandate = cast["jan"].mandates.get(body=cast["zarzad"])
    zarzad_mandate.end = dt.date(2024, 4, 30)  # ended by someone else meanwhile
    zarzad_mandate.save()
    with pytest.raises(ValidationError) as caught:
        replacement.representatives_change(actor=office, day=DAY, rows=rows, choices=_two_replacements(cast))
    errors = caught.value.message_dict
    assert "odśwież stronę" in errors[_key(cast["kramsk"], cast["jan"])][0]
    assert not Person.objects.filter(last_name="Nowy").exists()
    assert not Representation.objects.filter(end__isnull=False).exists()


def test_a_delegate_who_becomes_the_head_keeps_the_seat_and_gets_no_second_one(cast, office):
    olga = _person("Olga", "Druga", cast["kramsk"])
    representation_create(
        actor=None, person=olga, member=cast["kramsk"], function="delegate", title="", start=START
    )
    rows = _rows(office)
    choices = [
        Choice(key=_key(cast["kramsk"], cast["jan"]), action=REPLACE, successor=olga),
        Choice(key=_key(cast["kramsk"], olga), action=KEEP),
    ]
    replacement.representatives_change(actor=office, day=DAY, rows=rows, choices=choices)
    assert sorted(olga.representations.values_list("function", "start")) == [
        ("delegate", START),
        ("head", DAY),
    ]
    assert set(olga.mandates.values_list("body__slug", "role")) == {("rada", "member"), ("zarzad", "member")}
