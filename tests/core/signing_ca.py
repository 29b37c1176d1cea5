"""A certification authority made up for the tests: a root, signing certificates issued by it, and PDFs (PAdES,
signed with pyHanko) and XML files (XAdES, signed with signxml) signed with them. Nothing here is real."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.UTC)
QC_STATEMENTS = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
# QCStatements: QcCompliance (0.4.0.1862.1.1) and QcSSCD (0.4.0.1862.1.4), DER-encoded
QC_COMPLIANT_QSCD = bytes.fromhex("3014" + "3008060604008e460101" + "3008060604008e460104")


@dataclass(frozen=True)
class Issued:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def _name(common: str, org: str = "Testowe Centrum Certyfikacji") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_ca(common: str = "Testowe CA kwalifikowane") -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3650))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def make_signer(
    ca: Issued,
    common: str = "Anna Nowak",
    *,
    qualified: bool = True,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common, org="Osoba fizyczna"))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - dt.timedelta(days=30))
        .not_valid_after(not_after or NOW + dt.timedelta(days=700))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
    )
    if qualified:
        builder = builder.add_extension(x509.UnrecognizedExtension(QC_STATEMENTS, QC_COMPLIANT_QSCD), False)
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


@functools.cache
def default_ca() -> Issued:
    return make_ca()


@functools.cache
def default_signer() -> Issued:
    return make_signer(default_ca())


def sign_pdf(signer: Issued | None = None, ca: Issued | None = None, content: bytes | None = None) -> bytes:
    """A PAdES signature made with pyHanko by the signer (issued by the CA) on a small PDF."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = signer or default_signer()
    ca = ca or default_ca()
    source = content or sample_pdf()
    simple = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer.cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            signer.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))]
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(source))
    out = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(field_name="Podpis", subfilter=fields.SigSeedSubFilter.PADES),
        signer=simple,
    )
    return out.getvalue()


def sample_pdf() -> bytes:
    """A one-page PDF written by pyHanko's own writer (no fonts needed)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter()
    writer.insert_page(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 595, 842)]
                ),
            }
        )
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_xml(signer: Issued | None = None, ca: Issued | None = None) -> bytes:
    """An enveloped XAdES signature made with signxml on a small XML document."""
    from lxml import etree
    from signxml.xades import XAdESSigner

    signer = signer or default_signer()
    ca = ca or default_ca()
    root = etree.fromstring(b"<oswiadczenie><tresc>Oswiadczam, ze dane sa prawdziwe.</tresc></oswiadczenie>")
    signed = XAdESSigner(signature_algorithm="ecdsa-sha256").sign(
        root, key=signer.key_pem, cert=[signer.pem.decode(), ca.pem.decode()]
    )
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


def trusted_list_xml(*cas: Issued, service_type: str = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC") -> bytes:
    """A trusted list in the ETSI TS 119 612 layout naming the CAs as granted qualified services."""
    services = "".join(
        f"""<TrustServiceProvider><TSPInformation><TSPName><Name xml:lang="pl">Testowy dostawca</Name></TSPName>
        </TSPInformation><TSPServices><TSPService><ServiceInformation>
        <ServiceTypeIdentifier>{service_type}</ServiceTypeIdentifier>
        <ServiceName><Name xml:lang="pl">{ca.cert.subject.rfc4514_string()}</Name></ServiceName>
        <ServiceDigitalIdentity><DigitalId><X509Certificate>{
            base64.b64encode(ca.cert.public_bytes(serialization.Encoding.DER)).decode()
        }</X509Certificate></DigitalId></ServiceDigitalIdentity>
        <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
        </ServiceInformation></TSPService></TSPServices></TrustServiceProvider>"""
        for ca in cas
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" TSLTag="http://uri.etsi.org/19612/TSLTag">
<SchemeInformation><TSLSequenceNumber>7</TSLSequenceNumber><SchemeTerritory>PL</SchemeTerritory>
<ListIssueDateTime>2026-11-02T10:00:00Z</ListIssueDateTime></SchemeInformation>
<TrustServiceProviderList>{services}</TrustServiceProviderList></TrustServiceStatusList>""".encode()


@functools.cache
def signed_pdf() -> bytes:
    """One PDF signed by the default signer, the same bytes for the whole run."""
    return sign_pdf()
