"""Core's lifecycles: a signed document (derived from its lock) and a background job (moved by the worker)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.test_signed import DOCX, SIGNED_PDF, _draft
from zit.core.jobs import job_run, job_start
from zit.core.lifecycles import JOB, SIGNED_DOCUMENT, SignedState, job_move
from zit.core.models import AuditEvent, Job
from zit.core.signed import signed_document_upload
from zit.organisations.services import organisation_create


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def org(db):
    return organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")


@pytest.fixture
def writer(user_for_role, org):
    return user_for_role("beneficiary", org)


def test_a_signed_document_is_a_draft_until_its_upload_locks_it(org, writer):
    document = _draft(org, actor=writer)
    assert SIGNED_DOCUMENT.state_of(document) == SignedState.DRAFT
    assert [a.name for a in SIGNED_DOCUMENT.actions(writer, document)] == ["upload"]
    upload = SimpleUploadedFile("podpisany.pdf", SIGNED_PDF)
    document = signed_document_upload(actor=writer, document=document, file=upload)
    assert SIGNED_DOCUMENT.state_of(document) == SignedState.SIGNED
    assert SIGNED_DOCUMENT.actions(writer, document) == []
    event = AuditEvent.objects.get(action="signed_document.upload")
    assert event.before["state"] == "draft" and event.after["state"] == "signed"
    assert event.after["signed_sha256"] == document.signed_sha256
    with pytest.raises(ValidationError) as exc:
        _draft(org, actor=writer)
    assert exc.value.messages == [
        "Tej czynności („Wygeneruj projekt ponownie”) nie można wykonać, gdy stan to „podpisany i zablokowany”."
    ]


def test_only_the_holder_of_the_documents_write_permission_acts(org, writer, user_for_role):
    document = _draft(org, actor=writer)
    other = organisation_create(actor=None, name="Inna Fundacja", kind="ngo", city="Koło")
    stranger = user_for_role("beneficiary", other)
    assert SIGNED_DOCUMENT.actions(stranger, document) == []
    with pytest.raises(PermissionDenied):
        signed_document_upload(
            actor=stranger, document=document, file=SimpleUploadedFile("a.pdf", SIGNED_PDF)
        )


def test_regenerating_an_unsigned_draft_keeps_its_audit_name(org, writer):
    _draft(org, actor=writer)
    _draft(org, actor=writer, content=DOCX + b" again")
    events = AuditEvent.objects.filter(action="signed_document.draft").order_by("id")
    assert events.count() == 2 and events[1].after["state"] == "draft"


def test_a_job_moves_only_along_its_lifecycle(db):
    job = job_start(actor=None, kind="core.clear_sessions", title="Sesje")
    assert not job_move(job.pk, "succeed")  # a queued job cannot end before it runs
    assert job_move(job.pk, "claim")
    assert not job_move(job.pk, "claim")  # claimed once
    assert job_move(job.pk, "fail", message="x")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at and job.has_failed


def test_a_job_has_no_buttons_its_worker_moves_it(db, user_for_role):
    admin = user_for_role("office_admin")
    job = job_start(actor=None, kind="core.clear_sessions", title="Sesje")
    assert JOB.actions(admin, job) == []
    assert all(t.automatic for t in JOB.transitions)
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
