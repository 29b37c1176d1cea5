"""The daily integrity check catches what the database guards cannot: a rewrite by someone who got past them
(opened the gate by hand, dropped the triggers), a signed file changed on the disk, a hash changed in its row."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from core.signing_ca import signed_pdf
from zit.core import audit, audit_guard
from zit.core.integrity import KIND, audit_log_verify, integrity_check_job
from zit.core.jobs import recurring_kinds
from zit.core.models import AuditEvent, AuditSeal, Job, SignedDocument
from zit.core.roles import Perm
from zit.core.signed import signed_document_draft, signed_document_upload
from zit.organisations.models import Organisation
from zit.organisations.services import organisation_create

SIGNED_PDF = signed_pdf()  # a real PAdES signature of the tests' own certification authority


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _later():
    return timezone.now() + dt.timedelta(seconds=5)


def _events(n=3):
    with transaction.atomic():
        org = Organisation.objects.create(name="Fundacja Testowa", kind="ngo")
        return [audit.record(actor=None, action="test.change", obj=org, after={"n": i}) for i in range(n)]


def _verify(**kwargs):
    with transaction.atomic():
        return audit_log_verify(**kwargs)


def _run_job():
    job = Job.objects.create(kind=KIND, title="Sprawdzenie")
    result = integrity_check_job(job, lambda *args: None)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED, finished_at=timezone.now(), result=result
    )
    return result


def _signed_document(org):
    document = signed_document_draft(
        actor=None,
        subject=org,
        kind="organisations.test_statement",
        title="Oświadczenie organizacji",
        content=b"PK\x03\x04 projekt",
        filename="oswiadczenie.docx",
        read_perm=Perm.ORGANISATION_VIEW,
        write_perm=Perm.ORGANISATION_EDIT,
    )
    return signed_document_upload(
        actor=None, document=document, file=SimpleUploadedFile("oswiadczenie.pdf", SIGNED_PDF)
    )


@pytest.mark.django_db
def test_the_check_runs_every_day():
    assert recurring_kinds()[KIND] == dt.timedelta(days=1)


@pytest.mark.django_db
def test_an_intact_log_verifies_and_is_sealed_link_by_link():
    _events(3)
    first = _verify(seal_before=_later())
    assert first["anomalies"] == [] and first["sealed"]["count"] == first["events"]
    _events(2)
    second = _verify(seal_before=_later())
    assert second["anomalies"] == [] and second["sealed"]["count"] == 2
    assert AuditSeal.objects.order_by("last_event_id").last().previous_hash == first["head"]
    assert _verify()["anomalies"] == []


@pytest.mark.django_db
def test_recent_events_wait_for_the_next_seal():
    _events(2)
    assert _verify(seal_before=timezone.now() - dt.timedelta(hours=1))["sealed"] is None
    assert not AuditSeal.objects.exists()


@pytest.mark.django_db
def test_an_event_rewritten_through_the_open_gate_is_reported():
    """Someone with SQL access who knows the gate rewrites an event without a recorded pseudonymisation."""
    event = _events(1)[0]
    with transaction.atomic(), audit_guard.erasure_gate():
        AuditEvent.objects.filter(pk=event.pk).update(after={"n": 42})
    anomalies = _verify()["anomalies"]
    assert [a.kind for a in anomalies] == ["event"]
    assert f"nr {event.pk}" in anomalies[0].message and "inną treść" in anomalies[0].message


@pytest.mark.django_db
def test_a_forged_redaction_is_reported():
    """Rewriting an event and setting its redacted digest is not enough: no erasure lists it."""
    event = _events(1)[0]
    event.after = {"n": 42}
    forged = audit.event_digest(event)
    with transaction.atomic(), audit_guard.erasure_gate():
        AuditEvent.objects.filter(pk=event.pk).update(after={"n": 42}, redacted_digest=forged)
    anomalies = _verify()["anomalies"]
    assert len(anomalies) == 1 and "żadna pseudonimizacja" in anomalies[0].message


@pytest.mark.django_db
def test_an_event_deleted_from_a_sealed_range_breaks_the_chain():
    """With the triggers bypassed, an event is deleted; its digest went with it, but the seal remembers."""
    events = _events(3)
    _verify(seal_before=_later())
    with transaction.atomic(), audit_guard.wipe_gate():
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    anomalies = _verify()["anomalies"]
    assert [a.kind for a in anomalies] == ["seal"]
    assert "przerwany" in anomalies[0].message


@pytest.mark.django_db
def test_an_event_and_its_digest_rewritten_together_break_the_chain():
    events = _events(2)
    _verify(seal_before=_later())
    event = AuditEvent.objects.get(pk=events[0].pk)
    event.after = {"n": 42}
    with transaction.atomic():
        audit_guard.uninstall(connection)  # the owner of the database can do this much
        AuditEvent.objects.filter(pk=event.pk).update(after={"n": 42}, digest=audit.event_digest(event))
        audit_guard.install(connection)
    assert [a.kind for a in _verify()["anomalies"]] == ["seal"]


@pytest.mark.django_db
def test_a_gdpr_erasure_keeps_the_log_verifiable(association_data, user_for_role):
    from zit.association.services import person_create, person_erase, person_update

    staff = user_for_role("office_admin")
    person = person_create(
        actor=staff, first_name="Zenobia", last_name="Kwiatkowska", email="z.k@example.invalid"
    )
    person_update(actor=staff, person=person, phone="600 100 200")
    _verify(seal_before=_later())  # the person's events are sealed before the erasure

    person_erase(actor=staff, person=person, reason="Wniosek osoby z 3 marca 2026 r. (art. 17 RODO).")

    erasure = AuditEvent.objects.get(action=audit.PSEUDONYMISE_ACTION, object_id=str(person.pk))
    changed = AuditEvent.objects.filter(pk__in=erasure.after["events"])
    assert changed.count() == 2 and all(e.redacted_digest for e in changed)
    assert erasure.actor_id == staff.pk
    assert _verify(seal_before=_later())["anomalies"] == []


@pytest.mark.django_db
def test_a_changed_signed_file_is_reported_by_the_daily_job(user_for_role):
    admin = user_for_role("office_admin")
    admin.email = "biuro@example.invalid"
    admin.save()
    org = organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")
    document = _signed_document(org)
    assert _run_job()["anomaly_count"] == 0
    mail.outbox.clear()

    with open(document.signed.path, "wb") as stored:
        stored.write(SIGNED_PDF.replace(b"Catalog", b"Katalog"))
    result = _run_job()

    assert result["anomaly_count"] == 1
    assert "zapisany plik zmieniono" in result["anomalies"][0]["message"]
    assert result["notified"] == 1
    assert mail.outbox[0].to == ["biuro@example.invalid"]
    assert "zapisany plik zmieniono" in mail.outbox[0].body
    event = AuditEvent.objects.filter(action=KIND).latest("id")
    assert event.after["anomaly_count"] == 1


@pytest.mark.django_db
def test_a_hash_changed_in_the_database_is_reported():
    """The file and the row's hash changed together; the audit log still holds the hash of the upload."""
    org = organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")
    document = _signed_document(org)
    forged = b"%PDF-1.7 podrobiony"
    with open(document.signed.path, "wb") as stored:
        stored.write(forged)
    import hashlib

    SignedDocument.objects.filter(pk=document.pk).update(signed_sha256=hashlib.sha256(forged).hexdigest())
    result = _run_job()
    assert result["anomaly_count"] == 1
    assert "różni się od zapisanego w dzienniku" in result["anomalies"][0]["message"]


@pytest.mark.django_db
def test_a_broken_chain_is_shown_on_the_office_dashboard(client, user_for_role):
    events = _events(2)
    _verify(seal_before=_later())
    with transaction.atomic(), audit_guard.wipe_gate():
        AuditEvent.objects.filter(pk=events[0].pk).delete()
    _run_job()
    admin = user_for_role("office_admin")
    client.force_login(admin)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Spójność dziennika audytu" in page
    assert "Łańcuch dziennika audytu jest przerwany" in page
    # people who do not read the audit log see nothing of it
    client.force_login(user_for_role("assessor"))
    assert "Spójność dziennika audytu" not in client.get(reverse("accounts:dashboard")).content.decode()


@pytest.mark.django_db
def test_an_intact_platform_shows_a_quiet_status(client, user_for_role):
    _events(1)
    _run_job()
    client.force_login(user_for_role("office_admin"))
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "bez nieprawidłowości" in page and "wykryło" not in page
