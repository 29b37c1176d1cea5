"""Signed documents: the platform generates a draft, people sign it outside the platform (a qualified
electronic signature in the PDF, the trusted profile, or on paper and scanned), and the uploaded signed file
becomes the locked record.

Any app uses it: `signed_document_draft` when it generates the document (again as often as needed),
`signed_document_for` to find it for its page, and the core views and the include
`includes/signed_document.html` for downloads and the upload. Once the signed file is uploaded the document is
locked: these services refuse every change, and the model refuses to be saved or deleted.

The platform recognises what kind of file it got and checks its signature (`core.signature_check`, against the
certificates of `core.trust_list`): the result is stored on the document. A scan is "not applicable" and locks;
an invalid signature keeps the file but leaves the document open (a corrected file can be uploaded), unless the
office locks it anyway, giving a reason (`signed_document_lock_override`, audited).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from zit.core import audit
from zit.core.lifecycle import Context
from zit.core.lifecycles import SIGNED_DOCUMENT
from zit.core.models import SignedDocument
from zit.core.roles import Perm, require_unless_system
from zit.core.signature_check import check_signature

MAX_SIGNED_SIZE = 20 * 1024 * 1024

# extension → what the file must be
_EXTENSIONS = {".pdf": "pdf", ".xml": "xml", ".xades": "xml", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
_FORMAT_NAMES = {"pdf": "PDF", "xml": "XML", "jpeg": "JPEG", "png": "PNG"}

# a PDF signature dictionary: the signed byte range together with its type or its signature format
_BYTE_RANGE = re.compile(rb"/ByteRange")
_SIG_TYPE = re.compile(rb"/Type\s*/Sig(?![A-Za-z])|/SubFilter")
_XML_SIGNATURE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Signature[\s>/]")
_OVERLAP = 64  # bytes kept from the previous chunk, so that a marker split between chunks is still found

_KNOWN_PERMS = frozenset(v for k, v in vars(Perm).items() if not k.startswith("_"))


def file_sha256(file: File) -> str:
    """The SHA-256 of an uploaded file, read in chunks: the fingerprint every stored signed file carries."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def signed_document_draft(
    *,
    actor: Any,
    subject: models.Model,
    kind: str,
    title: str,
    content: bytes,
    filename: str,
    read_perm: str,
    write_perm: str,
    organisation_id: int | None = None,
) -> SignedDocument:
    """Create the document for (subject, kind) with its generated draft, or replace the draft while unsigned.

    Title, permissions and organisation follow the latest call, since the generating app knows them best.
    """
    unknown = {read_perm, write_perm} - _KNOWN_PERMS
    if unknown:
        raise ValueError(f"Unknown permission codes: {sorted(unknown)}")
    require_unless_system(actor, write_perm, organisation_id=organisation_id)
    content_type = ContentType.objects.get_for_model(subject)
    document = (
        SignedDocument.objects.select_for_update()
        .filter(content_type=content_type, object_id=subject.pk, kind=kind)
        .first()
    )
    after: dict[str, Any] = {}

    def apply(obj: SignedDocument) -> None:
        obj.kind, obj.title = kind, title
        obj.read_perm, obj.write_perm, obj.organisation_id = read_perm, write_perm, organisation_id
        obj.draft_generated_at = timezone.now()
        obj.draft_generated_by_label = audit.actor_label(actor)
        obj.full_clean(exclude=["draft"])  # before the file is written, so a refusal leaves nothing behind
        obj.draft.save(PurePath(filename).name, ContentFile(content), save=False)
        after.update(audit.snapshot(obj))  # read by `fire` when it writes the event

    if document is None:  # the first draft: the document starts in its lifecycle's first state
        document = SignedDocument(content_type=content_type, object_id=subject.pk)
        apply(document)
        document.save()
        audit.record(
            actor=actor, action="signed_document.draft", obj=document, after=audit.snapshot(document)
        )
        return document
    old_draft = document.draft.name
    SIGNED_DOCUMENT.fire(
        actor=actor,
        obj=document,
        name="regenerate",
        apply=apply,
        before=audit.snapshot(document),
        after=after,
    )
    if old_draft and old_draft != document.draft.name:
        # a draft is not a record: drop the replaced one, but only once the new one is committed
        storage = document.draft.storage
        transaction.on_commit(lambda: storage.delete(old_draft))
    return document


def _inspect(file: File, expected: str) -> tuple[str, int, str]:
    """Read the upload once, in chunks: its SHA-256, its size and the kind of signature it carries."""
    digest, size, head, tail = hashlib.sha256(), 0, b"", b""
    found = {"byte_range": False, "sig_type": False, "xml_signature": False}
    for chunk in file.chunks():
        if not chunk:
            continue
        if not head:
            head = chunk[:1024]
            _check_format(head, expected)
        size += len(chunk)
        if size > MAX_SIGNED_SIZE:  # the declared size can lie, so count as well
            _refuse_size(size)
        digest.update(chunk)
        window = tail + chunk
        found["byte_range"] = found["byte_range"] or bool(_BYTE_RANGE.search(window))
        found["sig_type"] = found["sig_type"] or bool(_SIG_TYPE.search(window))
        found["xml_signature"] = found["xml_signature"] or bool(_XML_SIGNATURE.search(window))
        tail = window[-_OVERLAP:]
    if size == 0:
        raise ValidationError({"file": _("Plik jest pusty.")})
    if expected == "pdf":
        embedded = found["byte_range"] and found["sig_type"]
        kind = SignedDocument.SignatureKind.PDF_SIGNATURE if embedded else SignedDocument.SignatureKind.SCAN
    elif expected == "xml":
        if not found["xml_signature"]:
            raise ValidationError({"file": _("Ten plik XML nie zawiera podpisu elektronicznego (XAdES).")})
        kind = SignedDocument.SignatureKind.XADES
    else:
        kind = SignedDocument.SignatureKind.SCAN
    return digest.hexdigest(), size, kind


def _check_format(head: bytes, expected: str) -> None:
    if expected == "pdf":
        ok = head.startswith(b"%PDF-")
    elif expected == "png":
        ok = head.startswith(b"\x89PNG\r\n\x1a\n")
    elif expected == "jpeg":
        ok = head.startswith(b"\xff\xd8\xff")
    else:
        ok = head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")
    if not ok:
        raise ValidationError(
            {
                "file": _(
                    "Ten plik nie jest plikiem %(format)s, choć ma takie rozszerzenie. Sprawdź, czy to właściwy plik."
                )
                % {"format": _FORMAT_NAMES[expected]}
            }
        )


def _refuse_size(size: int) -> None:
    raise ValidationError(
        {
            "file": _("Plik jest za duży (%(size)s). Można wgrać plik do %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(MAX_SIGNED_SIZE)}
        }
    )


@transaction.atomic
def signed_document_upload(*, actor: Any, document: SignedDocument, file: File) -> SignedDocument:
    """Store the signed file, record its SHA-256, signature kind and the check of its signature, and lock the
    document for good unless the signature is invalid."""
    document = SignedDocument.objects.select_for_update().get(pk=document.pk)
    # the file is read only once the lifecycle let this actor upload to this document
    SIGNED_DOCUMENT.check(actor, document, "upload", Context(actor=actor, today=timezone.localdate()))
    name = PurePath(getattr(file, "name", "") or "").name
    expected = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if expected is None:
        raise ValidationError(
            {"file": _("Wgraj plik PDF, plik podpisu XAdES (XML) albo skan w formacie JPG lub PNG.")}
        )
    declared = getattr(file, "size", None)
    if declared is not None and declared > MAX_SIGNED_SIZE:
        _refuse_size(declared)
    sha256, size, signature_kind = _inspect(file, expected)
    file.seek(0)
    outcome = check_signature(file.read(), signature_kind)
    file.seek(0)
    invalid = outcome.result == SignedDocument.CheckResult.INVALID
    old_signed = document.signed.name
    after: dict[str, Any] = {}

    def apply(obj: SignedDocument) -> None:
        obj.signed.save(name, file, save=False)
        obj.signed_sha256, obj.signed_size, obj.signature_kind = sha256, size, signature_kind
        obj.signed_at = timezone.now()
        obj.signed_by_label = audit.actor_label(actor)
        obj.check_result, obj.check_qualified = outcome.result, outcome.qualified
        obj.check_signer, obj.check_signing_time = outcome.signer, outcome.signing_time
        obj.check_details, obj.checked_at = outcome.details, timezone.now()
        obj.locked = not invalid
        after.update(audit.snapshot(obj))  # read by `fire` when it writes the event

    SIGNED_DOCUMENT.fire(
        actor=actor,
        obj=document,
        name="upload_invalid" if invalid else "upload",
        apply=apply,
        before=audit.snapshot(document),
        after=after,
    )
    if old_signed and old_signed != document.signed.name:
        # a file with an invalid signature, replaced before the document was locked: not a record
        storage = document.signed.storage
        transaction.on_commit(lambda: storage.delete(old_signed))
    return document


@transaction.atomic
def signed_document_lock_override(*, actor: Any, document: SignedDocument, reason: str) -> SignedDocument:
    """Lock a document whose uploaded signature was found invalid, with the office's reason (audited)."""
    document = SignedDocument.objects.select_for_update().get(pk=document.pk)
    after: dict[str, Any] = {}

    def apply(obj: SignedDocument) -> None:
        obj.locked = True
        obj.lock_override_reason = reason.strip()
        after.update(audit.snapshot(obj))

    SIGNED_DOCUMENT.fire(
        actor=actor,
        obj=document,
        name="lock_override",
        reason=reason,
        apply=apply,
        before=audit.snapshot(document),
        after=after,
    )
    return document


def signed_document_for(*, subject: models.Model, kind: str) -> SignedDocument | None:
    """The subject's document of this kind, for the app's own page; the views check who may download it."""
    return SignedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, kind=kind
    ).first()


def signed_document_verify(*, document: SignedDocument) -> bool:
    """Whether the stored signed file still has the SHA-256 recorded when it was uploaded."""
    if not document.signed or not document.signed_sha256:
        return False
    digest = hashlib.sha256()
    try:
        with document.signed.storage.open(document.signed.name, "rb") as stored:
            for chunk in iter(lambda: stored.read(64 * 1024), b""):
                digest.update(chunk)
    except OSError:
        return False  # a missing file fails the check like a changed one
    return digest.hexdigest() == document.signed_sha256
