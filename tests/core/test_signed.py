import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from core.signing_ca import sign_xml, signed_pdf
from zit.core import signed
from zit.core.models import AuditEvent, SignedDocument
from zit.core.roles import Perm
from zit.core.services import audit_correct
from zit.core.signed import (
    signed_document_draft,
    signed_document_for,
    signed_document_upload,
    signed_document_verify,
)
from zit.organisations.services import organisation_create

KIND = "organisations.test_statement"
DOCX = b"PK\x03\x04 generated draft"
PLAIN_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
SIGNED_PDF = signed_pdf()  # a real PAdES signature of the tests' own certification authority
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
XADES = sign_xml()  # a real XAdES signature of the tests' own certification authority


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def org(db):
    return organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")


@pytest.fixture
def writer(user_for_role, org):
    return user_for_role("beneficiary", org)


def _draft(org, actor=None, content=DOCX, **extra):
    return signed_document_draft(
        actor=actor,
        subject=org,
        kind=KIND,
        title=extra.pop("title", "Oświadczenie organizacji"),
        content=content,
        filename="oswiadczenie.docx",
        read_perm=Perm.ORGANISATION_VIEW,
        write_perm=Perm.ORGANISATION_EDIT,
        organisation_id=org.pk,
        **extra,
    )


def _upload(document, actor, content, name):
    return signed_document_upload(actor=actor, document=document, file=SimpleUploadedFile(name, content))


def test_draft_is_created_with_its_file_and_one_audit_event(org, writer):
    document = _draft(org, actor=writer)
    assert signed_document_for(subject=org, kind=KIND) == document
    assert document.subject == org
    assert document.draft.read() == DOCX
    assert document.draft_generated_at is not None
    assert "beneficiary" in document.draft_generated_by_label
    assert not document.locked
    event = AuditEvent.objects.get(action="signed_document.draft")
    assert event.actor_id == writer.pk
    assert event.before is None


def test_regenerating_replaces_the_draft_and_drops_the_old_file(
    org, writer, django_capture_on_commit_callbacks
):
    first = _draft(org, actor=writer)
    old_name, storage = first.draft.name, first.draft.storage
    with django_capture_on_commit_callbacks(execute=True):
        second = _draft(org, actor=writer, content=b"PK\x03\x04 second", title="Oświadczenie, wersja 2")
    assert second.pk == first.pk
    assert SignedDocument.objects.count() == 1
    assert second.title == "Oświadczenie, wersja 2"
    second.draft.open("rb")
    assert second.draft.read() == b"PK\x03\x04 second"
    assert second.draft.name != old_name
    assert not storage.exists(old_name)
    assert AuditEvent.objects.filter(action="signed_document.draft", object_id=str(first.pk)).count() == 2


def test_signed_pdf_is_recognised_and_locks_the_document(org, writer):
    document = _upload(_draft(org), writer, SIGNED_PDF, "oswiadczenie-podpisane.pdf")
    assert document.locked
    assert document.signature_kind == SignedDocument.SignatureKind.PDF_SIGNATURE
    assert document.signed_sha256 == hashlib.sha256(SIGNED_PDF).hexdigest()
    assert document.signed_size == len(SIGNED_PDF)
    assert document.signed_at is not None
    assert "beneficiary" in document.signed_by_label
    assert signed_document_verify(document=document)


def test_audit_event_of_the_upload_carries_hash_file_and_signature_kind(org, writer):
    document = _upload(_draft(org), writer, SIGNED_PDF, "podpisany.pdf")
    event = AuditEvent.objects.get(action="signed_document.upload")
    assert event.object_id == str(document.pk)
    assert event.actor_id == writer.pk
    assert event.after["signed_sha256"] == hashlib.sha256(SIGNED_PDF).hexdigest()
    assert event.after["signed"].endswith(".pdf") and "podpisany" in event.after["signed"]
    assert event.after["signature_kind"] == "pdf_signature"
    assert event.before["locked"] is False and event.after["locked"] is True


def test_signature_marker_split_between_chunks_is_found():
    """The file is read in 64 KiB chunks; "/ByteRange" straddles the first boundary."""
    padding = b"%" * (64 * 1024 - len(b"%PDF-1.7\n") - 4)
    content = b"%PDF-1.7\n" + padding + b"/ByteRange [0 1 2 3] /Type /Sig >>\n%%EOF\n"
    sha256, size, kind = signed._inspect(File(io.BytesIO(content), name="duzy.pdf"), "pdf")
    assert kind == "pdf_signature"
    assert sha256 == hashlib.sha256(content).hexdigest() and size == len(content)


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [(PLAIN_PDF, "skan.pdf", "scan"), (PNG, "skan.PNG", "scan"), (XADES, "podpis.xades", "xades")],
)
def test_other_files_are_recognised(org, writer, content, name, kind):
    assert _upload(_draft(org), writer, content, name).signature_kind == kind


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "x.pdf", "nie jest plikiem PDF"),
        (PLAIN_PDF, "x.png", "nie jest plikiem PNG"),
        (PLAIN_PDF, "x.jpg", "nie jest plikiem JPEG"),
        (b"just text", "x.xml", "nie jest plikiem XML"),
        (b'<?xml version="1.0"?><dokument/>', "x.xml", "nie zawiera podpisu"),
        (b"PK\x03\x04", "x.docx", "Wgraj plik PDF"),
        (SIGNED_PDF, "bez-rozszerzenia", "Wgraj plik PDF"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(org, writer, content, name, message):
    document = _draft(org)
    with pytest.raises(ValidationError) as exc:
        _upload(document, writer, content, name)
    assert message in exc.value.message_dict["file"][0]
    document.refresh_from_db()
    assert not document.locked and not document.signed


def test_empty_file_is_refused(org, writer):
    with pytest.raises(ValidationError) as exc:
        signed_document_upload(actor=writer, document=_draft(org), file=File(io.BytesIO(b""), name="x.pdf"))
    assert "pusty" in exc.value.message_dict["file"][0]


def test_too_large_file_is_refused(org, writer, monkeypatch):
    monkeypatch.setattr(signed, "MAX_SIGNED_SIZE", 100)
    document = _draft(org)
    with pytest.raises(ValidationError) as exc:
        _upload(document, writer, PLAIN_PDF + b"%" * 200, "duzy.pdf")
    assert "za duży" in exc.value.message_dict["file"][0]
    assert _upload(document, writer, PLAIN_PDF, "maly.pdf").locked


def test_nothing_changes_a_locked_document(org, writer):
    document = _upload(_draft(org), writer, PLAIN_PDF, "skan.pdf")
    with pytest.raises(ValidationError):
        _draft(org, actor=writer)
    with pytest.raises(ValidationError):
        _upload(document, writer, SIGNED_PDF, "inny.pdf")
    document.title = "Inny tytuł"
    with pytest.raises(ValidationError):
        document.save()
    with pytest.raises(ValidationError):
        document.delete()
    document.refresh_from_db()
    assert document.title == "Oświadczenie organizacji"
    assert document.signature_kind == "scan"


def test_verify_detects_a_changed_or_missing_file(org, writer):
    document = _upload(_draft(org), writer, SIGNED_PDF, "podpisany.pdf")
    assert signed_document_verify(document=document)
    with open(document.signed.path, "wb") as stored:
        stored.write(SIGNED_PDF.replace(b"Catalog", b"Katalog"))
    assert not signed_document_verify(document=document)
    document.signed.storage.delete(document.signed.name)
    assert not signed_document_verify(document=document)


def test_services_check_the_write_permission(org, user_for_role):
    other = organisation_create(actor=None, name="Stowarzyszenie Inne", kind="ngo", city="Koło")
    outsider = user_for_role("beneficiary", other)
    reader = user_for_role("board_member")  # may read organisations everywhere, never edit them
    for actor in (outsider, reader):
        with pytest.raises(PermissionDenied):
            _draft(org, actor=actor)
    document = _draft(org)
    for actor in (outsider, reader):
        with pytest.raises(PermissionDenied):
            _upload(document, actor, SIGNED_PDF, "podpisany.pdf")
    assert SignedDocument.objects.get().locked is False


def test_unknown_permission_code_is_a_programming_error(org):
    with pytest.raises(ValueError):
        signed_document_draft(
            actor=None,
            subject=org,
            kind=KIND,
            title="X",
            content=DOCX,
            filename="x.docx",
            read_perm="organisations.viev",
            write_perm=Perm.ORGANISATION_EDIT,
        )


# --- views


def test_downloads_need_the_read_permission(client, org, writer, user_for_role):
    document = _upload(_draft(org), writer, SIGNED_PDF, "podpisany.pdf")
    client.force_login(user_for_role("beneficiary", organisation_create(actor=None, name="Inna", kind="ngo")))
    assert client.get(reverse("core:signed_draft", args=[document.pk])).status_code == 403
    assert client.get(reverse("core:signed_file", args=[document.pk])).status_code == 403
    client.force_login(writer)
    draft = client.get(reverse("core:signed_draft", args=[document.pk]))
    assert draft.status_code == 200
    assert draft["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in draft["Content-Disposition"] and ".docx" in draft["Content-Disposition"]
    assert b"".join(draft.streaming_content) == DOCX
    signed_file = client.get(reverse("core:signed_file", args=[document.pk]))
    assert signed_file["Content-Type"] == "application/pdf"
    assert b"".join(signed_file.streaming_content) == SIGNED_PDF


def test_signed_file_download_is_404_before_the_upload(client, org, writer):
    client.force_login(writer)
    assert client.get(reverse("core:signed_file", args=[_draft(org).pk])).status_code == 404


def test_upload_page_needs_the_write_permission(client, org, user_for_role):
    document = _draft(org)
    client.force_login(user_for_role("board_member"))
    url = reverse("core:signed_upload", args=[document.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"file": SimpleUploadedFile("p.pdf", SIGNED_PDF), "confirm": "on"}).status_code
        == 403
    )
    document.refresh_from_db()
    assert not document.locked


def test_upload_page_stores_the_file_and_returns_to_a_safe_next(client, org, writer):
    document = _draft(org)
    client.force_login(writer)
    url = f"{reverse('core:signed_upload', args=[document.pk])}?next=/biuro/organizacje/{org.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert f'href="/biuro/organizacje/{org.pk}/"' in page.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("p.pdf", SIGNED_PDF), "confirm": "on"})
    assert response.status_code == 303
    assert response["Location"] == reverse("association:organisation", args=[org.pk])
    document.refresh_from_db()
    assert document.locked and document.signature_kind == "pdf_signature"


def test_upload_page_ignores_a_foreign_next(client, org, writer):
    document = _draft(org)
    client.force_login(writer)
    url = reverse("core:signed_upload", args=[document.pk])
    response = client.post(
        url + "?next=https://example.org/", {"file": SimpleUploadedFile("p.pdf", PLAIN_PDF), "confirm": "on"}
    )
    assert response["Location"] == url


def test_upload_page_shows_the_service_error_next_to_the_field(client, org, writer):
    document = _draft(org)
    client.force_login(writer)
    response = client.post(
        reverse("core:signed_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("x.pdf", PNG), "confirm": "on"},
    )
    assert response.status_code == 200
    assert "nie jest plikiem PDF" in " ".join(response.context["form"].errors["file"])
    document.refresh_from_db()
    assert not document.locked


def test_upload_page_asks_for_confirmation(client, org, writer):
    document = _draft(org)
    client.force_login(writer)
    response = client.post(
        reverse("core:signed_upload", args=[document.pk]), {"file": SimpleUploadedFile("p.pdf", PLAIN_PDF)}
    )
    assert "confirm" in response.context["form"].errors
    document.refresh_from_db()
    assert not document.locked


# --- the include


def _render(document, user, path=None):
    request = RequestFactory().get(path or reverse("association:organisation", args=[1]))
    request.user = user
    return render_to_string(
        "includes/signed_document.html", {"document": document, "user": user}, request=request
    )


def test_include_tells_the_state_in_words_and_offers_the_allowed_links(org, writer, user_for_role):
    document = _draft(org)
    html = _render(document, writer)
    assert "Wygenerowano projekt do podpisu" in html
    assert "Podpisanego dokumentu jeszcze nie wgrano." in html
    assert reverse("core:signed_draft", args=[document.pk]) in html
    assert reverse("core:signed_upload", args=[document.pk]) + "?next=/biuro/organizacje/1/" in html
    reader_html = _render(document, user_for_role("board_member"))
    assert "/wgraj/" not in reader_html and "/projekt/" in reader_html

    document = _upload(document, writer, SIGNED_PDF, "podpisany.pdf")
    html = _render(document, writer)
    assert "zablokowany" in html
    assert "PDF z osadzonym podpisem elektronicznym" in html
    assert f"<code>{document.signed_sha256}</code>" in html
    assert reverse("core:signed_file", args=[document.pk]) in html
    assert "/wgraj/" not in html
    assert _render(None, writer).strip() == ""


def test_an_audit_correction_cannot_change_a_locked_document(org, writer, user_for_role):
    _upload(_draft(org), writer, SIGNED_PDF, "podpisany.pdf")
    event = AuditEvent.objects.get(action="signed_document.upload")
    with pytest.raises(ValidationError):
        audit_correct(
            actor=user_for_role("office_admin"),
            event=event,
            values={"signature_kind": "scan"},
            reason="Próba zmiany zablokowanego dokumentu.",
        )
    assert SignedDocument.objects.get().signature_kind == "pdf_signature"
