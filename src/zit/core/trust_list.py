"""The certificates the platform trusts when it checks a signature: a copy kept in the database, so that the
check works without the Internet.

Two ways in: the office uploads a trusted list (the XML of ETSI TS 119 612, e.g. the Polish national list of
trust services), from which the certificates of the services of type CA/QC (qualified certificates) in the
state "granted" are read; or it uploads a single certificate (PEM or DER), for an issuer that is not on any
trusted list (such as the one behind the trusted profile's signatures). With `ZIT_TRUST_LIST_URL` set, the
recurring job `core.trust_list_refresh` downloads the list through `core.safe_fetch` once a day and replaces
the certificates read from the previous list (the office's own certificates stay).

The list's own XML signature is not checked: the office uploads a file it got from the official source, and the
job fetches it over https from the configured address (see docs/architecture.md).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from zit.core import audit
from zit.core.models import TrustAnchor
from zit.core.roles import Perm, require_unless_system

MAX_LIST_BYTES = 30 * 1024 * 1024  # the EU's national lists are a few MB at most
TSL_NS = "http://uri.etsi.org/02231/v2#"
CA_QC = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"


@dataclass(frozen=True)
class Anchor:
    der: bytes
    subject: str
    qualified: bool
    service_name: str


def safe_parser() -> etree.XMLParser:
    """An XML parser that reads no DTD, expands no entity and never goes to the network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )


def parse_xml(data: bytes) -> etree._Element:
    """The root of an uploaded XML, refusing a document type declaration (the way to entities and XXE)."""
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ValidationError(_("Pliku XML nie da się odczytać: %(e)s") % {"e": str(exc)[:200]}) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ValidationError(
            _(
                "Plik XML zawiera deklarację DTD (encje); ze względów bezpieczeństwa platforma go nie przyjmuje."
            )
        )
    return root


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def parse_trusted_list(data: bytes) -> tuple[list[Anchor], str]:
    """The CA certificates of a trusted list, and the list's territory and issue date in words."""
    if len(data) > MAX_LIST_BYTES:
        raise ValidationError(_("Plik listy zaufanych usług jest za duży."))
    root = parse_xml(data)
    if etree.QName(root).localname != "TrustServiceStatusList":
        raise ValidationError(
            _("To nie jest lista zaufanych usług (TrustServiceStatusList, ETSI TS 119 612).")
        )
    ns = {"t": TSL_NS}
    territory = _text(root.find("t:SchemeInformation/t:SchemeTerritory", ns))
    issued = _text(root.find("t:SchemeInformation/t:ListIssueDateTime", ns))
    anchors: dict[bytes, Anchor] = {}
    for info in root.iterfind(".//t:TSPService/t:ServiceInformation", ns):
        service_type = _text(info.find("t:ServiceTypeIdentifier", ns))
        status = _text(info.find("t:ServiceStatus", ns))
        if service_type != CA_QC or status != GRANTED:
            continue
        name = _text(info.find("t:ServiceName/t:Name", ns))
        for node in info.iterfind("t:ServiceDigitalIdentity/t:DigitalId/t:X509Certificate", ns):
            try:
                der = base64.b64decode("".join(_text(node).split()), validate=True)
                cert = x509.load_der_x509_certificate(der)
            except (binascii.Error, ValueError):
                continue  # one unreadable entry does not spoil the list
            anchors[der] = Anchor(der, cert.subject.rfc4514_string()[:500], True, name[:500])
    if not anchors:
        raise ValidationError(_("Na liście nie ma żadnego certyfikatu kwalifikowanej usługi CA/QC w mocy."))
    label = _("lista zaufanych usług %(territory)s z %(issued)s") % {
        "territory": territory or "?",
        "issued": issued[:10] or "?",
    }
    return list(anchors.values()), label


def parse_certificates(data: bytes) -> list[Anchor]:
    """Certificates of a PEM file (one or more) or a single DER file."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            certs = x509.load_pem_x509_certificates(data)
        else:
            certs = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise ValidationError(_("Pliku nie da się odczytać jako certyfikatu (PEM lub DER).")) from exc
    return [
        Anchor(c.public_bytes(serialization.Encoding.DER), c.subject.rfc4514_string()[:500], False, "")
        for c in certs
    ]


@transaction.atomic
def trust_list_load(*, actor: Any, data: bytes, label: str = "") -> int:
    """Replace the certificates read from a trusted list by those of this one; the office's own stay."""
    require_unless_system(actor, Perm.AUDIT_CORRECT)
    anchors, list_label = parse_trusted_list(data)
    source_label = f"{list_label} ({label})" if label else list_label
    before = TrustAnchor.objects.filter(source=TrustAnchor.Source.TRUSTED_LIST).count()
    TrustAnchor.objects.filter(source=TrustAnchor.Source.TRUSTED_LIST).delete()
    created = _store(anchors, TrustAnchor.Source.TRUSTED_LIST, source_label[:500])
    audit.record(
        actor=actor,
        action="trust_list.load",
        obj=None,
        collection=TrustAnchor,
        before={"certificates": before},
        after={"certificates": created, "source": source_label},
    )
    return created


@transaction.atomic
def trust_anchor_add(*, actor: Any, data: bytes, label: str) -> int:
    """Add the office's own trusted certificates (e.g. of the issuer of the trusted profile's signatures)."""
    require_unless_system(actor, Perm.AUDIT_CORRECT)
    created = _store(parse_certificates(data), TrustAnchor.Source.CERTIFICATE, label[:500])
    audit.record(
        actor=actor,
        action="trust_list.certificate_add",
        obj=None,
        collection=TrustAnchor,
        after={"certificates": created},
    )
    return created


def _store(anchors: list[Anchor], source: str, label: str) -> int:
    created = 0
    for anchor in anchors:
        _row, new = TrustAnchor.objects.get_or_create(
            sha256=hashlib.sha256(anchor.der).hexdigest(),
            defaults={
                "subject": anchor.subject,
                "certificate": anchor.der,
                "qualified": anchor.qualified,
                "service_name": anchor.service_name,
                "source": source,
                "source_label": label,
            },
        )
        created += new
    return created


def trust_anchors() -> list[TrustAnchor]:
    return list(TrustAnchor.objects.all())


def trust_list_refresh() -> dict[str, Any]:
    """Download the trusted list from `ZIT_TRUST_LIST_URL` and load it (the recurring job's work)."""
    from zit.core import safe_fetch

    url = getattr(settings, "ZIT_TRUST_LIST_URL", "")
    if not url:
        return {
            "message": "Nie ustawiono adresu listy zaufanych usług (ZIT_TRUST_LIST_URL).",
            "skipped": True,
        }
    data = safe_fetch.fetch(url, max_bytes=MAX_LIST_BYTES, timeout=30, total_seconds=120)
    from django.utils import timezone

    from zit.core.formatting import format_datetime

    stamp = format_datetime(timezone.now())
    created = trust_list_load(actor=None, data=data, label=f"pobrana {stamp} z {url[:200]}")
    return {"message": f"Wczytano listę zaufanych usług: certyfikaty {created}.", "certificates": created}
