import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from zit.core import audit
from zit.core.models import AuditEvent, AuditLogIsAppendOnly
from zit.organisations.models import Organisation


def _organisation(**fields):
    return Organisation.objects.create(name=fields.pop("name", "Fundacja Testowa"), kind="ngo", **fields)


def test_record_writes_actor_action_before_after(user_for_role):
    actor = user_for_role("office_staff")
    org = _organisation()
    event = audit.record(
        actor=actor,
        action="test.change",
        obj=org,
        before={"name": "Stara", "date": dt.date(2024, 5, 1)},
        after={"name": "Nowa", "amount": Decimal("12.50")},
        reason="próba",
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_id == actor.pk
    assert event.actor_label == f"Test office_staff ({actor.username})"
    assert event.action == "test.change"
    assert event.object_type == "organisations.organisation"
    assert event.object_id == str(org.pk)
    assert event.object_repr == "Fundacja Testowa"
    assert event.before == {"name": "Stara", "date": "2024-05-01"}
    assert event.after == {"name": "Nowa", "amount": "12.50"}
    assert event.reason == "próba"
    assert event.corrects is None


@pytest.mark.django_db
def test_record_without_actor_is_the_system():
    event = audit.record(actor=None, action="test.create", obj=_organisation())
    assert event.actor_id is None
    assert event.actor_label == "system"
    assert event.before is None and event.after is None


@pytest.mark.django_db(transaction=True)
def test_record_refuses_outside_a_transaction():
    with transaction.atomic():
        org = _organisation()
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="test.create", obj=org)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_audit_event_cannot_be_updated():
    event = audit.record(actor=None, action="test.create", obj=_organisation(), after={"name": "A"})
    event.action = "test.tampered"
    event.after = {"name": "B"}
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert fresh.action == "test.create"
    assert fresh.after == {"name": "A"}


@pytest.mark.django_db
def test_audit_event_cannot_be_deleted():
    event = audit.record(actor=None, action="test.create", obj=_organisation())
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_snapshot_uses_attnames_and_json_values(area):
    from zit.territory.models import AdministrativeUnit

    golina = AdministrativeUnit.objects.get(terc="3010013")
    org = _organisation(gmina=golina, postal_code="62-590")
    data = audit.snapshot(org)
    assert data["gmina_id"] == golina.pk
    assert data["postal_code"] == "62-590"
    assert "created_at" not in data and "updated_at" not in data  # automatic timestamps are not decisions


def test_json_values_of_dates_and_decimals():
    from decimal import Decimal

    moment = dt.datetime(2026, 11, 25, 12, 30, tzinfo=dt.UTC)
    assert audit._json_value({"t": moment, "d": dt.date(2021, 9, 27), "x": Decimal("1.50")}) == {
        "t": "2026-11-25T12:30:00+00:00",
        "d": "2021-09-27",
        "x": "1.50",
    }


@pytest.mark.django_db
def test_snapshot_limited_to_fields():
    org = _organisation(city="Konin")
    assert audit.snapshot(org, ["name", "city"]) == {"name": "Fundacja Testowa", "city": "Konin"}


def test_snapshot_leaves_out_geometry(area):
    from zit.territory.models import AdministrativeUnit

    konin = AdministrativeUnit.objects.get(terc="3062011")
    data = audit.snapshot(konin)
    assert "geometry" not in data
    assert data["terc"] == "3062011"
    assert data["min_lon"] == konin.min_lon


def test_changed_lists_only_differences():
    before = {"name": "A", "city": "Konin", "nip": ""}
    after = {"name": "B", "city": "Konin", "nip": "", "email": "x@example.invalid"}
    assert audit.changed(before, after) == {"name": ("A", "B"), "email": (None, "x@example.invalid")}


def test_changed_handles_missing_sides():
    assert audit.changed(None, {"a": 1}) == {"a": (None, 1)}
    assert audit.changed({"a": 1}, None) == {"a": (1, None)}
    assert audit.changed(None, None) == {}
    assert audit.changed({"a": 1}, {"a": 1}) == {}
