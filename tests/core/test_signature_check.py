"""Checking the signatures of uploaded signed documents against the trusted certificates, offline."""

import datetime as dt
import socket
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.signing_ca import (
    NOW,
    make_ca,
    make_signer,
    sample_pdf,
    sign_pdf,
    sign_xml,
    trusted_list_xml,
)
from core.test_signed import PNG, _draft, _render, _upload
from zit.core import jobs, safe_fetch
from zit.core.models import AuditEvent, SignedDocument, TrustAnchor
from zit.core.signed import signed_document_lock_override
from zit.core.trust_list import parse_trusted_list, trust_anchor_add, trust_list_load

R = SignedDocument.CheckResult
Q = SignedDocument.Qualification


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def org(db):
    from zit.organisations.services import organisation_create

    return organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")


@pytest.fixture
def writer(user_for_role, org):
    return user_for_role("beneficiary", org)


@pytest.fixture
def trusted(db):
    """The tests' CA on the trusted list, loaded as the office would load it."""
    from core.signing_ca import default_ca

    trust_list_load(actor=None, data=trusted_list_xml(default_ca()), label="test")


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection during a check fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the check tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- PAdES


def _tampered() -> bytes:
    """The signed PDF with one number of its signed page changed (its size on paper)."""
    good = sign_pdf()
    tampered = good.replace(b"595", b"594", 1)
    assert tampered != good and len(tampered) == len(good)
    return tampered


def test_valid_pades_from_a_trusted_qualified_ca_is_valid_qualified_and_locks(
    org, writer, trusted, no_network
):
    document = _upload(_draft(org), writer, sign_pdf(), "podpisany.pdf")
    assert document.locked
    assert document.check_result == R.VALID
    assert document.check_qualified == Q.QUALIFIED
    assert document.check_signer == "Anna Nowak"
    assert abs(document.check_signing_time - NOW) < dt.timedelta(hours=1)
    html = _render(document, writer)
    assert "podpis ważny" in html and "Anna Nowak" in html and "kwalifikowany podpis elektroniczny" in html


def test_tampered_pdf_is_invalid_kept_and_does_not_lock(org, writer, trusted):
    tampered = _tampered()
    document = _upload(_draft(org), writer, tampered, "zmieniony.pdf")
    assert document.check_result == R.INVALID
    assert "zmieniono po podpisaniu" in document.check_details
    assert not document.locked and document.signed  # the file is kept, the document stays open
    assert AuditEvent.objects.filter(action="signed_document.upload_invalid").count() == 1
    html = _render(document, writer)
    assert "podpis nieważny" in html and "nie zablokowano" in html
    from zit.core.integrity import signed_documents_verify

    assert signed_documents_verify() == (1, [])  # the daily integrity check knows this upload
    # a corrected file can still be uploaded, and then the document locks
    assert _upload(document, writer, sign_pdf(), "poprawiony.pdf").locked
    assert signed_documents_verify() == (1, [])


def test_expired_certificate_is_indeterminate_and_said_so(org, writer, trusted):
    from core.signing_ca import default_ca

    expired = make_signer(
        default_ca(),
        "Jan Kowalski",
        not_before=NOW - dt.timedelta(days=800),
        not_after=NOW - dt.timedelta(days=1),
    )
    document = _upload(_draft(org), writer, sign_pdf(expired), "stary.pdf")
    assert document.check_result == R.INDETERMINATE
    assert "wygasł" in document.check_details
    assert document.check_signer == "Jan Kowalski"
    assert "nie da się rozstrzygnąć" in _render(document, writer)


def test_signer_from_a_ca_not_on_the_list_is_not_trusted(org, writer, trusted):
    stranger_ca = make_ca("Obce CA")
    pdf = sign_pdf(make_signer(stranger_ca, "Ewa Obca"), stranger_ca)
    document = _upload(_draft(org), writer, pdf, "obcy.pdf")
    assert document.check_result == R.UNTRUSTED
    assert document.check_signer == "Ewa Obca"
    assert document.check_qualified == ""
    assert "wystawcy certyfikatu nie ma wśród zaufanych" in document.check_details


def test_without_any_trusted_certificate_a_good_signature_is_not_trusted(org, writer):
    assert not TrustAnchor.objects.exists()
    assert _upload(_draft(org), writer, sign_pdf(), "p.pdf").check_result == R.UNTRUSTED


def test_trusted_profile_issuer_added_by_the_office_gives_a_valid_not_qualified_signature(org, writer):
    ca = make_ca("Podpis zaufany - testowe CA")
    trust_anchor_add(actor=None, data=ca.pem, label="test")
    document = _upload(_draft(org), writer, sign_pdf(make_signer(ca, "Piotr Zaufany"), ca), "pz.pdf")
    assert document.check_result == R.VALID
    assert document.check_qualified == Q.PUBLIC
    assert "nie kwalifikowany" in _render(document, writer)


def test_certificate_without_qc_statements_is_not_qualified(org, writer, trusted):
    from core.signing_ca import default_ca

    plain = make_signer(default_ca(), "Zofia Zwykła", qualified=False)
    document = _upload(_draft(org), writer, sign_pdf(plain), "z.pdf")
    assert document.check_result == R.VALID
    assert document.check_qualified == Q.NOT_QUALIFIED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"%PDF-1.7\n5 0 obj << /Type /Sig /ByteRange [0 840 960 240] /Contents <3082> >> endobj\n",
            "odczytać",
        ),
        (sample_pdf(), None),  # no signature at all: a scan, not refused
    ],
)
def test_broken_signature_dictionary_is_refused_fast_and_nothing_is_stored(org, writer, content, message):
    document = _draft(org)
    start = time.monotonic()
    if message is None:
        assert _upload(document, writer, content, "skan.pdf").check_result == R.NOT_APPLICABLE
        return
    with pytest.raises(ValidationError) as exc:
        _upload(document, writer, content, "zepsuty.pdf")
    assert time.monotonic() - start < 5
    assert message in exc.value.message_dict["file"][0]
    document.refresh_from_db()
    assert not document.signed and not document.locked and document.draft


# --- XAdES


def test_xades_valid_and_tampered(org, writer, trusted, no_network):
    document = _upload(_draft(org), writer, sign_xml(), "podpis.xml")
    assert document.signature_kind == "xades"
    assert document.check_result == R.VALID and document.locked
    assert document.check_signer == "Anna Nowak"
    assert document.check_signing_time is not None
    assert document.check_qualified == Q.QUALIFIED

    from zit.organisations.services import organisation_create

    other = _draft(organisation_create(actor=None, name="Stowarzyszenie Drugie", kind="ngo", city="Koło"))
    tampered = sign_xml().replace(b"prawdziwe", b"nieprawdziwe")
    result = _upload(other, None, tampered, "podpis.xades")
    assert result.check_result == R.INVALID and not result.locked


def test_xades_from_an_unknown_ca_is_not_trusted(org, writer, trusted):
    ca = make_ca("Nieznane CA")
    document = _upload(_draft(org), writer, sign_xml(make_signer(ca), ca), "podpis.xml")
    assert document.check_result == R.UNTRUSTED


@pytest.mark.parametrize(
    "xml",
    [
        # XXE: an external entity pointing at a local file
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<d><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">&x;</ds:Signature></d>',
        # a billion laughs
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<d><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">&b;</ds:Signature></d>',
    ],
)
def test_xml_with_entities_is_refused_fast(org, writer, xml, no_network):
    document = _draft(org)
    start = time.monotonic()
    with pytest.raises(ValidationError) as exc:
        _upload(document, writer, xml, "zly.xml")
    assert time.monotonic() - start < 5
    assert "DTD" in exc.value.message_dict["file"][0]
    document.refresh_from_db()
    assert not document.signed and not document.locked


def test_huge_xml_is_refused(org, writer, monkeypatch):
    from zit.core import signature_check

    monkeypatch.setattr(signature_check, "MAX_XML_BYTES", 1000)
    xml = b'<d><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>' + b"<x/>" * 500 + b"</d>"
    with pytest.raises(ValidationError) as exc:
        _upload(_draft(org), writer, xml, "duzy.xml")
    assert "za duży" in exc.value.message_dict["file"][0]


# --- scans and locking


def test_scan_is_not_applicable_and_locks(org, writer):
    document = _upload(_draft(org), writer, PNG, "skan.png")
    assert document.check_result == R.NOT_APPLICABLE and document.locked
    assert "nie dotyczy" in _render(document, writer)


def test_invalid_signature_blocks_locking_until_the_office_overrides_with_a_reason(
    org, writer, trusted, user_for_role
):
    tampered = _tampered()
    document = _upload(_draft(org), writer, tampered, "zmieniony.pdf")
    assert not document.locked and document.lock_overridable
    admin = user_for_role("office_admin")
    with pytest.raises(PermissionDenied):
        signed_document_lock_override(actor=writer, document=document, reason="Chcę zablokować.")
    with pytest.raises(PermissionDenied):
        signed_document_lock_override(actor=user_for_role("office_staff"), document=document, reason="Powód.")
    with pytest.raises(ValidationError):
        signed_document_lock_override(actor=admin, document=document, reason="  ")
    document = signed_document_lock_override(
        actor=admin, document=document, reason="Oryginał papierowy sprawdzony w biurze."
    )
    assert document.locked and document.lock_override_reason == "Oryginał papierowy sprawdzony w biurze."
    event = AuditEvent.objects.get(action="signed_document.lock_override")
    assert event.actor_id == admin.pk and event.reason == "Oryginał papierowy sprawdzony w biurze."
    assert event.after["locked"] is True and event.before["locked"] is False
    assert "Oryginał papierowy" in _render(document, writer)
    with pytest.raises(ValidationError):  # locked for good
        signed_document_lock_override(actor=admin, document=document, reason="Jeszcze raz.")


def test_a_valid_or_unsigned_document_cannot_be_overridden(org, writer, user_for_role):
    document = _draft(org)
    with pytest.raises(ValidationError):
        signed_document_lock_override(actor=user_for_role("office_admin"), document=document, reason="Powód.")


def test_override_page_locks_with_the_reason(client, org, writer, trusted, user_for_role):
    tampered = _tampered()
    document = _upload(_draft(org), writer, tampered, "zmieniony.pdf")
    admin = user_for_role("office_admin")
    assert reverse("core:signed_lock_override", args=[document.pk]) in _render(document, admin)
    assert "zablokuj/" not in _render(document, writer)
    url = reverse("core:signed_lock_override", args=[document.pk])
    client.force_login(writer)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    page = client.get(url)
    assert page.status_code == 200 and "podpis nieważny" in page.content.decode()
    assert client.post(url, {"reason": "Sprawdzono oryginał."}).status_code == 303
    document.refresh_from_db()
    assert document.locked and document.lock_override_reason == "Sprawdzono oryginał."


def test_upload_page_tells_the_result(client, org, writer, trusted):
    document = _draft(org)
    client.force_login(writer)
    url = reverse("core:signed_upload", args=[document.pk])
    response = client.post(
        url, {"file": SimpleUploadedFile("p.pdf", sign_pdf()), "confirm": "on"}, follow=True
    )
    assert "Wynik sprawdzenia podpisu: podpis ważny" in response.content.decode()


# --- the trusted list


def test_trusted_list_takes_only_granted_qualified_ca_services():
    from core.signing_ca import default_ca

    anchors, label = parse_trusted_list(trusted_list_xml(default_ca(), make_ca("Drugie CA")))
    assert len(anchors) == 2 and all(a.qualified for a in anchors)
    assert "PL" in label and "2026-11-02" in label
    with pytest.raises(ValidationError):  # a timestamping service is no CA
        parse_trusted_list(
            trusted_list_xml(default_ca(), service_type="http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST")
        )
    with pytest.raises(ValidationError):
        parse_trusted_list(b"<?xml version='1.0'?><inny/>")
    with pytest.raises(ValidationError):
        parse_trusted_list(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><TrustServiceStatusList/>')


def test_loading_a_list_replaces_the_previous_one_and_keeps_the_offices_certificates(db, user_for_role):
    from core.signing_ca import default_ca

    admin = user_for_role("office_admin")
    own = make_ca("Własne CA biura")
    trust_anchor_add(actor=admin, data=own.pem, label="wgrane ręcznie")
    trust_list_load(actor=admin, data=trusted_list_xml(make_ca("Stare CA")), label="")
    trust_list_load(actor=admin, data=trusted_list_xml(default_ca()), label="")
    subjects = sorted(TrustAnchor.objects.values_list("subject", flat=True))
    assert len(subjects) == 2 and any("Własne CA" in s for s in subjects)
    assert not any("Stare CA" in s for s in subjects)
    assert AuditEvent.objects.filter(action="trust_list.load", actor_id=admin.pk).count() == 2
    with pytest.raises(PermissionDenied):
        trust_list_load(actor=user_for_role("office_staff"), data=trusted_list_xml(default_ca()))


def test_trust_list_page_uploads_a_list(client, db, user_for_role):
    from core.signing_ca import default_ca

    client.force_login(user_for_role("office_staff"))
    assert client.get(reverse("core:trust_list")).status_code == 403
    client.force_login(user_for_role("office_admin"))
    url = reverse("core:trust_list")
    assert "Nie wgrano jeszcze" in client.get(url).content.decode()
    upload = SimpleUploadedFile("PL_TSL.xml", trusted_list_xml(default_ca()))
    response = client.post(url, {"file": upload, "what": "list", "label": "nccert.pl"}, follow=True)
    assert "Testowe CA kwalifikowane" in response.content.decode()
    assert TrustAnchor.objects.count() == 1


def test_refresh_job_fetches_the_list_through_the_safe_fetch(db, settings, monkeypatch):
    from core.signing_ca import default_ca

    settings.ZIT_TRUST_LIST_URL = "https://tsl.example.pl/PL_TSL.xml"
    calls = []

    def fake_fetch(url, **limits):
        calls.append((url, limits["max_bytes"]))
        return trusted_list_xml(default_ca())

    monkeypatch.setattr(safe_fetch, "fetch", fake_fetch)
    result = jobs.handler_for("core.trust_list_refresh")(None, lambda *a: None)
    assert calls and calls[0][0] == "https://tsl.example.pl/PL_TSL.xml"
    assert result["certificates"] == 1 and TrustAnchor.objects.count() == 1


def test_refresh_job_keeps_the_old_list_when_the_download_fails(db, settings, monkeypatch):
    from core.signing_ca import default_ca

    trust_list_load(actor=None, data=trusted_list_xml(default_ca()))
    settings.ZIT_TRUST_LIST_URL = "https://tsl.example.pl/PL_TSL.xml"

    def failing(url, **limits):
        raise safe_fetch.TooSlow(120)

    monkeypatch.setattr(safe_fetch, "fetch", failing)
    with pytest.raises(jobs.JobFailed):
        jobs.handler_for("core.trust_list_refresh")(None, lambda *a: None)
    assert TrustAnchor.objects.count() == 1


def test_refresh_job_without_an_address_does_nothing(db, settings):
    settings.ZIT_TRUST_LIST_URL = ""
    assert jobs.handler_for("core.trust_list_refresh")(None, lambda *a: None)["skipped"] is True
