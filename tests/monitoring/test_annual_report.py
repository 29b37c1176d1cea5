import datetime as dt
import io
import subprocess
from decimal import Decimal

import pytest
from contracts.test_contracts import _sign
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from monitoring.helpers import progress_report
from zit.core.jobs import job_run
from zit.core.models import Job
from zit.monitoring import services
from zit.monitoring.documents import annual_report_docx, context
from zit.monitoring.models import AnnualReport
from zit.monitoring.snapshot import snapshot_build, snapshot_digest


def _docx_text(report: AnnualReport) -> str:
    document = Document(io.BytesIO(report.docx.read()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _spend(contract, amount, period):
    progress_report(contract, period=period, spent=[(period[0].year, "works", amount)])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_report_is_frozen_and_regenerates_from_the_same_figures(selected, office, media):
    contract = _sign(office, selected)
    _spend(contract, Decimal("100000"), (dt.date(2026, 3, 1), dt.date(2026, 6, 30)))
    first = services.annual_report_start(actor=office, year=2026)
    job_run(first.job_id)
    first.refresh_from_db()
    assert first.status == "ready" and first.snapshot["totals"]["spent_pln"] == "70000.00"
    document = Document(io.BytesIO(first.docx.read()))
    pictures = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(pictures) == 2 and pictures[0].startswith("Wykres") and pictures[1].startswith("Mapa")
    first.docx.seek(0)
    text = _docx_text(first).replace("\xa0", " ")
    assert "70 000,00 zł" in text and contract.number in text
    pdf = subprocess.run(
        ["pdftotext", first.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Sprawozdanie z realizacji Strategii ZIT za 2026 r." in " ".join(pdf.split())

    _spend(contract, Decimal("50000"), (dt.date(2026, 7, 1), dt.date(2026, 9, 30)))  # the data moves on
    again = services.annual_report_regenerate(actor=office, report=first)
    job_run(again.job_id)
    again.refresh_from_db()
    assert again.snapshot == first.snapshot and again.snapshot_sha256 == first.snapshot_sha256
    assert "70 000,00 zł" in _docx_text(again).replace("\xa0", " ")
    fresh = snapshot_build(year=2026)
    assert fresh["totals"]["spent_pln"] == "105000.00" and snapshot_digest(fresh) != first.snapshot_sha256


def test_a_past_year_is_counted_up_to_its_last_day(selected, office, media):
    contract = _sign(office, selected)  # signed in February 2026
    snapshot = snapshot_build(year=2025, today=dt.date(2026, 11, 26))
    assert snapshot["as_of"] == "2025-12-31" and snapshot["projects"] == []
    assert contract.number in {p["number"] for p in snapshot_build(year=2026)["projects"]}
    # people read the dates in words, in the DOCX and in the PDF's source
    words = context(snapshot)
    assert words["as_of_text"] == "31 grudnia 2025 r." and "godz." in words["generated_text"]
    text = "\n".join(p.text for p in Document(io.BytesIO(annual_report_docx(snapshot))).paragraphs)
    assert "Stan danych na 31 grudnia 2025 r." in text.replace("\xa0", " ") and "2025-12-31" not in text


def test_only_the_office_prepares_reports_for_years_of_the_agreement(
    office, golina_user, client, media, funding_data
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.annual_report_start(actor=golina_user, year=2026)
    with pytest.raises(ValidationError):
        services.annual_report_start(actor=office, year=2019)
    client.force_login(office)
    response = client.post(reverse("monitoring:reports"), {"year": "2026"})
    report = AnnualReport.objects.get()
    assert response["Location"] == f"{reverse('monitoring:reports')}?sprawozdanie={report.pk}"
    assert Job.objects.get(pk=report.job_id).kind == "monitoring.annual_report"
    page = client.get(reverse("monitoring:reports")).content.decode()
    assert "w przygotowaniu" in page


def _fresh_panel(client, location: str, **headers) -> str:
    page = client.get(location, **headers).content.decode()
    return page.split('<section id="report-fresh"', 1)[1].split("</section>", 1)[0]


def test_after_generating_the_page_follows_the_new_report_and_then_offers_its_files(
    selected, office, client, media
):
    contract = _sign(office, selected)
    _spend(contract, Decimal("100000"), (dt.date(2026, 3, 1), dt.date(2026, 6, 30)))
    previous = services.annual_report_start(actor=office, year=2026)
    job_run(previous.job_id)
    client.force_login(office)

    location = client.post(reverse("monitoring:reports"), {"again": previous.pk})["Location"]
    fresh = AnnualReport.objects.exclude(pk=previous.pk).get()
    assert location == f"{reverse('monitoring:reports')}?sprawozdanie={fresh.pk}"
    old_pdf = reverse("monitoring:report_file", args=[previous.pk, "pdf"])
    new_pdf = reverse("monitoring:report_file", args=[fresh.pk, "pdf"])

    waiting = _fresh_panel(client, location)
    assert "<progress" in waiting and "hx-get" in waiting  # the job's progress, asked for again
    assert old_pdf not in waiting and new_pdf not in waiting
    polled = client.get(location, HTTP_HX_REQUEST="true").content.decode()
    assert polled.strip().startswith('<section id="report-fresh"') and "<progress" in polled

    job_run(fresh.job_id)
    done = _fresh_panel(client, location)
    assert new_pdf in done and reverse("monitoring:report_file", args=[fresh.pk, "docx"]) in done
    assert old_pdf not in done and "hx-get" not in done
    download = client.get(new_pdf)
    assert f"sprawozdanie-zit-2026-{fresh.pk}.pdf" in download["Content-Disposition"]


def test_a_report_whose_job_stopped_says_its_documents_did_not_come(office, client, media, funding_data):
    report = services.annual_report_start(actor=office, year=2026)
    Job.objects.filter(pk=report.job_id).update(status=Job.Status.FAILED)
    client.force_login(office)
    panel = _fresh_panel(client, f"{reverse('monitoring:reports')}?sprawozdanie={report.pk}")
    assert "nie powstały" in panel and "hx-get" not in panel


def test_an_indicator_named_only_in_english_is_marked_english_in_both_documents(selected, office, media):
    from django.template.loader import render_to_string
    from django.utils import translation

    from zit.monitoring.documents import annual_report_docx

    item = {
        "label": "RCO58 Dedicated cycling infrastructure supported",
        "label_lang": "en",
        "owner": "C1",
        "unit": "km",
        "baseline": "0",
        "baseline_year": 2023,
        "target": "12",
        "target_year": 2029,
        "value": None,
        "summed": False,
        "status": "",
        "status_label": "",
    }
    snapshot = snapshot_build(year=2026)
    snapshot["strategy_indicators"] = [item]
    document = Document(io.BytesIO(annual_report_docx(snapshot)))
    runs = [
        run
        for table in document.tables
        for row in table.rows
        for run in row.cells[0].paragraphs[0].runs
        if run.text.startswith("RCO58")
    ]
    assert runs and all('w:val="en-GB"' in run._r.xml for run in runs)
    with translation.override("pl"):
        html = render_to_string("documents/_annual_indicators.html", {"items": [item]})
    assert '<span lang="en">RCO58 Dedicated cycling infrastructure supported</span> [km]' in html
