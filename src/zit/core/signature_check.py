"""Checking an uploaded signed file: a PAdES signature in a PDF (pyHanko) or an XAdES signature in an XML file
(signxml), against the certificates of `core.trust_list`, with nothing fetched from the network (no OCSP, no
CRL, no certificate download) unless `ZIT_SIGNATURE_FETCH_REVOCATION` is on.

What comes out (`Outcome`): valid, invalid (the file was changed after signing, the signature does not match,
the certificate was revoked), untrusted (the signature matches, but its issuer is not among the trusted
certificates), indeterminate (e.g. the certificate had expired, or the signed data is not in the file), or not
applicable (a scan); the signer's name from the certificate, the signing time the signature claims, and
whether it is a qualified electronic signature (eIDAS art. 3 pt 12 and art. 32), a trusted profile's or an
e-ID card's signature (valid, not qualified) or neither.

A file that cannot be read at all (not a PDF, a broken signature dictionary, an XML with a DTD) raises
ValidationError with a Polish message, so that the upload is refused and nothing is stored.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import io
import logging
import warnings
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zit.core.models import SignedDocument, TrustAnchor
from zit.core.trust_list import parse_xml

logger = logging.getLogger(__name__)

R = SignedDocument.CheckResult
Q = SignedDocument.Qualification
MAX_XML_BYTES = 10 * 1024 * 1024
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
QC_STATEMENTS = "1.3.6.1.5.5.7.1.3"
QC_COMPLIANCE = bytes.fromhex("04008e460101")  # 0.4.0.1862.1.1, DER contents of the OID
QC_SSCD = bytes.fromhex("04008e460104")  # 0.4.0.1862.1.4
# names in the issuer of the certificates behind the trusted profile's signature (podpis zaufany) and the
# e-ID card's signature (podpis osobisty): valid signatures, not qualified ones (do weryfikacji: the exact
# issuer names and policy OIDs were not confirmed in a primary source; see docs/architecture.md)
PUBLIC_ISSUER_NAMES = ("podpis zaufany", "profil zaufany", "podpis osobisty", "podpisu osobistego", "epuap")


@dataclass
class Outcome:
    result: str
    qualified: str = ""
    signer: str = ""
    signing_time: dt.datetime | None = None
    details: str = ""


def not_applicable() -> Outcome:
    return Outcome(
        R.NOT_APPLICABLE,
        details=_("Skan lub PDF bez podpisu elektronicznego: nie ma czego sprawdzać."),
    )


def _trust_roots() -> tuple[list[Any], dict[bytes, TrustAnchor]]:
    from asn1crypto import x509 as asn1_x509

    rows = {bytes(a.certificate): a for a in TrustAnchor.objects.all()}
    return [asn1_x509.Certificate.load(der) for der in rows], rows


def _context(roots: list[Any]) -> Any:
    from pyhanko_certvalidator import ValidationContext

    fetch = bool(getattr(settings, "ZIT_SIGNATURE_FETCH_REVOCATION", False))
    return ValidationContext(trust_roots=roots, allow_fetching=fetch, revocation_mode="soft-fail")


def _is_public(issuer: str, subject: str) -> bool:
    names = f"{issuer} {subject}".lower()
    return any(n in names for n in PUBLIC_ISSUER_NAMES)


def _qualification(leaf_der: bytes, anchor: TrustAnchor | None) -> str:
    cert = x509.load_der_x509_certificate(leaf_der)
    if _is_public(cert.issuer.rfc4514_string(), cert.subject.rfc4514_string()):
        return Q.PUBLIC
    try:
        statements = cert.extensions.get_extension_for_oid(x509.ObjectIdentifier(QC_STATEMENTS)).value
        raw = (
            statements.value
            if isinstance(statements, x509.UnrecognizedExtension)
            else statements.public_bytes()
        )
    except x509.ExtensionNotFound:
        raw = b""
    if anchor is None:
        return Q.UNKNOWN
    if anchor.qualified and QC_COMPLIANCE in raw and QC_SSCD in raw:
        return Q.QUALIFIED
    return Q.NOT_QUALIFIED if anchor.qualified else Q.UNKNOWN


def _signer_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value)[:300] if names else cert.subject.rfc4514_string()[:300]


def _expired(cert: x509.Certificate, at: dt.datetime) -> bool:
    return not (cert.not_valid_before_utc <= at <= cert.not_valid_after_utc)


# --- PAdES


def check_pdf(data: bytes) -> Outcome:
    """Every signature in the PDF; the outcome is the weakest of them."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            signatures = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValidationError(
            {"file": _("Nie można odczytać podpisu w tym pliku PDF (uszkodzony plik lub słownik podpisu).")}
        ) from exc
    if not signatures:
        raise ValidationError(
            {"file": _("W pliku PDF nie znaleziono podpisu elektronicznego do sprawdzenia.")}
        )
    roots, anchors = _trust_roots()
    outcomes = [_check_pdf_signature(sig, roots, anchors) for sig in signatures]
    order = [R.INVALID, R.INDETERMINATE, R.UNTRUSTED, R.VALID]
    worst = min(outcomes, key=lambda o: order.index(o.result))
    if len(outcomes) > 1:
        worst.details = _("Podpisów w pliku: %(n)d; pokazano najsłabszy. %(d)s") % {
            "n": len(outcomes),
            "d": worst.details,
        }
    return worst


def _check_pdf_signature(sig: Any, roots: list[Any], anchors: dict[bytes, TrustAnchor]) -> Outcome:
    from pyhanko.sign.ades.report import AdESIndeterminate
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            status = validate_pdf_signature(sig, _context(roots))
    except Exception as exc:  # noqa: BLE001 — a hostile signature must end in a message, not a server error
        logger.info("PDF signature could not be validated: %s", exc)
        return Outcome(
            R.INVALID, details=_("Podpisu nie da się zweryfikować: jest uszkodzony lub nieobsługiwany.")
        )
    leaf_der = status.signing_cert.dump() if status.signing_cert is not None else b""
    outcome = Outcome(R.VALID, signing_time=status.signer_reported_dt)
    if leaf_der:
        outcome.signer = _signer_name(x509.load_der_x509_certificate(leaf_der))
    if status.timestamp_validity is not None and status.timestamp_validity.intact:
        outcome.signing_time = status.timestamp_validity.timestamp
    if not status.intact or not status.valid:
        outcome.result = R.INVALID
        outcome.details = _("Podpis nie zgadza się z treścią pliku: plik zmieniono po podpisaniu.")
        return outcome
    if status.modification_level is not None and status.modification_level > ModificationLevel.FORM_FILLING:
        outcome.result = R.INVALID
        outcome.details = _(
            "Po podpisaniu zmieniono treść dokumentu (dopisana zmiana spoza podpisów i formularza)."
        )
        return outcome
    if not status.trusted:
        return _untrusted(
            outcome, status.trust_problem_indic, leaf_der, AdESIndeterminate, bool(status.revoked)
        )
    anchor = None
    if status.validation_path is not None:
        anchor = anchors.get(status.validation_path.trust_anchor.authority.certificate.dump())
    outcome.qualified = _qualification(leaf_der, anchor)
    outcome.details = _(
        "Podpis zgadza się z treścią pliku, a certyfikat pochodzi od zaufanego wystawcy (%(a)s)."
    ) % {"a": anchor.subject if anchor else "?"}
    return outcome


def _untrusted(outcome: Outcome, indic: Any, leaf_der: bytes, ades: Any, revoked: bool) -> Outcome:
    if revoked:
        outcome.result = R.INVALID
        outcome.details = _("Certyfikat podpisującego został unieważniony.")
    elif indic in (ades.NO_CERTIFICATE_CHAIN_FOUND, ades.CERTIFICATE_CHAIN_GENERAL_FAILURE):
        outcome.result = R.UNTRUSTED
        outcome.details = _(
            "Podpis zgadza się z treścią pliku, ale wystawcy certyfikatu nie ma wśród zaufanych certyfikatów "
            "platformy (lista zaufanych usług)."
        )
    elif leaf_der and _expired(x509.load_der_x509_certificate(leaf_der), dt.datetime.now(dt.UTC)):
        outcome.result = R.INDETERMINATE
        outcome.details = _(
            "Certyfikat podpisującego jest nieważny (wygasł lub jeszcze nie obowiązuje), a podpis nie ma znacznika "
            "czasu, który potwierdzałby podpisanie w okresie ważności certyfikatu."
        )
    else:
        outcome.result = R.INDETERMINATE
        outcome.details = _("Nie da się potwierdzić ważności certyfikatu podpisującego (%(why)s).") % {
            "why": getattr(indic, "name", str(indic))
        }
    return outcome


# --- XAdES


def check_xml(data: bytes) -> Outcome:
    """An enveloped XAdES signature (or a plain XML-DSig one): the signature, then the signer's certificate chain."""
    if len(data) > MAX_XML_BYTES:
        raise ValidationError(
            {
                "file": _("Plik XML jest za duży do sprawdzenia podpisu (do %(n)d MB).")
                % {"n": MAX_XML_BYTES >> 20}
            }
        )
    try:
        root = parse_xml(data)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    certs = root.findall(f".//{{{DS}}}Signature/{{{DS}}}KeyInfo//{{{DS}}}X509Certificate")
    if not certs:
        raise ValidationError({"file": _("Podpis XAdES nie zawiera certyfikatu podpisującego.")})
    try:
        chain = [
            x509.load_der_x509_certificate(base64.b64decode("".join((c.text or "").split()))) for c in certs
        ]
    except ValueError as exc:
        raise ValidationError({"file": _("Certyfikatu w podpisie XAdES nie da się odczytać.")}) from exc
    leaf = chain[0]
    outcome = Outcome(R.VALID, signer=_signer_name(leaf))
    when = root.find(f".//{{{XADES}}}SigningTime")
    if when is not None and when.text:
        with contextlib.suppress(ValueError):
            outcome.signing_time = dt.datetime.fromisoformat(when.text.strip().replace("Z", "+00:00"))
    from signxml.exceptions import InvalidInput, InvalidSignature, SignXMLException
    from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier

    pem = leaf.public_bytes(serialization.Encoding.PEM).decode()
    try:
        XAdESVerifier().verify(
            root, x509_cert=pem, expect_config=XAdESSignatureConfiguration(expect_references=True)
        )
    except InvalidInput as exc:
        outcome.result = R.INDETERMINATE
        outcome.details = _(
            "Podpisu nie da się sprawdzić w samym tym pliku (np. podpis zewnętrzny bez podpisanego pliku): %(e)s"
        ) % {"e": str(exc)[:200]}
        return outcome
    except (InvalidSignature, SignXMLException, ValueError) as exc:
        outcome.result = R.INVALID
        outcome.details = _(
            "Podpis nie zgadza się z treścią pliku: plik zmieniono po podpisaniu (%(e)s)."
        ) % {"e": str(exc)[:200]}
        return outcome
    return _check_chain(outcome, leaf, chain[1:])


def _check_chain(outcome: Outcome, leaf: x509.Certificate, others: list[x509.Certificate]) -> Outcome:
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import ExpiredError, NotYetValidError, PathBuildingError, RevokedError

    roots, anchors = _trust_roots()
    der = serialization.Encoding.DER
    validator = CertificateValidator(
        asn1_x509.Certificate.load(leaf.public_bytes(der)),
        intermediate_certs=[asn1_x509.Certificate.load(c.public_bytes(der)) for c in others],
        validation_context=_context(roots),
    )
    try:
        path = asyncio.run(validator.async_validate_path())
    except PathBuildingError:
        outcome.result = R.UNTRUSTED
        outcome.details = _(
            "Podpis zgadza się z treścią pliku, ale wystawcy certyfikatu nie ma wśród zaufanych certyfikatów "
            "platformy (lista zaufanych usług)."
        )
        return outcome
    except RevokedError:
        outcome.result = R.INVALID
        outcome.details = _("Certyfikat podpisującego został unieważniony.")
        return outcome
    except (ExpiredError, NotYetValidError):
        outcome.result = R.INDETERMINATE
        outcome.details = _(
            "Certyfikat podpisującego jest nieważny (wygasł lub jeszcze nie obowiązuje), a podpis nie ma znacznika "
            "czasu, który potwierdzałby podpisanie w okresie ważności certyfikatu."
        )
        return outcome
    except Exception as exc:  # noqa: BLE001 — any other failure of the chain is told, not raised
        outcome.result = R.INDETERMINATE
        outcome.details = _("Nie da się potwierdzić ważności certyfikatu podpisującego (%(why)s).") % {
            "why": str(exc)[:200]
        }
        return outcome
    anchor = anchors.get(path.trust_anchor.authority.certificate.dump())
    outcome.qualified = _qualification(leaf.public_bytes(der), anchor)
    outcome.details = _(
        "Podpis zgadza się z treścią pliku, a certyfikat pochodzi od zaufanego wystawcy (%(a)s)."
    ) % {"a": anchor.subject if anchor else "?"}
    return outcome


def check_signature(data: bytes, signature_kind: str) -> Outcome:
    if signature_kind == SignedDocument.SignatureKind.PDF_SIGNATURE:
        return check_pdf(data)
    if signature_kind == SignedDocument.SignatureKind.XADES:
        return check_xml(data)
    return not_applicable()
