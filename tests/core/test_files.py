"""Stored files on any storage: on the local disk, and in an S3-compatible bucket (a local S3 server stands in
for the provider). Documents go in and come out through the platform's pages, and the readers that need a path
on disk (imports, reconciliation) get one."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from core.signing_ca import signed_pdf
from zit.contracts import published
from zit.contracts import reconciliation as recon
from zit.contracts import reconciliation_fields as fields
from zit.contracts.models import PublishedImport, PublishedProject, Reconciliation
from zit.core.files import local_path
from zit.core.models import Job, SignedDocument
from zit.core.roles import Perm
from zit.core.signed import signed_document_draft, signed_document_verify
from zit.organisations.services import organisation_create

BUCKET = "zit-dokumenty"
SIGNED_PDF = signed_pdf()  # a real PAdES signature of the tests' own certification authority
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_on_the_local_disk_the_stored_file_itself_is_read(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    batch = PublishedImport(file_name="lista.csv", file_sha256="", created_by_label="test")
    batch.file.save("lista.csv", ContentFile(b"a;b\n1;2\n"), save=False)
    with local_path(batch.file) as path:
        assert path == tmp_path / batch.file.name and path.read_bytes() == b"a;b\n1;2\n"
    assert path.exists()  # not a copy: nothing is removed


def test_from_a_storage_without_local_files_a_temporary_copy_is_read_and_removed():
    storage = InMemoryStorage()
    name = storage.save("eksport/lsi.xlsx", ContentFile(b"PK\x03\x04 arkusz"))
    field = PublishedImport(file_name="lsi.xlsx").file
    field.storage, field.name = storage, name
    with local_path(field) as path:
        assert path.suffix == ".xlsx" and path.read_bytes() == b"PK\x03\x04 arkusz"
    assert not path.exists()


# --- an S3-compatible bucket ---


@pytest.fixture
def s3(settings, settings_under, tmp_path):
    """The platform's storage as ZIT_STORAGE=s3 configures it, against a local S3 server; MEDIA_ROOT is an
    empty folder that must stay empty."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "ZIT_STORAGE": "s3",
        "ZIT_S3_BUCKET": BUCKET,
        "ZIT_S3_ENDPOINT_URL": f"http://{host}:{port}",
        "ZIT_S3_ACCESS_KEY": "zit-test-key",
        "ZIT_S3_SECRET_KEY": "zit-test-secret",
        "ZIT_S3_REGION": "eu-central-1",
        "ZIT_S3_ADDRESSING_STYLE": "path",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["ZIT_S3_ENDPOINT_URL"],
        aws_access_key_id=env["ZIT_S3_ACCESS_KEY"],
        aws_secret_access_key=env["ZIT_S3_SECRET_KEY"],
        region_name=env["ZIT_S3_REGION"],
    )
    reset = f"{env['ZIT_S3_ENDPOINT_URL']}/moto-api/reset"
    urllib.request.urlopen(urllib.request.Request(reset, method="POST"))  # the server's state is per process
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    settings.STORAGES = settings_under(env, "STORAGES")["STORAGES"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = IMMEDIATE
    yield client
    server.stop()
    local = [p.relative_to(settings.MEDIA_ROOT) for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert all(p.parts[:2] == ("published", "exports") for p in local)  # only a rebuildable cache on disk


def _bucket_keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_signed_document_is_uploaded_to_the_bucket_and_read_back_through_the_platform(
    s3, user_for_role, client
):
    org = organisation_create(actor=None, name="Fundacja Rozwoju Wsi", kind="ngo", city="Konin")
    writer = user_for_role("beneficiary", org)
    document = signed_document_draft(
        actor=writer,
        subject=org,
        kind="organisations.test_statement",
        title="Oświadczenie organizacji",
        content=b"PK\x03\x04 generated draft",
        filename="oswiadczenie.docx",
        read_perm=Perm.ORGANISATION_VIEW,
        write_perm=Perm.ORGANISATION_EDIT,
        organisation_id=org.pk,
    )
    client.force_login(writer)
    assert client.get(reverse("core:signed_draft", args=[document.pk])).getvalue() == (
        b"PK\x03\x04 generated draft"
    )
    response = client.post(
        reverse("core:signed_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("oswiadczenie.pdf", SIGNED_PDF), "confirm": "on"},
    )
    assert response.status_code == 303
    document = SignedDocument.objects.get(pk=document.pk)
    assert document.locked and document.signature_kind == "pdf_signature"
    assert document.signed.name in _bucket_keys(s3) and document.draft.name in _bucket_keys(s3)
    download = client.get(reverse("core:signed_file", args=[document.pk]))
    assert download.status_code == 200 and download.getvalue() == SIGNED_PDF
    assert signed_document_verify(document=document)
    s3.put_object(Bucket=BUCKET, Key=document.signed.name, Body=SIGNED_PDF + b"changed")
    assert not signed_document_verify(document=document)
    s3.delete_object(Bucket=BUCKET, Key=document.signed.name)
    assert not signed_document_verify(document=document)  # a missing file fails the check


def _published_csv(number: str) -> bytes:
    values = {
        "Nazwa operacji (tytuł projektu)": "Przebudowa drogi gminnej w Ślesinie",
        "Kod operacji (numer umowy)": number,
        "Nazwa beneficjenta": "Gmina Ślesin",
        "Fundusz": "EFRR",
        "Program": "Fundusze Europejskie dla Wielkopolski 2021-2027",
        "Działanie": "1.3",
        "Całkowity koszt operacji (PLN)": "1 450 000,00",
        "Wydatki kwalifikowalne (PLN)": "1 200 000,00",
        "Dofinansowanie UE (PLN)": "1 020 000,00",
        "Stopa współfinansowania UE (%)": "85,00%",
        "Miejsce realizacji (gminy)": "Ślesin",
        "Data rozpoczęcia": "2025-05-01",
        "Data zakończenia (przewidywana lub faktyczna)": "31.12.2026",
        "Cel szczegółowy": "RSO2.1",
        "Rodzaj interwencji": "045",
    }
    header = [label for _name, label, _width in published.COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerow([values.get(label, "") for label in header])
    return ("\ufeff" + out.getvalue()).encode()


def test_an_official_list_in_the_bucket_is_imported_by_the_background_job(
    s3, user_for_role, client, django_capture_on_commit_callbacks
):
    client.force_login(user_for_role("office_admin"))
    upload = SimpleUploadedFile("wykaz.csv", _published_csv("FEWP.01.03-IZ.00-0042/25"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contracts:published_imports"), {"file": upload})
    assert response.status_code == 302
    job = Job.objects.get(kind="contracts.published_import")
    assert job.status == Job.Status.SUCCEEDED, job.result
    assert PublishedProject.objects.get().title == "Przebudowa drogi gminnej w Ślesinie"
    assert PublishedImport.objects.get().file.name in _bucket_keys(s3)


def test_an_export_of_the_managing_authority_in_the_bucket_is_read_and_compared(s3, user_for_role):
    office = user_for_role("office_admin")
    source = recon.source_create(actor=office, name="LSI – umowy", system="other")
    content = (
        "Nr umowy;Tytuł;Status projektu\nFEWP.99.99-IZ.00-0001/26;Projekt spoza platformy;W realizacji\n"
    )
    item = recon.reconciliation_upload(
        actor=office, source=source, upload=ContentFile(content.encode(), name="lsi.csv")
    )
    assert item.columns == ["nr umowy", "tytuł", "status projektu"]
    assert recon.column_labels(item)["status projektu"] == "Status projektu"
    mapping = recon.guess_mapping(item.columns, source.mapping)
    statuses = recon.status_values_for(item, mapping)
    assert statuses == ["W realizacji"]
    item = recon.reconciliation_map(
        actor=office,
        reconciliation=item,
        mapping=mapping,
        status_map={s.lower(): fields.guess_status(s) for s in statuses},
    )
    assert item.status == Reconciliation.Status.DONE and item.rows_read == 1
    assert [(d.kind, d.reference) for d in item.differences.all()] == [
        ("not_in_platform", "FEWP.99.99-IZ.00-0001/26")
    ]
    assert item.file.name in _bucket_keys(s3)


def test_area_files_uploaded_on_the_web_server_are_read_by_the_worker_from_the_bucket(
    s3, user_for_role, client, django_capture_on_commit_callbacks
):
    client.force_login(user_for_role("office_admin"))
    boundaries = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"teryt": "3011012", "name": "Testowo"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[18, 52], [18.1, 52], [18.1, 52.1], [18, 52]]],
                },
            }
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("territory:import"),
            {
                "code": "testowy",
                "name": "Obszar testowy",
                "valid_from": "2026-01-01",
                "geojson": SimpleUploadedFile("granice gmin.geojson", json.dumps(boundaries).encode()),
                "resolution_number": "",
                "source": "",
            },
        )
    assert response.status_code == 302
    job = Job.objects.get(kind="territory.area_import")
    assert job.status == Job.Status.SUCCEEDED, job.result
    assert job.result["units_created"] == 1
    (stored,) = job.params["geojson"]
    assert stored["name"] == "granice gmin.geojson" and stored["stored"] in _bucket_keys(s3)
    assert Path(stored["stored"]).parts[0] == "imports"
