"""Moving models to another app keeps their history: content types, audit events, signed documents, jobs."""

import types

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from core.signing_ca import signed_pdf
from zit.core import audit, audit_guard
from zit.core.integrity import audit_log_verify
from zit.core.model_moves import RELABEL_ACTION, Move, backward, forward
from zit.core.models import AuditEvent, Job, SignedDocument
from zit.core.roles import Perm
from zit.core.signed import signed_document_draft, signed_document_upload
from zit.organisations.models import Organisation

pytestmark = pytest.mark.django_db

SIGNED_PDF = signed_pdf()  # a real PAdES signature of the tests' own certification authority
MOVE = Move(
    old_app="organisations",
    new_app="registry",
    models=("organisation",),
    strings={
        "organisations.test_change": "registry.change",
        "organisations.test_statement": "registry.statement",
        str(Perm.ORGANISATION_VIEW): "registry.view",
        "organisations.test_job": "registry.job",
    },
)
SCHEMA_EDITOR = types.SimpleNamespace(connection=connection)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    yield
    ContentType.objects.clear_cache()


def _history():
    with transaction.atomic():
        org = Organisation.objects.create(name="Fundacja Przenoszona", kind="ngo")
        events = [
            audit.record(actor=None, action="organisations.test_change", obj=org, after={"n": i})
            for i in range(3)
        ]
        other = audit.record(actor=None, action="core.other", obj=None, collection=Job)
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
    signed_document_upload(actor=None, document=document, file=SimpleUploadedFile("o.pdf", SIGNED_PDF))
    job = Job.objects.create(kind="organisations.test_job", title="Zadanie")
    return org, events, other, document, job


def _verify():
    with transaction.atomic():
        return audit_log_verify()["anomalies"]


def test_a_move_renames_the_stored_strings_and_the_log_still_verifies():
    org, events, other, document, job = _history()
    content_type = ContentType.objects.get(app_label="organisations", model="organisation")
    permissions = set(Permission.objects.filter(content_type=content_type).values_list("codename", flat=True))

    forward(MOVE)(apps, SCHEMA_EDITOR)

    content_type.refresh_from_db()
    assert content_type.app_label == "registry"
    assert set(Permission.objects.filter(content_type=content_type).values_list("codename", flat=True)) == (
        permissions
    )
    moved = AuditEvent.objects.filter(pk__in=[e.pk for e in events])
    assert {(e.object_type, e.action) for e in moved} == {("registry.organisation", "registry.change")}
    assert all(
        e.digest == old.digest and e.redacted_digest
        for e, old in zip(moved.order_by("id"), events, strict=True)
    )
    assert AuditEvent.objects.get(pk=other.pk).redacted_digest == ""
    document.refresh_from_db()
    assert (document.kind, document.read_perm, document.write_perm, document.content_type_id) == (
        "registry.statement",
        "registry.view",
        str(Perm.ORGANISATION_EDIT),
        content_type.pk,
    )
    job.refresh_from_db()
    assert job.kind == "registry.job"
    relabel = AuditEvent.objects.get(action=RELABEL_ACTION)
    assert sorted(relabel.after["events"]) == sorted(e.pk for e in events)
    assert relabel.after["models"] == ["organisation"]
    assert _verify() == []

    backward(MOVE)(apps, SCHEMA_EDITOR)

    content_type.refresh_from_db()
    assert content_type.app_label == "organisations"
    back = AuditEvent.objects.filter(pk__in=[e.pk for e in events])
    assert {(e.object_type, e.action) for e in back} == {
        ("organisations.organisation", "organisations.test_change")
    }
    document.refresh_from_db()
    assert (document.kind, document.read_perm) == (
        "organisations.test_statement",
        str(Perm.ORGANISATION_VIEW),
    )
    assert AuditEvent.objects.filter(action=RELABEL_ACTION).count() == 2
    assert _verify() == []


def test_a_content_type_made_early_for_the_new_app_gives_way_to_the_old_one():
    org, *_ = _history()
    old = ContentType.objects.get(app_label="organisations", model="organisation")
    early = ContentType.objects.create(app_label="registry", model="organisation")
    Permission.objects.create(content_type=early, codename="view_organisation_early", name="x")

    forward(MOVE)(apps, SCHEMA_EDITOR)

    assert not ContentType.objects.filter(pk=early.pk).exists()
    assert ContentType.objects.get(app_label="registry", model="organisation").pk == old.pk
    assert SignedDocument.objects.get(object_id=org.pk).content_type_id == old.pk


def test_the_relabel_gate_lets_only_the_names_change():
    with transaction.atomic():
        org = Organisation.objects.create(name="Fundacja", kind="ngo")
        event = audit.record(actor=None, action="test.create", obj=org, after={"name": "A"})
    with pytest.raises(DatabaseError), transaction.atomic(), audit_guard.relabel_gate():
        AuditEvent.objects.filter(pk=event.pk).update(after={"name": "B"})
    with pytest.raises(DatabaseError), transaction.atomic(), audit_guard.relabel_gate():
        AuditEvent.objects.filter(pk=event.pk).update(object_id="999")
    with transaction.atomic(), audit_guard.relabel_gate():
        AuditEvent.objects.filter(pk=event.pk).update(object_type="registry.organisation", action="x.create")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.object_type, stored.action, stored.after) == (
        "registry.organisation",
        "x.create",
        {"name": "A"},
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="y.create")


def test_a_rename_no_relabel_event_lists_is_reported():
    """Renaming through the gate by hand, without the recorded move, shows in the daily check."""
    with transaction.atomic():
        org = Organisation.objects.create(name="Fundacja", kind="ngo")
        event = audit.record(actor=None, action="test.create", obj=org)
    with transaction.atomic(), audit_guard.relabel_gate():
        AuditEvent.objects.filter(pk=event.pk).update(action="test.renamed")
    anomalies = _verify()
    assert len(anomalies) == 1 and f"nr {event.pk}" in anomalies[0].message
