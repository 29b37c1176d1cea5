"""The area import as a background job: files that fail leave nothing behind in the media folder."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zit.core.jobs import job_run
from zit.core.models import Job


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_refused_area_files_are_deleted_when_the_job_fails(client, user_for_role, media):
    client.force_login(user_for_role("office_admin"))
    response = client.post(
        reverse("territory:import"),
        {
            "code": "kolo-turek",
            "name": "Koło i Turek",
            "valid_from": "2026-01-01",
            "geojson": SimpleUploadedFile("gminy.geojson", b'{"type": "FeatureCollection", "features": [}'),
            "csv": SimpleUploadedFile("statystyki.csv", b"teryt,name\n3010013,Golina\x00\n"),
        },
    )
    job = Job.objects.get(kind="territory.area_import")
    assert response.status_code == 302
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "JSON" in str(job.result) and "bajty zerowe" in str(job.result)
    assert [p for p in media.rglob("*") if p.is_file()] == []
