"""The public strategy page's downloads: each is public exactly while it should be, the PDFs are tagged and the
DOCX files open."""

import datetime as dt
import io
import subprocess
import tempfile

import pytest
from django.test import Client
from docx import Document
from freezegun import freeze_time

from zit.strategy.models import StrategyDocument, StrategyVersion
from zit.strategy.reference import load_strategy

STRATEGY = "/strategia/"


def text_url(number: int, fmt: str) -> str:
    return f"/strategia/dokumenty/strategia-wersja-{number}.{fmt}"


def report_url(number: int, fmt: str) -> str:
    return f"/strategia/dokumenty/raport-z-konsultacji-wersja-{number}.{fmt}"


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_checked(data: bytes) -> str:
    """The PDF is tagged, in Polish, with every font embedded; its text comes back."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True).stdout
        text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert all(" yes " in line for line in fonts.splitlines()[2:])
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert document.core_properties.language == "pl-PL"
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def strategy(funding_demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return load_strategy()


@pytest.fixture
def versions(strategy):
    return {v.number: v for v in strategy.versions.all()}  # 1 adopted, 2 in consultation, 3 a draft


def test_the_draft_is_public_while_its_consultation_runs_and_not_after(versions):
    client = Client()
    consulted, adopted = versions[2], versions[1]
    assert consulted.consultation_running
    page = client.get(STRATEGY).content.decode()
    assert f'href="{text_url(2, "pdf")}"' in page and f'href="{text_url(2, "docx")}"' in page
    pdf = client.get(text_url(2, "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "strategia-wersja-2.pdf" in pdf["Content-Disposition"]
    text = pdf_checked(content(pdf))
    assert "Wersja 2: projekt do konsultacji" in text and "Dane demonstracyjne" in text
    docx = client.get(text_url(2, "docx"))
    assert "C1 Gospodarka po transformacji węglowej (demo)" in docx_text(content(docx))
    # generated once: the second download serves the kept file
    client.get(text_url(2, "pdf"))
    assert StrategyDocument.objects.filter(version=consulted, format="pdf").count() == 1
    assert client.get(text_url(3, "pdf")).status_code == 404  # a working draft is never public
    assert client.get(text_url(2, "odt")).status_code == 404
    assert client.get(text_url(9, "pdf")).status_code == 404

    with freeze_time(consulted.consultation_closes + dt.timedelta(days=1)):
        assert client.get(text_url(2, "pdf")).status_code == 404
        assert client.get(text_url(2, "docx")).status_code == 404
        page = client.get(STRATEGY).content.decode()
        assert text_url(2, "pdf") not in page
        assert f'href="{text_url(1, "pdf")}"' in page  # the adopted version stays
        assert client.get(text_url(1, "pdf")).status_code == 200
        assert adopted.in_force


def test_each_adopted_version_is_listed_with_its_dates_and_its_text_says_it_was_adopted(versions):
    from zit.core.services import decision_reference_create
    from zit.strategy.services import version_status_set

    client = Client()
    consulted = versions[2]
    from django.core.files.base import ContentFile

    from zit.strategy.services import version_document_set

    version_document_set(
        actor=None, version=versions[1], document=ContentFile(b"%PDF-1.4 tekst", name="uchwala-3-2024.pdf")
    )
    page = client.get(STRATEGY).content.decode()
    assert "Przyjęte wersje strategii" in page and "26 września 2024" in page  # version 1's dates
    attached = "/strategia/dokumenty/tekst-strategii-wersja-1/"  # the text the office attached
    assert f'href="{attached}"' in page and content(client.get(attached)) == b"%PDF-1.4 tekst"
    assert client.get("/strategia/dokumenty/tekst-strategii-wersja-3/").status_code == 404
    client.get(text_url(2, "pdf"))  # the draft's text, kept while it is a draft in consultation
    with freeze_time(consulted.consultation_closes + dt.timedelta(days=3)):
        decision = decision_reference_create(
            actor=None,
            issuer_kind="association_body",
            issuer_name="Rada Stowarzyszenia Aglomeracji Konińskiej",
            kind="uchwała",
            number="9/2027 (test)",
            date=consulted.consultation_closes + dt.timedelta(days=2),
        )
        version_status_set(actor=None, version=consulted, status="adopted", decision=decision)
        page = client.get(STRATEGY).content.decode()
        assert f'href="{text_url(2, "pdf")}"' in page and f'href="{text_url(1, "docx")}"' in page
        text = pdf_checked(content(client.get(text_url(2, "pdf"))))
        assert "projekt do konsultacji" not in text and "9/2027 (test)" in text  # generated anew
        assert StrategyDocument.objects.filter(version=consulted, format="pdf").count() == 2
        superseded = pdf_checked(content(client.get(text_url(1, "pdf"))))
        assert "zastąpiona" in superseded
        assert "przyjęta uchwałą nr 9/2027" in docx_text(content(client.get(text_url(2, "docx"))))


def test_the_consultation_report_is_public_once_the_consultation_closes(versions, user_for_role):
    from zit.strategy.consultations import comment_respond, opinion_record

    client = Client()
    consulted = versions[2]
    staff = user_for_role("office_staff")
    opinion = opinion_record(
        actor=staff,
        version=consulted,
        target_key="ogolna",
        organisation="Gmina Zagórów (demo)",
        source="pismo z 2026-12-01 (demo)",
        text="Prosimy o uwzględnienie połączeń z Zagórowem.",
    )
    assert client.get(report_url(2, "pdf")).status_code == 404  # still running
    assert report_url(2, "pdf") not in client.get(STRATEGY).content.decode()
    assert client.get(report_url(3, "pdf")).status_code == 404  # never consulted
    assert client.get(report_url(1, "pdf")).status_code == 200  # closed in 2024
    with freeze_time(consulted.consultation_closes + dt.timedelta(days=1)):
        page = client.get(STRATEGY).content.decode()
        assert f'href="{report_url(2, "pdf")}"' in page and f'href="{report_url(2, "docx")}"' in page
        text = pdf_checked(content(client.get(report_url(2, "pdf"))))
        assert "Raport z konsultacji" in text and "Zagórowem" in text and "bez rozstrzygnięcia" in text
        comment_respond(actor=staff, comment=opinion, response="accepted", text="Dodano połączenie.")
        docx = docx_text(content(client.get(report_url(2, "docx"))))
        assert "Zagórowem" in docx and "Dodano połączenie." in docx  # the answer shows, not a stale copy


def test_a_withdrawn_consultation_has_no_public_report(versions):
    StrategyVersion.objects.filter(pk=versions[2].pk).update(status="withdrawn")
    client = Client()
    assert client.get(report_url(2, "pdf")).status_code == 404
    assert client.get(text_url(2, "pdf")).status_code == 404


def annual_url(year: int, fmt: str) -> str:
    return f"/strategia/dokumenty/sprawozdanie-roczne-{year}.{fmt}"


def test_the_annual_report_is_public_once_the_resolution_accepting_it_is_adopted(
    funding_data, user_for_role, settings, tmp_path
):
    from governance.meeting_fixtures import _representatives, open_meeting
    from governance.test_resolutions import draft, vote_all

    from zit.association.models import Body
    from zit.core.jobs import job_run
    from zit.governance import votes
    from zit.governance.models import Ballot, ResolutionKind
    from zit.monitoring.services import annual_report_start

    settings.MEDIA_ROOT = tmp_path
    _representatives()
    rada = Body.objects.get(slug="rada")
    meeting = open_meeting(rada)
    report = annual_report_start(actor=user_for_role("office_staff"), year=2026)
    job_run(report.job_id)
    report.refresh_from_db()
    assert report.has_files
    client = Client()
    kind = {"kind": ResolutionKind.ANNUAL_REPORT, "annual_report": report}
    refused = draft(rada, meeting, subject="przyjęcia sprawozdania za 2026 r.", **kind)
    assert client.get(annual_url(2026, "pdf")).status_code == 404  # a draft resolution publishes nothing
    votes.vote_close(actor=None, vote=vote_all(refused, Ballot.Choice.AGAINST))
    refused.refresh_from_db()
    assert refused.is_rejected and client.get(annual_url(2026, "pdf")).status_code == 404
    assert annual_url(2026, "pdf") not in client.get(STRATEGY).content.decode()

    adopted = draft(rada, meeting, subject="przyjęcia sprawozdania za 2026 r. (ponownie)", **kind)
    votes.vote_close(actor=None, vote=vote_all(adopted))
    adopted.refresh_from_db()
    assert adopted.is_adopted
    page = client.get(STRATEGY).content.decode()
    assert f'href="{annual_url(2026, "pdf")}"' in page and f'href="{annual_url(2026, "docx")}"' in page
    assert adopted.decision.number in page
    assert 'href="/opinie-o-zgodnosci/"' in page  # the register of compliance opinions, always linked
    pdf = client.get(annual_url(2026, "pdf"))
    assert "sprawozdanie-zit-2026.pdf" in pdf["Content-Disposition"]
    assert "Sprawozdanie z realizacji Strategii ZIT za 2026 r." in pdf_checked(content(pdf))
    assert "Postęp finansowy" in docx_text(content(client.get(annual_url(2026, "docx"))))
    assert client.get(annual_url(2025, "pdf")).status_code == 404
    assert client.get(annual_url(2026, "xlsx")).status_code == 404
