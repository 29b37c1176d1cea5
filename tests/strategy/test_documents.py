import io
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from zit.core.jobs import job_run, job_start
from zit.core.models import Job
from zit.strategy.models import StrategyDocument, StrategyVersion
from zit.strategy.reference import load_strategy


@pytest.fixture
def version(funding_demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_strategy()
    return StrategyVersion.objects.get(status="consultation")


def test_document_job_makes_a_tagged_pdf_and_an_editable_docx(version, user_for_role, tmp_path, client):
    staff = user_for_role("office_staff")
    job = job_start(actor=staff, kind="strategy.document", title="Dokument", params={"version": version.pk})
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.progress == 100
    pdf = StrategyDocument.objects.get(version=version, format="pdf")
    info = subprocess.run(["pdfinfo", pdf.file.path], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info and "Strategia Rozwoju Ponadlokalnego" in info
    fonts = subprocess.run(["pdffonts", pdf.file.path], capture_output=True, text=True, check=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    text = subprocess.run(
        ["pdftotext", pdf.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Sieć dróg rowerowych" in text and "Ramy finansowe" in text and "Dane demonstracyjne" in text
    docx = Document(io.BytesIO(StrategyDocument.objects.get(version=version, format="docx").file.read()))
    paragraphs = "\n".join(p.text for p in docx.paragraphs)
    assert "C1 Gospodarka po transformacji węglowej (demo)" in paragraphs
    assert docx.tables and docx.core_properties.language == "pl-PL"
    # the finished job leads back to the version and to both files
    client.force_login(staff)
    page = client.get(reverse("core:job", args=[job.pk])).content.decode()
    assert f'href="/biuro/strategia/wersje/{version.pk}/"' in page
    assert f'href="/biuro/strategia/pliki/{pdf.pk}/"' in page and "Pobierz DOCX" in page


def test_generating_needs_the_strategy_edit_right(version, client, user_for_role):
    client.force_login(user_for_role("board_member"))
    assert client.post(reverse("strategy:document_generate", args=[version.pk])).status_code == 403
    assert not Job.objects.filter(kind="strategy.document").exists()


def test_generated_files_are_public_only_for_published_versions(version, user_for_role, client):
    from django.core.files.base import ContentFile

    draft = StrategyVersion.objects.get(status="draft")
    public_doc = StrategyDocument(version=version, format="pdf")
    public_doc.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
    draft_doc = StrategyDocument(version=draft, format="pdf")
    draft_doc.file.save("b.pdf", ContentFile(b"%PDF-1.4"), save=True)
    assert client.get(reverse("strategy:generated_file", args=[public_doc.pk])).status_code == 200
    assert client.get(reverse("strategy:generated_file", args=[draft_doc.pk])).status_code == 403
    client.force_login(user_for_role("board_member"))
    assert client.get(reverse("strategy:generated_file", args=[draft_doc.pk])).status_code == 200
