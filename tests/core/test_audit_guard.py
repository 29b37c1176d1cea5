"""Attacks on the audit log from below the ORM: the database itself refuses to change or delete events."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from zit.core import audit, audit_guard
from zit.core.integrity import audit_log_verify
from zit.core.models import AuditEvent, AuditSeal
from zit.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _event(**after):
    with transaction.atomic():
        org = Organisation.objects.create(name="Fundacja Testowa", kind="ngo")
        return audit.record(actor=None, action="test.create", obj=org, after=after or {"name": "A"})


def _refused(sql, params=()):
    """Run one statement as an attacker would; True when the database refused it."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as exc:
        assert audit_guard.MESSAGE in str(exc)
        return True
    return False


def test_raw_sql_update_is_refused():
    event = _event()
    assert _refused(
        "UPDATE core_auditevent SET action = 'test.tampered', actor_label = 'ktoś' WHERE id = %s", [event.pk]
    )
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert (fresh.action, fresh.actor_label) == ("test.create", "system")


def test_raw_sql_delete_is_refused():
    event = _event()
    assert _refused("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert _refused("DELETE FROM core_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_are_refused():
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(after={"name": "B"})
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).after == {"name": "A"}


def test_seals_cannot_be_changed_or_deleted():
    _event()
    with transaction.atomic():
        seal = audit_log_verify(seal_before=_future())["sealed"]
    assert seal is not None
    assert _refused("UPDATE core_auditseal SET hash = %s", ["0" * 64])
    assert _refused("DELETE FROM core_auditseal")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditSeal.objects.update(event_count=0)
    assert AuditSeal.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(
    transaction=True
)  # committed rows: TRUNCATE refuses rows of an open transaction anyway
def test_truncate_is_refused_on_postgresql():
    _event()
    assert _refused("TRUNCATE core_auditevent CASCADE")
    assert AuditEvent.objects.exists()


def test_even_the_erasure_gate_keeps_what_happened_and_when():
    """The gate lets the pseudonymisation rewrite who and what was said, never the action, time or object."""
    event = _event()
    for column, value in [
        ("action", "test.tampered"),
        ("object_id", "999"),
        ("created_at", "2001-01-01 00:00:00+00:00"),
        ("digest", "0" * 64),
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), audit_guard.erasure_gate():
            AuditEvent.objects.filter(pk=event.pk).update(**{column: value})
    fresh = AuditEvent.objects.get(pk=event.pk)
    assert (fresh.action, fresh.object_id, fresh.digest) == ("test.create", event.object_id, event.digest)


def test_the_erasure_gate_closes_behind_the_pseudonymisation(user_for_role):
    staff = user_for_role("office_admin")
    event = _event(name="Jan Kowalski")
    event.after = {"name": "Osoba 1"}
    with transaction.atomic():
        audit.audit_pseudonymise(
            actor=staff,
            perm="association.people_erase",
            subject=staff,
            events=[event],
            reason="Wniosek osoby.",
        )
        # later in the same transaction the log is closed again
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(after={"name": "Jan Kowalski"})
    assert AuditEvent.objects.get(pk=event.pk).after == {"name": "Osoba 1"}


def test_the_pseudonymisation_needs_the_erasure_permission(user_for_role):
    from django.core.exceptions import PermissionDenied

    event = _event(name="Jan Kowalski")
    event.after = {"name": "Osoba 1"}
    with pytest.raises(PermissionDenied), transaction.atomic():
        audit.audit_pseudonymise(
            actor=user_for_role("assessor"),
            perm="association.people_erase",
            subject=event,
            events=[event],
            reason="Wniosek osoby.",
        )
    assert AuditEvent.objects.get(pk=event.pk).after == {"name": "Jan Kowalski"}


def test_the_guards_are_installed_and_missing_ones_are_reported():
    assert audit_guard.installed(connection) == []
    with transaction.atomic():
        audit_guard.uninstall(connection)
        missing = audit_guard.installed(connection)
        anomalies = audit_log_verify()["anomalies"]
        audit_guard.install(connection)
    assert missing
    assert {a.kind for a in anomalies} == {"guard"}
    assert audit_guard.installed(connection) == []


def test_migrate_puts_back_guards_that_a_table_rebuild_dropped():
    from zit.core.apps import audit_guard_reinstall

    with transaction.atomic():
        audit_guard.uninstall(connection)
        audit_guard_reinstall(sender=None, using="default")  # what post_migrate runs after every migrate
        assert audit_guard.installed(connection) == []


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_leaves_it_guarded():
    _event()
    call_command("flush", interactive=False, verbosity=0, stdout=io.StringIO())
    assert not AuditEvent.objects.exists()
    event = _event()
    assert _refused("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _future():
    import datetime as dt

    from django.utils import timezone

    return timezone.now() + dt.timedelta(seconds=5)
